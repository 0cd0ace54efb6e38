"""Across councils, now: "which councils are currently rated good?" is each council's latest
inspection (was every inspection ever: Hertfordshire's 2018 good beside its 2023 outstanding),
and "which council is best / has the worst rating?" — which no document ranks — is those the
latest inspection judged outstanding (inadequate) overall, not a stray sentence with "best"."""

import pytest

from index.qa import QAEngine


def test_currently_rated_is_each_councils_latest_inspection(engine: QAEngine) -> None:
    answer = engine.ask("Which councils are currently rated good?")
    assert not answer.abstained
    assert "at their latest inspection" in answer.answer
    named = {c.authority for c in answer.citations}
    # Hertfordshire was good in 2018 but outstanding in 2023.
    assert named == {"Calderdale", "Herefordshire"}, answer.answer


@pytest.mark.parametrize(
    "question", ["Which council is the best?", "which council is best for childrens social care?"]
)
def test_the_best_council_is_one_judged_outstanding_at_its_latest(
    engine: QAEngine, question: str
) -> None:
    answer = engine.ask(question)
    assert answer.answer.startswith(
        "1 authority was judged outstanding for overall effectiveness at its latest inspection"
    ), answer.answer
    assert {c.authority for c in answer.citations} == {"Hertfordshire"}


def test_no_council_judged_inadequate_at_its_latest_says_so(engine: QAEngine) -> None:
    # Herefordshire was inadequate in 2022, good in 2025: not "no authority was inadequate".
    answer = engine.ask("which council has the worst rating?")
    assert answer.abstained and not answer.citations
    assert "at its latest inspection" in answer.answer
