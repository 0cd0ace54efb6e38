"""Questions asked in other words than the documents' (found in probes written by helpers who
never saw the code): who "presented" an item the minutes say someone "introduced"; what Ofsted
wanted a council to "get better at" (its list of what needs to improve); how two judgement
areas "compare" (both grades of one inspection, not one area over time)."""

from index.qa import QAEngine
from index.understanding.question import parse_question


def test_who_presented_an_item_is_who_the_minutes_say_introduced_it(engine: QAEngine) -> None:
    answer = engine.ask(
        "Who presented the Ofsted monitoring visit feedback at Herefordshire's cabinet?"
    )
    assert answer.answer.startswith("The Leader of the Council introduced the report"), (
        answer.answer
    )


def test_what_they_should_get_better_at_is_what_needs_to_improve(engine: QAEngine) -> None:
    answer = engine.ask(
        "What did Ofsted want Hertfordshire to get better at after the 2018 inspection?"
    )
    assert "balance between support and challenge with all parents" in answer.answer, answer.answer


def test_two_areas_compared_are_both_graded_at_one_inspection(engine: QAEngine) -> None:
    question = (
        "How did Calderdale's help and protection grade compare with its children in care grade "
        "in 2018?"
    )
    assert parse_question(question).grades.kind == "grade"
    answer = engine.ask(question).answer
    assert "help and protection" in answer and "requires improvement" in answer, answer
    assert "children in care" in answer and "outstanding" in answer, answer
