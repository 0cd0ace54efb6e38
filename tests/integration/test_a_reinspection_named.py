"""A re-inspection named ("how was lancashire rated at its re-inspection?", "who led the
lancashire reinspection?") is the report whose cover calls it one, not the newest inspection
(the 2026 report answered); after a question about an earlier inspection, the re-inspection
after it (the 2015 one answered). Built from Lancashire's 2015, 2018 (its re-inspection) and
2026 reports of the ILACS archive."""

import pytest

from index.qa import QAEngine

pytestmark = pytest.mark.slow

AUTHORITY = "lancashire"
REPORT = (
    "children's services inspection - 27 november 2015.pdf",
    "children's services inspection - 17 august 2018.pdf",
    "children's services inspection - 20 august 2026.pdf",
)
REINSPECTION = "lancashire-children-s-services-inspection-17-august-2018"
NEWEST = "lancashire-children-s-services-inspection-20-august-2026"


@pytest.mark.parametrize(
    "question",
    [
        "how was lancashire rated at its re-inspection?",
        "lancashire reinspection grades",
        "who led the lancashire reinspection?",
        "lancashire reinspection - publication date of report?",
    ],
)
def test_the_reinspection_named_is_the_one_read(report_engine: QAEngine, question: str) -> None:
    answer = report_engine.ask(question)
    assert not answer.abstained, answer.answer
    assert {c.doc_id for c in answer.citations} == {REINSPECTION}, answer.answer


def test_without_it_the_newest_is_read(report_engine: QAEngine) -> None:
    answer = report_engine.ask("who led lancashire's latest inspection?")
    assert {c.doc_id for c in answer.citations} == {NEWEST}, answer.answer


@pytest.mark.parametrize(
    "question", ["still inadequate at the re-inspection?", "who led the reinspection?"]
)
def test_the_reinspection_after_the_inspection_talked_about(
    report_engine: QAEngine, question: str
) -> None:
    answer = report_engine.ask(question, history=["lancashire 2015 ofsted why inadequate"])
    assert not answer.abstained, answer.answer
    assert {c.doc_id for c in answer.citations} == {REINSPECTION}, answer.answer


def test_the_reinspection_the_conversation_named_by_its_year_stays(
    report_engine: QAEngine,
) -> None:
    history = ["lancashire 2018 re-inspection - what had they got at the previous inspection?"]
    question = "how long were inspectors there for the re-inspection?"
    answer = report_engine.ask(question, history=history)
    assert {c.doc_id for c in answer.citations} == {REINSPECTION}, answer.answer
