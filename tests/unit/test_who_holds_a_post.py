""" "Who is the DCS?": the sentence naming whoever holds the post ("… director of children's and
young people services, Julie Jenkins") leads, as a line labelled with the role does; sentences
on the DCS that name no one came first, and "the DCS, Lead Member for …" names no one."""

import pytest

from index.answering.answer import _role_named
from index.qa import QAEngine

_DCS = (frozenset({"dcs"}), frozenset({"director", "children", "servic"}))


def test_a_name_after_the_post_names_its_holder() -> None:
    line = "Calderdale council’s director of children’s and young people services, Julie Jenkins"
    assert _role_named(line, _DCS)
    assert not _role_named(
        "meets regularly with the DCS, Lead Member for Children’s Services", _DCS
    )
    assert not _role_named("the chair of the board, Julie Jenkins", _DCS)


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("Who is the DCS in Calderdale?", []),
        ("who was the DCS then?", ["summarise calderdale's 2018 ofsted"]),
    ],
)
def test_the_holder_of_the_post_leads_the_answer(
    engine: QAEngine, question: str, history: list[str]
) -> None:
    answer = engine.ask(question, history=history or None)
    assert not answer.abstained
    assert "Julie Jenkins" in answer.citations[0].quote, answer.answer
