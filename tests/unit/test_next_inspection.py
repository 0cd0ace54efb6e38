""" "When is Calderdale's next inspection due?": no document says, and the answer says so (an
abstention), with the latest inspection the documents hold (it quoted "next steps" from an old
report)."""

from index.qa import QAEngine
from index.understanding.grade_request import grade_request


def test_when_the_next_inspection_is_due_is_the_latest_one_the_documents_hold(
    engine: QAEngine,
) -> None:
    answer = engine.ask("When is Calderdale's next inspection due?")
    assert answer.abstained  # not in the documents: what is, is said beside it
    assert answer.answer.startswith("The documents do not say when the next inspection is due")
    assert "Calderdale's most recent inspection in the documents took place" in answer.answer
    assert answer.citations, answer.answer


def test_what_the_next_inspection_found_is_not_asked_when_it_is_due() -> None:
    for asked in (
        "When will Ofsted next inspect Hertfordshire?",
        "is Halton due an ofsted inspection soon?",
        "when will luton be inspected again",
    ):
        request = grade_request(asked, ("Somewhere",), None)
        assert request is not None and request.pick == "due", asked
    for told in (
        "What did the next inspection find in Calderdale?",
        "Was Calderdale inspected again in 2024?",
    ):
        request = grade_request(told, ("Calderdale",), None)
        assert request is None or request.pick != "due", told
