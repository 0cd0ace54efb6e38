"""Follow-ups as fresh probe rounds wrote them (dev28, dev29, by helpers who never saw the code):
"still a thing in the 2025 report?" (what was just asked about, in the later report), "was
anything actually going well?" (the report's strengths), and "who actually runs it?" after a
question on "out-of-hours cover" (a hyphenated word kept whole when its topic is carried);
"same person did Herefordshire's, right?" after who led an inspection."""

from index.qa import QAEngine
from index.understanding.question import parse_question


def test_still_a_thing_in_a_later_report_carries_what_was_asked() -> None:
    parsed = parse_question(
        "still a thing in the 2025 report?",
        ["Calderdale's 2018 inspection - did Ofsted pick up any problems with caseloads?"],
    )
    assert "caseload" in parsed.topic_terms, parsed.query
    assert parsed.when is not None and parsed.when.years == ("2025",), parsed.when


def test_going_well_asks_the_reports_strengths() -> None:
    parsed = parse_question(
        "was anything actually going well?", ["What was Calderdale's overall grade in 2018?"]
    )
    assert parsed.sections == ("strengths",), parsed.query


def test_a_hyphenated_topic_is_carried_whole() -> None:
    parsed = parse_question(
        "who actually runs it?",
        ["What did Ofsted make of Hertfordshire's out-of-hours cover in 2018?"],
    )
    assert "out-of-hours" in parsed.query, parsed.query


def test_same_person_did_another_councils_finds_the_inspection_she_led_there(
    engine: QAEngine,
) -> None:
    # Lisa Summers led Calderdale's 2018 inspection and Herefordshire's 2022 one (not its
    # latest, 2026, led by Rebecca Dubbins).
    answer = engine.ask(
        "same person did Herefordshire's, right?", history=["Who led Calderdale's 2018 inspection?"]
    )
    assert "Lisa Summers" in answer.answer and "Dubbins" not in answer.answer, answer.answer
