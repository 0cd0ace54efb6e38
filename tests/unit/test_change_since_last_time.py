"""A question about how the service changed since the last inspection is answered by the
report's own comparison ("Services … have significantly improved since the last inspection in
2022, when …"), which the search votes for."""

from index.qa import QAEngine
from index.retrieval.lexical import tokenize
from index.understanding.answer_type import CHANGE, asks_change, offers

RETOLD = "have significantly improved since the last inspection in 2022"


def _asks(question: str) -> bool:
    return asks_change(question, tuple(tokenize([question])[0]))


def test_a_change_of_the_whole_service_is_asked() -> None:
    assert _asks("how does that compare with last time?")
    assert _asks("what had changed by the 2024 inspection?")
    assert _asks("has it got better since 2021?")
    # A topic of its own is that topic's change, and a request to change is none.
    assert not _asks("has private fostering got better since 2021?")
    assert not _asks("what did Ofsted want Surrey to change about its workforce?")
    assert not _asks("is it any different in Knowsley?")


def test_the_reports_comparison_with_the_last_inspection_offers_it() -> None:
    assert offers(CHANGE, "Since the last inspection in 2019, when services were judged to be")
    assert offers(CHANGE, "Services have improved substantially since the last inspection in 2022.")
    assert offers(CHANGE, "In 2021, children’s services were judged by Ofsted to be inadequate.")
    # A topic's own comparison, or schools "not judged good", is not the service's.
    assert not offers(
        CHANGE, "Practice with disabled children has improved since the last inspection."
    )
    assert not offers(CHANGE, "two schools when they were not judged good by Ofsted")


def test_compared_with_last_time_leads_with_the_reports_comparison(engine: QAEngine) -> None:
    last = "How did Herefordshire do in its latest Ofsted inspection?"
    resolved = engine.ask("how does that compare with last time?", history=[last]).resolved_query
    assert RETOLD in engine.search(resolved).hits[0].passage.text
