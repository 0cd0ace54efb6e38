"""The served engine over time: threads per process, reload without downtime, watching CURRENT.

A reload loads the new index and builds a whole new QAEngine beside the old one, then swaps
the holder's reference in one assignment. Requests already running keep the engine they
started with; new requests get the new one. A damaged new index is refused and the old one
keeps serving.
"""

import asyncio
import logging
import os
import sys
import threading
from dataclasses import dataclass

from fastapi.concurrency import run_in_threadpool

from index.errors import IndexNotFound, InspectionQAError
from index.qa import QAEngine
from index.retrieval.store import CURRENT
from service.deps import EngineHolder
from service.heap import settle_heap

log = logging.getLogger(__name__)

_reload_lock = threading.Lock()


def configure_threads(torch_threads: int, workers: int) -> int:
    """Give each worker process its share of the cores for the model; returns the count."""
    threads = torch_threads or max(1, (os.cpu_count() or 1) // max(1, workers))
    if "torch" not in sys.modules:
        return threads  # an ONNX-served process never imports torch (seconds, ~300 MB)
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:  # pragma: no cover - torch is a dependency
        pass
    return threads


@dataclass
class ReloadResult:
    reloaded: bool
    version: str | None
    previous: str | None
    message: str


def served_pointer(holder: EngineHolder) -> str | None:
    """The version name CURRENT names right now, or None when nothing was built."""
    try:
        return (holder.settings.index_dir / CURRENT).read_text().strip() or None
    except OSError:
        return None


def reload_engine(holder: EngineHolder, force: bool = False) -> ReloadResult:
    """Load the version CURRENT names and swap it in; the old engine serves until then."""
    with _reload_lock:
        old = holder.engine
        previous = old.index.version if old else None
        pointer = served_pointer(holder)
        if not force and old is not None and pointer == previous:
            return ReloadResult(False, previous, previous, "already serving the current index")
        try:
            engine = QAEngine.open(holder.settings)
        except InspectionQAError as exc:
            log.error("new index refused, still serving %s: %s", previous or "nothing", exc)
            if old is None:
                holder.error = str(exc)
            raise
        engine.warm()  # while the old engine still serves
        with holder.lock:
            holder.engine, holder.error = engine, None
        del old
        settle_heap()
        version = engine.index.version
        log.info(
            "now serving index %s (%d documents, %d passages), was %s",
            version,
            len(engine.index.documents),
            len(engine.index.passages),
            previous,
        )
        return ReloadResult(True, version, previous, f"serving {version}")


async def watch_index(holder: EngineHolder, interval: float) -> None:
    """Poll CURRENT and reload when a build commits a new version (runs until cancelled)."""
    refused: str | None = None
    while True:
        await asyncio.sleep(interval)
        pointer = served_pointer(holder)
        served = holder.engine.index.version if holder.engine else None
        if pointer is None or pointer in (served, refused):
            continue
        try:
            await run_in_threadpool(reload_engine, holder)
            refused = None
        except IndexNotFound:
            continue
        except InspectionQAError:
            refused = pointer  # do not retry a bad version every poll; a new build will do
        except Exception:
            log.exception("reload failed; still serving %s", served)
            refused = pointer
