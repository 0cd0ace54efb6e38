"""An acronym asked about finds the passages that spell it out (the shipped corpus): the
learned ranker counts the question's word as held by a passage saying one of the lexicon's
other names for it, and the dense query says the acronym's long name."""

from index.qa import QAEngine


def test_a_passage_spelling_out_the_acronym_asked_is_on_the_first_page(engine: QAEngine) -> None:
    # The 2018 report never writes "IROs": "Independent reviewing officers provide a good
    # level of critical challenge" was 10th while the ranker counted "IROs" as missing.
    hits = engine.search("How well do IROs challenge plans in Hertfordshire?").hits
    said = [h.passage.text.lower() for h in hits[:5]]
    assert any(
        "independent reviewing officers provide a good level of critical challenge" in t
        for t in said
    )


def test_an_acronym_is_answered_from_the_passage_spelling_it_out(engine: QAEngine) -> None:
    # The 2018 report says "Independent reviewing officers"; with "IROs" alone in the dense
    # query its passage was not found and the question went unanswered.
    answer = engine.ask("What did Ofsted say about IROs in Hertfordshire in 2018?")
    assert not answer.abstained
    assert "Independent reviewing officers provide a good level of critical challenge" in (
        answer.answer
    )
