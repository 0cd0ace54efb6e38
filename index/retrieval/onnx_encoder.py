"""The same sentence encoder exported to ONNX and run with onnxruntime: faster, lighter to start.

The export is made from the packaged (or tuned) weights at build time (torch is needed only
then), kept in a cache directory keyed by the weights' fingerprint, and used only when its
vectors match the sentence-transformers model on real passages (max abs diff below a
tolerance). Serving then needs neither torch nor sentence-transformers.
"""

import json
import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.retrieval.model_files import model_path, weights_fingerprint

log = logging.getLogger(__name__)

MODEL_FILE = "model.onnx"
META_FILE = "verified.json"
TOLERANCE = 1e-4
# int8 (issue 16): the fp32 graph with BERT fusions (attention, LayerNorm, GELU), then dynamic
# quantisation of its weights, signed and per channel (per tensor lost ~0.05 of cosine).
INT8_FILE = "model-int8.onnx"
INT8_META_FILE = "int8.json"
INT8_MIN_COSINE = 0.95  # below this on the sample passages the int8 model is not kept
PRECISIONS = ("fp32", "int8")


def export_dir(cache_dir: Path, model_name: str, weights: Path | None = None) -> Path:
    """Where the export of ``model_name``'s weights (packaged, or tuned in ``weights``) lives:
    keyed by their fingerprint, so tuned weights never reuse the base model's export."""
    slug = model_name.replace("/", "--") + ("-tuned" if weights is not None else "")
    return cache_dir / f"{slug}-{weights_fingerprint(model_name, weights)}"


def onnx_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


class OnnxEncoder:
    """Sentence embeddings from the ONNX export, L2-normalised float32 rows (as ``Encoder``)."""

    backend = "onnx"

    def __init__(
        self,
        model_name: str,
        directory: Path,
        batch_size: int = 32,
        threads: int = 0,
        precision: str = "fp32",
        weights: Path | None = None,
        spin: bool = False,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta = json.loads((directory / META_FILE).read_text())
        self.precision = precision
        self.model_name = model_name
        self.batch_size = batch_size
        self.dimension = int(meta["dimension"])
        self.max_tokens = int(meta["max_tokens"])
        self.fingerprint = weights_fingerprint(model_name, weights)
        self._tokenizer = Tokenizer.from_file(
            str(model_path(model_name, weights) / "tokenizer.json")
        )
        self._tokenizer.enable_truncation(self.max_tokens)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the batch longest
        options = ort.SessionOptions()
        self.threads = threads or (os.cpu_count() or 1)
        self.spins = spin and self.threads > 1
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        # Spinning threads steal a shared machine's cores from everything else: they sleep,
        # but for a question's encoder, whose latency they cut by a third (settings).
        options.add_session_config_entry("session.intra_op.allow_spinning", str(int(self.spins)))
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        model_file = INT8_FILE if precision == "int8" else MODEL_FILE
        self._session = ort.InferenceSession(
            str(directory / model_file), options, providers=["CPUExecutionProvider"]
        )

    def _run(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (vectors,) = self._session.run(None, feeds)
        return vectors

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Embed ``texts``; an empty input gives an empty (0, dimension) array."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # Dynamic int8 quantisation scales each run's activations by the whole batch, so a
        # text's vector depended on the texts batched with it (cosines moved by up to 0.03
        # between two builds of the same corpus). One text a run makes every vector the same in
        # any build, as a query's is. Passages are as fast so (no padding to a batch's longest);
        # the archive's many short sentences are slower (its build 13.6 min instead of 11).
        size = 1 if self.precision == "int8" else self.batch_size
        parts = [self._run(texts[i : i + size]) for i in range(0, len(texts), size)]
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self._run([text])[0]


def export_onnx(
    model_name: str, cache_dir: Path, samples: Sequence[str], weights: Path | None = None
) -> Path | None:
    """Export the model to ONNX unless a verified export exists; None when it does not match.

    ``samples`` are real passages: the export is kept only if its vectors for them are within
    ``TOLERANCE`` of sentence-transformers' own, so the index never mixes two embeddings.
    """
    target = export_dir(cache_dir, model_name, weights)
    if (target / META_FILE).is_file() and (target / MODEL_FILE).is_file():
        return target
    if not onnx_available():
        log.info("onnxruntime is not installed: the encoder stays on sentence-transformers")
        return None
    import torch
    from sentence_transformers import SentenceTransformer

    started = time.perf_counter()
    reference = SentenceTransformer(str(model_path(model_name, weights)), device="cpu")
    transformer = reference[0].auto_model.eval()

    class Pooled(torch.nn.Module):
        """Transformer, mean pooling over real tokens, L2 normalisation: the whole model."""

        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            hidden = self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )[0]
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    staging = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    staging.mkdir(parents=True, exist_ok=True)
    dummy = torch.ones((2, 8), dtype=torch.int64)
    dynamic = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            Pooled(),
            (dummy, dummy, torch.zeros_like(dummy)),
            str(staging / MODEL_FILE),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": dynamic,
                "attention_mask": dynamic,
                "token_type_ids": dynamic,
                "embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
    dimension = int(reference.get_embedding_dimension())
    max_tokens = int(reference.max_seq_length)
    meta = {
        "model_name": model_name,
        "fingerprint": weights_fingerprint(model_name, weights),
        "dimension": dimension,
        "max_tokens": max_tokens,
    }
    (staging / META_FILE).write_text(json.dumps(meta))
    texts = list(samples) or ["Children in care are well supported."]
    expected = reference.encode(texts, batch_size=32, normalize_embeddings=True)
    got = OnnxEncoder(model_name, staging, weights=weights).encode(texts)
    diff = float(np.max(np.abs(expected - got)))
    if diff >= TOLERANCE:
        log.warning("ONNX export differs from the model by %.2e: not used", diff)
        for path in staging.iterdir():
            path.unlink()
        staging.rmdir()
        return None
    meta.update(max_abs_diff=diff, samples=len(texts), torch=torch.__version__)
    (staging / META_FILE).write_text(json.dumps(meta, indent=2))
    if target.exists():  # another process finished first; theirs is as good
        for path in staging.iterdir():
            path.unlink()
        staging.rmdir()
    else:
        staging.rename(target)
    log.info(
        "exported %s to ONNX in %.1fs (max abs diff %.1e over %d passages)",
        model_name,
        time.perf_counter() - started,
        diff,
        len(texts),
    )
    return target


def int8_ready(directory: Path) -> bool:
    return (directory / INT8_META_FILE).is_file() and (directory / INT8_FILE).is_file()


def quantise_int8(
    directory: Path, model_name: str, samples: Sequence[str], weights: Path | None = None
) -> bool:
    """Write the int8 model beside a verified fp32 export unless it is there; False if the
    quantised vectors stray too far from fp32 on ``samples`` (real passages)."""
    if int8_ready(directory):
        return True
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    started = time.perf_counter()
    meta = json.loads((directory / META_FILE).read_text())
    staging = directory / f".int8.tmp-{os.getpid()}"
    staging.mkdir(exist_ok=True)
    try:
        optimised = optimize_model(
            str(directory / MODEL_FILE), model_type="bert", num_heads=12, hidden_size=384
        )
        optimised.save_model_to_file(str(staging / "optimised.onnx"))
        quantize_dynamic(
            staging / "optimised.onnx",
            staging / INT8_FILE,
            weight_type=QuantType.QInt8,
            per_channel=True,
            # Fused ops lack inferred types; their outputs are float.
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        (staging / META_FILE).write_text(json.dumps(meta))
        texts = list(samples) or ["Children in care are well supported."]
        reference = OnnxEncoder(model_name, directory, weights=weights).encode(texts)
        got = OnnxEncoder(model_name, staging, precision="int8", weights=weights).encode(texts)
        cosines = np.sum(reference * got, axis=1)
        figures = {
            "cosine_mean": float(cosines.mean()),
            "cosine_min": float(cosines.min()),
            "samples": len(texts),
        }
        if figures["cosine_min"] < INT8_MIN_COSINE:
            log.warning("int8 model strays from fp32 (min cosine %.3f): not used", cosines.min())
            return False
        os.replace(staging / INT8_FILE, directory / INT8_FILE)
        (directory / INT8_META_FILE).write_text(json.dumps(figures, indent=2))
        log.info(
            "quantised %s to int8 in %.1fs (cosine to fp32: mean %.4f, min %.4f)",
            model_name,
            time.perf_counter() - started,
            figures["cosine_mean"],
            figures["cosine_min"],
        )
        return True
    finally:
        for path in staging.iterdir():
            path.unlink()
        staging.rmdir()
