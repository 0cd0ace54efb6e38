"""The served engine's objects kept out of the cyclic garbage collector's full passes.

A loaded and warmed engine holds some hundred thousand long-lived objects (passages, their
words, the answer's caches). Python's full collection walks them all: on the whole archive it
paused one question in about four hundred for ~110 ms, the slowest answers by far. Frozen
(``gc.freeze``), they are still freed by reference counting but never walked again.
"""

import gc


def settle_heap() -> None:
    """Freeze what is alive now, after an engine is swapped in. The engine it replaced is
    unfrozen first, so that its cycles are collected once nothing serves from it."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
