"""The inspection after another ("when was the sheffield inspection after the 2013 one?", "and
the next one?" after "sheffield 2013 grades") is the one next after it, not the newest (the
2023 report answered) nor the year's own; and a framework named with the year an inspection is
counted from ("sheffield ilacs 2019: when was the previous inspection?") names that one, not
the one before it, a SIF report (the text answered, from the 2023 report). Built from
Sheffield's 2014, 2019 and 2023 reports of the ILACS archive."""

import pytest

from index.qa import QAEngine

pytestmark = pytest.mark.slow

AUTHORITY = "sheffield"
REPORT = (
    "children's services inspection - 21 february 2014.pdf",
    "children's services inspection - 27 august 2019.pdf",
    "children's services inspection - 03 november 2023.pdf",
)
SIF = "sheffield-children-s-services-inspection-21-february-2014"
NEXT = "sheffield-children-s-services-inspection-27-august-2019"


def _cited(report_engine: QAEngine, question: str, history: list[str] | None = None) -> set[str]:
    answer = report_engine.ask(question, history=history)
    assert not answer.abstained, answer.answer
    return {c.doc_id for c in answer.citations}


@pytest.mark.parametrize(
    "question",
    [
        "when was the sheffield inspection after the 2013 one?",
        "what were sheffield's judgements at the inspection after 2013?",
        "how was sheffield rated at the inspection after 2013?",
    ],
)
def test_the_inspection_after_a_year_is_the_next_one(
    report_engine: QAEngine, question: str
) -> None:
    assert _cited(report_engine, question) == {NEXT}


@pytest.mark.parametrize(
    "history", [["sheffield 2013 grades"], ["when was sheffield inspected in 2013?"]]
)
def test_the_next_one_follows_the_inspection_asked_about(
    report_engine: QAEngine, history: list[str]
) -> None:
    assert _cited(report_engine, "and the next one?", history) == {NEXT}


def test_a_framework_named_with_the_year_counts_from_that_inspection(
    report_engine: QAEngine,
) -> None:
    question = "sheffield ilacs 2019: when was the previous inspection"
    assert _cited(report_engine, question) == {SIF}


def test_the_one_before_a_framework_named_in_the_last_question(report_engine: QAEngine) -> None:
    history = ["sheffield ilacs 2019 grades"]
    assert _cited(report_engine, "when was the inspection before that one?", history) == {SIF}


def test_the_previous_of_a_framework_is_still_of_that_framework(report_engine: QAEngine) -> None:
    assert _cited(report_engine, "what was sheffield's previous ilacs grade?") == {NEXT}
