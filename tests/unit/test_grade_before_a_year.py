"""A grade asked "before 2022" or "prior to 2024" is the grade of the newest inspection before
that year, as "before its 2023 inspection" already was; not the grade given that year."""

import pytest

from index.qa import QAEngine
from index.understanding.question import parse_question


@pytest.mark.parametrize(
    ("question", "said", "not_said"),
    [
        ("How was Herefordshire rated before 2022?", "June 2018", "2022"),
        ("What was Calderdale's grade prior to 2024?", "November 2018", "2024"),
        ("How were care leavers in Calderdale rated before 2024?", "November 2018", "2024"),
        # Said as before: the inspection named.
        ("How was Hertfordshire rated before its 2023 inspection?", "October 2018", "2023"),
    ],
)
def test_the_grade_before_a_year_is_the_inspection_before_it(
    engine: QAEngine, question: str, said: str, not_said: str
) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    assert said in answer.answer and not_said not in answer.answer, answer.answer


def test_a_year_bounds_only_a_grade_asked() -> None:
    grades = parse_question("How was Herefordshire rated before 2022?").grades
    assert grades is not None and grades.before == "2022" and grades.year is None
    # "Funding before the 2019 inspection" is in the 2019 documents: no grade, no bound.
    assert parse_question("How much did Wirral put in before 2019?").grades is None
