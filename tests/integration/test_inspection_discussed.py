"""A grade asked with no time, in a conversation about a council's press release or an
interview, is of the inspection that document is about, not of the newest report: "so what
grade did they get?" after Community Care's interview on Hertfordshire's 2018 inspection was
answered with the 2023 grades. Built from Hertfordshire's three reports of the ILACS archive
and the founding documents."""

import pytest

from index.qa import QAEngine

pytestmark = pytest.mark.slow

AUTHORITY = "hertfordshire"
REPORT = (
    "children's services inspection - 27 november 2015.pdf",
    "children's services inspection - 19 november 2018.pdf",
    "children's services inspection - 10 march 2023.pdf",
)
WITH_SHIPPED_CORPUS = True


def test_a_grade_asked_after_an_interview_is_of_the_inspection_it_discusses(
    report_engine: QAEngine,
) -> None:
    history = ["all our workers are leaders - herts ofsted interview"]
    answer = report_engine.ask("so what grade did they get?", history=history)
    assert not answer.abstained, answer.answer
    assert "October 2018" in answer.answer and "2023" not in answer.answer, answer.answer


def test_the_time_before_a_press_release_is_the_inspection_before_its_own(
    report_engine: QAEngine,
) -> None:
    history = ["hertfordshire praised by ofsted press release"]
    answer = report_engine.ask("what were they rated last time round", history=history)
    assert not answer.abstained, answer.answer
    assert "2015" in answer.answer and "good" in answer.answer, answer.answer


def test_a_grade_asked_after_the_reports_answered_is_the_newest(report_engine: QAEngine) -> None:
    history = ["what did ofsted say about care leavers in hertfordshire?"]
    answer = report_engine.ask("so what grade did they get?", history=history)
    assert "2023" in answer.answer, answer.answer


def test_the_inspection_before_the_oldest_report_is_the_one_its_information_section_gives(
    report_engine: QAEngine,
) -> None:
    # The 2015 report opens with no "since the last inspection"; its "Information about this
    # local authority" gives the two inspections before it. The answer was unrelated text.
    history = ["what grade did hertfordshire get at its first inspection?"]
    answer = report_engine.ask("and the one before that?", history=history)
    assert not answer.abstained, answer.answer
    assert "protection of children was in March 2013" in answer.answer, answer.answer
    assert "was judged to be adequate" in answer.answer
