"""A conversation that asked of the latest report and then moved before it ("latest york
ofsted report", "and the one before that?") reads the report before the latest, and later turns
stay there: both were answered from the 2025 report. Built from York's 2022 and 2025 reports of
the ILACS archive."""

import pytest

from index.qa import QAEngine

pytestmark = pytest.mark.slow

AUTHORITY = "york"
REPORT = (
    "children's services inspection - 04 may 2022.pdf",
    "children's services inspection - 15 april 2025.pdf",
)
EARLIER = "york-children-s-services-inspection-04-may-2022"


def test_the_one_before_the_latest_is_the_earlier_report(report_engine: QAEngine) -> None:
    answer = report_engine.ask("and the one before that?", history=["latest york ofsted report"])
    assert answer.citations and {c.doc_id for c in answer.citations} == {EARLIER}, answer.answer
    assert "2025" not in answer.resolved_query


def test_a_later_turn_stays_with_the_report_before_the_latest(report_engine: QAEngine) -> None:
    history = ["latest york ofsted report", "and the one before that?"]
    question = "what did it say about emotional wellbeing for cic?"
    answer = report_engine.ask(question, history=history)
    assert not answer.abstained, answer.answer
    assert {c.doc_id for c in answer.citations} == {EARLIER}, answer.answer


def test_the_latest_alone_is_still_the_latest(report_engine: QAEngine) -> None:
    answer = report_engine.ask("latest york ofsted report")
    assert {c.doc_id for c in answer.citations} == {
        "york-children-s-services-inspection-15-april-2025"
    }, answer.answer
