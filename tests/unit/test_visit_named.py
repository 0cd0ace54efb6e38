"""A visit named in a question says which document; what was said there is the topic: "what
did Ofsted say about children's plans at the last monitoring visit?" found the minutes' lines
that say "monitoring visit" and not the one on plans (the shipped corpus)."""

from index.qa import QAEngine


def _sources(engine: QAEngine, question: str) -> list[str]:
    return [h.passage.text for h in engine.ask(question).sources[:5]]


def test_what_was_said_of_a_topic_at_a_visit_finds_the_topic(engine: QAEngine) -> None:
    question = (
        "What did Ofsted say about children's plans in Herefordshire at the last monitoring visit?"
    )
    assert any("plans presented as formulaic" in t for t in _sources(engine, question))


def test_a_question_about_the_visit_itself_still_reads_the_visit(engine: QAEngine) -> None:
    question = "What was the theme of the October 2024 Ofsted monitoring visit in Herefordshire?"
    assert any("extra familial abuse" in t for t in _sources(engine, question))
