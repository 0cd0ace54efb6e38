"""Follow-ups that ask of another council what was just asked of one, found in probes written
by helpers who never saw the code (eval/RESULTS.md): "did she also do Tower Hamlets' latest
one?" after "who led Medway's 2023 inspection?" is who led Tower Hamlets' latest; "did
Herefordshire get pulled up on the same thing?" carries the topic just asked about."""

import pytest

from index.qa import QAEngine
from index.understanding.follow_ups import resolve

WHO_LED_HERTS = "Who led Hertfordshire's 2018 Ofsted inspection?"


@pytest.mark.parametrize(
    ("then", "said"),
    [
        # No time of its own: the other council's latest, not Hertfordshire's year.
        ("did he also do Calderdale's?", "Naintara Khosla"),
        ("did he lead Calderdale's latest one as well?", "Naintara Khosla"),
        # A year of its own: that inspection.
        ("did he do Calderdale's 2018 one too?", "Lisa Summers"),
    ],
)
def test_the_person_just_named_asked_of_another_council(
    engine: QAEngine, then: str, said: str
) -> None:
    answer = engine.ask(then, history=[WHO_LED_HERTS])
    assert answer.answer.startswith("The lead inspector of Calderdale"), answer.answer
    assert said in answer.answer


def test_a_follow_up_saying_which_inspection_keeps_its_own_words() -> None:
    asked = "did he lead Calderdale's inadequate inspection the year before too?"
    assert resolve(asked, [WHO_LED_HERTS]).query == asked


@pytest.mark.parametrize(
    "then",
    [
        "did Calderdale get pulled up on the same thing?",
        "was it the same in Calderdale?",
        "did Calderdale have anything similar in 2024?",
    ],
)
def test_the_same_thing_of_another_council_is_the_topic_just_asked(then: str) -> None:
    history = ["What did Ofsted say about private fostering in Herefordshire in 2022?"]
    resolved = resolve(then, history)
    assert "private fostering" in resolved.query, resolved.query
    assert resolved.authorities == ("Calderdale",)


def test_the_same_inspector_is_not_the_topic() -> None:
    # "the same" names the inspector; the turn before's words are not carried.
    history = ["Who was the lead inspector for Hertfordshire's 2018 ILACS?", "was it good?"]
    resolved = resolve("did the same inspector do Calderdale's around then?", history)
    assert "good" not in resolved.query, resolved.query
