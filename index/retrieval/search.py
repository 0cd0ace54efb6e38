"""Retrieval: dense (FAISS), lexical (BM25) and their fusion, with filters applied to both."""

import itertools
import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import faiss
import numpy as np

from index.ingest.metadata import date_period
from index.retrieval.embedding import TextEncoder
from index.retrieval.expansion import Alternatives, Expansion, Lexicon, load_lexicon
from index.retrieval.lexical import QUESTION_STEMS, Together, tokenize
from index.retrieval.rerank import DEFAULT_MODEL, Candidate, Reranker, feature_matrix
from index.retrieval.store import StoredIndex, search_parameters
from index.text import passage_sentences
from index.types import CosinesOf, Filters, Hit, SentenceCosines
from index.understanding.answer_type import ANSWER_KINDS, NEGATIVE, offers
from index.understanding.lexicon import SECTIONS
from index.understanding.query import When
from index.understanding.question import under_section
from index.understanding.question_words import QUESTION_WORDS

if TYPE_CHECKING:
    from index.settings import Settings

log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "lexical")
SECTION_CANDIDATES_MAX = 60  # passages under an asked-for section added to fusion unsought
EXACT_SUBSET_MAX = 50_000  # filtered rows scored exactly with numpy rather than via FAISS


@dataclass
class Ranking:
    """Passage rows with scores, best first, from one retriever."""

    rows: list[int]
    scores: list[float]


@dataclass(frozen=True)
class Stages:
    """Issue 15's levers around the first-stage retrievers; a weight of 0 turns one off.
    Their defaults are Settings' (``stages_from``), the one place they are chosen.

    Query side: ``lexicon_weight`` counts each word a lexicon name adds to the BM25 query as
    that fraction of one of the question's own words; ``lexicon_dense`` also writes the names
    into the query the encoder reads; ``acronyms_spelled_dense`` writes only the long form of
    each acronym the question uses beside it ("IROs (independent reviewing officers)").
    Pseudo-relevance feedback: the ``prf_terms`` most salient words of the first ``prf_docs``
    fused passages join the BM25 query at ``prf_weight``, and the dense query moves
    ``dense_prf_weight`` towards their mean vector.
    Second stage: over the first ``rerank_depth`` fused passages, a vote of ``heading_weight``
    ranked by how much of the query their section heading and document title hold, and one
    of ``maxsim_weight`` ranked by the query's best cosine with any one of their sentences.
    A third first-stage retriever, ``sentence_weight``: passages ranked by their best sentence
    (the build's sentence vectors), fused beside dense and BM25.
    """

    lexicon_weight: float
    lexicon_dense: bool
    acronyms_spelled_dense: bool
    lexicon_max_df: float  # expansion words in more than this share of passages: left out
    topic_only: str  # none | lexical | dense | both: framing words left out
    prf_docs: int
    prf_terms: int
    prf_weight: float
    dense_prf_weight: float
    rerank_depth: int
    heading_weight: float
    maxsim_weight: float
    reranker: Reranker | None = None  # the learned second stage over ``rerank_depth``
    section_weight: float = 0.0  # RRF vote for the report section a question asks for
    sentence_weight: float = 0.0  # RRF vote of a third retriever: the best sentence's cosine
    newest_weight: float = 0.0  # RRF vote for the newest document, for an undated question


@dataclass(frozen=True)
class Votes:
    """What a question says besides its words, each a vote in fusion and a ranker feature:
    the time asked about, the kind of answer, the kinds of document and the report sections
    it names."""

    when: When | None = None
    kind: str | None = None
    sources: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    undated: bool = False  # names an authority but no time
    visits: tuple[str, ...] = ()  # visits it names ("monitoring visit"), as titles say them


@dataclass
class SearchResult:
    hits: list[Hit]
    timings_ms: dict[str, float] = field(default_factory=dict)
    # The fused order before the learned stage re-scored it (None when it did not run).
    first_stage: list[Hit] | None = None
    vector: np.ndarray | None = None  # the dense query, when one was encoded


@dataclass
class FirstStage:
    """The fused passages, and the two rankings and query words they came from."""

    hits: list[Hit]
    dense: Ranking
    lexical: Ranking
    terms: dict[str, float]
    query_terms: tuple[str, ...] = ()  # the query's own stemmed words, in order
    named: tuple[int, ...] = ()  # rows under a section the question asks for, added unsought
    vector: np.ndarray | None = None  # the dense query, when one was encoded


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
        stages: Stages,
        lexicon: Lexicon | None = None,
    ) -> None:
        """Every knob comes from the one Settings object (see QAEngine)."""
        self.index = index
        self.stages = stages
        self.lexicon = lexicon or load_lexicon()
        self.encoder = encoder
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.date_weight = date_weight
        self.type_weight = type_weight
        self.source_weight = source_weight
        self.section_weight = stages.section_weight
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
        # Each passage's document title (one string per document), for a visit named.
        self._title = [docs[p.doc_id].meta.title.lower() for p in index.passages]
        periods = {d: date_period(d) for d in {doc.meta.date for doc in docs.values()}}
        spans = [periods[docs[p.doc_id].meta.date] for p in index.passages]
        # A document dated only by year or month covers that whole period.
        self._dated = [first for first, _ in spans]  # as str: read row by row
        self._date = np.array(self._dated, dtype="U10")  # as an array: masks
        self._date_last = np.array([last for _, last in spans], dtype="U10")
        self._title = [docs[p.doc_id].meta.title.lower() for p in index.passages]
        self._length = [len(p.text.split()) for p in index.passages]  # a learned feature
        # A report is dated by its publication, often the year after its inspection ("the
        # 2021 inspection" of Bedford came out in January 2022): its years are both.
        inspected = {
            r.doc_id: {f.value[:4] for f in (r.start_date, r.end_date) if f and f.value}
            for r in index.judgements
        }
        self._years = {
            doc_id: frozenset({(doc.meta.date or "")[:4]} | inspected.get(doc_id, set())) - {""}
            for doc_id, doc in docs.items()
        }
        self._heading_terms: dict[int, frozenset[str]] = {}
        self._heading_by_text: dict[str, frozenset[str]] = {}
        self._passage_terms: dict[int, str] = {}
        self._sentences: dict[int, np.ndarray] = {}
        self._sentence_matrix: np.ndarray | None = None  # fp32, made at warm-up or first use
        self._starts: dict[int, tuple[int, ...]] = {}
        self._sentence_owner = np.zeros(0, dtype=np.int64)  # each sentence's passage row
        self._doc_ids = np.array([p.doc_id for p in index.passages], dtype=object)
        self.authorities = {
            d.meta.authority.lower(): d.meta.authority for d in docs.values() if d.meta.authority
        }
        # Template text many reports repeat (back page, licence notice) answers nothing.
        self._boilerplate = index.boilerplate
        self._offered: dict[str, np.ndarray] = {}  # per answer kind: -1 unknown, 0/1
        self._negating: dict[int, frozenset[str]] = {}  # a passage's words in sentences saying no
        # Per report section a question can ask for, the passages under that heading.
        self._section_rows = {
            kind: np.array([under_section(p.section, (kind,)) for p in index.passages])
            for kind, _, _ in SECTIONS
        }

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

    def lexical(
        self,
        query: str | dict[str, float],
        mask: np.ndarray | None,
        k: int,
        together: Sequence[Together] = (),
    ) -> Ranking:
        if isinstance(query, str):
            scores = self.index.lexical.scores(query)
        else:
            scores = self.index.lexical.weighted_scores(query, together)
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
        votes: Votes = Votes(),
    ) -> SearchResult:
        """The ``top_k`` passages for ``query`` among those ``filters`` allow."""
        timings: dict[str, float] = {}
        first = self.first_stage(query, filters, top_k, mode, candidates, votes, timings)
        hits = first.hits
        if self.stages.reranker is not None and mode == "hybrid" and hits:
            t0 = time.perf_counter()
            head = self.head(first)
            x = self.features(first, votes, head)
            order = np.argsort(-self.stages.reranker.scores(x), kind="stable")
            # The new order takes over the fused scores rank by rank, so scores still fall
            # with rank for whatever reads them (the composer's relevance, the API's score).
            chosen = {h.row for h in head}
            hits = [
                Hit(h.passage, head[rank].score, h.dense_score, h.lexical_score, h.row)
                for rank, h in enumerate(head[k] for k in order)
            ] + [h for h in hits if h.row not in chosen]
            timings["rerank"] = _ms(t0)
            return SearchResult(hits[:top_k], timings, first.hits[:top_k], first.vector)
        return SearchResult(hits[:top_k], timings, vector=first.vector)

    def first_stage(
        self,
        query: str,
        filters: Filters,
        top_k: int,
        mode: str,
        candidates: int,
        votes: Votes = Votes(),
        timings: dict[str, float] | None = None,
    ) -> FirstStage:
        """Both retrievers, fused with the date, answer-kind and source votes."""
        timings = {} if timings is None else timings
        stages = self.stages
        t0 = time.perf_counter()
        mask = self.allowed(filters)
        allowed = len(self.index.passages) if mask is None else int(mask.sum())
        timings["filter"] = _ms(t0)
        reranks = stages.heading_weight or stages.maxsim_weight
        learned = stages.reranker is not None
        depth = max(candidates, top_k, stages.rerank_depth if reranks or learned else 0)
        terms = self._query_weights(query)
        dense_query = query
        if stages.topic_only in ("lexical", "both"):
            terms = {t: w for t, w in terms.items() if t not in QUESTION_STEMS} or terms
        if stages.topic_only in ("dense", "both"):
            dense_query = _without_frame(query)
        together: list[Together] = []
        if stages.lexicon_weight or stages.lexicon_dense:
            expansion = self.lexicon.expand(query)
            most = stages.lexicon_max_df * self.index.lexical.size
            for stem in expansion.stems if stages.lexicon_weight else ():
                if self.index.lexical.document_frequency(stem) <= most:
                    terms[stem] = terms.get(stem, 0.0) + stages.lexicon_weight
            together = self._names_together(expansion, terms, most) if stages.lexicon_weight else []
            if stages.lexicon_dense and expansion.names:
                dense_query = f"{query} ({'; '.join(expansion.names)})"
        if stages.acronyms_spelled_dense:
            dense_query = self.lexicon.spelled_out(dense_query)
        vector = None
        dense = lexical = Ranking([], [])
        if mode in ("hybrid", "dense") and allowed:
            t0 = time.perf_counter()
            vector = self.encoder.encode_query(dense_query)
            timings["encode"] = _ms(t0)
            t0 = time.perf_counter()
            dense = self.dense(vector, mask, depth)
            timings["dense"] = _ms(t0)
        if mode in ("hybrid", "lexical") and allowed:
            t0 = time.perf_counter()
            lexical = self.lexical(terms, mask, depth, together)
            timings["lexical"] = _ms(t0)
        by_sentence = None
        if stages.sentence_weight and mode == "hybrid" and vector is not None:
            t0 = time.perf_counter()
            among = mask
            if allowed > _SENTENCES_SCANNED:
                # Over the whole archive every sentence's cosine is ~12 ms a question: the
                # sentences of the passages either retriever found are ranked instead (~0.1 ms).
                among = np.zeros(len(self.index.passages), dtype=bool)
                among[dense.rows] = True
                among[lexical.rows] = True
            by_sentence = self._without_boilerplate(self.sentence_dense(vector, among, depth))
            timings["sentences"] = _ms(t0)
        dense, lexical = self._without_boilerplate(dense), self._without_boilerplate(lexical)
        t0 = time.perf_counter()
        named = self._section_candidates(mask, votes.sections) if mode == "hybrid" else []
        topic_words = frozenset(self._topic_idf(terms)) if votes.kind == NEGATIVE else frozenset()
        hits = self._fuse(dense, lexical, mode, votes, named, by_sentence, topic_words)
        timings["fusion"] = _ms(t0)
        if stages.prf_docs and (stages.prf_weight or stages.dense_prf_weight) and hits:
            t0 = time.perf_counter()
            feedback = [h.row for h in hits[: stages.prf_docs]]
            if stages.prf_weight and mode in ("hybrid", "lexical"):
                for stem, weight in self._feedback_terms(feedback, terms).items():
                    terms[stem] = terms.get(stem, 0.0) + stages.prf_weight * weight
                lexical = self._without_boilerplate(self.lexical(terms, mask, depth))
            if stages.dense_prf_weight and vector is not None:
                moved = vector + stages.dense_prf_weight * self.index.vectors[feedback].mean(0)
                moved = (moved / np.linalg.norm(moved)).astype(np.float32)
                dense = self._without_boilerplate(self.dense(moved, mask, depth))
            hits = self._fuse(dense, lexical, mode, votes, named, by_sentence, topic_words)
            timings["feedback"] = _ms(t0)
        if reranks and mode == "hybrid" and hits:
            t0 = time.perf_counter()
            hits = self._rerank(hits, terms, vector)
            timings["vote_rerank"] = _ms(t0)
        return FirstStage(
            hits,
            dense,
            lexical,
            terms,
            tuple(self.index.lexical.query_terms(query)),
            tuple(named),
            vector,
        )

    def features(
        self, first: FirstStage, votes: Votes = Votes(), head: list[Hit] | None = None
    ) -> np.ndarray:
        """The learned ranker's features for the passages it re-scores (``head``)."""
        depth = self.stages.rerank_depth
        head = self.head(first) if head is None else head
        when, kind, sources = votes.when, votes.kind, votes.sources
        dense_rank = {row: k for k, row in enumerate(first.dense.rows)}
        lexical_rank = {row: k for k, row in enumerate(first.lexical.rows)}
        rows = [h.row for h in head]
        timely = self._timely(rows, when) if when else set()
        topic_words = frozenset(self._topic_idf(first.terms)) if kind == NEGATIVE else frozenset()
        wanted = {self._doc_type_codes.get(t, -1) for t in sources}
        passages = self.index.passages
        self._remember_words([h.row for h in head])
        idf = self._topic_idf(first.terms)
        # A topic word of the question's own that the lexicon gives other names for is held
        # where one of them is said ("IROs" by "independent reviewing officers"); not the
        # other names the expansion added ("kids" is not held wherever "children" is).
        alternatives = self.lexicon.names_within(
            frozenset(t for t in first.query_terms if t in idf)
        )
        candidates = [
            Candidate(
                row=h.row,
                fused_rank=k,
                dense_rank=dense_rank.get(h.row),
                lexical_rank=lexical_rank.get(h.row),
                dense_score=h.dense_score,
                lexical_score=h.lexical_score,
                words=_with_names_held(self._passage_terms[h.row], alternatives),
                heading_words=self._heading_words(h.row),
                kind=passages[h.row].kind,
                timely=h.row in timely,
                offers_kind=bool(kind) and self._offers(kind, h.row, topic_words),
                named_source=(bool(sources) and self._doc_type[h.row] in wanted)
                or self._titled(h.row, votes.visits),
                named_section=self._in_sections(h.row, votes.sections),
                doc_id=passages[h.row].doc_id,
                date=self._dated[h.row],
                start=passages[h.row].start,
                length=self._length[h.row],
            )
            for k, h in enumerate(head)
        ]
        topic = [t for t in first.query_terms if t not in QUESTION_STEMS]
        pairs = {f" {a} {b} " for a, b in itertools.pairwise(topic)}
        return feature_matrix(candidates, idf, pairs, depth)

    def sentence_dense(self, vector: np.ndarray, mask: np.ndarray | None, k: int) -> Ranking:
        """Passages ranked by the query's best cosine with one of their sentences."""
        if self.index.sentences is None:
            return Ranking([], [])
        self._load_sentence_matrix()
        owner = self._sentence_owner
        if mask is None:
            sims = self._sentence_matrix @ vector
            rows = owner
        else:
            picked = np.flatnonzero(mask[owner])
            if len(picked) == 0:
                return Ranking([], [])
            sims = self._sentence_matrix[picked] @ vector
            rows = owner[picked]
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        best = np.maximum.reduceat(sims, starts)
        passage_rows = rows[starts]
        k = min(k, len(best))
        top = np.argpartition(-best, k - 1)[:k]
        top = top[np.argsort(-best[top], kind="stable")]
        return Ranking([int(passage_rows[i]) for i in top], [float(best[i]) for i in top])

    def _load_sentence_matrix(self) -> None:
        """Every sentence vector as float32 (the stored float16 has no fast product) and the
        passage row each belongs to, made once."""
        sentences = self.index.sentences
        if self._sentence_matrix is None and sentences is not None:
            self._sentence_matrix = np.asarray(sentences.vectors, dtype=np.float32)
            counts = np.diff(sentences.offsets)
            self._sentence_owner = np.repeat(np.arange(len(counts)), counts)

    def sentence_cosines(self, vector: np.ndarray | None) -> CosinesOf:
        """A passage row's sentences' cosines with ``vector``, worked out on first asking
        (an answer reads a dozen passages of the hundred searched)."""
        sentences = self.index.sentences
        if sentences is None or vector is None:
            return lambda row: None
        worked: dict[int, SentenceCosines | None] = {}

        def of(row: int) -> SentenceCosines | None:
            if row not in worked:
                starts = self._sentence_starts(row)
                vectors = sentences.of(row)
                worked[row] = None
                if len(starts) == len(vectors):
                    sims = np.asarray(vectors, dtype=np.float32) @ vector
                    worked[row] = SentenceCosines(
                        dict(zip(starts, sims.tolist(), strict=True)),
                        float(np.asarray(self.index.vectors[row], dtype=np.float32) @ vector),
                    )
            return worked[row]

        return of

    def _sentence_starts(self, row: int) -> tuple[int, ...]:
        """Where each of the passage's sentences starts (kept: the split is a regex scan)."""
        starts = self._starts.get(row)
        if starts is None:
            starts = tuple(s for s, _ in passage_sentences(self.index.passages[row].text))
            self._starts[row] = starts
        return starts

    def head(self, first: FirstStage) -> list[Hit]:
        """What the learned stage re-scores: the first ``rerank_depth`` fused passages, and
        any passage under a section the question asks for that fell below them."""
        depth = self.stages.rerank_depth
        named = set(first.named)
        return first.hits[:depth] + [h for h in first.hits[depth:] if h.row in named]

    def _topic_idf(self, terms: dict[str, float]) -> dict[str, float]:
        lexical = self.index.lexical
        n = max(lexical.size, 1)
        return {
            t: float(np.log(n / max(lexical.document_frequency(t), 1))) * w
            for t, w in terms.items()
            if t not in QUESTION_STEMS
        }

    def warm(self) -> None:
        """Every passage's words, those of its sentences saying no and the kinds of answer
        it holds, worked out now (≈ 9 s for the 24,000 passages of the archive) rather than
        on the queries that first meet them: "were any children …?" and "how many …?" test
        every candidate, and a cold one was the slowest tenth of staff's questions."""
        self._remember_words(list(range(len(self.index.passages))))
        for row in range(len(self.index.passages)):
            self._negating_words(row)
            for kind in ANSWER_KINDS:
                self._offers(kind, row)
            if self.index.sentences is not None:
                self._sentence_starts(row)
        if self.stages.sentence_weight:
            # ≈ 0.9 s and 224 MB on the archive, paid here rather than by the first question.
            self._load_sentence_matrix()

    def _remember_words(self, rows: list[int]) -> None:
        """Each passage's stemmed words (heading included), worked out once, in one batch
        for the rows not seen before."""
        unseen = [r for r in rows if r not in self._passage_terms]
        texts = [self.index.passages[r].embedding_text() for r in unseen]
        for row, tokens in zip(unseen, tokenize(texts), strict=True):
            # One spaced string: " a b " in it is both "holds a and b" and "holds them side
            # by side", and it is cheaper to make and keep than sets of words and pairs.
            self._passage_terms[row] = f" {' '.join(tokens)} "

    def _names_together(
        self, expansion: Expansion, terms: dict[str, float], most: float
    ) -> list[Together]:
        """The expansion's names of several words, one of them in more than ``most`` passages
        (too common to search for alone): scored where all their words are ("independent
        reviewing officers" for "IROs": "review" is in a fifth of the archive's passages,
        "officer" in one in twelve)."""
        out = []
        for name in expansion.names:
            words = tuple(dict.fromkeys(tokenize([name])[0]))
            if len(words) < 2:
                continue
            common = [w for w in words if self.index.lexical.document_frequency(w) > most]
            scored = tuple(w for w in common if w not in terms)
            if scored:
                out.append(Together(words, scored, self.stages.lexicon_weight, most))
        return out

    def _query_weights(self, query: str) -> dict[str, float]:
        weights: dict[str, float] = {}
        for term in self.index.lexical.query_terms(query):
            weights[term] = weights.get(term, 0.0) + 1.0
        return weights

    def _feedback_terms(self, rows: list[int], query: dict[str, float]) -> dict[str, float]:
        """The ``prf_terms`` words most salient in ``rows`` (tf·idf summed over them) that
        the query lacks, weighted 1 for the most salient down to its share for the rest."""
        lexical = self.index.lexical
        n = max(lexical.size, 1)
        salience: dict[str, float] = {}
        for row in rows:
            counts: dict[str, int] = {}
            for term in tokenize([self.index.passages[row].embedding_text()])[0]:
                counts[term] = counts.get(term, 0) + 1
            for term, tf in counts.items():
                if term in query or term in QUESTION_STEMS or term.isdigit():
                    continue
                df = lexical.document_frequency(term)
                if df < 2:
                    continue  # a word only this passage has: a name or a PDF artefact
                salience[term] = salience.get(term, 0.0) + (1 + np.log(tf)) * np.log(n / df)
        best = sorted(salience.items(), key=lambda kv: (-kv[1], kv[0]))[: self.stages.prf_terms]
        top = best[0][1] if best else 1.0
        return {t: s / top for t, s in best}

    def _rerank(
        self, hits: list[Hit], terms: dict[str, float], vector: np.ndarray | None
    ) -> list[Hit]:
        """Second stage over the first ``rerank_depth`` hits: more RRF votes, each ranking
        them by one feature (heading and title words; best sentence cosine)."""
        depth = self.stages.rerank_depth
        head, tail = hits[:depth], hits[depth:]
        score = [h.score for h in head]
        features: list[tuple[float, dict[int, float]]] = []
        if self.stages.heading_weight:
            features.append((self.stages.heading_weight, self._heading_shares(head, terms)))
        if self.stages.maxsim_weight and vector is not None:
            sims = {
                k: float(self._sentence_vectors(h.row).max(0) @ vector) for k, h in enumerate(head)
            }
            features.append((self.stages.maxsim_weight, sims))
        for weight, values in features:
            order = sorted(values, key=lambda k: (-values[k], k))
            for rank, k in enumerate(order):
                score[k] += weight / (self.rrf_k + rank + 1)
        ranked = sorted(range(len(head)), key=lambda k: (-score[k], k))
        return [replace(head[k], score=score[k]) for k in ranked] + tail

    def _heading_shares(self, head: list[Hit], terms: dict[str, float]) -> dict[int, float]:
        """Per hit, the idf-weighted share of the query's words its heading and title hold."""
        idf = self._topic_idf(terms)
        total = sum(idf.values())
        shares = {}
        for k, h in enumerate(head):
            words = self._heading_words(h.row)
            share = sum(v for t, v in idf.items() if t in words) / total if total else 0.0
            if share > 0:
                shares[k] = share
        return shares

    def _sentence_vectors(self, row: int) -> np.ndarray:
        """The passage's sentences embedded: by the build, or on first use and kept."""
        if self.index.sentences is not None:
            return np.asarray(self.index.sentences.of(row), dtype=np.float32)
        vectors = self._sentences.get(row)
        if vectors is None:
            passage = self.index.passages[row]
            spans = passage_sentences(passage.text)
            vectors = self.encoder.encode([passage.text[s:e] for s, e in spans])
            self._sentences[row] = vectors
        return vectors

    def _heading_words(self, row: int) -> frozenset[str]:
        words = self._heading_terms.get(row)
        if words is None:
            # Kept per heading and title, not per passage: a section heads many passages.
            key = f"{self.index.passages[row].section}\n{self._title[row]}"
            words = self._heading_by_text.get(key)
            if words is None:
                words = self._heading_by_text[key] = frozenset(tokenize([key])[0])
            self._heading_terms[row] = words
        return words

    def _without_boilerplate(self, ranking: Ranking) -> Ranking:
        keep = [k for k, row in enumerate(ranking.rows) if not self._boilerplate[row]]
        return Ranking([ranking.rows[k] for k in keep], [ranking.scores[k] for k in keep])

    def of_another_time(self, rows: list[int], when: When) -> frozenset[int]:
        """The ``rows`` known to be of another time than ``when`` asks about, when some are of
        it: their document is dated (or inspected) in other years. An undated one may be of
        any time; with none of the time asked, there is nothing to prefer."""
        timely = self._timely(rows, when)
        if not timely:
            return frozenset()
        return frozenset(r for r in rows if r not in timely and self._years[self._doc_ids[r]])

    def of_another_source(self, rows: list[int], sources: tuple[str, ...]) -> frozenset[int]:
        """The ``rows`` from other kinds of document than ``sources`` (doc types), when some
        are of them."""
        wanted = {self._doc_type_codes.get(t, -1) for t in sources}
        if not any(self._doc_type[r] in wanted for r in rows):
            return frozenset()
        return frozenset(r for r in rows if self._doc_type[r] not in wanted)

    def _timely(self, rows: list[int], when: When) -> set[int]:
        """Rows from documents of the time asked about: dated (or titled) with a year named,
        dated after a baseline ("since 2019"), or the most recent document (before a bound:
        "the inspection before 2025") among the candidates."""
        if when.years:
            return {
                r
                for r in rows
                if self._years[self._doc_ids[r]] & set(when.years)
                or any(y in self._title[r] for y in when.years)
            }
        if when.after:
            return {r for r in rows if self._dated[r] > when.after}
        if when.before:
            rows = [r for r in rows if self._dated[r] and self._dated[r] < when.before]
        newest = max((self._dated[r] for r in rows), default="")
        return {r for r in rows if newest and self._dated[r] == newest}

    def _fuse(
        self,
        dense: Ranking,
        lexical: Ranking,
        mode: str,
        votes: Votes = Votes(),
        named: list[int] | None = None,
        by_sentence: Ranking | None = None,
        topic_words: frozenset[str] = frozenset(),
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
            rankings = [(dense, self.dense_weight), (lexical, 1.0)]
            if by_sentence is not None:
                rankings.append((by_sentence, self.stages.sentence_weight))
            for ranking, weight in rankings:
                for rank, row in enumerate(ranking.rows):
                    fused[row] = fused.get(row, 0.0) + weight / (self.rrf_k + rank + 1)
            for row in named or ():
                # Under the section asked for but found by neither retriever: the list under
                # "What needs to improve?" shares no word with "what were the recommendations?".
                fused.setdefault(row, 0.0)
            when, kind, sources, sections = votes.when, votes.kind, votes.sources, votes.sections
            if when and self.date_weight:
                # A third voter: documents of the inspection year asked about (or the latest
                # one) as if ranked first, so "in 2018" prefers the 2018 report's passages.
                for row in self._timely(list(fused), when):
                    fused[row] += self.date_weight / (self.rrf_k + 1)
            if votes.undated and self.stages.newest_weight:
                # Staff asking about an authority without a time mean its latest inspection.
                for row in self._timely(list(fused), When(latest=True)):
                    fused[row] += self.stages.newest_weight / (self.rrf_k + 1)
            if kind and self.type_weight:
                # And one for passages that hold the kind of answer asked for: a named
                # person for "who", a date for "when".
                for row in [r for r in fused if self._offers(kind, r, topic_words)]:
                    fused[row] += self.type_weight / (self.rrf_k + 1)
            if sources and self.source_weight:
                # And one for the kind of document the question names ("according to the
                # committee minutes"): a vote, not a filter, as doc types are inferred.
                wanted = {self._doc_type_codes.get(t, -1) for t in sources}
                for row in [r for r in fused if self._doc_type[r] in wanted]:
                    fused[row] += self.source_weight / (self.rrf_k + 1)
            if votes.visits and self.source_weight:
                # And for the papers titled with the visit the question names ("what did
                # they say about plans at the last monitoring visit?"): a report's passages
                # that mention a visit do not make it the visit's paper.
                for row in [r for r in fused if self._titled(r, votes.visits)]:
                    fused[row] += self.source_weight / (self.rrf_k + 1)
            if sections and self.section_weight:
                # And one for the part of a report the question asks for without naming it
                # ("what did they need to work on?" → "What needs to improve?").
                for row in [r for r in fused if self._in_sections(r, sections)]:
                    fused[row] += self.section_weight / (self.rrf_k + 1)
        order = sorted(fused, key=lambda r: (-fused[r], r))
        passages = self.index.passages
        return [
            Hit(passages[r], fused[r], dense_score.get(r), lexical_score.get(r), r) for r in order
        ]

    def _titled(self, row: int, visits: tuple[str, ...]) -> bool:
        """Whether the passage's document is titled with one of ``visits``."""
        return any(v in self._title[row] for v in visits)

    def _section_candidates(self, mask: np.ndarray | None, sections: tuple[str, ...]) -> list[int]:
        """The passages under a section the question asks for, when a filter (an authority)
        leaves few enough of them to consider every one."""
        if not sections or mask is None or not self.section_weight:
            return []
        under = np.zeros(len(mask), dtype=bool)
        for kind in sections:
            if kind in self._section_rows:
                under |= self._section_rows[kind]
        rows = np.flatnonzero(mask & under)
        return [int(r) for r in rows] if len(rows) <= SECTION_CANDIDATES_MAX else []

    def _in_sections(self, row: int, sections: tuple[str, ...]) -> bool:
        return any(self._section_rows[k][row] for k in sections if k in self._section_rows)

    def _negates(self, row: int, topic: frozenset[str]) -> bool:
        """Whether one sentence of the passage says no and names a ``topic`` word: "no
        children were found at immediate risk" for "were any children at risk?" (four
        passages in ten say "no" or "not" somewhere)."""
        return bool(topic & self._negating_words(row))

    def _negating_words(self, row: int) -> frozenset[str]:
        """The words of the passage's sentences that say no, worked out once per passage."""
        words = self._negating.get(row)
        if words is None:
            text = self.index.passages[row].text
            negating = [
                text[a:b] for a, b in passage_sentences(text) if offers(NEGATIVE, text[a:b])
            ]
            words = self._negating.setdefault(
                row, frozenset(w for ws in tokenize(negating) for w in ws)
            )
        return words

    def _offers(self, kind: str, row: int, topic: frozenset[str] = frozenset()) -> bool:
        """``offers(kind, passage text)``, remembered per passage: the same candidates come
        back question after question, and the regexes were a tenth of an ask (issue 16).
        Whether a passage answers "were there any?" depends on the question's ``topic``."""
        if kind == NEGATIVE:
            return self._negates(row, topic)
        known = self._offered.get(kind)
        if known is None:
            known = self._offered.setdefault(kind, np.full(len(self.index.passages), -1, np.int8))
        if known[row] < 0:  # a race only writes the same value twice
            known[row] = offers(kind, self.index.passages[row].text)
        return bool(known[row])


_WORD = re.compile(r"[\w’'-]+")


# Passages allowed above which the sentence retriever ranks only the others' candidates: an
# authority's documents (a few hundred passages) are scanned whole, in under a millisecond.
_SENTENCES_SCANNED = 5000


def _without_frame(query: str) -> str:
    """``query`` without the words that frame a question ("what did Ofsted say about")."""
    kept = [w for w in _WORD.findall(query) if w.lower().strip("’'") not in QUESTION_WORDS]
    return " ".join(kept) or query


def stages_from(settings: "Settings") -> Stages:
    """The levers ``settings`` turn on."""
    return Stages(
        lexicon_weight=settings.lexicon_weight,
        lexicon_dense=settings.lexicon_dense,
        acronyms_spelled_dense=settings.acronyms_spelled_dense,
        lexicon_max_df=settings.lexicon_max_df,
        topic_only=settings.topic_only,
        prf_docs=settings.prf_docs,
        prf_terms=settings.prf_terms,
        prf_weight=settings.prf_weight,
        dense_prf_weight=settings.dense_prf_weight,
        rerank_depth=settings.rerank_depth,
        heading_weight=settings.heading_weight,
        maxsim_weight=settings.maxsim_weight,
        reranker=load_reranker(settings.reranker, settings.tuned_model_dir),
        section_weight=settings.section_weight,
        sentence_weight=settings.sentence_weight,
        newest_weight=settings.newest_weight,
    )


TUNED_RERANKER = "reranker.json"  # beside tuned encoder weights: the ranker trained with them


def load_reranker(choice: str, tuned_model_dir: Path | None = None) -> Reranker | None:
    """``off``, ``builtin`` or a path to weights trained elsewhere. ``builtin`` is the shipped
    weights, or with a tuned encoder the weights trained beside it: the ranker's dense
    features (cosines, ranks) mean something else under other encoder weights."""
    if choice == "off":
        return None
    if choice != "builtin":
        return Reranker.load(Path(choice))
    if tuned_model_dir is not None:
        beside = Path(tuned_model_dir) / TUNED_RERANKER
        if beside.is_file():
            return Reranker.load(beside)
        log.warning("no %s beside the tuned weights: the shipped ranker is used", TUNED_RERANKER)
    return Reranker.load(DEFAULT_MODEL)


def _codes(values: list[str]) -> tuple[dict[str, int], np.ndarray]:
    """Each distinct value's code, and the per-passage codes."""
    table: dict[str, int] = {}
    codes = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32)
    return table, codes


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 3)


def _with_names_held(words: str, alternatives: list[Alternatives]) -> str:
    """A passage's spaced words (" a b "), with each name's tokens added where the passage
    says one of the name's others, word for word."""
    held = [
        " ".join(a.tokens)
        for a in alternatives
        if any(f" {' '.join(other)} " in words for other in a.others)
    ]
    return f"{words}{' '.join(held)} " if held else words
