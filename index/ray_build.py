"""The build's two heavy stages on Ray: read/chunk as Ray Data tasks, embedding in an actor pool.

``build_index(..., executor=RayExecutor(...))`` plans, reuses and writes exactly as the local
build does; only reading, chunking and embedding leave this process. Each embedding actor
loads the model once and encodes batches; lost tasks and actors are retried by Ray, so a
worker node lost mid-build costs time, not the index.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from index.build import EmbedResult, ReadResult, longest_first, prepare_encoder, read_and_chunk
from index.errors import ExtraMissing
from index.ingest.loaders import SourceFile
from index.settings import Settings

log = logging.getLogger(__name__)

EXTRA_HINT = "Ray is not installed: pip install -e .[ray]"


def require_ray() -> Any:
    """The ``ray`` module, or one clear error naming the extra."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ExtraMissing(EXTRA_HINT) from exc
    return ray


def connect(address: str | None, num_cpus: int | None = None) -> bool:
    """Join ``address`` or start a local Ray; True when this call started it."""
    ray = require_ray()
    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {
        "log_to_driver": False,
        "configure_logging": False,
        # Workers never reach a model hub either.
        "runtime_env": {"env_vars": {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}},
    }
    if address:
        kwargs["address"] = address
    else:
        # "local" always starts a private Ray; None would join any cluster found on the machine.
        kwargs["address"] = "local"
        kwargs["num_cpus"] = num_cpus or os.cpu_count() or 1
        kwargs["include_dashboard"] = False
        kwargs["object_store_memory"] = 512 * 1024 * 1024
    ray.init(**kwargs)
    return True


def _read_rows(batch: dict[str, np.ndarray], settings: Settings) -> dict[str, list[Any]]:
    results = [pickle.dumps(read_and_chunk(pickle.loads(raw), settings)) for raw in batch["source"]]
    return {"i": list(batch["i"]), "result": results}


class _Embedder:
    """One actor of the pool: the model loaded once, then batch after batch."""

    def __init__(self, settings: Settings) -> None:
        from index.retrieval.embedding import encoder_for

        # The local build's encoder (ONNX when exported), one thread per CPU Ray gave the actor.
        self.encoder = encoder_for(settings, threads=1)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self.encoder.encode([str(t) for t in batch["text"]])
        return {"row": batch["row"], "vector": vectors}


class RayExecutor:
    """Runs ``read_chunk`` and ``embed`` on a Ray cluster (local when no address is given)."""

    def __init__(
        self,
        address: str | None = None,
        embed_actors: int = 2,
        num_cpus: int | None = None,
        rows_per_task: int | None = None,
        on_embed_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.address = address
        self.embed_actors = max(1, embed_actors)
        # A local Ray gets a slot per actor plus one for read tasks, even on fewer cores.
        self.num_cpus = num_cpus or max(os.cpu_count() or 1, self.embed_actors + 1)
        self.rows_per_task = rows_per_task
        self.on_embed_progress = on_embed_progress
        self._started = False

    def __enter__(self) -> RayExecutor:
        self._started = connect(self.address, self.num_cpus)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._started:
            require_ray().shutdown()
            self._started = False

    def _context(self, progress: bool) -> None:
        ray = require_ray()
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = progress
        if not progress:  # --quiet: Ray Data's per-dataset INFO lines are progress too
            logging.getLogger("ray.data").setLevel(logging.WARNING)
        ctx.verbose_stats_logs = False

    def read_chunk(
        self, sources: Sequence[SourceFile], settings: Settings, progress: bool
    ) -> list[ReadResult]:
        if not sources:
            return []
        ray = require_ray()
        self._context(progress)
        items = [{"i": i, "source": pickle.dumps(s)} for i, s in enumerate(sources)]
        ds = ray.data.from_items(items, override_num_blocks=min(len(items), 64))
        ds = ds.map_batches(_read_rows, fn_kwargs={"settings": settings}, batch_size=1, num_cpus=1)
        out: list[ReadResult | None] = [None] * len(sources)
        for row in ds.iter_rows():
            out[int(row["i"])] = pickle.loads(row["result"])
        missing = [str(sources[i].path) for i, r in enumerate(out) if r is None]
        if missing:  # pragma: no cover - Ray retries lost tasks; this would be a Ray bug
            raise RuntimeError(f"Ray returned no result for {missing[:3]}")
        return out  # type: ignore[return-value]

    def embed(self, texts: Sequence[str], settings: Settings, progress: bool) -> EmbedResult:
        ray = require_ray()
        self._context(progress)
        prepare_encoder(settings, texts)
        order = longest_first(texts)
        batch = self.rows_per_task or settings.embed_batch_size
        items = [{"row": r, "text": texts[r]} for r in order]
        ds = ray.data.from_items(items, override_num_blocks=max(1, -(-len(items) // batch)))
        ds = ds.map_batches(
            _Embedder,
            fn_constructor_kwargs={"settings": settings},
            batch_size=batch,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=self.embed_actors),
            num_cpus=1,
        )
        vectors: np.ndarray | None = None
        seen = np.zeros(len(texts), dtype=bool)  # a retried task may not count twice
        for out in ds.iter_batches(batch_size=None, batch_format="numpy"):
            rows, block = out["row"], np.asarray(out["vector"], dtype=np.float32)
            if vectors is None:
                vectors = np.zeros((len(texts), block.shape[1]), dtype=np.float32)
            vectors[rows] = block
            seen[rows] = True
            if self.on_embed_progress:
                self.on_embed_progress(int(seen.sum()), len(texts))
        if vectors is None or not seen.all():
            raise RuntimeError(f"Ray embedded {int(seen.sum())} of {len(texts)} passages")
        return EmbedResult(vectors, int(vectors.shape[1]))
