"""Whether what an inspection found was acted on is answered by the report after it: "did
herts deal with the recommendations from their 2015 inspection?" quoted the 2015 list itself;
the 2018 report says "Recommendations made at the time of the last inspection have been
successfully addressed." Asking for the list is still asking for that year's list."""

from index.qa import QAEngine
from index.understanding.query import asks_if_acted_on, when_asked


def test_an_inspection_whose_findings_were_acted_on_is_a_baseline() -> None:
    question = "did herts deal with the recommendations from their 2015 inspection"
    assert asks_if_acted_on(question)
    assert when_asked(question).after == "2015-99"
    still = when_asked("hull 2015 - which problems from the 2011 inspection were still not sorted?")
    assert still.years == ("2015",)
    for listed in (
        "what were the recommendations from the 2015 inspection?",
        "the complete list of recommendations made at the 2015 inspection",
    ):
        assert not asks_if_acted_on(listed), listed
        assert when_asked(listed).years == ("2015",)


def test_the_next_report_says_whether_the_recommendations_were_addressed(
    engine: QAEngine,
) -> None:
    answer = engine.ask("did herts deal with the recommendations from their 2015 inspection")
    assert answer.answer.startswith(
        "Recommendations made at the time of the last inspection have been successfully addressed"
    ), answer.answer
