"""A why-question about a judgement "back in" a year is answered with that judgement's reasons
from the report: "back in 2018" says when, it is no topic beyond the grade, and after a
question on another document the judgement and grade it names are the ones asked about."""

from index.qa import QAEngine
from index.understanding.question import parse_question


def test_back_in_a_year_is_a_time_not_a_topic() -> None:
    parsed = parse_question(
        "why was help and protection judged requires improvement back in 2018 in Calderdale?"
    )
    assert parsed.grades is not None
    assert "back" not in parsed.beyond_grades


def test_why_a_judgement_back_then_is_its_reasons_not_its_grade_line(engine: QAEngine) -> None:
    answer = engine.ask(
        "why was help and protection judged requires improvement back in 2018 in Calderdale?"
    )
    assert not answer.abstained
    assert "Grade:" not in answer.answer and "Ofsted judged" not in answer.answer
    cited = {c.doc_id for c in answer.citations}
    assert any(d.startswith("calderdale-") for d in cited)


def test_why_a_judgement_back_then_after_a_later_grade_reads_that_inspections_reasons(
    engine: QAEngine,
) -> None:
    # The last question asked the 2024 overall grade; the why names 2018's judgement of help
    # and protection, whose reasons the 2018 report gives, not the 2024 one.
    answer = engine.ask(
        "why was help and protection judged requires improvement back in 2018?",
        history=["How was Calderdale rated overall in 2024?"],
    )
    assert not answer.abstained
    report_2018 = "calderdale-children-s-services-inspection-19-december-2018"
    assert answer.citations[0].doc_id == report_2018
    assert "help and protection" in answer.answer.lower()
