"""A follow-up's "later that year", "around then" is the year the conversation was just
about, whichever council it names (found in probes written by helpers who never saw the
code: "was he involved in the Isle of Wight inspection later that year as well?" after
Bexley's 2014 inspection searched every year; eval/RESULTS.md)."""

import pytest

from index.qa import QAEngine
from index.understanding.follow_ups import resolve

HERTFORDSHIRE_2018 = "Who led Hertfordshire's 2018 Ofsted inspection?"


@pytest.mark.parametrize(
    "then",
    [
        "and who led Calderdale's inspection later that year?",
        "who led Calderdale's inspection around then?",
    ],
)
def test_the_time_just_asked_holds_for_another_council(engine: QAEngine, then: str) -> None:
    answer = engine.ask(then, history=[HERTFORDSHIRE_2018])
    # Calderdale's November 2018 inspection, not its latest (February 2024).
    assert "Lisa Summers" in answer.answer, answer.answer
    assert "2024" not in answer.answer, answer.answer


def test_a_grade_asked_around_then_is_that_years() -> None:
    resolved = resolve("what was Calderdale judged around then?", [HERTFORDSHIRE_2018])
    assert "2018" in resolved.query, resolved.query
    assert "around then" not in resolved.query


def test_a_year_the_follow_up_names_is_its_own() -> None:
    resolved = resolve("and who led Calderdale's inspection in 2024?", [HERTFORDSHIRE_2018])
    assert "2018" not in resolved.query, resolved.query


def test_that_same_autumn_is_the_year_just_talked_about(engine: QAEngine) -> None:
    history = ["Hertfordshire's 2018 inspection - how was leadership rated?"]
    answer = engine.ask("Calderdale was inspected that same autumn - who led it?", history=history)
    assert "Lisa Summers" in answer.answer, answer.answer
