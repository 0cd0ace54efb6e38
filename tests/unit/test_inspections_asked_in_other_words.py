"""An inspection's dates and lead inspector asked in words the grade questions before them did
not use (found in a probe set written by helpers who never saw the code: "who headed the 2016
single inspection?", "when was the one before that?" after a grade, "was it the same person
for the 2016 inspection?" after "who led it?", "and the one before, in 2016?", "and the one
before 2020?", "what was it before 2018?"; eval/RESULTS.md)."""

from index.qa import QAEngine
from index.understanding.question import parse_question

HERTFORDSHIRE_2018 = "How did Hertfordshire do in its 2018 Ofsted inspection?"


def test_who_headed_an_inspection_asks_its_lead_inspector(engine: QAEngine) -> None:
    answer = engine.ask("Who headed the 2018 inspection of Hertfordshire children's services?")
    assert answer.answer.startswith("The lead inspector"), answer.answer
    assert "Nigel Parkes" in answer.answer, answer.answer


def test_who_headed_children_s_services_is_not_the_lead_inspector() -> None:
    # The director during an inspection: no inspection asked for its inspector.
    director = parse_question("who headed children's services in Bury during the 2016 inspection?")
    assert director.grades is None


def test_when_was_the_one_before_a_grade_asked_is_that_inspections_dates(
    engine: QAEngine,
) -> None:
    answer = engine.ask("when was the one before that?", history=[HERTFORDSHIRE_2018])
    # The 2015 inspection's dates, said first; not its grade alone.
    assert answer.answer.index("14 September 2015") < answer.answer.index("[1]"), answer.answer


def test_the_same_person_at_another_inspection_asks_who_led_that_one(engine: QAEngine) -> None:
    answer = engine.ask(
        "and was it the same person for the 2015 inspection?",
        history=[HERTFORDSHIRE_2018, "who led it?"],
    )
    assert answer.answer.startswith("The lead inspector"), answer.answer
    assert "Jansy Kelly" in answer.answer and "Nigel Parkes" not in answer.answer, answer.answer


def test_the_one_before_in_a_year_named_is_that_years_inspection(engine: QAEngine) -> None:
    answer = engine.ask(
        "and the one before, in 2015?", history=["Who led Hertfordshire's 2023 inspection?"]
    )
    assert answer.answer.startswith("The lead inspector"), answer.answer
    assert "Jansy Kelly" in answer.answer, answer.answer


def test_the_one_before_a_year_named_is_the_inspection_before_it(engine: QAEngine) -> None:
    history = ["What was Hertfordshire's overall grade in 2023?", "and in 2018?"]
    answer = engine.ask("and the one before 2018?", history=history)
    # The 2015 inspection's grade, not 2018's again.
    assert "2015" in answer.answer and "2018" not in answer.answer, answer.answer


def test_before_a_year_without_the_one_is_still_the_inspection_before(engine: QAEngine) -> None:
    answer = engine.ask(
        "what was it before 2018?", history=["What was Hertfordshire's overall grade in 2023?"]
    )
    # The 2015 inspection's grade, not 2018's.
    assert "2015" in answer.answer and "2018" not in answer.answer, answer.answer
