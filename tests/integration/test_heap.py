"""The served engine's objects are out of the garbage collector's full passes (a full pass over
them paused a question ~110 ms on the whole archive), and a reload still frees the engine it
replaces."""

import gc
import weakref
from pathlib import Path

from service.deps import EngineHolder
from service.lifecycle import reload_engine
from service.settings import ServiceSettings


def test_a_loaded_engine_is_frozen_and_a_replaced_one_is_freed(built_index: Path) -> None:
    holder = EngineHolder(ServiceSettings(index_dir=built_index))
    holder.load()
    first = holder.require()
    # Every passage (and far more: their words, the warm caches) is in the frozen generation.
    assert gc.get_freeze_count() > 10 * len(first.index.passages)
    tracked = len(gc.get_objects())
    assert tracked < gc.get_freeze_count()  # a full pass now walks only what came after

    gone = weakref.ref(first)
    del first
    reload_engine(holder, force=True)
    assert holder.require() is not None
    gc.collect()
    assert gone() is None  # nothing of it outlives the reload
