"""Who inspected and when the inspection before was, as a fresh probe round asked (dev30, by
helpers who never saw the code): "how many inspectors did Ofsted send?" is answered by the
report's own account of its team (a passage retrieval leaves out as template); "when was it
last inspected before the 2014 inspection?", with no earlier report in the documents, by the
report's own sentence dating its predecessor; "and hammersmith's, same week?" is the
inspection just talked about; "K&C" is Kensington and Chelsea."""

from index.qa import QAEngine
from index.understanding.question import parse_question


def test_how_many_inspectors_quotes_the_reports_team(engine: QAEngine) -> None:
    question = "How many inspectors did Ofsted send to Calderdale in 2015?"
    answer = engine.ask(question)
    assert "seven of Her Majesty" in answer.answer, answer.answer
    assert answer.citations[0].quote.startswith("The inspection team consisted"), answer.citations
    first = engine.search(question).hits[0].passage.text
    assert "inspection team consisted of seven" in first, first


def test_who_else_was_on_the_team_names_the_team_inspectors(engine: QAEngine) -> None:
    answer = engine.ask(
        "who else was on the team?", history=["Who led Hertfordshire's 2015 inspection?"]
    )
    assert "Tina Shepherd" in answer.answer and "Louise Hocking" in answer.answer, answer.answer


def test_a_team_the_report_does_not_describe_is_said_so(engine: QAEngine) -> None:
    # An ILACS report names its lead inspector only.
    answer = engine.ask("how big was the inspection team for Calderdale in 2024?")
    assert "does not say how large" in answer.answer, answer.answer
    assert "Naintara Khosla" in answer.answer, answer.answer


def test_the_inspection_before_the_oldest_report_is_dated_by_that_report(
    engine: QAEngine,
) -> None:
    question = "When was Herefordshire inspected before its 2014 inspection?"
    answer = engine.ask(question)
    assert "October 2012" in answer.answer, answer.answer
    assert answer.citations[0].date == "2014-06-30", answer.citations[0]
    first = engine.search(question).hits[0].passage.text
    assert "previous inspection of Herefordshire" in first, first


def test_people_the_inspectors_talked_to_are_no_team() -> None:
    parsed = parse_question("how many people did the inspectors talk to in Bexley?")
    assert parsed.grades is None, parsed.grades


def test_same_week_is_the_inspection_just_talked_about() -> None:
    parsed = parse_question(
        "and hammersmith's, same week?",
        ["Who led the Kensington and Chelsea inspection in September 2019?"],
    )
    assert parsed.authorities == ("Hammersmith and Fulham",), parsed.query
    assert parsed.grades is not None and parsed.grades.inspector_first, parsed.grades
    assert parsed.grades.year == 2019, parsed.grades


def test_k_and_c_is_kensington_and_chelsea() -> None:
    parsed = parse_question("what did ofsted find about children in care in K&C in 2024?")
    assert parsed.authorities == ("Kensington and Chelsea",), parsed.authorities
