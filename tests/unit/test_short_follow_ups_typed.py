"""Short follow-ups as staff type them (found in probes written by helpers who never saw the
code): "same q for stoke in the 2022 report", "same person for somerset 2015?", "did it get
better", "Islington uses it as well - where …?", and "and the one before that?" asked of a
council's oldest report, which says in its own words how the inspection before it went."""

import pytest

from index.qa import QAEngine
from index.understanding.follow_ups import resolve
from index.understanding.spelling import spelled


@pytest.mark.parametrize(
    ("first", "then", "carried"),
    [
        # The same question, of the council and year named.
        (
            "Who was lead inspector for Cambridgeshire's 2014 Ofsted?",
            "same person for somerset 2015?",
            "Who was lead inspector for Somerset's 2015 Ofsted?",
        ),
        # Asked of what was found then: whether it had changed by the next inspection.
        (
            "What was the problem with adoption in Hounslow's 2014 inspection?",
            "did it get better",
            "since 2014",
        ),
        # "it" is what was just asked about, now of the council named.
        (
            "What's Hertfordshire doing on motivational interviewing after its 2018 ILACS?",
            "Islington uses it as well - where, according to its 2025 report?",
            "motivational interviewing",
        ),
        (
            "What did Cheshire East councillors ask about PLO targets in 2025?",
            "and how was that going in Warwickshire, going by its 2022 Ofsted?",
            "PLO targets",
        ),
    ],
)
def test_a_short_follow_up_asks_what_the_conversation_asked(
    first: str, then: str, carried: str
) -> None:
    assert carried in resolve(then, [first]).query


def test_a_council_typed_in_lower_case_before_its_report_is_named() -> None:
    typed = spelled("same q for stoke in the 2022 report", lambda word: True)
    assert "Stoke in" in typed, typed


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("How was Herefordshire rated at the inspection before 2014?", None),
        ("and the one before that?", ["What was Herefordshire's overall grade in 2014?"]),
    ],
)
def test_the_inspection_before_the_oldest_report_is_told_in_its_words(
    engine: QAEngine, question: str, history: list[str] | None
) -> None:
    answer = engine.ask(question, history=history)
    assert "October 2012" in answer.answer and "inadequate" in answer.answer, answer.answer
