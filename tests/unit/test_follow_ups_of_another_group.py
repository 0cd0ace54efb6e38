"""A follow-up naming another group of children ("what about for the kids in care?") asks the
last question of them, the rest of it kept (found in a probe set written by helpers who never
saw the code: the thread's "trips abroad" was dropped and "for the kids in care" searched
alone; eval/RESULTS.md)."""

from index.qa import QAEngine
from index.understanding.follow_ups import resolve


def test_the_last_question_is_asked_of_the_group_named() -> None:
    history = [
        "How were RBKC's care leavers graded in the 2025 report?",
        "any mention of trips abroad for them?",
    ]
    resolved = resolve("what about for the kids in care?", history)
    assert "trips abroad" in resolved.query and "kids in care" in resolved.query, resolved.query
    assert "care leavers" not in resolved.query, resolved.query


def test_what_is_asked_of_the_group_is_kept_whole() -> None:
    history = ["What did Ofsted say about children in care's health assessments in Halton?"]
    resolved = resolve("and for care leavers?", history)
    assert "care leavers' health assessments" in resolved.query, resolved.query


def test_another_topic_than_a_group_replaces_the_last_one() -> None:
    resolved = resolve(
        "what about adoption?", ["What did Ofsted say about care leavers in Halton in 2024?"]
    )
    assert "adoption" in resolved.query and "care leavers" not in resolved.query, resolved.query


def test_the_answer_is_about_the_group_named_and_the_thread(engine: QAEngine) -> None:
    history = ["What did Ofsted say about care leavers' health in Calderdale in 2024?"]
    answer = engine.ask("and for children in care?", history=history)
    assert "health" in answer.resolved_query and "children in care" in answer.resolved_query
    assert "health" in answer.answer.lower(), answer.answer
