"""Two councils compared ("Compare Calderdale and Hertfordshire", "how does Herefordshire
compare with Calderdale?") are their grades side by side at the inspection asked (the latest),
not each one's history, nor a report's sentence that happens to say "compared"."""

import pytest

from index.qa import QAEngine


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        (
            "Compare Calderdale and Hertfordshire",
            "Calderdale good [1]",
            "Hertfordshire outstanding",
        ),
        (
            "How does Herefordshire compare with Calderdale?",
            "Herefordshire good",
            "Calderdale good",
        ),
        ("Calderdale vs Hertfordshire rating", "February 2024", "January 2023"),
        (
            "How do Calderdale and Hertfordshire compare on care leavers?",
            "care leavers in Calderdale good",
            "care leavers in Hertfordshire good",
        ),
        ("Compare Calderdale and Herefordshire in 2018", "November 2018", "June 2018"),
    ],
)
def test_two_councils_compared_are_their_grades_side_by_side(
    engine: QAEngine, question: str, first: str, second: str
) -> None:
    answer = engine.ask(question)
    assert "judgements" in answer.timings_ms, answer.answer
    assert ", then " not in answer.answer  # not each council's history
    assert 0 <= answer.answer.find(first) < answer.answer.find(second), answer.answer


def test_one_council_at_two_times_is_still_its_change(engine: QAEngine) -> None:
    answer = engine.ask("Compare Calderdale's 2015 and 2024 grades")
    assert ", then " in answer.answer
