""" "What kind of inspection was it?", "was it a full inspection?", "was that a normal SIF or a
re-inspection?": the report's cover says (a re-inspection, a review of the safeguarding
board, an inspection under the single inspection framework). These abstained, or were
answered with a finding sharing the word "inspection"."""

from index.qa import QAEngine
from index.understanding.grade_request import grade_request
from index.understanding.query import when_asked


def test_the_kind_of_inspection_is_what_its_cover_calls_it(engine: QAEngine) -> None:
    answer = engine.ask("what kind of inspection was Hertfordshire's 2015 one?")
    assert not answer.abstained, answer.answer
    assert answer.answer.startswith(
        "Hertfordshire's inspection reported on 27 November 2015 was an inspection of services "
        "for children in need of help and protection"
    ), answer.answer
    cover = answer.citations[0]
    assert cover.doc_id.startswith("hertfordshire-") and "2015" in cover.doc_id
    assert cover.quote.startswith("Inspection of services for children in need")
    followed = engine.ask(
        "what sort of inspection was that?", history=["how was calderdale rated in 2024?"]
    )
    assert "was an inspection of Calderdale local authority children’s services" in (
        followed.answer
    ), followed.answer


def test_what_kind_is_asked_in_staff_words() -> None:
    for asked in (
        "wandsworth 2018 - was that a normal SIF or a re-inspection?",
        "norfolk ofsted july 2013, what kind of inspection was that one",
        "There's a Surrey report dated Aug 2015 - was that a full inspection?",
        "what type of visit was it?",
    ):
        request = grade_request(asked, ("Somewhere",), when_asked(asked))
        assert request is not None and request.kind_asked, asked
    told = "What kind of support do care leavers get in Surrey?"
    request = grade_request(told, ("Surrey",), when_asked(told))
    assert request is None or not request.kind_asked
