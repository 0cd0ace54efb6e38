"""Retrieval: dense (FAISS), lexical (BM25) and their fusion, with filters applied to both."""

import time
from dataclasses import dataclass, field
from datetime import date

import faiss
import numpy as np

from index.answer_type import offers
from index.embedding import TextEncoder
from index.metadata import date_period
from index.query import When
from index.store import StoredIndex, search_parameters
from index.types import Filters, Hit

MODES = ("hybrid", "dense", "lexical")
EXACT_SUBSET_MAX = 50_000  # filtered rows scored exactly with numpy rather than via FAISS


@dataclass
class Ranking:
    """Passage rows with scores, best first, from one retriever."""

    rows: list[int]
    scores: list[float]


@dataclass
class SearchResult:
    hits: list[Hit]
    timings_ms: dict[str, float] = field(default_factory=dict)


class Searcher:
    """Hybrid search over one loaded index."""

    def __init__(
        self,
        index: StoredIndex,
        encoder: TextEncoder,
        rrf_k: int,
        dense_weight: float,
        date_weight: float,
        type_weight: float,
        source_weight: float,
        nprobe: int,
        ef_search: int,
    ) -> None:
        """Every knob comes from the one Settings object (see QAEngine)."""
        self.index = index
        self.encoder = encoder
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.date_weight = date_weight
        self.type_weight = type_weight
        self.source_weight = source_weight
        self._params = search_parameters(index.dense, nprobe, ef_search)
        self._nprobe, self._ef_search = nprobe, ef_search
        docs = index.documents
        # Filters compare small integer codes and fixed-width dates: no per-query Python loop
        # over the passages, whatever the size of the index.
        self._authority_codes, self._authority = _codes(
            [(docs[p.doc_id].meta.authority or "").lower() for p in index.passages]
        )
        self._doc_type_codes, self._doc_type = _codes(
            [docs[p.doc_id].meta.doc_type.lower() for p in index.passages]
        )
        periods = {d: date_period(d) for d in {doc.meta.date for doc in docs.values()}}
        spans = [periods[docs[p.doc_id].meta.date] for p in index.passages]
        # A document dated only by year or month covers that whole period.
        self._date = np.array([first for first, _ in spans], dtype="U10")
        self._date_last = np.array([last for _, last in spans], dtype="U10")
        self._title = [docs[p.doc_id].meta.title.lower() for p in index.passages]
        self._doc_ids = np.array([p.doc_id for p in index.passages], dtype=object)
        self.authorities = {
            d.meta.authority.lower(): d.meta.authority for d in docs.values() if d.meta.authority
        }
        # Template text many reports repeat (back page, licence notice) answers nothing.
        self._boilerplate = index.boilerplate
        self._offered: dict[str, np.ndarray] = {}  # per answer kind: -1 unknown, 0/1

    def allowed(self, filters: Filters) -> np.ndarray | None:
        """Boolean mask of passages the filters allow; None when nothing is filtered."""
        if filters.is_empty():
            return None
        mask = np.ones(len(self.index.passages), dtype=bool)
        if filters.authority:
            wanted = [self._authority_codes.get(a.lower(), -1) for a in filters.authority]
            mask &= np.isin(self._authority, wanted)
        if filters.doc_type:
            wanted = [self._doc_type_codes.get(t.lower(), -1) for t in filters.doc_type]
            mask &= np.isin(self._doc_type, wanted)
        if filters.date_from or filters.date_to:
            lo = (filters.date_from or date.min).isoformat()
            hi = (filters.date_to or date.max).isoformat()
            mask &= (self._date != "") & (self._date_last >= lo) & (self._date <= hi)
        if filters.doc_id:
            mask &= np.isin(self._doc_ids, list(filters.doc_id))
        return mask

    def dense(self, vector: np.ndarray, mask: np.ndarray | None, k: int) -> Ranking:
        if mask is None:
            scores, ids = self.index.dense.search(vector[None, :], k, params=self._params)
            pairs = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
            return Ranking([i for i, _ in pairs], [s for _, s in pairs])
        rows = np.flatnonzero(mask)
        if len(rows) == 0:
            return Ranking([], [])
        if len(rows) <= EXACT_SUBSET_MAX:
            # A filtered question (one authority) is a few thousand rows: scoring them exactly
            # is cheaper than a selector scan of the whole index, and exact whatever its type.
            sims = self.index.vectors[rows] @ vector
            k = min(k, len(rows))
            top = np.argpartition(-sims, k - 1)[:k]
            top = top[np.argsort(-sims[top], kind="stable")]
            return Ranking([int(r) for r in rows[top]], [float(s) for s in sims[top]])
        selector = faiss.IDSelectorBitmap(np.packbits(mask, bitorder="little"))
        params = search_parameters(self.index.dense, self._nprobe, self._ef_search, selector)
        scores, ids = self.index.dense.search(vector[None, :], min(k, len(rows)), params=params)
        pairs = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        return Ranking([i for i, _ in pairs], [s for _, s in pairs])

    def lexical(self, query: str, mask: np.ndarray | None, k: int) -> Ranking:
        scores = self.index.lexical.scores(query)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(scores))
        if k == 0:
            return Ranking([], [])
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        top = [int(i) for i in top if scores[i] > 0]
        return Ranking(top, [float(scores[i]) for i in top])

    def search(
        self,
        query: str,
        filters: Filters,
        top_k: int,
        mode: str,
        candidates: int,
        when: When | None = None,
        kind: str | None = None,
        sources: tuple[str, ...] = (),
    ) -> SearchResult:
        """The ``top_k`` passages for ``query`` among those ``filters`` allow."""
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        mask = self.allowed(filters)
        allowed = len(self.index.passages) if mask is None else int(mask.sum())
        timings["filter"] = _ms(t0)
        depth = max(candidates, top_k)
        dense = lexical = Ranking([], [])
        if mode in ("hybrid", "dense") and allowed:
            t0 = time.perf_counter()
            vector = self.encoder.encode_query(query)
            timings["encode"] = _ms(t0)
            t0 = time.perf_counter()
            dense = self.dense(vector, mask, depth)
            timings["dense"] = _ms(t0)
        if mode in ("hybrid", "lexical") and allowed:
            t0 = time.perf_counter()
            lexical = self.lexical(query, mask, depth)
            timings["lexical"] = _ms(t0)
        dense, lexical = self._without_boilerplate(dense), self._without_boilerplate(lexical)
        t0 = time.perf_counter()
        hits = self._fuse(dense, lexical, mode, when, kind, sources)[:top_k]
        timings["fusion"] = _ms(t0)
        return SearchResult(hits, timings)

    def _without_boilerplate(self, ranking: Ranking) -> Ranking:
        keep = [k for k, row in enumerate(ranking.rows) if not self._boilerplate[row]]
        return Ranking([ranking.rows[k] for k in keep], [ranking.scores[k] for k in keep])

    def _timely(self, rows: list[int], when: When) -> set[int]:
        """Rows from documents of the time asked about: dated (or titled) with a year named,
        dated after a baseline ("since 2019"), or, for "latest", from the most recent document
        among the candidates."""
        if when.years:
            return {
                r
                for r in rows
                if self._date[r][:4] in when.years or any(y in self._title[r] for y in when.years)
            }
        if when.after:
            return {r for r in rows if self._date[r] > when.after}
        newest = max((self._date[r] for r in rows), default="")
        return {r for r in rows if newest and self._date[r] == newest}

    def _fuse(
        self,
        dense: Ranking,
        lexical: Ranking,
        mode: str,
        when: When | None = None,
        kind: str | None = None,
        sources: tuple[str, ...] = (),
    ) -> list[Hit]:
        dense_score = dict(zip(dense.rows, dense.scores, strict=True))
        lexical_score = dict(zip(lexical.rows, lexical.scores, strict=True))
        fused: dict[int, float] = {}
        if mode == "dense":
            fused = dict(dense_score)
        elif mode == "lexical":
            fused = dict(lexical_score)
        else:
            # Weighted RRF: the dense ranking's vote counts dense_weight times a lexical one.
            for ranking, weight in ((dense, self.dense_weight), (lexical, 1.0)):
                for rank, row in enumerate(ranking.rows):
                    fused[row] = fused.get(row, 0.0) + weight / (self.rrf_k + rank + 1)
            if when and self.date_weight:
                # A third voter: documents of the inspection year asked about (or the latest
                # one) as if ranked first, so "in 2018" prefers the 2018 report's passages.
                for row in self._timely(list(fused), when):
                    fused[row] += self.date_weight / (self.rrf_k + 1)
            if kind and self.type_weight:
                # And one for passages that hold the kind of answer asked for: a named
                # person for "who", a date for "when".
                for row in [r for r in fused if self._offers(kind, r)]:
                    fused[row] += self.type_weight / (self.rrf_k + 1)
            if sources and self.source_weight:
                # And one for the kind of document the question names ("according to the
                # committee minutes"): a vote, not a filter, as doc types are inferred.
                wanted = {self._doc_type_codes.get(t, -1) for t in sources}
                for row in [r for r in fused if self._doc_type[r] in wanted]:
                    fused[row] += self.source_weight / (self.rrf_k + 1)
        order = sorted(fused, key=lambda r: (-fused[r], r))
        passages = self.index.passages
        return [
            Hit(passages[r], fused[r], dense_score.get(r), lexical_score.get(r), r) for r in order
        ]

    def _offers(self, kind: str, row: int) -> bool:
        """``offers(kind, passage text)``, remembered per passage: the same candidates come
        back question after question, and the regexes were a tenth of an ask (issue 16)."""
        known = self._offered.get(kind)
        if known is None:
            known = self._offered.setdefault(kind, np.full(len(self.index.passages), -1, np.int8))
        if known[row] < 0:  # a race only writes the same value twice
            known[row] = offers(kind, self.index.passages[row].text)
        return bool(known[row])


def _codes(values: list[str]) -> tuple[dict[str, int], np.ndarray]:
    """Each distinct value's code, and the per-passage codes."""
    table: dict[str, int] = {}
    codes = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32)
    return table, codes


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 3)
