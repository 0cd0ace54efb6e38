"""An answer about one judgement area at one inspection closes with that area's grade.

"What did Ofsted say about care leavers in Calderdale in 2018?" is answered from the report's
sentences; the grade the same report gave care leavers is part of what Ofsted said, so it
follows them, cited to the report's own judgement line. It comes last: the sentences answer
the question asked, the grade sets them in context.
"""

from dataclasses import replace

from index.answering.answer import Composed
from index.answering.judgement_answers import Citer, labelled
from index.answering.judgement_table import JudgementTable
from index.ingest.judgements import REPORT_TYPES, Evidence
from index.types import Citation, Document, Passage
from index.understanding.grade_request import areas_named
from index.understanding.question import Question


def areas_asked(question: Question) -> tuple[str, ...]:
    """The judgement areas an open question about one authority names ("what did Ofsted say
    about Bury's LSCB?"); none for a who / when / how-much question or a council paper asked
    for ("in Essex's press release" is answered in its own words)."""
    if len(question.authorities) != 1 or question.sources or question.answer_kind is not None:
        return ()
    return areas_named(question.topic)


def with_area_grade(
    composed: Composed,
    question: Question,
    table: JudgementTable,
    passages: dict[str, Passage],
    documents: dict[str, Document],
) -> Composed:
    """``composed`` with the grade its first cited report gave each area the question names,
    unless a citation already quotes it; ``composed`` itself when there is none to add."""
    areas = areas_asked(question)
    if composed.abstained or not areas:
        return composed
    report = next((c.doc_id for c in composed.citations if c.doc_type in REPORT_TYPES), None)
    records = {r.doc_id: r for r in table.for_authority(question.authorities[0])}
    record = records.get(report or "")
    if record is None:
        return composed
    citer = Citer(passages, documents)
    citer.citations = list(composed.citations)
    statements: list[str] = []
    for area in areas:
        grade = record.grade_for(area)
        if grade is None or any(_states(c, grade.evidence) for c in citer.citations):
            continue
        n = citer.cite(grade.evidence)
        statements.append(f"{labelled(grade)} [{n}]")
    if not statements:
        return composed
    return replace(
        composed,
        answer=f"{composed.answer} {' '.join(statements)}",
        citations=citer.citations,
    )


def _states(citation: Citation, evidence: Evidence) -> bool:
    """Whether ``citation`` quotes the grade's own line. Not whether its passage holds it: the
    passage "The Local Safeguarding Children Board (LSCB) / The Local Safeguarding Children
    Board is good" quoted for its heading says nothing of the grade."""
    return citation.doc_id == evidence.doc_id and _spaced(evidence.quote) in _spaced(citation.quote)


def _spaced(text: str) -> str:
    return " ".join(text.split()).lower()
