"""When a grade is asked of: "before 2022" or "prior to 2024" is the newest inspection before
that year (as "before its 2023 inspection" already was), not that year's; "before the last
inspection" the previous one, not the newest; "since 2015" each inspection from then on."""

import pytest

from index.qa import QAEngine
from index.understanding.question import parse_question


@pytest.mark.parametrize(
    ("question", "said", "not_said"),
    [
        ("How was Herefordshire rated before 2022?", "June 2018", "2022"),
        ("What was Calderdale's grade prior to 2024?", "November 2018", "2024"),
        ("How were care leavers in Calderdale rated before 2024?", "November 2018", "2024"),
        # Said as before: the inspection named.
        ("How was Hertfordshire rated before its 2023 inspection?", "October 2018", "2023"),
        # Before the newest, by name rather than year (Herefordshire's newest is 2025's).
        ("How was Calderdale rated before the last inspection?", "November 2018", "2024"),
        ("Herefordshire's rating before last?", "July 2022", "2025"),
        (
            "What was Hertfordshire's grade before its most recent inspection?",
            "October 2018",
            "2023",
        ),
    ],
)
def test_the_grade_before_a_year_is_the_inspection_before_it(
    engine: QAEngine, question: str, said: str, not_said: str
) -> None:
    _answered_with(engine, question, said, not_said)


def _answered_with(engine: QAEngine, question: str, said: str, not_said: str) -> str:
    """The answer to ``question``, which says ``said`` and not ``not_said``."""
    answer = engine.ask(question)
    assert not answer.abstained
    assert said in answer.answer and not_said not in answer.answer, answer.answer
    return answer.answer


def test_a_year_bounds_only_a_grade_asked() -> None:
    grades = parse_question("How was Herefordshire rated before 2022?").grades
    assert grades is not None and grades.before == "2022" and grades.year is None
    # "Funding before the 2019 inspection" is in the 2019 documents: no grade, no bound.
    assert parse_question("How much did Wirral put in before 2019?").grades is None


@pytest.mark.parametrize(
    ("question", "inspections"),
    [
        (
            "How has Herefordshire been rated since 2015?",
            ["June 2018", "July 2022", "November 2025"],
        ),
        ("What grades has Calderdale had since 2016?", ["November 2018", "February 2024"]),
    ],
)
def test_the_grades_since_a_year_are_each_inspections_from_then_on(
    engine: QAEngine, question: str, inspections: list[str]
) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    said = [answer.answer.find(i) for i in inspections]
    assert all(at >= 0 for at in said) and said == sorted(said), answer.answer


def test_a_grade_from_an_inspection_is_that_inspections_alone() -> None:
    grades = parse_question("What grade did Calderdale get from the 2018 ILACS?").grades
    assert grades is not None and grades.kind == "grade" and grades.year == 2018


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How many times has Herefordshire been inspected?", "4 inspections of Herefordshire"),
        ("How many inspections has Calderdale had?", "3 inspections of Calderdale"),
        ("How often has Hertfordshire been inspected by Ofsted?", "3 inspections of Hertfordshire"),
        (
            "How many Ofsted inspections of Herefordshire are there since 2015?",
            "3 inspections of Herefordshire since 2015",
        ),
    ],
)
def test_how_many_inspections_counts_and_dates_each(
    engine: QAEngine, question: str, said: str
) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and said in answer.answer, answer.answer
    count = int(said.split()[0])
    assert len(answer.citations) == count
    assert all(c.doc_type == "inspection report" for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # An area under the report's combined judgement ("children in care and care leavers").
        ("Has Herefordshire ever been rated inadequate for care leavers?", "July 2022"),
        ("Have care leavers in Calderdale ever been judged outstanding?", "November 2018"),
        # In which year a grade was given: the inspections that gave it.
        ("Which year did Herefordshire get inadequate?", "July 2022"),
        ("In what year was Hertfordshire rated outstanding?", "January 2023"),
    ],
)
def test_the_inspections_that_gave_a_grade_are_found_for_an_area_too(
    engine: QAEngine, question: str, said: str
) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and "judgements" in answer.timings_ms
    assert said in answer.answer and not answer.answer.startswith("No inspection"), answer.answer


def test_an_area_never_judged_so_is_said_with_its_own_grades(engine: QAEngine) -> None:
    answer = engine.ask("Has Hertfordshire ever been judged outstanding for adoption?")
    assert answer.answer.startswith(
        "No inspection in the documents judged Hertfordshire's adoption"
    )
    assert "overall effectiveness" not in answer.answer


def test_how_long_ago_is_when_the_last_inspection_was(engine: QAEngine) -> None:
    answer = engine.ask("How long ago was Calderdale's last inspection?")
    assert "judgements" in answer.timings_ms
    assert answer.answer.startswith("Calderdale's most recent inspection"), answer.answer


def test_the_last_few_inspections_are_those_grades_alone(engine: QAEngine) -> None:
    answer = engine.ask("How was Herefordshire rated in its last two inspections?")
    assert "judgements" in answer.timings_ms
    assert "July 2022" in answer.answer and "November 2025" in answer.answer
    assert "2018" not in answer.answer and len(answer.citations) == 2, answer.answer


@pytest.mark.parametrize(
    ("question", "said", "not_said"),
    [
        # Herefordshire's newest inspection (2025) was good; the inadequate one was 2022's.
        ("When was Herefordshire's inadequate inspection?", "18 to 29 July 2022", "2025"),
        ("When was Calderdale's requires improvement inspection?", "13 January 2015", "2024"),
    ],
)
def test_the_inspection_named_by_its_grade_is_the_one_that_gave_it(
    engine: QAEngine, question: str, said: str, not_said: str
) -> None:
    assert "most recent" not in _answered_with(engine, question, said, not_said)


def test_better_than_last_time_is_the_grade_against_the_one_before(engine: QAEngine) -> None:
    # After a grade question, "was that better than last time?" abstained: it is that grade
    # inspection by inspection. "How does that compare with last time?" stays the report's
    # own comparison.
    asked = parse_question("was that better than last time?", ["How was Calderdale rated in 2024?"])
    assert asked.grades is not None and asked.grades.kind == "change"
    compared = parse_question(
        "how does that compare with last time?", ["How was Calderdale rated in 2024?"]
    )
    assert compared.grades is None
    answer = engine.ask(
        "was that better than last time?", history=["How was Calderdale rated in 2024?"]
    )
    assert not answer.abstained
    assert "then good" in answer.answer and "2018" in answer.answer, answer.answer


def test_last_time_after_a_dated_grade_is_the_inspection_before_it(engine: QAEngine) -> None:
    # After the 2023 grades, "was children in care outstanding last time?" was asked of 2023
    # again (answered "outstanding" from the 2023 report): it is the inspection before.
    answer = engine.ask(
        "was children in care outstanding last time?",
        history=["Hertfordshire ofsted 2023 grades"],
    )
    assert not answer.abstained, answer.answer
    assert answer.citations[0].date.startswith("2018"), answer.citations[0]
    assert "good" in answer.answer and "outstanding" not in answer.answer, answer.answer
    # Asked alone, the last time is the newest inspection.
    alone = engine.ask("Was Hertfordshire rated outstanding for children in care last time?")
    assert alone.citations[0].date.startswith("2023"), alone.citations[0]


def test_any_better_at_a_later_inspection_is_the_change_between_the_two(engine: QAEngine) -> None:
    # "Any better at the 2026 one?" after the 2022 grade gave the 2026 grade alone.
    answer = engine.ask(
        "any better at the 2026 one?", history=["How was Herefordshire rated in 2022?"]
    )
    assert not answer.abstained, answer.answer
    assert "inadequate" in answer.answer and "good" in answer.answer, answer.answer
    assert {c.date[:4] for c in answer.citations} >= {"2022", "2026"}, answer.citations
    # Then the newer report's own account of the change, not a sentence sharing the year
    # asked ("new courses are planned for January 2026").
    assert "since the last inspection in 2022" in answer.answer, answer.answer
    assert "January 2026" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # The framework's name for the inspection, and more than one lead inspector.
        ("Who led York's 2025 ILACS?", "inspection"),
        ("who were the lead inspectors for Stoke's Oct 2022 ILACS?", "inspection"),
        # The newest of the inspections that gave a grade.
        ("when did Bexley last get outstanding overall?", "ever"),
        ("when were cambs last rated good overall?", "ever"),
        # A fall said otherwise.
        ("has suffolk gone backwards since 2019?", "change"),
    ],
)
def test_grade_questions_as_staff_word_them(question: str, kind: str) -> None:
    asked = parse_question(question)
    assert asked.grades is not None and asked.grades.kind == kind, asked.grades


def test_when_a_grade_was_last_given_is_the_inspections_that_gave_it(engine: QAEngine) -> None:
    # It quoted a 2015 paragraph on neglect.
    answer = engine.ask("When was Calderdale last rated requires improvement?")
    assert not answer.abstained, answer.answer
    assert "2015" in answer.answer and "requires improvement" in answer.answer, answer.answer


def test_better_than_last_time_after_every_area_s_grades_is_the_overall_change(
    engine: QAEngine,
) -> None:
    # After "herefordshire 2026 grades", "better than last time?" abstained.
    answer = engine.ask("better than last time?", history=["herefordshire 2026 grades"])
    assert not answer.abstained, answer.answer
    assert "overall effectiveness" in answer.answer and "inadequate" in answer.answer


def test_when_a_grade_was_given_is_every_inspection_that_gave_it(engine: QAEngine) -> None:
    # Calderdale was judged good overall in 2018 and in 2024; a line of its 2015 report on
    # services judged adequate in 2010 had answered.
    answer = engine.ask("when was Calderdale judged good?")
    assert not answer.abstained
    assert "12 to 23 November 2018" in answer.answer, answer.answer
    assert "19 to 23 February 2024" in answer.answer
    assert "2010" not in answer.answer


@pytest.mark.parametrize(
    ("question", "history"),
    [
        # The framework named the inspection counted from, not the one before it.
        ("when was the inspection before that one?", ["ealing ilacs 2019 grades"]),
        ("sheffield ilacs 2019: when was the previous inspection", []),
    ],
)
def test_a_framework_naming_the_inspection_counted_from_limits_nothing(
    question: str, history: list[str]
) -> None:
    assert parse_question(question, history or None).framework is None


def test_a_framework_asked_of_itself_still_limits() -> None:
    assert parse_question("what was sheffield's previous ilacs grade?").framework == "ILACS"


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("when was the sheffield inspection after the 2013 one?", []),
        ("what were sheffield's judgements at the inspection after 2013?", []),
        ("and the next one?", ["sheffield 2013 grades"]),
        ("and the one after that?", ["when was sheffield inspected in 2013?"]),
    ],
)
def test_the_inspection_after_a_year_is_bounded_by_it(question: str, history: list[str]) -> None:
    grades = parse_question(question, history or None).grades
    assert grades is not None and grades.after == "2013" and grades.year is None


@pytest.mark.parametrize(
    ("question", "history", "opens"),
    [
        (
            "when were they actually on site?",
            ["how was calderdale rated in 2018?"],
            "Calderdale's inspection reported on 19 December 2018 took place from 12 November",
        ),
        (
            "how many days were inspectors on site in calderdale in 2018?",
            [],
            "Calderdale's inspection reported on 19 December 2018 took place from 12 November",
        ),
        # Its newest under the framework named is not its newest inspection: said by date.
        (
            "hertfordshire sif - when did ofsted actually go in?",
            [],
            "Hertfordshire's inspection reported on 27 November 2015 took place on 14 September",
        ),
        # The dates of the inspection talked about, not more about its topic.
        (
            "how long were inspectors in for that one",
            ["calderdale children in care 2018 - overall effectiveness?"],
            "Calderdale's inspection reported on 19 December 2018 took place from 12 November",
        ),
        (
            "and the next one?",
            ["when was hertfordshire inspected in 2015?"],
            "Hertfordshire's inspection reported on 19 November 2018 took place from 15 October",
        ),
    ],
)
def test_an_inspection_on_site_is_its_dates_first(
    engine: QAEngine, question: str, history: list[str], opens: str
) -> None:
    answer = engine.ask(question, history=history or None)
    assert answer.answer.startswith(opens), answer.answer


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        # As the report's cover prints it.
        (
            "when was hertfordshire's 2015 ofsted report published?",
            "Hertfordshire's inspection report was published on 27 November 2015",
        ),
        (
            "calderdale 2015 report - publication date?",
            "Calderdale's inspection report was published on 20 March 2015",
        ),
        # A cover that prints none: the document's own date, said as that.
        (
            "when did calderdale's 2024 report come out?",
            "Calderdale's inspection report is dated 15 May 2024",
        ),
        # The report that came out then, asked when its inspection took place: the dates.
        (
            "when did the calderdale inspection that came out in december 2018 take place?",
            "Calderdale's inspection reported on 19 December 2018 took place from 12 November",
        ),
    ],
)
def test_when_a_report_was_published_is_said_first(
    engine: QAEngine, question: str, opens: str
) -> None:
    answer = engine.ask(question)
    assert answer.answer.startswith(opens), answer.answer


def test_when_a_council_paper_was_published_is_not_a_report_date() -> None:
    assert parse_question("when was the calderdale press release published?").grades is None
