"""Follow-ups that lean on a grade question: "did Herefordshire's leaders get the same?" after
"which judgement did Calderdale get outstanding for?" (that grade, asked of the area named),
"so which area wasn't good?" (a judgement area, not the list of what to improve), "was that
up on 2018?" (the two inspections' grades) and "have they held onto that since?" after every
area's grades (the next inspection's)."""

from index.qa import QAEngine
from index.understanding.question import parse_question


def test_the_same_grade_for_an_area_is_asked_of_it() -> None:
    parsed = parse_question(
        "did Herefordshire's leaders get the same in 2026?",
        ["which judgement did Calderdale get outstanding for in 2024?"],
    )
    assert parsed.grades is not None, parsed.query
    assert parsed.grades.kind == "grade" and parsed.grades.areas == ("leaders",), parsed.grades
    assert parsed.grades.grades == ("outstanding",) and parsed.grades.year == 2026, parsed.grades


def test_which_area_was_not_good_lists_the_judgements(engine: QAEngine) -> None:
    history = ["How did Calderdale get on at its 2018 inspection?"]
    parsed = parse_question("so which area wasn't good?", history)
    assert parsed.grades is not None and parsed.grades.kind == "areas", parsed.grades
    answer = engine.ask("so which area wasn't good?", history=history)
    assert "requires improvement" in answer.answer.lower(), answer.answer
    assert "help and protection" in answer.answer, answer.answer


def test_was_that_up_on_an_earlier_year_compares_the_two_inspections(engine: QAEngine) -> None:
    history = ["How was Calderdale rated in 2024?"]
    parsed = parse_question("was that up on 2018?", history)
    assert parsed.grades is not None and parsed.grades.kind == "change", parsed.grades
    answer = engine.ask("was that up on 2018?", history=history)
    # Both inspections' grades, the 2018 one and the 2024 one, not 2018's alone.
    assert "November 2018" in answer.answer and "February 2024" in answer.answer, answer.answer


def test_held_onto_that_since_after_every_grade_asks_the_next_inspections(
    engine: QAEngine,
) -> None:
    history = ["What grades did Calderdale get at its 2018 inspection?"]
    answer = engine.ask("have they held onto that since?", history=history)
    # Calderdale's next inspection after November 2018 was in February 2024.
    assert "February 2024" in answer.answer and not answer.abstained, answer.answer
