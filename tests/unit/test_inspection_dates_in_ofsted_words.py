"""An inspection's dates and lead inspector asked in the words of a fresh probe set (dev22,
written by helpers who never saw the code): "who headed the Ofsted team on …'s first
inspection, the 2015 one?", "the fieldwork dates", "how many weeks did it run for?", "how long
after the inspection finished did the report come out?"; and two follow-ups' wordings: "what
did they want done better for care leavers?", "was Calderdale in the same boat?"; and two
names staff use for what the documents call otherwise ("teeth", "cost")."""

import pytest

from index.qa import QAEngine
from index.retrieval.expansion import load_lexicon
from index.understanding.question import parse_question


def test_who_headed_the_ofsted_team_asks_the_lead_inspector(engine: QAEngine) -> None:
    answer = engine.ask(
        "who headed the Ofsted team on Hertfordshire's first inspection, the 2015 one?"
    )
    assert answer.answer.startswith("The lead inspector"), answer.answer
    assert "Jansy Kelly" in answer.answer, answer.answer
    # Nothing in it asks beyond the inspection ("team", "the 2015 one"), so the judgements
    # table leads the search too (on the whole archive the passages' team lists outranked it).
    parsed = parse_question(
        "who headed the Ofsted team on Greenwich's first inspection, the 2016 one?"
    )
    assert parsed.grades is not None and parsed.beyond_grades == (), parsed.beyond_grades


def test_fieldwork_dates_are_the_inspections_dates(engine: QAEngine) -> None:
    answer = engine.ask("Hertfordshire's 2015 inspection - what were the fieldwork dates?")
    assert answer.answer.startswith("Hertfordshire's"), answer.answer
    assert "14 September" in answer.answer and "8 October 2015" in answer.answer, answer.answer


def test_how_many_weeks_an_inspection_ran_is_told_by_its_dates(engine: QAEngine) -> None:
    answer = engine.ask("how many weeks did the 2015 Hertfordshire inspection run for?")
    assert "14 September" in answer.answer and "8 October 2015" in answer.answer, answer.answer


def test_how_long_after_the_inspection_the_report_came_out_gives_both_dates(
    engine: QAEngine,
) -> None:
    answer = engine.ask(
        "Hertfordshire 2018 - how long after the inspection finished did the report get published?"
    )
    assert "published" in answer.answer and "19 October 2018" in answer.answer, answer.answer


def test_what_they_wanted_done_better_is_what_to_improve_not_the_grades() -> None:
    parsed = parse_question(
        "what did they want done better for care leavers?",
        ["How were care leavers graded in Calderdale's 2024 inspection?"],
    )
    assert parsed.sections == ("improve",) and parsed.grades is None


def test_in_the_same_boat_carries_the_last_questions_topic() -> None:
    parsed = parse_question(
        "was Calderdale in the same boat at its 2024 inspection?",
        ["How closely are unregistered children's homes monitored in Hertfordshire?"],
    )
    assert "unregistered" in parsed.query and parsed.authorities == ("Calderdale",), parsed.query


def test_teeth_and_the_cost_of_a_paper_search_in_the_documents_words() -> None:
    # Staff say "teeth" and "cost"; reports say "dental", council papers "financial implications".
    lexicon = load_lexicon()
    assert "dental" in lexicon.expand("anything about kids' teeth?").names
    assert "financial implications" in lexicon.expand("any cost to the council?").names


@pytest.mark.parametrize(
    "question",
    [
        "Which month was Somerset's 2018 reinspection?",
        "When was Lancashire's SIF carried out?",
        "What date did fieldwork end for North Somerset in 2017?",
        "Over what period was the Somerset 2022 inspection carried out?",
        "Bury 2016 inspection - when was that?",
        "What was the timeframe of the Luton 2016 inspection?",
        "When was the Bury SIF?",
    ],
)
def test_an_inspections_dates_asked_in_other_words(question: str) -> None:
    grades = parse_question(question).grades
    assert grades is not None and grades.kind == "inspection", question
    assert not grades.inspector_first, question


@pytest.mark.parametrize(
    "question",
    [
        "Who was in charge of the Ofsted team in Somerset in 2018?",
        "Who carried out North Somerset's 2017 inspection?",
        "Who did the Bury inspection in 2016?",
        "Who ran the Lancashire inspection in 2026?",
        "Who led Ofsted's team in Northumberland in 2024?",
        "Who was the main inspector for Oldham in 2024?",
    ],
)
def test_a_lead_inspector_asked_in_other_words(question: str) -> None:
    parsed = parse_question(question)
    assert parsed.grades is not None and parsed.grades.kind == "inspection", question
    assert parsed.grades.inspector_first and parsed.beyond_grades == (), question


def test_what_an_inspection_or_a_team_did_is_not_its_lead() -> None:
    assert parse_question("Who did the Bury inspection criticise?").grades is None
    assert parse_question("Who will lead the team improving services in Bury?").grades is None


def test_when_a_report_went_public_is_its_publication() -> None:
    grades = parse_question("Knowsley re-inspection in 2017 - what date did the report go public?")
    assert grades.grades is not None and grades.grades.publication
