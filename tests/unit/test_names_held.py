"""The learned ranker counts a question's word as held by a passage that says one of the
lexicon's other names for it (the shipped corpus)."""

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
