"""Each passage's sentences embedded at build time.

A passage of 200 tokens holds several findings; its one vector is their average, and the
question's words may match a sentence the question is not about. The composer scores each
sentence by its own cosine with the question as well as by the words it shares with it
(``answer_semantic_weight``); a query then reads those cosines from these vectors instead of
encoding sentences while the user waits.
"""

from collections.abc import Sequence

import numpy as np

from index.retrieval.store import SentenceVectors
from index.retrieval.vector_cache import EncodeFn, VectorCache
from index.text import passage_sentences
from index.types import Passage


def sentence_texts(passages: Sequence[Passage]) -> tuple[list[str], np.ndarray]:
    """Every passage's sentences in order, and where each passage's begin (and the last ends)."""
    texts: list[str] = []
    offsets = [0]
    for passage in passages:
        texts.extend(passage.text[s:e] for s, e in passage_sentences(passage.text))
        offsets.append(len(texts))
    return texts, np.array(offsets, dtype=np.int64)


def embed_sentences(
    passages: Sequence[Passage], cache: VectorCache, encode: EncodeFn, dimension: int
) -> SentenceVectors:
    """The sentences' vectors, each distinct text encoded once (and not at all when ``cache``
    holds it from the served index), kept as fp16: 150,000 sentences in 110 MB."""
    texts, offsets = sentence_texts(passages)
    vectors = cache.encode(texts, encode, dimension)
    return SentenceVectors(vectors.astype(np.float16), offsets)


def remember_sentences(
    cache: VectorCache, passages: Sequence[Passage], stored: SentenceVectors
) -> None:
    """Put an index's sentence vectors in ``cache`` for the next build to reuse."""
    texts, _ = sentence_texts(passages)
    cache.add_all(texts, np.asarray(stored.vectors, dtype=np.float32))
