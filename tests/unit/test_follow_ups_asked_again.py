"""Follow-ups staff type after an inspection question: "the one before that?" after "who was
the lead inspector for …'s 2023 inspection?" is the inspection before it (was the newest, then
a stray "Lead Inspector" line); "what did the council say about it?" reads the council's own
papers (was the Ofsted report's summary), and "who said that?" after it too; "has there been
a monitoring visit since?" asks about the visit, not the last question's topic."""

import pytest

from index.ingest.judgements import REPORT_TYPES
from index.qa import QAEngine
from index.understanding.follow_ups import resolve
from index.understanding.question import parse_question


@pytest.mark.parametrize(
    ("first", "then", "resolved", "said"),
    [
        (
            "Who was the lead inspector for Hertfordshire's 2023 inspection?",
            "the one before that?",
            "Who led Hertfordshire's inspection before 2023?",
            "Nigel Parkes",
        ),
        (
            "Who led Calderdale's 2024 inspection?",
            "and the one before that?",
            "Who led Calderdale's inspection before 2024?",
            "Lisa Summers",
        ),
    ],
)
def test_the_inspection_before_the_one_asked_about(
    engine: QAEngine, first: str, then: str, resolved: str, said: str
) -> None:
    answer = engine.ask(then, history=[first])
    assert answer.resolved_query == resolved
    assert answer.answer.startswith(f"The lead inspector of {resolved.split()[2]}"), answer.answer
    assert said in answer.answer


def test_what_the_council_said_is_read_from_its_own_papers(engine: QAEngine) -> None:
    answer = engine.ask(
        "what did the council say about it?", history=["How was Hertfordshire rated in 2018?"]
    )
    assert not answer.abstained
    types = {engine.documents[c.doc_id].meta.doc_type for c in answer.citations}
    assert types and not types & set(REPORT_TYPES), types


def test_who_said_it_asks_the_council_papers_the_conversation_read() -> None:
    history = ["How was Hertfordshire rated in 2018?", "what did the council say about it?"]
    parsed = parse_question("who said that?", history)
    assert parsed.query.endswith("according to the council?"), parsed.query
    assert "press release" in parsed.sources and "inspection report" not in parsed.sources


def test_a_visit_asked_about_is_a_topic_of_its_own() -> None:
    # Not "has there been a monitoring visit since, inadequate since 2022 in Herefordshire?".
    resolved = resolve(
        "has there been a monitoring visit since?",
        ["Why was Herefordshire judged inadequate in 2022?"],
    )
    assert resolved.query == "has there been a monitoring visit since 2022 in Herefordshire?"


def test_better_since_after_what_to_fix_asks_how_the_service_changed(engine: QAEngine) -> None:
    # "It" is Herefordshire's services, not the list of what they needed to fix (the 2014
    # report's "not improved since 2012" answered "…, need to fix since 2022").
    history = [
        "What was Herefordshire's overall effectiveness grade in the July 2022 inspection?",
        "what did they need to fix?",
    ]
    answer = engine.ask("and has it got better since?", history=history)
    assert answer.resolved_query == "has it got better since 2022 in Herefordshire?"
    assert "significantly improved since the last inspection in 2022" in answer.answer


def test_what_a_later_report_said_is_its_findings_not_its_grade(engine: QAEngine) -> None:
    # After "Herefordshire was inadequate in 2022 wasn't it?", "what did the 2026 one say about
    # help and protection?" was read as the grade question moved to 2026 ("Was Herefordshire
    # rated inadequate for help and protection in 2026?") and answered with the grade alone.
    answer = engine.ask(
        "what did the 2026 one say about help and protection?",
        history=["herefordshire was inadequate in 2022 wasn't it?"],
    )
    assert not answer.abstained, answer.answer
    assert "Ofsted judged" not in answer.answer, answer.answer
    cited = answer.citations[0]
    assert cited.date.startswith("2026") and not cited.text.startswith("Judgement:"), cited


def test_a_follow_up_on_a_topic_of_its_own_is_asked_in_its_own_words(engine: QAEngine) -> None:
    # "how many children's homes do they run?" after a question on adoption carried
    # "adoption in 2023" and abstained: no sentence counts homes and speaks of adoption.
    answer = engine.ask(
        "how many children's homes do they run?",
        history=["What did Ofsted say about adoption in Hertfordshire in 2023?"],
    )
    assert not answer.abstained, answer.answer
    assert "six children’s homes" in answer.answer, answer.answer
    assert answer.citations[0].authority == "Hertfordshire"
