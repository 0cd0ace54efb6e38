"""Conversations that move between the council's voice and Ofsted's: after a question on a
council paper, a follow-up setting Ofsted's report against it ("does the report itself back
that up?", "what did Ofsted actually write about them?", "by the 2016 inspection") reads the
report, the paper neither carried as its source nor left in its topic; "the council's action
plan" and what went "to members" are the council's papers. A question's scene before a dash
names its own topic, and where an answer was read ("per the 2021 inspection") is no topic to
carry (all found in probes written by helpers who never saw the code: eval/gold/dev20)."""

import pytest

from index.ingest.judgements import REPORT_TYPES
from index.qa import QAEngine
from index.understanding.follow_ups import resolve
from index.understanding.question import parse_question


@pytest.mark.parametrize(
    ("first", "then", "said"),
    [
        (
            "What did Hertfordshire's November 2018 press release say about leadership?",
            "does the report itself back that up?",
            "",
        ),
        (
            "What did Hertfordshire's 2018 press release say about care leavers?",
            "what did Ofsted actually write about them?",
            "care leavers",
        ),
    ],
)
def test_the_report_set_against_a_council_paper_is_read_in_the_report(
    engine: QAEngine, first: str, then: str, said: str
) -> None:
    # Both had been answered from the press release and the cabinet panel's paper, whose
    # retelling outranks the report they retell.
    answer = engine.ask(then, history=[first])
    assert "press release" not in answer.resolved_query, answer.resolved_query
    cited = [engine.documents[c.doc_id].meta for c in answer.citations]
    assert cited and all(m.doc_type in REPORT_TYPES for m in cited), cited
    assert cited[0].date == "2018-11-19", cited[0]
    assert said in answer.answer


def test_ofsted_as_an_interview_told_it_keeps_the_interview_in_the_topic() -> None:
    # No "actually", no "report itself": what Ofsted made of it, as the interview retold it.
    parsed = parse_question(
        "what did ofsted make of their performance data?",
        ["who was the herts director of childrens services on the community care ofsted podcast?"],
    )
    assert "community care" in parsed.query, parsed.query


def test_the_council_action_plan_and_what_went_to_members_are_the_councils_papers(
    engine: QAEngine,
) -> None:
    parsed = parse_question(
        "who presented the council's action plan on it to members?",
        ["What did Ofsted want Rotherham to improve after the summer 2022 inspection?"],
    )
    assert "committee minutes" in parsed.sources, parsed.sources
    answer = engine.ask(
        "what's in the council's action plan for it?",
        history=["What did Ofsted want Hertfordshire to improve in 2018?"],
    )
    cited = [engine.documents[c.doc_id].meta.doc_type for c in answer.citations]
    assert cited and all(t not in REPORT_TYPES for t in cited), cited


def test_a_scene_before_a_dash_names_the_follow_ups_own_topic() -> None:
    resolved = resolve(
        "and the improvement board - how many chairs had it gone through?",
        ["Why was Somerset judged inadequate in 2015?", "was reliance on locum staff part of it?"],
    )
    assert "locum" not in resolved.query, resolved.query
    assert resolved.query.startswith("the improvement board - how many chairs"), resolved.query


@pytest.mark.parametrize(
    ("first", "topic"),
    [
        ("What's the Harbour in Dorset, per the 2021 inspection?", "Harbour"),
        (
            "How are care leavers doing in Rotherham according to the November 2025 inspection?",
            "care leavers",
        ),
    ],
)
def test_where_an_answer_was_read_is_no_topic_to_carry(first: str, topic: str) -> None:
    resolved = resolve("is it copied from somewhere else?", [first])
    assert topic in resolved.query, resolved.query
    assert " per " not in resolved.query and "according to" not in resolved.query, resolved.query
