"""BM25 over stemmed words (bm25s builds it), scored over all passages before filtering."""

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import Stemmer

from index.text import STOPWORDS
from index.understanding.question_words import QUESTION_WORDS

log = logging.getLogger(__name__)

_STEMMER = Stemmer.Stemmer("english")


_STOPWORDS = sorted(STOPWORDS)
QUESTION_STEMS = frozenset(_STEMMER.stemWords(sorted(QUESTION_WORDS)))


_SPLIT = re.compile(r"(?u)\b\w\w+\b").findall  # bm25s' (and scikit-learn's) word pattern
_STOPSET = frozenset(_STOPWORDS)
# The word pattern cuts a word at its apostrophe, so a contracted stopword ("they're",
# "didn't") left pieces that are no stopwords ("re", "didn"): "do they know what they're
# entitled to?" matched every "re-referral". Such words are dropped whole before the split.
_CONTRACTION = re.compile(r"\b\w+['’]\w+\b")
_STEMS: dict[str, str] = {}  # word -> stem; stemming is pure, so a cache never goes stale
_STEMS_MAX = 500_000


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """Lowercased, stop-worded, stemmed words: the lexical index's and queries' vocabulary.

    The same tokens as ``bm25s.tokenize(texts, stopwords, stemmer, return_ids=False)``, without
    its per-call cost (progress bars, a stopword set per text): answering tokenizes dozens of
    sentences per question.
    """
    split = [
        [w for w in _SPLIT(_without_contractions(text.lower())) if w not in _STOPSET]
        for text in texts
    ]
    unseen = list({w for words in split for w in words if w not in _STEMS})
    if unseen:
        if len(_STEMS) > _STEMS_MAX:
            _STEMS.clear()
        _STEMS.update(zip(unseen, _STEMMER.stemWords(unseen), strict=True))
    return [[_STEMS[w] for w in words] for words in split]


def _without_contractions(text: str) -> str:
    """``text`` (lowercased) without the contracted stopwords it writes ("they're")."""
    if "'" not in text and "’" not in text:
        return text
    return _CONTRACTION.sub(lambda m: " " if m[0].replace("’", "'") in _STOPSET else m[0], text)


def stem_words(words: Sequence[str]) -> list[str]:
    """``words`` stemmed as the index stems them (no stopword removal)."""
    return _STEMMER.stemWords(list(words))


# Derived forms the stemmer leaves apart ("reliance" is "relianc", "rely" is "reli";
# "leadership" is not "leader"; "conferences" is "confer", "conference" "conferenc"): one
# family to the answer's word matching, so "do they rely on agency staff?" is answered by "no
# reliance on agency workers". Suffixes of nouns and adjectives only: "-al" joined "formal" to
# "form" and "central" to "centr", "-er" "officer" to "office".
_FAMILY_SUFFIXES = ("ship", "anc", "enc", "ant")
_FAMILY_MIN_ROOT = 4


@lru_cache(maxsize=65536)  # a passage's every word is asked the first time it is read
def word_family(stem: str) -> str:
    """The family a stemmed word belongs to: itself without a derivational suffix."""
    for suffix in _FAMILY_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= _FAMILY_MIN_ROOT:
            return stem[: -len(suffix)]
    return stem


def topic_terms(text: str) -> list[str]:
    """Stemmed words that name what a question is about, without its framing words."""
    return [t for t in tokenize([text])[0] if t not in QUESTION_STEMS]


@dataclass(frozen=True)
class Together:
    """A name of several words scored only where all of them are ("independent reviewing
    officer"): each word alone is too common to search for. ``scored``: the words whose
    scores count (those the query does not say already)."""

    words: tuple[str, ...]
    scored: tuple[str, ...]
    weight: float
    most: float  # in more passages than this, all its words together are left out too


class LexicalIndex:
    """A BM25 index whose document ids are passage row numbers.

    bm25s builds and saves it; loading and scoring read its saved arrays directly, so a
    serving process never imports bm25s and scipy (seconds of start-up on a busy machine).
    """

    def __init__(
        self,
        vocab: dict[str, int],
        matrix: tuple[np.ndarray, np.ndarray, np.ndarray],
        size: int,
        nonoccurrence: np.ndarray | None = None,
        retriever: Any = None,
    ) -> None:
        self.vocab_ids = vocab
        self._vocab = set(vocab)
        self._data, self._indices, self.indptr = matrix  # CSC: one column per term
        self._nonoccurrence = nonoccurrence
        self._retriever = retriever  # a freshly built bm25s.BM25, kept only to save it
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> "LexicalIndex":
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        retriever = bm25s.BM25()
        if not texts:
            empty = (np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(1, np.int64))
            return cls({}, empty, 0, None, retriever)
        retriever.index(tokenize(texts), show_progress=False)
        m = retriever.scores
        matrix = (m["data"], m["indices"], m["indptr"])
        return cls(
            dict(retriever.vocab_dict), matrix, len(texts), retriever.nonoccurrence_array, retriever
        )

    def save(self, directory: Path) -> None:
        if self._retriever is None:
            raise ValueError("only a freshly built lexical index can be saved")
        self._retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> "LexicalIndex":
        """Read the files ``bm25s.BM25.save`` writes, without importing bm25s."""
        vocab = json.loads((directory / "vocab.index.json").read_text(encoding="utf-8"))
        matrix = tuple(np.load(directory / f"{n}.csc.index.npy") for n in _CSC)
        nonoccurrence = directory / "nonoccurrence_array.index.npy"
        return cls(
            vocab,
            matrix,  # type: ignore[arg-type]
            size,
            np.load(nonoccurrence) if nonoccurrence.is_file() else None,
        )

    def query_terms(self, query: str) -> list[str]:
        """The query's stemmed words that occur somewhere in the index."""
        return [t for t in tokenize([query])[0] if t in self._vocab]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for ``query`` (zeros when no word is known)."""
        weights: dict[str, float] = {}
        for term in self.query_terms(query):
            weights[term] = weights.get(term, 0.0) + 1.0
        return self.weighted_scores(weights)

    def weighted_scores(
        self, weights: dict[str, float], together: Sequence[Together] = ()
    ) -> np.ndarray:
        """BM25 score of every passage for terms each counted ``weight`` times (an expanded
        query: its own words at 1, the words it was expanded with at less), and for the
        ``together`` names where all their words are."""
        terms = {t: w for t, w in weights.items() if t in self._vocab and w}
        out = np.zeros(self.size, dtype=np.float32)
        if self.size == 0:
            return out
        for name in together:
            rows, score = self._all_of(name.words, name.scored)
            if len(rows) <= name.most:
                out[rows] += name.weight * score
        if not terms:
            return out
        # bm25s' own numpy scorer uses np.add.at, ~10x slower; a term's column never holds
        # a passage twice, so a plain fancy-index add gives the same sums.
        data, indices, indptr = self._data, self._indices, self.indptr
        for term, weight in terms.items():
            j = self.vocab_ids[term]
            column = data[indptr[j] : indptr[j + 1]]
            out[indices[indptr[j] : indptr[j + 1]]] += column if weight == 1.0 else weight * column
        if self._nonoccurrence is not None:
            out += sum(w * self._nonoccurrence[self.vocab_ids[t]] for t, w in terms.items())
        return out

    def _all_of(
        self, words: tuple[str, ...], scored: tuple[str, ...]
    ) -> tuple[np.ndarray, np.ndarray]:
        """The passages holding every one of ``words``, and their BM25 scores for ``scored``."""
        if not words or any(w not in self._vocab for w in words):
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        data, indices, indptr = self._data, self._indices, self.indptr
        columns = [
            (indices[indptr[j] : indptr[j + 1]], data[indptr[j] : indptr[j + 1]], w in scored)
            for w in words
            for j in (self.vocab_ids[w],)
        ]
        columns.sort(key=lambda c: len(c[0]))
        rows, first, keep = columns[0]
        score = first.astype(np.float32) if keep else np.zeros(len(rows), np.float32)
        for other, values, keep in columns[1:]:
            rows, mine, theirs = np.intersect1d(
                rows, other, assume_unique=True, return_indices=True
            )
            score = score[mine] + (values[theirs] if keep else 0.0)
        return rows, score

    def passages_with(self, term: str) -> np.ndarray:
        """The rows of the passages that contain the stemmed ``term``."""
        j = self.vocab_ids.get(term)
        if j is None:
            return np.zeros(0, np.int64)
        return np.asarray(self._indices[self.indptr[j] : self.indptr[j + 1]])

    def document_frequency(self, term: str) -> int:
        """How many passages contain the stemmed ``term``."""
        j = self.vocab_ids.get(term)
        return 0 if j is None else int(self.indptr[j + 1] - self.indptr[j])


_CSC = ("data", "indices", "indptr")


def document_frequencies(index: LexicalIndex) -> dict[str, int]:
    """How many passages contain each indexed term (from the BM25 matrix's columns)."""
    indptr = np.asarray(index.indptr)
    return {
        term: int(indptr[j + 1] - indptr[j])
        for term, j in index.vocab_ids.items()
        if term and j + 1 < len(indptr)
    }
