"""'Why is that a problem?' after 'what does Calderdale need to improve?' asks the reasons for
what the last answer named, and gets them from the report's findings (the shipped corpus)."""

from index.qa import QAEngine

IMPROVE = "What does Calderdale need to improve, according to its 2024 inspection?"


def test_why_after_what_needs_to_improve_gives_the_findings_behind_it(engine: QAEngine) -> None:
    answer = engine.ask("why is that a problem?", history=[IMPROVE])
    assert not answer.abstained
    # Asked anew of the item the last answer quoted, its report's year and the authority.
    assert answer.resolved_query.startswith("Why: The response to 16- and 17-year-olds")
    assert answer.resolved_query.endswith("in 2024 in Calderdale?")
    assert "\n" not in answer.resolved_query
    findings = [c for c in answer.citations if "◼" not in c.quote]
    assert any("homeless" in c.quote for c in findings)
    assert all("calderdale" in c.doc_id and "2024" in c.doc_id for c in answer.citations)


def test_what_is_going_wrong_asks_the_same_as_why(engine: QAEngine) -> None:
    # Staff's words for "why" (a probe writer's): "what's actually going wrong there?".
    answer = engine.ask("what's actually going wrong there?", history=[IMPROVE])
    assert not answer.abstained
    assert answer.resolved_query.startswith("Why: The response to 16- and 17-year-olds")


def test_why_after_a_question_on_a_topic_is_not_rewritten(engine: QAEngine) -> None:
    history = ["What did Ofsted say about care leavers in Calderdale?"]
    assert not engine.ask("why?", history=history).resolved_query.startswith("Why:")
