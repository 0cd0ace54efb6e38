"""Follow-ups as a fresh probe round wrote them (dev28, by helpers who never saw the code):
"still a thing in the 2025 report?" (what was just asked about, in the later report), "was
anything actually going well?" (the report's strengths), and "who actually runs it?" after a
question on "out-of-hours cover" (a hyphenated word kept whole when its topic is carried)."""

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
