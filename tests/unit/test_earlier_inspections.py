"""Grades of an inspection before another, as staff ask: "brent 2026 ofsted - what was the
previous grade" (was "no 2026 inspection of Brent", the year read as the previous one's),
"before the one published jan 2023", "the time before that", "used to be outstanding - when
was that?". Read on the shipped corpus; Brent and Lancashire on the archive
(tests/integration/test_before_the_oldest_report.py)."""

from index.qa import QAEngine
from index.understanding.grade_request import GradeRequest, grade_request
from index.understanding.query import when_asked


def _request(question: str, authority: str) -> GradeRequest:
    request = grade_request(question, (authority,), when_asked(question))
    assert request is not None, question
    return request


def test_the_previous_grade_of_a_years_inspection_is_the_one_before_it() -> None:
    request = _request("brent 2026 ofsted - what was the previous grade", "Brent")
    assert (request.year, request.before, request.pick) == (None, "2026", "")
    request = _request(
        "solihull - what were they graded at the ilacs before the one published jan 2023?",
        "Solihull",
    )
    assert (request.year, request.before) == (None, "2023")
    # The dates of the inspection the Feb 2023 report tells of are not an earlier one's.
    request = _request(
        "What dates did Ofsted inspect Blackpool before the Feb 2023 report?", "Blackpool"
    )
    assert request.before == ""


def test_the_time_before_that_is_the_previous_inspection() -> None:
    assert _request("what grade did they have the time before that", "Hampshire").pick == (
        "previous"
    )
    assert _request("and when was the inspection before that one?", "Devon").pick == "previous"


def test_used_to_be_a_grade_asks_when_it_was_given() -> None:
    request = _request("suffolk used to be outstanding didnt they - when was that", "Suffolk")
    assert (request.kind, request.grades) == ("ever", ("outstanding",))


def test_the_grade_before_a_years_inspection_is_answered(engine: QAEngine) -> None:
    answer = engine.ask("Herefordshire 2026 ofsted - what was the previous grade")
    assert not answer.abstained, answer.answer
    assert "July 2022" in answer.answer and "inadequate" in answer.answer, answer.answer
    followed = engine.ask(
        "what grade did they get the time before that",
        history=["when was calderdale's most recent ofsted"],
    )
    assert "November 2018" in followed.answer and "good" in followed.answer, followed.answer
