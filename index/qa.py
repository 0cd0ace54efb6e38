"""The question-answering engine: resolve the question, search, compose a cited answer.

The service, the CLI and the evaluation runner all call ``QAEngine.ask``, so they give the
same answer to the same question.
"""

import logging
import time
from dataclasses import replace
from pathlib import Path

from index.answer import ABSTAIN_MESSAGE, AnswerSettings, Composed, IdfTable, compose_answer
from index.answer_type import answer_type, named_terms
from index.embedding import TextEncoder, encoder_for
from index.errors import BadQuery, DocumentNotFound
from index.gazetteer import canonical_authority
from index.judgement_answers import answer_judgement_question
from index.judgement_table import JudgementTable
from index.lexical import document_frequencies, topic_terms
from index.query import When, resolve, strip_authorities, when_asked
from index.search import MODES, Searcher, SearchResult, stages_from
from index.settings import Settings
from index.store import StoredIndex, load_index
from index.types import Answer, Citation, Document, Filters, Hit

log = logging.getLogger(__name__)


class QAEngine:
    """One loaded index and model, answering questions and searches."""

    def __init__(self, index: StoredIndex, encoder: TextEncoder, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.searcher = Searcher(
            index,
            encoder,
            settings.rrf_k,
            settings.dense_weight,
            settings.date_weight,
            settings.type_weight,
            settings.ivf_nprobe,
            settings.hnsw_ef_search,
            stages_from(settings),
        )
        self.judgements = JudgementTable(index.judgements)
        self._passage_by_id = {p.passage_id: p for p in index.passages}
        self.idf = IdfTable(document_frequencies(index.lexical), len(index.passages))
        self.answer_settings = AnswerSettings(
            max_sentences=settings.answer_max_sentences,
            min_dense=settings.abstain_min_dense,
            min_overlap=settings.abstain_min_overlap,
        )

    @classmethod
    def open(cls, settings: Settings, index_dir: Path | None = None) -> "QAEngine":
        """Load the served index and the model it was built with."""
        encoder = encoder_for(settings, settings.query_encoder_threads)
        index = load_index(index_dir or settings.index_dir, settings.model_name, encoder.dimension)
        return cls(index, encoder, settings)

    @property
    def documents(self) -> dict[str, Document]:
        return self.index.documents

    def document(self, doc_id: str) -> Document:
        try:
            return self.index.documents[doc_id]
        except KeyError:
            raise DocumentNotFound(f"no document with doc_id {doc_id!r}") from None

    def _check_top_k(self, top_k: int | None) -> int:
        top_k = self.settings.top_k if top_k is None else top_k
        if not 1 <= top_k <= self.settings.top_k_max:
            raise BadQuery(f"top_k must be between 1 and {self.settings.top_k_max}")
        return top_k

    def search(
        self,
        query: str,
        filters: Filters | None = None,
        top_k: int | None = None,
        mode: str | None = None,
    ) -> SearchResult:
        """Passages for ``query``; authorities named in it become a filter."""
        if not query.strip():
            raise BadQuery("the query is empty")
        mode = mode or self._mode()
        filters = filters or Filters()
        if not filters.authority:
            resolved = resolve(query)
            if resolved.authorities:
                filters = replace(filters, authority=resolved.authorities)
        return self.searcher.search(
            _retrieval_query(query, filters),
            filters,
            self._check_top_k(top_k),
            mode,
            self.settings.candidates,
            when_asked(query),
            answer_type(query),
        )

    def _mode(self) -> str:
        return {"rrf": "hybrid"}.get(self.settings.fusion, self.settings.fusion)

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        top_k: int | None = None,
        history: list[str] | None = None,
        mode: str | None = None,
    ) -> Answer:
        """A short cited answer to ``question`` (a follow-up when ``history`` is given)."""
        started = time.perf_counter()
        if not question.strip():
            raise BadQuery("the question is empty")
        mode = mode or self._mode()
        if mode not in MODES:
            raise BadQuery(f"mode must be one of {MODES}")
        top_k = self._check_top_k(top_k)
        filters = filters or Filters()
        resolved = resolve(question, history)
        if resolved.authorities and not filters.authority:
            filters = replace(filters, authority=resolved.authorities)
        missing = [a for a in filters.authority if not self._has_authority(a)]
        if missing and len(missing) == len(filters.authority):
            return Answer(
                f"{ABSTAIN_MESSAGE} The index holds no documents about {' or '.join(missing)}.",
                True,
                [],
                resolved.query,
                filters,
                {"total": _ms(started)},
            )
        asked = when_asked(resolved.query)
        result = self.searcher.search(
            _retrieval_query(resolved.query, filters),
            filters,
            max(top_k, self.answer_settings.passages_considered),
            mode,
            self.settings.candidates,
            asked,
            answer_type(question),
        )
        t0 = time.perf_counter()
        # Grades, dates and inspectors come from the judgements table, cited to the report;
        # everything else (and what the table cannot answer) from the retrieved passages.
        table = (
            answer_judgement_question(
                resolved.query,
                tuple(a for a in filters.authority if a not in missing),
                self.judgements,
                self._passage_by_id,
                self.index.documents,
            )
            if _may_hold_judgements(filters)
            else None
        )
        text = None
        if table is None or table.text_may_answer:
            topic = strip_authorities(resolved.query) or resolved.query
            text = compose_answer(
                topic_terms(topic),
                result.hits,
                self.index.documents,
                self.idf,
                self.answer_settings,
                kind=answer_type(question),
                names=named_terms(strip_authorities(question)),
            )
        if table is not None and not (text and _names_a_year(text, asked)):
            # The table answers; when it has no inspection in the year asked, the text still
            # may (an article's "rated adequate in 2013"), but only in words naming that year.
            composed, hits, stage = (
                table,
                self._table_hits(table.citations, result.hits),
                "judgements",
            )
        else:
            assert text is not None
            composed, hits, stage = text, result.hits, "answer"
        timings = dict(result.timings_ms)
        timings[stage] = _ms(t0)
        timings["total"] = _ms(started)
        return Answer(
            answer=composed.answer,
            abstained=composed.abstained,
            citations=composed.citations,
            resolved_query=resolved.query,
            filters=filters,
            timings_ms=timings,
            hits=hits[:top_k],
        )

    def _table_hits(self, citations: list[Citation], searched: list[Hit]) -> list[Hit]:
        """What a table answer read: its cited passages first, then the search's own hits."""
        cited = [self._passage_by_id.get(c.passage_id) for c in citations]
        first = [Hit(p, 1.0) for p in dict.fromkeys(p for p in cited if p is not None)]
        seen = {h.passage.passage_id for h in first}
        return first + [h for h in searched if h.passage.passage_id not in seen]

    def _has_authority(self, authority: str) -> bool:
        name = canonical_authority(authority) or authority
        return name.lower() in self.searcher.authorities


def _retrieval_query(query: str, filters: Filters) -> str:
    """The query without authority names once an authority filter is in force: every allowed
    passage is about that authority already, and the name would only pull both retrievers
    towards passages that repeat it rather than ones on the topic asked about."""
    if not filters.authority:
        return query
    return strip_authorities(query) or query


def _may_hold_judgements(filters: Filters) -> bool:
    """Only filters the table can honour: a date range or a non-report type need retrieval."""
    return not (filters.doc_type or filters.date_from or filters.date_to or filters.doc_id)


def _names_a_year(composed: Composed, asked: When | None) -> bool:
    """Whether a text answer says one of the years asked about (so it is about that time)."""
    return bool(asked and not composed.abstained and any(y in composed.answer for y in asked.years))


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 3)
