"""An inspection named with its season or as "the 2018 one", then asked about, found in probes
written by helpers who never saw the code (eval/RESULTS.md): "when had Hertfordshire last
been inspected before the autumn 2018 ILACS?" was answered with the 2018 inspection itself;
"Rotherham's 2018 re-inspection (the one that went to good) - when did it take place?" was
read as asking its grade, and abstained."""

import pytest

from index.qa import QAEngine
from index.understanding.question import parse_question


@pytest.mark.parametrize(
    "question",
    [
        "When had Hertfordshire last been inspected before the autumn 2018 ILACS?",
        "when was Hertfordshire's inspection before the 2018 one?",
    ],
)
def test_the_inspection_before_one_named_by_its_season_or_as_one(
    engine: QAEngine, question: str
) -> None:
    answer = engine.ask(question)
    assert "2015" in answer.answer.split(".")[0], answer.answer
    assert "October 2018" not in answer.answer, answer.answer


def test_when_an_inspection_named_by_its_grade_took_place_asks_its_dates() -> None:
    # Asked of the table as its dates and inspector (Rotherham's is not in the shipped corpus).
    asked = parse_question(
        "Rotherham's 2018 re-inspection (the one that went to good) - when did it take place?"
    )
    assert asked.grades is not None and asked.grades.kind == "inspection", asked.grades
