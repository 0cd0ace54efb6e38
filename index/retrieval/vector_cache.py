"""Embed each distinct text once: vectors by a hash of the exact text the encoder sees.

Ofsted's template pages recur in every report and a corpus may repeat a paragraph thousands
of times; within a build each distinct text is embedded once, and a later build takes the
vectors of texts the served index already holds (when its encoder is the same one).
"""

import hashlib
from collections.abc import Callable, Sequence

import numpy as np

EncodeFn = Callable[[list[str]], np.ndarray]


def text_key(text: str) -> bytes:
    """A 128-bit digest of ``text``: collisions are not a practical concern at this size."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class VectorCache:
    """Vectors by text digest, for one encoder (the caller keeps encoders apart)."""

    def __init__(self) -> None:
        self._rows: dict[bytes, np.ndarray] = {}
        self.hits = 0

    def __len__(self) -> int:
        return len(self._rows)

    def add_all(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Remember ``vectors`` (row for row with ``texts``)."""
        for text, vector in zip(texts, vectors, strict=True):
            self._rows.setdefault(text_key(text), vector)

    def encode(
        self, texts: Sequence[str], encode: EncodeFn, dimension: int | None = None
    ) -> np.ndarray:
        """Vectors for ``texts``, calling ``encode`` only on distinct texts not seen before
        (longest first, which keeps batches of similar length); returns (len(texts), dim),
        ``dim`` read from the vectors when not given."""
        keys = [text_key(t) for t in texts]
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._rows and key not in missing:
                missing[key] = text
        if missing:
            order = sorted(missing, key=lambda k: -len(missing[k]))
            fresh = encode([missing[k] for k in order])
            for key, vector in zip(order, fresh, strict=True):
                self._rows[key] = vector
        self.hits += len(texts) - len(missing)
        if dimension is None:
            dimension = len(self._rows[keys[0]]) if keys else 0
        out = np.empty((len(texts), dimension), dtype=np.float32)
        for i, key in enumerate(keys):
            out[i] = self._rows[key]
        return out
