"""BM25 over stemmed words (bm25s), scored over all passages so filters apply before ranking."""

import logging
import re
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from index.text import QUESTION_WORDS, STOPWORDS

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)

_STEMMER = Stemmer.Stemmer("english")


_STOPWORDS = sorted(STOPWORDS)
_QUESTION_STEMS = frozenset(_STEMMER.stemWords(sorted(QUESTION_WORDS)))


_SPLIT = re.compile(r"(?u)\b\w\w+\b").findall  # bm25s' (and scikit-learn's) word pattern
_STOPSET = frozenset(_STOPWORDS)
_STEMS: dict[str, str] = {}  # word -> stem; stemming is pure, so a cache never goes stale
_STEMS_MAX = 500_000


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """Lowercased, stop-worded, stemmed words: the lexical index's and queries' vocabulary.

    The same tokens as ``bm25s.tokenize(texts, stopwords, stemmer, return_ids=False)``, without
    its per-call cost (progress bars, a stopword set per text): answering tokenizes dozens of
    sentences per question.
    """
    split = [[w for w in _SPLIT(text.lower()) if w not in _STOPSET] for text in texts]
    unseen = list({w for words in split for w in words if w not in _STEMS})
    if unseen:
        if len(_STEMS) > _STEMS_MAX:
            _STEMS.clear()
        _STEMS.update(zip(unseen, _STEMMER.stemWords(unseen), strict=True))
    return [[_STEMS[w] for w in words] for words in split]


def topic_terms(text: str) -> list[str]:
    """Stemmed words that name what a question is about, without its framing words."""
    return [t for t in tokenize([text])[0] if t not in _QUESTION_STEMS]


class LexicalIndex:
    """A BM25 index whose document ids are passage row numbers."""

    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self._vocab = set(retriever.vocab_dict)
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> "LexicalIndex":
        retriever = bm25s.BM25()
        if texts:
            retriever.index(tokenize(texts), show_progress=False)
        return cls(retriever, len(texts))

    def save(self, directory: Path) -> None:
        self._retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> "LexicalIndex":
        return cls(bm25s.BM25.load(str(directory), show_progress=False), size)

    def query_terms(self, query: str) -> list[str]:
        """The query's stemmed words that occur somewhere in the index."""
        return [t for t in tokenize([query])[0] if t in self._vocab]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for ``query`` (zeros when no word is known)."""
        terms = self.query_terms(query)
        out = np.zeros(self.size, dtype=np.float32)
        if not terms or self.size == 0:
            return out
        # bm25s' own numpy scorer uses np.add.at, ~10x slower; a term's column never holds
        # a passage twice, so a plain fancy-index add gives the same sums.
        matrix = self._retriever.scores
        data, indices, indptr = matrix["data"], matrix["indices"], matrix["indptr"]
        vocab = self._retriever.vocab_dict
        for term in terms:
            j = vocab[term]
            out[indices[indptr[j] : indptr[j + 1]]] += data[indptr[j] : indptr[j + 1]]
        if self._retriever.nonoccurrence_array is not None:
            out += self._retriever.nonoccurrence_array[[vocab[t] for t in terms]].sum()
        return out


def document_frequencies(index: LexicalIndex) -> dict[str, int]:
    """How many passages contain each indexed term (from the BM25 matrix's columns)."""
    retriever = index._retriever
    indptr = np.asarray(retriever.scores["indptr"])
    return {
        term: int(indptr[j + 1] - indptr[j])
        for term, j in retriever.vocab_dict.items()
        if term and j + 1 < len(indptr)
    }
