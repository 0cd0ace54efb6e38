"""An answer about one area at one inspection closes with that area's grade unless a citation
already says it: a citation of the passage holding the grade line, quoting its heading, does
not."""

from index.answering.answer import Composed
from index.answering.area_grade import with_area_grade
from index.qa import QAEngine
from index.types import Citation
from index.understanding.question import parse_question

QUESTION = "What did the 2015 report say about Hertfordshire's LSCB?"
HEADING = "The Local Safeguarding Children Board (LSCB)"
GRADE = "The Local Safeguarding Children Board is good"


def _answer_quoting(engine: QAEngine, quote: str) -> Composed:
    passage = next(
        p
        for p in engine.index.passages
        if p.doc_id.startswith("hertfordshire-children-s-services-inspection-27-november-2015")
        and HEADING in p.text
        and GRADE in p.text
    )
    meta = engine.index.documents[passage.doc_id].meta
    citation = Citation.from_passage(1, passage, meta, quote, 1.0)
    return Composed(f"{quote} [1]", False, [citation])


def _closed(engine: QAEngine, composed: Composed) -> Composed:
    by_id = {p.passage_id: p for p in engine.index.passages}
    question = parse_question(QUESTION)
    return with_area_grade(composed, question, engine.judgements, by_id, engine.index.documents)


def test_a_heading_quoted_from_the_graded_passage_still_closes_with_the_grade(
    engine: QAEngine,
) -> None:
    closed = _closed(engine, _answer_quoting(engine, HEADING))
    assert closed.answer.endswith("[2]")
    assert GRADE in closed.citations[-1].quote


def test_the_grade_line_quoted_is_not_said_twice(engine: QAEngine) -> None:
    composed = _answer_quoting(engine, GRADE)
    assert _closed(engine, composed) == composed
