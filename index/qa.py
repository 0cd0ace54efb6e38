"""The question-answering engine: resolve the question, search, compose a cited answer.

The service, the CLI and the evaluation runner all call ``QAEngine.ask``, so they give the
same answer to the same question.
"""

import logging
import re
import time
from dataclasses import replace
from pathlib import Path

import faiss
import numpy as np
from threadpoolctl import threadpool_limits

from index.answering.answer import (
    ABSTAIN_MESSAGE,
    AnswerSettings,
    Composed,
    IdfTable,
    compose_answer,
    joined,
    mentioned,
)
from index.answering.area_grade import areas_asked, with_area_grade
from index.answering.by_change import (
    change_told,
    previous_grades_told,
    previous_inspection_told,
)
from index.answering.by_inspection import asks_by_inspection, compose_by_inspection
from index.answering.by_judgement import findings_behind_grade, summary_of
from index.answering.by_section import compose_by_section, superseded_documents
from index.answering.by_summary import asks_for_summary, compose_summary
from index.answering.inspection_team import states_team
from index.answering.judgement_answers import (
    Citer,
    answer_judgement_question,
    inspected_before,
    no_inspection_in,
)
from index.answering.judgement_table import JudgementTable
from index.errors import BadQuery, DocumentNotFound, IndexCorrupt
from index.gazetteer import SUCCESSORS, canonical_authority, find_authorities
from index.ingest.judgements import REPORT_TYPES, InspectionRecord
from index.retrieval.acronyms import TypedInLowerCase, acronyms_by_use
from index.retrieval.embedding import (
    TextEncoder,
    check_model_fingerprint,
    encoder_for,
    model_fingerprint,
    query_precision,
)
from index.retrieval.expansion import load_lexicon
from index.retrieval.lexical import document_frequencies, tokenize
from index.retrieval.search import MODES, FirstStage, Searcher, SearchResult, Votes, stages_from
from index.retrieval.store import (
    Manifest,
    StoredIndex,
    current_version,
    load_index,
    read_manifest,
)
from index.retrieval.voices import with_other_voice, with_retellings
from index.settings import Settings, with_tuned_calibration
from index.types import Answer, Citation, CosinesOf, Document, Filters, Hit, Passage
from index.understanding.answer_type import (
    CHANGE,
    COUNT,
    DATE,
    GRADE,
    NEGATIVE,
    PERSON,
    QUOTE,
    asks_change,
    asks_what_someone_said,
    counted_terms,
)
from index.understanding.follow_ups import resolve
from index.understanding.grade_request import BEFORE_FIRST, GradeRequest
from index.understanding.query import (
    When,
    latest_as_year,
    names_a_paper,
    names_a_topic,
    paper_named_out,
    points_to_a_document,
    time_shift,
    when_asked,
    why_alone,
)
from index.understanding.question import Question, parse_question
from index.understanding.spelling import spelled

log = logging.getLogger(__name__)

DEPTH = 30  # passages an answer may read (an answer per inspection reads several reports)


class QAEngine:
    """One loaded index and model, answering questions and searches."""

    def __init__(self, index: StoredIndex, encoder: TextEncoder, settings: Settings) -> None:
        if settings.sentence_weight:
            # The sentence retriever's products are small (a few thousand sentences by 384):
            # on its own threads OpenBLAS spins after each one and starved the spinning query
            # encoder on two cores (every stage's p95 doubled). One thread, for the process.
            threadpool_limits(1, user_api="blas")
        precision = getattr(encoder, "precision", "fp32")
        if precision != index.manifest.encoder_precision:
            raise IndexCorrupt(
                f"the index was built with the {index.manifest.encoder_precision} encoder; "
                f"a {precision} query encoder would not match its vectors"
            )
        fingerprint = getattr(encoder, "fingerprint", None)  # test doubles may have none
        if fingerprint is not None:
            check_model_fingerprint(index.manifest.weights_fingerprint(), fingerprint)
        self.index = index
        self.settings = settings
        # The lexicon file's names, and the acronyms the documents define ("(FGM)").
        usual, once = acronyms_by_use(d.text for d in index.documents.values())
        # An acronym defined once is one document's own: its long form is said where it is
        # defined, so only the acronym needs its long form searched for ("EqIA").
        common = load_lexicon().with_groups(usual)
        self.lexicon = common.with_groups(once, by_acronym_only=True)
        # Typed in lower case, the lexicon file's acronyms and those the documents define
        # more than once; one document's own ("ARC", "CART") is more likely a word typed.
        self._typed_lower = TypedInLowerCase(
            (n.text for g in common.groups for n in g if n.acronym), self._texts_holding
        )
        self.searcher = Searcher(
            index,
            encoder,
            settings.rrf_k,
            settings.dense_weight,
            settings.date_weight,
            settings.type_weight,
            settings.source_weight,
            settings.ivf_nprobe,
            settings.hnsw_ef_search,
            stages_from(settings),
            self.lexicon,
        )
        self.judgements = JudgementTable(index.judgements)
        self._passage_by_id = {p.passage_id: p for p in index.passages}
        self._superseded = superseded_documents(index.documents)
        self.idf = IdfTable(document_frequencies(index.lexical), len(index.passages))
        self._words_known: dict[str, bool] = {}  # word → whether two passages use it
        self.answer_settings = AnswerSettings(
            max_sentences=settings.answer_max_sentences,
            min_dense=settings.abstain_min_dense,
            min_overlap=settings.abstain_min_overlap,
            passages_considered=settings.answer_passages,
            rank_penalty=settings.answer_rank_penalty,
            follow_on=settings.answer_follow_on,
            semantic_weight=settings.answer_semantic_weight,
            semantic_min=settings.abstain_unless_cosine,
            semantic_per_overlap=settings.abstain_cosine_per_overlap,
            unasked_penalty=settings.answer_unasked_penalty,
        )

    @classmethod
    def open(cls, settings: Settings, index_dir: Path | None = None) -> "QAEngine":
        """Load the served index and the model it was built with."""
        index_dir = index_dir or settings.index_dir
        manifest = read_manifest(current_version(index_dir))
        precision = query_precision(settings, manifest.encoder_precision)
        settings = with_tuned_calibration(_with_index_weights(settings, manifest))
        # Before the model loads: a tuned index with the base encoder (or the reverse) is
        # refused in a second, not after seconds of loading.
        check_model_fingerprint(manifest.weights_fingerprint(), model_fingerprint(settings))
        if settings.search_threads:
            faiss.omp_set_num_threads(settings.search_threads)
        encoder = encoder_for(
            settings, settings.query_encoder_threads, precision, settings.query_encoder_spin
        )
        index = load_index(index_dir, settings.model_name, encoder.dimension)
        return cls(index, encoder, settings)

    def warm(self) -> None:
        """Work out what queries would otherwise work out on first use (a server does this
        before it serves: the first queries are not slower than the rest)."""
        self.searcher.warm()

    @property
    def documents(self) -> dict[str, Document]:
        return self.index.documents

    def document(self, doc_id: str) -> Document:
        try:
            return self.index.documents[doc_id]
        except KeyError:
            raise DocumentNotFound(f"no document with doc_id {doc_id!r}") from None

    def _spelled(self, text: str) -> str:
        """``text`` with the authorities and grades it names typed in lower case, misspelt or
        shortened written in full; a word two passages use is not a misspelling ("Stafford")."""
        return self._typed_lower.cased(spelled(text, self._is_word))

    def _texts_holding(self, word: str) -> list[str] | None:
        """The passages holding ``word`` or its plural in any case (the lexical index's
        columns); None for a stopword, which the index does not hold."""
        stems = {s for form in (word, f"{word}s") for s in tokenize([form])[0]}
        if not stems:
            return None
        rows = sorted({int(r) for s in stems for r in self.index.lexical.passages_with(s)})
        return [self.index.passages[r].text for r in rows]

    def _is_word(self, word: str) -> bool:
        # Asked of every word of every question: remembered (the index does not change under
        # an engine; a reload opens a new one).
        known = self._words_known.get(word)
        if known is None:
            if len(self._words_known) > 100_000:
                self._words_known.clear()
            # A stopword ("the", "about") is no misspelling either, though unindexed.
            stems = tokenize([word])[0]
            known = not stems or self.index.lexical.document_frequency(stems[0]) >= 2
            self._words_known[word] = known
        return known

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
        """Passages for ``query``, best first; authorities named in it become a filter. The
        passages an answer to it quotes lead, in the answer's order, as ``ask`` lists them."""
        if not query.strip():
            raise BadQuery("the query is empty")
        filters = filters or Filters()
        top_k = self._check_top_k(top_k)
        query = self._spelled(query)
        question = parse_question(query, authorities=filters.authority)
        filters = self._with_authorities(filters, question)
        # As deep as an answer reads (a sentence it quotes may be in a passage ranked 8th,
        # the document a question names may be ranked 20th): the same passages as ``ask``.
        depth = max(top_k, self.answer_settings.passages_considered, DEPTH)
        result = self._search(question, filters, depth, mode)
        mode = mode or self._mode()
        led = self._answer_first(question, filters, result, mode)
        hits = self._both_voices(question, filters, mode, led.hits)
        return replace(led, hits=hits[:top_k])

    def _answer_first(
        self,
        question: Question,
        filters: Filters,
        result: SearchResult,
        mode: str,
        answered: tuple[Composed, str] | None = None,
    ) -> SearchResult:
        """``result`` in the order an answer reads it: the lines stating a grade asked for
        first (``_graded_first``), or else the passages the answer quotes (from the text or the
        judgements table: "has Herefordshire improved since 2022?" quotes both grades), in its
        order. The composer weighs each sentence against the question, a finer second stage
        than the learned ranker's passage features (eval/RESULTS.md: search hit@1 up on every
        development set). ``answered``: the answer and its stage when known."""
        led = self._graded_first(question, filters, result)
        if led is not None:
            return led
        if mode != "hybrid":
            # The lexical and dense modes are each retriever alone, to compare them.
            return self._area_grade_beside(question, result)
        t0 = time.perf_counter()
        composed, stage = answered or self._route(question, filters, [], result)
        if composed.abstained or stage not in ("answer", "judgements"):
            return self._area_grade_beside(question, result)
        lead = max((h.score for h in result.hits), default=1.0)
        hits = cited_first(composed.citations, result.hits, self._passage_by_id, lead)
        timings = {**result.timings_ms, "answer_order": _ms(t0)}
        return replace(result, hits=hits[: len(result.hits)], timings_ms=timings)

    def _both_voices(
        self, question: Question, filters: Filters, mode: str, hits: list[Hit]
    ) -> list[Hit]:
        """A default page all Ofsted's or all the councils' gives its last place to the other
        voice's best passage (``with_other_voice``), unless a kind of source or a document
        was asked for. The lexical and dense modes stay each retriever alone."""
        if mode != "hybrid" or question.sources or filters.doc_id or filters.doc_type:
            return hits
        documents = self.index.documents

        def is_ofsted(hit: Hit) -> bool:
            return documents[hit.passage.doc_id].meta.doc_type in REPORT_TYPES

        page = self.settings.top_k
        voiced = with_other_voice(hits, page, is_ofsted)
        return with_retellings(voiced, page, is_ofsted, self.settings.retellings_on_page)

    def _graded_first(
        self, question: Question, filters: Filters, result: SearchResult
    ) -> SearchResult | None:
        """A grade asked for ("is Slough's children's services good?"), or an inspection's
        dates or inspector: the passages the judgements table answers from lead, as they lead
        the answer. Retrieval alone ranked a report's findings above its one line of grades.
        None when the question asks none of these."""
        # Lines that lead are scored as the search's own best: scores stay in order.
        lead = max((h.score for h in result.hits), default=1.0)
        behind = findings_behind_grade(
            question, None, self.judgements, self.index.passages, self.index.documents
        )
        if behind.hits:
            # "Why, care leavers in 2025 in Wakefield?": the report's passages under that
            # judgement lead, as they make the answer to "why?" after a grade.
            rows = {h.row for h in behind.hits}
            read = [Hit(h.passage, lead, row=h.row) for h in behind.hits]
            rest = [h for h in result.hits if h.row not in rows]
            return replace(result, hits=[*read, *rest][: len(result.hits)])
        if asks_for_summary(question) and (summary := self._summary(question)) is not None:
            # "What did Ofsted find in Leicester's latest inspection?": the report's overall
            # grade and summary lead, as they make the answer.
            hits = cited_first(summary.citations, result.hits, self._passage_by_id, lead)
            return replace(result, hits=hits[: len(result.hits)])
        if not _table_leads(question):
            return None
        authorities = tuple(a for a in filters.authority if self._has_authority(a))
        table = self._table_answer(question, filters, authorities)
        if table is None or table.abstained or table.text_may_answer:
            return None
        # As the answer lists what it read (a graded line an older report prints as a heading
        # is in no passage's text: read as cited).
        hits = cited_first(table.citations, result.hits, self._passage_by_id, lead)
        if told := self._next_report_on_it(question, table):
            # "How was Oldham rated at the previous inspection?": after its graded line, the
            # next report's own account of it ("Since the last inspection in March 2019, when
            # services … were judged to be requires improvement …").
            at = len(table.citations)
            hits = [h for h in hits if h.passage.passage_id != told.passage_id]
            hits = [*hits[:at], Hit(told, lead), *hits[at:]]
        return replace(result, hits=hits[: len(result.hits)])

    def _next_report_on_it(self, question: Question, table: Composed) -> Passage | None:
        """For a grade asked of an earlier inspection (the previous one, the one before a
        year) that the table answers from one report: the next report's account of it."""
        grades = question.grades
        cited = {c.doc_id for c in table.citations}
        if (
            grades is None
            or not (grades.pick == "previous" or grades.before)
            or len(question.authorities) != 1
            or len(cited) != 1
        ):
            return None
        reports = [
            r.doc_id
            for r in self.judgements.for_authority(question.authorities[0], reports_only=True)
        ]
        (report,) = cited
        if report not in reports or reports[-1] == report:
            return None
        told = change_told(
            reports[reports.index(report) + 1], self.index.passages, self.index.documents
        )
        return self._passage_by_id[told.citations[0].passage_id] if told else None

    def _summary(self, question: Question) -> Composed | None:
        return compose_summary(
            question,
            self.judgements,
            self.index.passages,
            self._passage_by_id,
            self.index.boilerplate,
            self.index.documents,
        )

    def _area_grade_beside(self, question: Question, result: SearchResult) -> SearchResult:
        """A question about one judgement area of one authority ("what did Ofsted say about
        Bury's LSCB in 2016?"): the grade its best-ranked report gave that area takes the last
        place of a default page, as the answer closes with it. Retrieval ranks a report's
        one graded line below its paragraphs on the area."""
        areas = areas_asked(question)
        if not areas or question.sections:
            return result
        records = {r.doc_id: r for r in self.judgements.for_authority(question.authorities[0])}
        report = next((h.passage.doc_id for h in result.hits if h.passage.doc_id in records), None)
        if report is None:
            return result
        citer = Citer(self._passage_by_id, self.index.documents)
        for area in areas:
            if grade := records[report].grade_for(area):
                citer.cite(grade.evidence)
        graded = [self._passage_by_id.get(c.passage_id) or _span_read(c) for c in citer.citations]
        # The last place of a default page of results: the search's own best come first.
        at = self.settings.top_k - 1
        read = {h.passage.passage_id for h in result.hits[:at]}
        if not graded or any(p.passage_id in read for p in graded):
            return result
        ids = {p.passage_id for p in graded}
        rest = [h for h in result.hits if h.passage.passage_id not in ids]
        score = rest[at - 1].score if len(rest) >= at else 0.0
        hits = [*rest[:at], *(Hit(p, score) for p in graded), *rest[at:]]
        return replace(result, hits=hits[: len(result.hits)])

    def _table_answer(
        self, question: Question, filters: Filters, authorities: tuple[str, ...]
    ) -> Composed | None:
        """The judgements table's answer for a question asking about grades, dates or
        inspectors of ``authorities`` (those the index holds); None when it asks none."""
        if (
            question.grades is None
            or not _may_hold_judgements(filters)
            # "According to the committee minutes": the council's words, not Ofsted's table.
            or question.names_council_source
        ):
            return None
        answer = answer_judgement_question(
            question.grades,
            authorities,
            self.judgements,
            self._passage_by_id,
            self.index.documents,
            question.framework,
            question.reinspection,
        )
        if answer is None and question.grades.asks_earlier:
            answer = self._earlier_told(question.grades, authorities)
        return answer

    def _earlier_told(self, request: GradeRequest, authorities: tuple[str, ...]) -> Composed | None:
        """ "How was Lancashire rated at the inspection before 2015?" when the documents hold
        none before it: its oldest report's own "since the last inspection in 2012, when the
        local authority was found to be good overall" (one authority asked); asked when it
        was, the report's sentence dating it. Not when they hold an earlier report (the table
        found no grade of the area asked there)."""
        if len(authorities) != 1:
            return None
        reports = [r for r in self.judgements.for_authority(authorities[0]) if r.is_report]
        # "Before 2015" as the table reads it: before the inspection that year names.
        bound = request.before
        earlier = (
            []
            if request.pick == BEFORE_FIRST
            else inspected_before(reports, reports, bound)
            if bound
            else reports[:-1]
        )
        if not reports or earlier:
            return None
        oldest = reports[0].doc_id
        if request.kind == "inspection":
            # "When was St Helens last inspected before the November 2014 inspection?": that
            # report's own "were last inspected in June 2012". It names no one who led it.
            if request.inspector_first:
                return None
            return previous_inspection_told(oldest, self.index.passages, self.index.documents)
        return change_told(
            oldest, self.index.passages, self.index.documents, graded=True
        ) or previous_grades_told(oldest, self.index.passages, self.index.documents)

    def _search(
        self, question: Question, filters: Filters, top_k: int | None, mode: str | None
    ) -> SearchResult:
        return self.searcher.search(
            _retrieval_query(question, filters),
            filters,
            self._check_top_k(top_k),
            mode or self._mode(),
            self.settings.candidates,
            _votes(question),
        )

    def ranker_inputs(
        self, query: str, filters: Filters | None = None
    ) -> tuple[FirstStage, np.ndarray]:
        """What the learned second stage sees for ``query`` as ``search`` runs it: the fused
        passages and their feature rows (for training it: ``eval.train_reranker``)."""
        filters = filters or Filters()
        question = parse_question(query, authorities=filters.authority)
        filters = self._with_authorities(filters, question)
        first = self.searcher.first_stage(
            _retrieval_query(question, filters),
            filters,
            self.settings.top_k,
            "hybrid",
            self.settings.candidates,
            _votes(question),
        )
        return first, self.searcher.features(first, _votes(question))

    def _with_authorities(self, filters: Filters, question: Question) -> Filters:
        """The authorities named become the filter; one the index holds nothing about stands
        for the councils that took its children's services over, where the index holds them
        ("Northamptonshire's children's trust": North and West Northamptonshire's reports)."""
        if question.authorities and not filters.authority:
            filters = replace(filters, authority=question.authorities)
        named: list[str] = []
        for authority in filters.authority:
            former = canonical_authority(authority) or authority
            held = [a for a in SUCCESSORS.get(former, ()) if self._has_authority(a)]
            named += held if held and not self._has_authority(authority) else [authority]
        named = list(dict.fromkeys(named))
        return (
            replace(filters, authority=tuple(named))
            if named != list(filters.authority)
            else filters
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
        *,
        last_cited: tuple[str, ...] | None = None,
    ) -> Answer:
        """A short cited answer to ``question`` (a follow-up when ``history`` is given).
        ``last_cited``: the documents the last answer cited (none if it abstained), when the
        caller kept them; unknown (None), the last question is answered again to know them."""
        started = time.perf_counter()
        if not question.strip():
            raise BadQuery("the question is empty")
        mode = mode or self._mode()
        if mode not in MODES:
            raise BadQuery(f"mode must be one of {MODES}")
        top_k = self._check_top_k(top_k)
        filters = filters or Filters()
        question = self._spelled(question)
        history = [self._spelled(h) for h in history] if history else history
        if history:
            history = self._latest_named_by_year(question, history)
        # Read once: the rules below and the answer all go by it.
        parsed = parse_question(question, history, filters.authority)
        if carried := self._document_talked_about(
            question, parsed, filters, history, mode, last_cited
        ):
            # "What did it say about leadership?": the document the last answer cited, while
            # it answers; else the conversation's authority and topic, as for any follow-up.
            on = self.ask(question, replace(filters, doc_id=carried), top_k, history, mode)
            if not on.abstained:
                return on
        if (why := self._why_of_the_part_named(question, filters, history, mode)) is not None:
            # Asked anew: the item's words, year and authority say all the history did.
            return self.ask(why, filters, top_k, None, mode)
        if dated := self._at_the_inspection_discussed(
            question, parsed, filters, history, mode, last_cited
        ):
            return self.ask(dated, filters, top_k, history, mode, last_cited=last_cited)
        filters = self._with_authorities(filters, parsed)
        missing = [a for a in filters.authority if not self._has_authority(a)]
        if missing and len(missing) == len(filters.authority):
            return Answer(
                f"{ABSTAIN_MESSAGE} The index holds no documents about {' or '.join(missing)}.",
                True,
                [],
                parsed.query,
                filters,
                {"total": _ms(started)},
            )
        # Deep enough for an answer per inspection; hits and sources keep top_k.
        depth = max(top_k, self.answer_settings.passages_considered, DEPTH)
        result = self._search(parsed, filters, depth, mode)
        t0 = time.perf_counter()
        # "Why?" after a grade: what the report says under that judgement's heading.
        told = summary_of(
            findings_behind_grade(
                parsed, history, self.judgements, self.index.passages, self.index.documents
            ),
            self.index.documents,
        )
        composed, stage = (
            (told, "answer") if told is not None else self._route(parsed, filters, missing, result)
        )
        if composed.abstained and told is None and parsed.from_history:
            # A follow-up that found no answer in its own words ("which age group is lagging
            # behind?" after "how are Gateshead's care leavers doing on education and jobs?")
            # is asked again about the last question's topic; kept only if that answers.
            carried = parse_question(question, history, filters.authority, carry_topic=True)
            if again := self._answered_as(carried, parsed, filters, missing, depth, mode):
                parsed = carried
                result, composed, stage = again
        if composed.abstained and told is None and parsed.from_history and parsed.authorities:
            # Nor about it: in its own words, of the authority the conversation is about
            # ("why have they got so few of their own homes?" after "why was CiC only RI?"
            # carried "CiC only requires improvement", words no answer shares).
            own = parse_question(question, None, parsed.authorities)
            if again := self._answered_as(own, parsed, filters, missing, depth, mode):
                searched, composed, stage = again
                # The passages it quotes lead the conversation's own search's.
                cited = {c.passage_id for c in composed.citations}
                extra = [h for h in searched.hits if h.passage.passage_id in cited]
                result = replace(result, hits=[*extra, *result.hits])
        # What the answer read, best first: the passages it quotes, in its order, then the rest
        # of the search's (the learned stage's first passage may be one the answer found no
        # sentence in). An answer per inspection keeps the search's order: it cites each
        # report's cover and grades first.
        hits = (
            result.hits
            if stage == BY_INSPECTION
            else cited_first(composed.citations, result.hits, self._passage_by_id)
        )
        hits = self._both_voices(parsed, filters, mode, hits)
        timings = dict(result.timings_ms)
        # What /v1/search gives for it: the graded lines or the passages quoted first.
        searched = self._answer_first(parsed, filters, result, mode, (composed, stage))
        searched = replace(searched, hits=self._both_voices(parsed, filters, mode, searched.hits))
        timings[stage] = _ms(t0)
        timings["total"] = _ms(started)
        return Answer(
            answer=composed.answer,
            abstained=composed.abstained,
            citations=composed.citations,
            resolved_query=parsed.query,
            filters=filters,
            timings_ms=timings,
            hits=hits[:top_k],
            sources=searched.hits[:top_k],
        )

    def _why_of_the_part_named(
        self, question: str, filters: Filters, history: list[str] | None, mode: str
    ) -> str | None:
        """ "Why is that an issue?" after "what's the one thing Salford has to work on?": the
        reasons for the item the last answer quoted, asked of it in its own words, its report's
        year and the authority ("Why: management oversight of pre-proceedings work … in 2024 in
        Salford?"). The history holds questions only, so the last one is answered again, as
        for the document it cited. None for any other question."""
        if not history or not why_alone(question):
            return None
        last = parse_question(history[-1], history[:-1], filters.authority)
        if not last.sections or not last.authorities:
            return None
        said = self._answered_again(history, filters, mode)
        if said.abstained or not said.citations:
            return None
        first = said.citations[0]
        year = (self.index.documents[first.doc_id].meta.date or "")[:4]
        # A list of bullets is said as one line ("… homeless; the quality of …").
        items = (" ".join(i.split()).strip(" .") for i in re.split(r"[◼•]", first.quote))
        item = "; ".join(i for i in items if i)
        when = f" in {year}" if year else ""
        return f"Why: {item}{when} in {' and '.join(last.authorities)}?"

    def _at_the_inspection_discussed(
        self,
        question: str,
        parsed: Question,
        filters: Filters,
        history: list[str] | None,
        mode: str,
        last_cited: tuple[str, ...] | None,
    ) -> str | None:
        """A grade asked with no time, after an answer from one council paper, press release
        or interview: ``question`` asked of the inspection that document is about ("so what
        grade did they get?" after Community Care's interview on Hertfordshire's 2018 report
        is of 2018, not of the newest report). ``parsed``: ``question`` read with its history.
        None when it does not apply."""
        if not history or filters.doc_id:
            return None
        grades = parsed.grades
        if (
            not parsed.from_history
            or grades is None
            or parsed.when is not None
            or grades.names_its_inspection
            or len(parsed.authorities) != 1
            or time_shift(question) == "after"
        ):
            return None
        authority = parsed.authorities[0]
        cited = self._last_cited(history, filters, mode, last_cited)
        metas = [self.index.documents[d].meta for d in cited]
        if not metas or any(
            m.doc_type in REPORT_TYPES or (m.authority or "") != authority for m in metas
        ):
            return None
        reported = [self.judgements.inspection_reported(authority, m.doc_id, m.date) for m in metas]
        # Every document cited is about the one inspection (an interview and a cabinet paper
        # on the same report).
        report = reported[0] if len({r and r.doc_id for r in reported}) == 1 else None
        year = _year_inspected(report)
        if not year:
            return None
        asked = question.strip().rstrip(" ?.")
        if time_shift(question) == "before":
            return f"{asked}, at the inspection before {year}?"
        return f"{asked} in {year}?"

    def _answered_again(self, history: list[str], filters: Filters, mode: str) -> Answer:
        """The last question of ``history`` answered again, to know what its answer cited
        (the history holds questions only); it carries no document in turn."""
        return self.ask(history[-1], filters, None, history[:-1], mode, last_cited=())

    def _document_talked_about(
        self,
        question: str,
        parsed: Question,
        filters: Filters,
        history: list[str] | None,
        mode: str,
        last_cited: tuple[str, ...] | None,
    ) -> tuple[str, ...]:
        """The one document the last answer cited, when ``question`` points back at it, names
        no authority of its own and does not ask who led the inspection; () otherwise. A
        conversation the API keeps knows what its last turn cited; a request bringing its own
        history has its last question answered again (once: that answer carries no document
        in turn)."""
        if filters.doc_id or not points_to_a_document(question) or find_authorities(question):
            return ()
        if last_cited is None and not history:
            return ()
        grades = parsed.grades
        if grades and (grades.asks_lead_inspector or grades.same_lead):
            # "Who led that inspection?" after an interview on it: the report names its lead
            # inspector; a council paper or article (whatever person it names) does not. "Has
            # she inspected them before? when?": the inspection she led, not the one cited.
            return ()
        cited = self._last_cited(history or [], filters, mode, last_cited)
        return cited if len(cited) == 1 else ()

    def _latest_named_by_year(self, question: str, history: list[str]) -> list[str]:
        """``history`` with each question asked of an authority's latest inspection naming its
        year, where the turn after it moves before it ("latest york ofsted report", "and the
        one before that?"): the inspection before is then a bound every later turn keeps."""
        out = list(history)
        for i, asked in enumerate(history):
            following = history[i + 1] if i + 1 < len(history) else question
            when = when_asked(asked)
            if time_shift(following) != "before" or when is None or not when.latest:
                continue
            named = resolve(asked, out[:i]).authorities
            reports = self.judgements.for_authority(named[0], True) if len(named) == 1 else []
            if year := _year_inspected(reports[-1] if reports else None):
                out[i] = latest_as_year(asked, year)
        return out

    def _last_cited(
        self,
        history: list[str],
        filters: Filters,
        mode: str,
        last_cited: tuple[str, ...] | None,
    ) -> tuple[str, ...]:
        """The documents the last answer cited: as the caller kept them, else found by
        answering the last question again; () when it abstained."""
        if last_cited is not None:
            return last_cited
        last = self._answered_again(history, filters, mode)
        return () if last.abstained else tuple({c.doc_id for c in last.citations})

    def _answered_as(
        self,
        other: Question,
        parsed: Question,
        filters: Filters,
        missing: list[str],
        depth: int,
        mode: str,
    ) -> tuple[SearchResult, Composed, str] | None:
        """``other``'s search, answer and stage, when it reads otherwise than ``parsed`` and
        its answer does not abstain (a follow-up asked again another way)."""
        if other.query == parsed.query:
            return None
        result = self._search(other, filters, depth, mode)
        answered, stage = self._route(other, filters, missing, result)
        return None if answered.abstained else (result, answered, stage)

    def _route(
        self, parsed: Question, filters: Filters, missing: list[str], result: SearchResult
    ) -> tuple[Composed, str]:
        """The answer and which stage made it: the judgements table, the passages, a report's
        section or an answer per inspection."""
        # Grades, dates and inspectors come from the judgements table, cited to the report;
        # everything else (and what the table cannot answer) from the retrieved passages.
        table = self._table_answer(
            parsed, filters, tuple(a for a in filters.authority if a not in missing)
        )
        text = section = None
        cosines: CosinesOf | None = None
        if table is None or table.text_may_answer or not _grades_alone(parsed):
            section = compose_by_section(
                parsed, result.hits, self.index.passages, self.index.documents, self._superseded
            )
            if section is None and asks_for_summary(parsed):
                # "What did Ofsted find in Leicester's latest inspection?": the report's own
                # summary, as a section asked for is that section.
                section = self._summary(parsed)
            cosines = self._sentence_cosines(result)
            read = result.hits
            if (
                section is None
                and parsed.sections
                and not (parsed.when and (parsed.when.years or parsed.when.before))
            ):
                # "What are Herefordshire's strengths?": only its 2014 report has that part,
                # and the section's vote ranked it first; undated, the latest words answer.
                newest = [h for h in read if h.passage.doc_id not in self._superseded]
                read = newest or read
            text = section or self._compose_from_source(parsed, read, cosines)
            considered = self.answer_settings.passages_considered
            if (
                section is None
                and result.first_stage is not None
                and self.settings.abstain_on_first_stage
                and not text.abstained
                # The gate keeps unanswerable questions unanswered; a change of grades the
                # judgements table gave is answerable, and its passages say what changed.
                and not (table is not None and _both_halves(parsed, table, text))
                # The same passages in another order abstain alike: nothing to decide again.
                and {h.row for h in result.hits[:considered]}
                != {h.row for h in result.first_stage[:considered]}
            ):
                # The learned stage lifts the passages holding most of the question's words,
                # which an unanswerable question also has; this decides whether to answer on
                # the first stage's passages instead. A trade (eval/RESULTS.md): on the
                # development sets it caught 2 unanswerable questions and silenced 17
                # answerable ones; on the blind set abstention recall 0.896 → 0.979 for false
                # abstention 0.091 → 0.103.
                gate = self._compose(parsed, result.first_stage, cosines)
                if gate_silences(gate, text, self.settings.gate_unless_cosine):
                    text = gate
            if not text.abstained and _of_another_time(text, parsed.when):
                # "What grade did Leicester get in 2019?" answered from the 2025 report's rows.
                text = Composed(ABSTAIN_MESSAGE, True, [], reason="other_time")
            elif not text.abstained and parsed.asks_ofsted:
                # "What did Ofsted say about Bexley's care leavers in 2020?": no inspection
                # then; a 2023 report's "2017–2020 strategy" is not what it said in 2020.
                missing_year = no_inspection_in(
                    parsed.query,
                    parsed.when,
                    parsed.authorities,
                    self.judgements,
                    self.index.documents,
                )
                if missing_year:
                    text = Composed(missing_year, True, [], reason="other_time")
        if table is not None and self._table_answers(table, text, parsed):
            composed, stage = table, "judgements"
            if _both_halves(parsed, table, text):
                # "How did Bedford do in 2025 compared with its previous inspection?": the
                # grades, then what the reports say changed ("declined since …"), from their
                # prose (the grades' rows and a report's cover, its dates, are said already).
                # Of the overall judgement, the newer report's own "Since the last inspection
                # …" (of one area, its own findings say more than the report's opening).
                overall = parsed.grades is not None and parsed.grades.areas == ("overall",)
                newest = table.citations[-1].doc_id if table.citations and overall else None
                told = (
                    change_told(newest, self.index.passages, self.index.documents)
                    if newest
                    else None
                )
                if told is None:
                    prose = [h for h in result.hits if not self._grades_or_cover(h)]
                    told = self._compose(parsed, prose, cosines)
                if not told.abstained:
                    composed = joined(table, told, CHANGE_CLAIMS)
        else:
            assert text is not None
            composed, stage = text, "answer"
            if (
                not text.abstained
                and section is None
                and asks_by_inspection(parsed)
                # Led by the evidence: when the best sentence is Ofsted's, answer per
                # inspection; when it is a council paper's or an article's, that answers,
                # unless Ofsted's own words were asked for and it only retells them.
                and (
                    text.citations[0].doc_type in REPORT_TYPES
                    or (parsed.asks_ofsted and text.citations[0].doc_type in RETELLING_TYPES)
                )
            ):
                by_inspection = compose_by_inspection(
                    parsed,
                    result.hits,
                    self.index.documents,
                    self.judgements,
                    self._passage_by_id,
                    self.idf,
                    self.answer_settings,
                    self.index.template,
                    cosines,
                    self.lexicon,
                )
                if by_inspection is not None:
                    composed, stage = by_inspection, BY_INSPECTION
            if composed is text and table is not None and _both_halves(parsed, table, text):
                # The passages answered a question about a change of grades: the grades too.
                composed = joined(text, table)
            elif composed is text and section is None:
                composed = with_area_grade(
                    text, parsed, self.judgements, self._passage_by_id, self.index.documents
                )
        return composed, stage

    def _sentence_cosines(self, result: SearchResult) -> CosinesOf | None:
        """Each sentence's cosine with the question, worked out for a passage when an
        answer first reads it."""
        wanted = self.answer_settings.semantic_weight or self.answer_settings.semantic_min
        if not (wanted or self.settings.gate_unless_cosine):
            return None
        return self.searcher.sentence_cosines(result.vector)

    def _compose(
        self,
        parsed: Question,
        hits: list[Hit],
        cosines: CosinesOf | None = None,
        source_read: bool = False,
    ) -> Composed:
        return compose_answer(
            list(parsed.topic_terms),
            hits,
            self.index.documents,
            self.idf,
            self.answer_settings,
            kind=parsed.answer_kind,
            names=list(parsed.names),
            template=self.index.template,
            optional=(*parsed.source_terms, *parsed.acted_on),
            sections=parsed.sections,
            section_terms=parsed.section_terms,
            cosines=cosines,
            passages=self.index.passages,
            unasked=self._unasked(parsed, hits),
            grade_in_words=parsed.answer_kind == GRADE and parsed.names_council_source,
            source_read=source_read,
            quote_wanted=asks_what_someone_said(parsed.query),
            # Every word of it, question words too: only who-questions' roles read them.
            said=frozenset(tokenize([parsed.query])[0]) if parsed.answer_kind == PERSON else None,
            lexicon=self.lexicon,
            counted=counted_terms(parsed.query) if parsed.answer_kind == COUNT else (),
        )

    def _compose_from_source(
        self, parsed: Question, hits: list[Hit], cosines: CosinesOf | None
    ) -> Composed:
        """The answer from the kind of document the question names ("what did Essex's press
        release say about leadership?" is the press release's words, not the report's on
        leadership), or from those titled with the visit it names, when the search found any;
        from every passage when none of those answers."""
        if parsed.names_council_source:
            other = self.searcher.of_another_source([h.row for h in hits], parsed.sources)
            named = [h for h in hits if h.row not in other]
            if other and named:
                composed = self._compose(parsed, named, cosines, source_read=True)
                if not composed.abstained:
                    return composed
        if parsed.events:
            # "What did the monitoring visit say about plans?": the papers titled with that
            # visit, not the full inspections' reports on plans.
            docs = self.index.documents
            titled = [
                h
                for h in hits
                if any(e in docs[h.passage.doc_id].meta.title.lower() for e in parsed.events)
            ]
            if titled and len(titled) < len(hits):
                composed = self._compose(parsed, titled, cosines)
                if not composed.abstained:
                    return composed
        return self._compose(parsed, hits, cosines)

    def _unasked(self, parsed: Question, hits: list[Hit]) -> frozenset[int]:
        """The passages the composer reads that are of another time or another kind of
        document than the question names, where some are of what it names."""
        if not self.answer_settings.unasked_penalty:
            return frozenset()
        rows = [h.row for h in hits[: self.answer_settings.passages_considered]]
        other: frozenset[int] = frozenset()
        if parsed.when and parsed.when.years:
            other |= self.searcher.of_another_time(rows, parsed.when)
        if parsed.sources:
            other |= self.searcher.of_another_source(rows, parsed.sources)
        return other

    def _grades_or_cover(self, hit: Hit) -> bool:
        """A judgement row, or the opening passage of a report (its cover: dates, inspector)."""
        meta = self.index.documents[hit.passage.doc_id].meta
        return hit.passage.kind == "row" or (
            hit.passage.start == 0 and meta.doc_type in REPORT_TYPES
        )

    def _table_answers(self, table: Composed, text: Composed | None, parsed: Question) -> bool:
        """Whether the judgements table answers rather than the passages: led by evidence.

        A question that asks for grades (or an inspection's dates and inspector) and nothing
        else is the table's. One that asks for a person, a date or an amount ("when was the
        2016 judgement published?") is the passages'. One that says more than the grade goes
        to whichever answer's cited evidence covers more of what it says beyond it; a tie is
        the table's, and the table says nothing to what it does not cover at all.
        """
        assert parsed.grades is not None
        if (
            parsed.answer_kind not in (None, GRADE, NEGATIVE)
            and parsed.grades.kind != "inspection"
            and not _dated_by_the_table(parsed)
            # "How many areas were judged good?" is counted in the table.
            and not parsed.grades.counted
        ):
            return False
        if text is None:
            return True
        if parsed.grades.team_asked and any(states_team(c.quote) for c in table.citations):
            # "How many inspectors did Ofsted send?": the report's account of its team, which
            # retrieval leaves out as template, whatever else the question says.
            return True
        if parsed.sections and not text.abstained:
            # "Got outstanding in 2026 - was there anything to improve?" asks for a part of
            # the report (its list of what to improve), which the passages answer.
            return False
        if _names_a_year(text, parsed.when) and table.abstained:
            # No inspection in the year asked: text naming that year may still answer (an
            # article's "rated adequate in 2013").
            return False
        if not parsed.beyond_grades:
            return True
        covered = self._coverage(table, parsed.beyond_grades)
        if text.abstained:
            # An inspection's dates and inspector, or the grades of an area the question
            # names, are the table's whatever else it says of them ("when were inspectors on
            # site?", "were care leavers better served?"); the overall grade only if its
            # evidence covers some of the rest ("how was the LSCB rated?" is not about it).
            # So are a question's shapes of grades ("what stood out as the strongest area?").
            grades = parsed.grades
            return (
                covered > 0
                or grades.kind == "inspection"
                or grades.area_named
                or bool(grades.frame)
            )
        return covered >= self._coverage(text, parsed.beyond_grades)

    def _coverage(self, composed: Composed, terms: tuple[str, ...]) -> float:
        """IDF-weighted share of ``terms`` found in what ``composed`` cites."""
        if composed.abstained or not terms:
            return 0.0
        cited = " ".join(f"{c.section} {c.quote}" for c in composed.citations)
        present = set(tokenize([cited])[0])
        total = sum(self.idf(t) for t in terms) or 1.0
        # "HMI" is covered by "Her Majesty's Inspector": the lexicon's other names count.
        return sum(self.idf(t) for t in terms if mentioned(t, present, self.lexicon)) / total

    def _has_authority(self, authority: str) -> bool:
        name = canonical_authority(authority) or authority
        return name.lower() in self.searcher.authorities


# Documents that retell what Ofsted said to the public: second-hand next to its reports.
RETELLING_TYPES = ("news article", "press release")


def _with_index_weights(settings: Settings, manifest: Manifest) -> Settings:
    """Queries embedded with the weights the index was built with: an index built with tuned
    weights (``make tune-gold``) names their directory, loaded when no other is set and
    they are still the ones that embedded it (else the check after this refuses)."""
    recorded = manifest.stats.get("model_weights")
    if settings.tuned_model_dir is not None or not recorded or recorded == "packaged":
        return settings
    weights = Path(recorded)
    if not weights.is_dir():
        return settings
    following = settings.model_copy(update={"tuned_model_dir": weights})
    return following if model_fingerprint(following) == manifest.weights_fingerprint() else settings


# The stage name (a key of ``timings_ms``) of an answer given inspection by inspection: what it
# read is the search's order (eval.runner mirrors this over HTTP).
BY_INSPECTION = "by_inspection"


def cited_first(
    citations: list[Citation],
    searched: list[Hit],
    passages: dict[str, Passage],
    score: float = 1.0,
) -> list[Hit]:
    """What an answer read, best first: the passages it cites, in its order (each scored
    ``score``), then the search's others."""
    cited = [passages.get(c.passage_id) or _span_read(c) for c in citations]
    # A passage the search found keeps what it knows of it (its row, dense and BM25 scores).
    found = {h.passage.passage_id: h for h in searched}
    first = [
        replace(found[p.passage_id], score=score) if p.passage_id in found else Hit(p, score)
        for p in dict.fromkeys(cited)
    ]
    seen = {h.passage.passage_id for h in first}
    return first + [h for h in searched if h.passage.passage_id not in seen]


def _span_read(citation: Citation) -> Passage:
    """A cited span no stored passage is (a report's dates line, a judgement sentence the
    judgements table cites): read as it is, not left out of what the answer read."""
    return Passage(
        citation.passage_id,
        citation.doc_id,
        citation.start,
        citation.end,
        citation.text,
        citation.section,
        "text",
        citation.page,
    )


def _votes(question: Question) -> Votes:
    """What the question says besides its words, as the searcher's votes."""
    kind = question.answer_kind
    # Votes only: the composers go by ``answer_kind``.
    if kind is None and asks_what_someone_said(question.text):
        kind = QUOTE
    elif kind is None and asks_change(f"{question.text} {question.query}", question.topic_terms):
        kind = CHANGE
    return Votes(
        question.when,
        kind,
        question.sources,
        question.sections,
        visits=question.events,
        # A question of its own (not a follow-up) naming an authority, no time and no other
        # source than its reports: staff mean the latest inspection.
        undated=question.when is None
        and bool(question.authorities)
        and not question.from_history
        and not question.sources,
    )


# Claims of the other half a change-of-grades answer adds (eval/RESULTS.md).
CHANGE_CLAIMS = 2


def _both_halves(parsed: Question, table: Composed, text: Composed | None) -> bool:
    """Whether a question about a change of grades is answered by the grades and by what the
    reports say changed: both the table and the passages answered it."""
    return (
        parsed.grades is not None
        and parsed.grades.kind == "change"
        # "Its last two inspections' grades" asks for those grades, not what changed.
        and parsed.grades.pick != "last"
        and not table.abstained
        and text is not None
        and not text.abstained
    )


def _year_inspected(report: InspectionRecord | None) -> str | None:
    """The year ``report``'s inspection began (or ended, when only that is known)."""
    inspected = report and (report.start_date or report.end_date)
    return inspected.value[:4] if inspected else None


def _retrieval_query(question: Question, filters: Filters) -> str:
    """The query without authority names once an authority filter is in force: every allowed
    passage is about that authority already, and the name would only pull both retrievers
    towards passages that repeat it rather than ones on the topic asked about."""
    text = question.topic if filters.authority else question.query
    if (
        question.sources
        and question.answer_kind is None
        and not question.asks_ofsted
        and names_a_paper(question.text)
    ):
        # "Herts cabinet panel feb 2019 - what were the 3 areas for improvement?": the source
        # vote picks the paper; the words naming it would pull its cover lines. Not "who wrote
        # the cabinet panel report?", "when did the panel meet?": the cover lines answer those.
        # Nor "what did Ofsted say Brent's scrutiny committee needed to do?": its topic. Only
        # a paper the question names itself: one a follow-up carries stays a word to search.
        text = paper_named_out(text)
    if question.events:
        # "What did Ofsted say about children's plans at the last monitoring visit?": the visit
        # is which document (its vote), the plans are what to find in it. Named as words too,
        # the visit drew the passages that say "monitoring visit" over the ones on plans.
        without = _VISIT_NAMED.sub(" ", text)
        if names_a_topic(_VISIT_NAMED.sub(" ", question.text)):
            return re.sub(r"\s{2,}", " ", without).strip()
    return text


# A visit named with what leads it in: "at the last monitoring visit", "Herefordshire's 5th
# monitoring visit".
_VISIT_NAMED = re.compile(
    r"(?:\b(?:at|in|during|from|of|on)\s+)?(?:\b(?:the|its|their|a)\s+)?"
    r"(?:\b(?:last|latest|recent|most\s+recent|first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+)?"
    r"(?:\bofsted\s+)?\b(?:monitoring|focused)\s+visits?\b",
    re.I,
)


def _dated_by_the_table(question: Question) -> bool:
    """Whether a date asked for is the table's: "in which year was Calderdale judged good?" is
    answered by the inspections that gave the grade, each dated."""
    return (
        question.answer_kind == DATE
        and question.grades is not None
        and question.grades.kind == "ever"
    )


def _grades_alone(question: Question) -> bool:
    """Whether a question asks for grades (or an inspection's dates and inspector) and
    nothing else, so that the judgements table answers without the passages being read. A
    change of grades is also told in the reports' words ("declined since …")."""
    return (
        question.grades is not None
        and not question.beyond_grades
        and (question.answer_kind in (None, GRADE) or _dated_by_the_table(question))
        and question.grades.kind != "change"
    )


def gate_silences(gate: Composed, text: Composed, close: float) -> bool:
    """Whether the first stage's abstention (``gate``) stands over the learned stage's answer
    (``text``): not when that answer's sentences are close in meaning to the question, nor
    when its best sentence holds every word of the question ("what did inspectors say about
    Greenwich's front door?" answered by "… multi-agency safeguarding hub (MASH) …", a name
    the lexicon gives it, which only the learned stage ranked among the first passages)."""
    # Nor when the first stage abstained for a name its passages never mention that the
    # answer's do ("UASC", which only the learned stage found as "unaccompanied asylum-seeking
    # children"): the first stage missed it, the question is not unanswerable for it.
    return (
        gate.abstained
        and gate.reason != "unmentioned_name"
        and not (close and text.best_cosine >= close)
        and not text.best_overlap >= 1.0
    )


def _table_leads(question: Question) -> bool:
    """Whether what the judgements table cites leads the search: a grade asked alone, or an
    inspection's dates or inspector however asked ("when did Ofsted carry out …", "who led
    …"), which the table answers whatever the answer kind."""
    grades = question.grades
    return (
        grades is not None
        and not question.sections
        and (
            _grades_alone(question) or (grades.kind == "inspection" and not question.beyond_grades)
        )
    )


def _may_hold_judgements(filters: Filters) -> bool:
    """Only filters the table can honour: a date range or a non-report type need retrieval."""
    return not (filters.doc_type or filters.date_from or filters.date_to or filters.doc_id)


def _of_another_time(composed: Composed, asked: When | None) -> bool:
    """Whether a question naming years (or months) is answered only from documents of other
    times that do not mention them either (neither the passages cited nor the titles)."""
    if not asked or not asked.years:
        return False
    for c in composed.citations:
        held = f"{c.title} {c.section} {c.text}"
        day = c.date or ""
        if (asked.covers(day) and asked.covers_month(day)) or asked.said_in(held):
            return False
    return True


def _names_a_year(composed: Composed, asked: When | None) -> bool:
    """Whether a text answer says one of the years asked about (so it is about that time)."""
    return bool(asked and not composed.abstained and any(y in composed.answer for y in asked.years))


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 3)
