""" "What did the director say?" asks for a person's own words: the search votes for passages
that quote someone (the council's interview), not only Ofsted's findings on the topic."""

from index.qa import QAEngine
from index.understanding.answer_type import quotes_someone


def test_what_the_director_said_finds_the_quotations(engine: QAEngine) -> None:
    last = "How did Calderdale do at its 2018 inspection?"
    resolved = engine.ask("what did the director say?", history=[last]).resolved_query
    hits = engine.search(resolved).hits
    assert any(quotes_someone(h.passage.text) for h in hits[:3])
