"""The inspection before a new council's first ("and the one before that?" after "how did
cumberland do in their first ilacs", "… when it was still cumbria?") is the one its first
report tells of: "Children's services in the predecessor local authority, Cumbria County
Council, were judged requires improvement to be good in November 2022." The first was given
again, or nothing. Built from Cumberland's 2024 report of the ILACS archive."""

import pytest

from index.qa import QAEngine

pytestmark = pytest.mark.slow

AUTHORITY = "cumberland"
REPORT = "children's services inspection - 26 november 2024.pdf"
FIRST = "how did cumberland do in their first ilacs"
TOLD = "predecessor local authority, Cumbria County Council, were judged requires improvement"


@pytest.mark.parametrize(
    "question",
    [
        "and the one before that?",
        "and what was it rated at the inspection before?",
        "and what was it rated at the inspection before, when it was still cumbria?",
    ],
)
def test_the_inspection_before_the_first_is_the_predecessors(
    report_engine: QAEngine, question: str
) -> None:
    answer = report_engine.ask(question, history=[FIRST])
    assert not answer.abstained, answer.answer
    assert TOLD in answer.answer, answer.answer


def test_the_first_itself_is_still_the_first(report_engine: QAEngine) -> None:
    answer = report_engine.ask(FIRST)
    assert "7 to 18 October 2024" in answer.answer and "good" in answer.answer, answer.answer


def test_it_reads_as_a_question_of_its_own(report_engine: QAEngine) -> None:
    # The resolved question read "how did do in their first ilacs in Cumberland?".
    answer = report_engine.ask("and the one before that?", history=[FIRST])
    assert answer.resolved_query == "How was Cumberland rated before its first inspection?"
    alone = report_engine.ask("how was cumberland rated before its first inspection?")
    assert TOLD in alone.answer, alone.answer
