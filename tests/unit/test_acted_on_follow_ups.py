"""A follow-up asking whether a finding was acted on ("did they sort that out by 2022?") is
answered by what the later report says of it, which seldom says "sorted" or "fixed": those
words add to a sentence's match but are not required of it."""

import pytest

from index.qa import QAEngine
from index.understanding.question import parse_question


def test_the_words_asking_if_it_was_acted_on_are_read_apart() -> None:
    parsed = parse_question(
        "did they sort that out by 2023?",
        [
            "How were care leavers doing in St Helens at the 2019 Ofsted?",
            "were they being given their health histories?",
        ],
    )
    assert parsed.acted_on == ("sort",)
    # "What sort of data …" asks for a kind of data, not whether anything was sorted.
    assert (
        parse_question(
            "what sort of data goes in it?", ["What did Herts' performance report show?"]
        ).acted_on
        == ()
    )


@pytest.mark.parametrize(
    ("history", "question"),
    [
        (
            ["What did Ofsted say about early help in Calderdale in 2015?"],
            "had they dealt with that by 2018?",
        ),
        (
            ["What did Ofsted say about supervision in Herefordshire in 2022?"],
            "did they sort it out by 2026?",
        ),
    ],
)
def test_a_follow_up_asking_if_a_finding_was_sorted_is_answered(
    engine: QAEngine, history: list[str], question: str
) -> None:
    answer = engine.ask(question, history=history)
    assert not answer.abstained, answer.resolved_query
