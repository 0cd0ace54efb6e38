"""Follow-ups and inspection dates as a fresh probe round wrote them (dev27, by helpers who
never saw the code): "and what did they want improving?", "the first of its two inspections,
when were Ofsted in?", "and Herefordshire, in the January 2026 report?" after a question on
another council, and "when were they in X for the one that came out in 2018?" after another
council's inspection dates ("they" are the inspectors there, not X's partner)."""

from index.qa import QAEngine
from index.retrieval.expansion import load_lexicon
from index.understanding.question import parse_question


def test_what_they_wanted_improving_asks_the_reports_list_to_improve() -> None:
    parsed = parse_question(
        "and what did they want improving?",
        ["When were Ofsted last in Calderdale?", "what did it get overall?"],
    )
    assert parsed.sections == ("improve",), parsed.query


def test_the_first_of_its_inspections_is_its_oldest(engine: QAEngine) -> None:
    # Herefordshire's reports: 2014 (Pietro Battista), 2018, 2022 and 2026.
    answer = engine.ask("Herefordshire - the first of its inspections, when were Ofsted in?")
    assert "2014" in answer.answer and not answer.abstained, answer.answer
    assert "2025" not in answer.answer, answer.answer


def test_another_council_and_a_dated_report_ask_the_last_question_of_them() -> None:
    parsed = parse_question(
        "and Herefordshire, in the January 2026 report?",
        ["What did Calderdale's 2024 report say about care leavers?"],
    )
    assert parsed.authorities == ("Herefordshire",), parsed.query
    assert "care leavers" in parsed.query, parsed.query
    assert parsed.when is not None and parsed.when.years == ("2026",), parsed.when


def test_when_were_they_in_another_council_asks_its_inspection_of_the_year_named(
    engine: QAEngine,
) -> None:
    history = ["When were Ofsted in Calderdale for the 2024 inspection?"]
    question = "and when were they in Hertfordshire for the one that came out in 2018?"
    parsed = parse_question(question, history)
    assert parsed.authorities == ("Hertfordshire",), parsed.query
    answer = engine.ask(question, history=history)
    # Hertfordshire's 2018 inspection ran from 15 to 19 October 2018.
    assert "15 October 2018 to 19 October 2018" in answer.answer, answer.answer
    assert "Calderdale" not in answer.answer, answer.answer


def test_teenagers_searches_the_reports_word_adolescents() -> None:
    assert "adolescents" in load_lexicon().expand("what did they mean about teenagers?").names
