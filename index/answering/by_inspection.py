"""Open questions about one authority answered inspection by inspection, newest first.

"What did Ofsted say about care leavers in Calderdale?" has one answer per inspection: each
gets its dates and framework, its grade for the area asked about where it has one, and the
sentences of its own passages that say most about the topic, every one cited.
"""

import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from index.answering.answer import AnswerSettings, Composed, IdfTable, compose_answer
from index.answering.judgement_answers import Citer, labelled, written_dates
from index.answering.judgement_table import JudgementTable
from index.ingest.judgements import REPORT_TYPES, Evidence, InspectionRecord
from index.retrieval.expansion import Lexicon
from index.types import CosinesOf, Document, Hit, Passage
from index.understanding.grade_request import areas_named
from index.understanding.question import Question

INSPECTIONS = 3
# The newest inspection says most; older ones are context.
SENTENCES = (2, 1, 1)
# Of each report, its best few passages: one or two sentences are quoted from them.
PASSAGES = 4
_MARKER = re.compile(r"\[(\d+)\]")
_FRAMEWORK_NAMES = {
    "standard": "ILACS",
    "short": "ILACS short",
    "SIF": "single inspection framework",
}


def asks_by_inspection(question: Question) -> bool:
    """An open question about one authority's inspections: no year, person, date or amount
    asked for, no council document named, not a request for grades alone."""
    return (
        len(question.authorities) == 1
        and question.answer_kind is None
        and (question.when is None or question.when.latest)
        and not question.sources
        and question.grades is None
        and not question.points_to_document
    )


def compose_by_inspection(
    question: Question,
    hits: list[Hit],
    documents: dict[str, Document],
    table: JudgementTable,
    passages: dict[str, Passage],
    idf: IdfTable,
    settings: AnswerSettings,
    template: frozenset[int] = frozenset(),
    cosines: CosinesOf | None = None,
    lexicon: Lexicon | None = None,
) -> Composed | None:
    """An answer per inspection, newest first; None when fewer than two inspections answer
    (then the plain answer over the top passages says it better)."""
    by_doc: dict[str, list[Hit]] = {}
    for hit in hits:
        if documents[hit.passage.doc_id].meta.doc_type in REPORT_TYPES:
            by_doc.setdefault(hit.passage.doc_id, []).append(hit)
    records = {r.doc_id: r for r in table.for_authority(question.authorities[0])}
    newest = sorted(by_doc, key=lambda d: _when(d, records, documents), reverse=True)
    parts: list[tuple[str, Composed, InspectionRecord | None]] = []
    for doc_id in newest:
        budget = SENTENCES[min(len(parts), len(SENTENCES) - 1)]
        composed = compose_answer(
            list(question.topic_terms),
            by_doc[doc_id],
            documents,
            idf,
            replace(settings, max_sentences=budget, passages_considered=PASSAGES),
            names=list(question.names),
            template=template,
            # Deeper hits than a plain answer reads: a report's last pages sit under the last
            # section's heading, which names the topic, but say nothing about it.
            own_words=True,
            cosines=cosines,
            lexicon=lexicon,
        )
        if not composed.abstained:
            parts.append((doc_id, composed, records.get(doc_id)))
        if len(parts) == INSPECTIONS:
            break
    if len(parts) < 2:
        return None
    areas = areas_named(question.topic)
    citer = Citer(passages, documents)
    blocks: list[str] = []
    for doc_id, composed, record in parts:
        label, dates = inspection_label(doc_id, record, documents)
        statements = _grades(record, areas, citer)
        # The dates line is cited after the block's first statement, so an answer's first
        # citation is what the report says, not its cover.
        if dates is not None and statements:
            statements[0] += f" [{citer.cite(dates)}]"
            dates = None
        # With no grade before it, the dates line takes the number after the first sentence's.
        offset = len(citer.citations)
        shift = partial(_shifted, offset=offset, after_first=dates is not None)
        body = [replace(c, n=shift(c.n)) for c in composed.citations]
        citer.citations += body[:1]
        if dates is not None:
            dates_n = citer.cite(dates)
        citer.citations += body[1:]
        text = _renumbered(composed.answer, shift)
        if dates is not None:
            first = f"[{offset + 1}]"
            text = text.replace(first, f"{first} [{dates_n}]", 1)
        statements.append(text)
        blocks.append(" ".join(statements) if not label else f"{label}: {' '.join(statements)}")
    return Composed(" ".join(blocks), False, citer.citations)


def _shifted(n: int, offset: int, after_first: bool) -> int:
    return offset + n + (after_first and n > 1)


def _renumbered(answer: str, number: Callable[[int], int]) -> str:
    return _MARKER.sub(lambda m: f"[{number(int(m.group(1)))}]", answer)


def _when(doc_id: str, records: dict[str, InspectionRecord], documents: dict[str, Document]) -> str:
    record = records.get(doc_id)
    return (record.when if record else None) or documents[doc_id].meta.date or ""


def inspection_label(
    doc_id: str, record: InspectionRecord | None, documents: dict[str, Document]
) -> tuple[str, Evidence | None]:
    """The inspection's dates and framework as the label its statements follow, and the
    report's dates line that states them."""
    if record is None or not (record.start_date and record.end_date):
        return "", None
    framework = _FRAMEWORK_NAMES.get(record.framework or "", "")
    label = documents[doc_id].meta.doc_type.capitalize()
    when = written_dates(record.start_date, record.end_date)
    return f"{label} of {when}{f' ({framework})' if framework else ''}", record.start_date.evidence


def _grades(record: InspectionRecord | None, areas: tuple[str, ...], citer: Citer) -> list[str]:
    """The inspection's grade for each area asked about, each cited to its judgement row."""
    out: list[str] = []
    for area in areas:
        grade = record.grade_for(area) if record else None
        if grade:
            out.append(f"{labelled(grade)} [{citer.cite(grade.evidence)}]")
    return out
