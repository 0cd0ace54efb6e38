"""A why-question after a grade question ("why did it drop?" after "How was Herefordshire
rated in 2022?") is about that grade: its standalone form, as /v1/search is given it, finds the
passage the answer to the conversation quotes, not the report's cover or its line of grades."""

import pytest

from index.answering.shortfalls import asks_what_fell_short
from index.qa import QAEngine
from index.understanding.follow_ups import resolve
from index.understanding.query import without_concession, without_why

CONVERSATIONS = [
    ("How was Herefordshire rated in 2018?", "why was that?"),
    ("How was Herefordshire rated in 2022?", "why did it drop?"),
    ("What was Calderdale's overall judgement in 2024?", "why, what went wrong?"),
    ("What was Herefordshire's overall grade in 2026?", "why did it improve?"),
]


def test_every_why_opener_is_taken_off() -> None:
    assert without_why("why, what went wrong, judgement in 2024 in Calderdale?") == (
        "judgement in 2024 in Calderdale?"
    )
    assert without_why("why, care leavers in 2025 in Wakefield?") == (
        "care leavers in 2025 in Wakefield?"
    )


def test_the_grade_is_what_a_bare_why_is_about() -> None:
    resolved = resolve("why did it drop?", ["How was Bedford rated in 2025?"]).query
    assert "rated" in resolved and "Bedford" in resolved and "2025" in resolved
    # A topic of the last question is carried as before, not its grade word.
    resolved = resolve("why?", ["How was Luton rated for care leavers?"]).query
    assert "care leavers" in resolved and "rated" not in resolved


@pytest.mark.parametrize(("last", "question"), CONVERSATIONS)
def test_the_search_leads_with_what_the_answer_quotes(
    engine: QAEngine, last: str, question: str
) -> None:
    answer = engine.ask(question, history=[last])
    assert not answer.abstained and answer.citations
    first = engine.search(answer.resolved_query).hits[0]
    assert first.passage.passage_id == answer.citations[0].passage_id
    assert not first.passage.text.startswith("Judgement:")


def test_a_why_typed_after_its_subject_is_asked_of_that_grade(engine: QAEngine) -> None:
    # "Solihull inadequate 2023 what went wrong" abstained ("wrong" is in no finding): the why
    # is taken off wherever it is typed, and the grade's reasons answer.
    assert without_why("Solihull inadequate 2023 what went wrong") == "Solihull inadequate 2023"
    assert without_why("devon 2025 ofsted why still inadequate") == (
        "devon 2025 ofsted still inadequate"
    )
    answer = engine.ask("calderdale help and protection requires improvement 2018 why")
    assert not answer.abstained, answer.answer
    assert answer.citations[0].authority == "Calderdale"
    assert "help and protection require" in answer.answer, answer.answer


def test_a_grade_granted_in_passing_is_not_what_the_why_asks_about(engine: QAEngine) -> None:
    # "… when children in care were outstanding" answered with the children-in-care findings,
    # and "… when help and protection required improvement" with help and protection's: the
    # clause is what the why is asked against.
    assert without_concession(
        "why is Harrow inadequate overall when help & protection and CiC were good?"
    ) == ("why is Harrow inadequate overall?")
    assert without_concession("When was Calderdale judged good?") == (
        "When was Calderdale judged good?"
    )
    answer = engine.ask(
        "why was Hertfordshire only good for help and protection in 2023 when children in "
        "care were outstanding?"
    )
    cited = answer.citations[0]
    assert cited.authority == "Hertfordshire" and cited.date.startswith("2023"), cited
    assert "help and protection" in cited.section.lower(), cited.section
    answer = engine.ask(
        "why was calderdale good overall in 2018 when help and protection required improvement?"
    )
    assert "help and protection require" not in answer.answer, answer.answer
    assert answer.citations[0].date.startswith("2018"), answer.citations[0]


def test_why_only_good_is_answered_with_what_fell_short(engine: QAEngine) -> None:
    # "Why was help and protection only good?" after Hertfordshire's 2023 grades (the rest
    # outstanding) quoted the section's opening praise ("Children in Hertfordshire receive the
    # right level of support at the right time"): what held it back answers it.
    answer = engine.ask(
        "why was help and protection only good?", history=["Hertfordshire ofsted 2023 grades"]
    )
    assert not answer.abstained, answer.answer
    cited = answer.citations[0]
    assert cited.date.startswith("2023") and "help and protection" in cited.section.lower()
    assert " not " in answer.answer.split(". ")[0], answer.answer
    # "What stopped care leavers getting outstanding?" is a why-question too (it gave the
    # grade alone).
    answer = engine.ask(
        "what stopped care leavers getting outstanding?",
        history=["How was Calderdale rated in 2024?"],
    )
    assert "Ofsted judged" not in answer.answer, answer.answer
    assert "care leavers" in answer.citations[0].section.lower(), answer.citations[0].section
    assert asks_what_fell_short("why not good?") and not asks_what_fell_short("why did it improve?")
    # The grade's own word is no rise.
    assert asks_what_fell_short("why did help and protection drop to requires improvement?")


@pytest.mark.parametrize(
    "question",
    [
        # The granted grade said first, the apostrophe left out: it was asked of the overall
        # grade the clause names.
        "if it was good overall how come help and protection wasnt?",
        # "What pulled … down" asks why (it gave the grade alone).
        "what pulled help and protection down?",
    ],
)
def test_why_said_otherwise_is_asked_of_the_grade_that_fell_short(
    engine: QAEngine, question: str
) -> None:
    answer = engine.ask(question, history=["How was Calderdale rated in 2018?"])
    assert not answer.abstained, answer.answer
    cited = answer.citations[0]
    assert cited.date.startswith("2018"), cited
    assert "help and protection" in cited.section.lower() or "protection" in cited.quote, cited
    assert "Ofsted judged" not in answer.answer, answer.answer
