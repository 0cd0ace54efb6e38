"""Follow-ups rewritten into standalone questions: what the search and the table are asked."""

import pytest

from index.qa import QAEngine
from index.understanding.answer_type import answer_type, named_terms
from index.understanding.follow_ups import resolve
from index.understanding.query import When, asks_why, strip_authorities, time_shift, when_asked
from index.understanding.question import parse_question

CARE_LEAVERS = "What did Ofsted say about care leavers in Calderdale?"
HELP_GRADED = "How was help and protection graded in Calderdale in 2018?"


@pytest.mark.parametrize(
    ("follow_up", "previous", "expected"),
    [
        # A new topic keeps the earlier question's frame ("graded"), authority and year.
        (
            "and what about care leavers?",
            HELP_GRADED,
            "How was care leavers graded in Calderdale in 2018?",
        ),
        (
            "what about leadership?",
            CARE_LEAVERS,
            "What did Ofsted say about leadership in Calderdale?",
        ),
        # A new authority or a new year: the same question asked of it.
        (
            "and Hertfordshire?",
            CARE_LEAVERS,
            "What did Ofsted say about care leavers in Hertfordshire?",
        ),
        ("and in 2015?", HELP_GRADED, "How was help and protection graded in Calderdale in 2015?"),
        # A comparison asks the same question of the new authority.
        (
            "Is it any different in Hertfordshire?",
            CARE_LEAVERS,
            "What did Ofsted say about care leavers in Hertfordshire?",
        ),
        # "The same question" of another authority is that question asked of it.
        (
            "same question for Hertfordshire",
            CARE_LEAVERS,
            "What did Ofsted say about care leavers in Hertfordshire?",
        ),
        # The old topic held the authority: the new one is still asked of it.
        (
            "and the ones in custody?",
            "What did Ofsted say about support for Derby's care leavers?",
            "What did Ofsted say about ones in custody in Derby?",
        ),
        # "the visit" is the visit the previous question named.
        (
            "What did the visit focus on?",
            "When was Herefordshire's fifth Ofsted monitoring visit?",
            "What did the fifth Ofsted monitoring visit focus on in Herefordshire?",
        ),
    ],
)
def test_follow_up_is_resolved_into_a_standalone_question(follow_up, previous, expected):
    resolved = resolve(follow_up, [previous])
    assert resolved.query == expected
    assert resolved.from_history


def test_a_follow_up_that_is_a_question_of_its_own_is_not_spliced_into_the_last_one():
    # "how was leadership graded?" names its own frame; "who owns the …" has no plain topic
    # slot; both keep the authority only.
    assert resolve("and how was leadership graded?", [CARE_LEAVERS]).query == (
        "how was leadership graded in Calderdale?"
    )
    owner = "Who owns the foster carers action in Hertfordshire?"
    assert resolve("what about the adoption one?", [owner]).query == (
        "what about the adoption one in Hertfordshire?"
    )


@pytest.mark.parametrize(
    ("question", "when"),
    [
        ("How was Calderdale judged in 2018?", When(years=("2018",))),
        ("What did the latest inspection say?", When(latest=True)),
        # The year a question measures from is the baseline; the answer is in a later report.
        ("Have services improved since the 2022 inspection?", When(after="2022-99")),
        ("What happened after the 2021 inadequate judgement?", When(after="2021-99")),
        ("What changed since its February 2024 monitoring visit?", When(after="2024-02-99")),
        ("What did Ofsted say about care leavers?", None),
        (
            "What did its Sept 2022 inspection find?",
            When(years=("2022",), months=("2022-09",)),
        ),
    ],
)
def test_the_time_a_question_asks_about(question, when):
    assert when_asked(question) == when


def test_a_month_asked_is_a_report_of_that_month_or_the_few_after():
    """ "Hertfordshire's September 2022 inspection" is not the report published in March 2023
    (an inspection of that winter), though 2023's first quarter counts for "2022"."""
    asked = when_asked("What did Ofsted find in Hertfordshire's September 2022 inspection?")
    assert asked is not None and asked.covers("2023-03-10")
    assert not asked.covers_month("2023-03-10")
    assert asked.covers_month("2022-11-20") and asked.covers_month("2022")
    assert asked.said_in("the focused visit in September 2022 found")
    assert not asked.said_in("in 2022 the council")


def test_before_that_asks_for_the_inspection_before_the_one_discussed() -> None:
    asked = parse_question(
        "and what did the inspection before that say about it?",
        ["What did Ofsted say about private fostering in Barnsley in 2023?"],
    )
    assert asked.when == When(before="2023")
    assert "2023" not in asked.query and "private fostering" in asked.query
    # Said in a question of its own, "before the 2018 inspection" is that inspection's time.
    assert parse_question(
        "How many children were adopted in the year before the 2018 inspection in Barnsley?"
    ).when == When(years=("2018",))


def test_since_then_asks_for_what_came_after_the_time_discussed() -> None:
    asked = parse_question(
        "has that got better since?", ["What did Ofsted find about neglect in Barnsley in 2018?"]
    )
    assert asked.when is not None and asked.when.after.startswith("2018")
    assert "neglect" in asked.query


def test_a_bare_why_carries_the_topic_it_asks_the_reasons_for() -> None:
    asked = parse_question("why?", ["How were Barnsley's care leaver services rated in 2018?"])
    assert "care leaver" in asked.query and "2018" in asked.query
    # The reasons are in the report's text; the grade was the last answer.
    assert asked.grades is None


def test_a_follow_up_asking_anew_is_not_answered_by_the_last_questions_kind() -> None:
    """After "what did Ofsted want X to improve?", a question about one problem is answered
    from the text, not with the whole list under "What needs to improve?"."""
    asked = parse_question(
        "what's the housing problem for care leavers they mention?",
        ["What did Ofsted want Barnsley to improve in 2023?"],
    )
    assert asked.sections == ()
    assert "Barnsley" in asked.authorities and "2023" in asked.query


def test_a_follow_up_naming_only_another_report_asks_the_last_question_of_that_report():
    resolved = resolve("and in the 2024 report?", ["What needed to improve in Calderdale in 2018?"])
    assert resolved.query == "What needed to improve in Calderdale in 2024?"


def test_the_next_inspection_is_one_after_the_year_last_asked_about():
    question = parse_question(
        "did that hold up at the next inspection?",
        ["What did Ofsted say about care leavers in Hertfordshire in 2018?"],
    )
    assert question.when == When(after="2018-99")
    assert "care leavers" in question.query


def test_they_with_a_topic_of_its_own_does_not_carry_the_last_topic_along():
    # "they" are the inspectors: the lead inspector is not what private fostering is about.
    last = "Who led the Ofsted inspection of Havering in December 2023?"
    query = resolve("what did they say about private fostering?", [last]).query
    assert "private fostering" in query and "led" not in query and "Havering" in query
    # "them" stands for the last topic.
    query = resolve(
        "how did they bring them down?", ["What did Ofsted say about caseloads in H&F?"]
    )
    assert query.query == "how did they bring them down, caseloads in Hammersmith and Fulham?"


def test_a_why_question_with_no_topic_of_its_own_asks_about_the_last_one():
    query = resolve(
        "why, what went wrong?", ["What was Ofsted's verdict on leaving care in Harrow?"]
    )
    assert query.query == "why, what went wrong, leaving care in Harrow?"
    # With no topic but the grade, the grade is what the reasons are asked for: its word is
    # carried with the time and place (a search for it finds the report's summary).
    graded = resolve("why, what went wrong?", ["What was Harrow's overall judgement in 2025?"])
    assert graded.query == "why, what went wrong, judgement in 2025 in Harrow?"


def test_a_carried_topic_leaves_the_last_questions_grade_words_behind():
    # "them" are care leavers; "rated" was how the last question asked, not what about.
    resolved = resolve(
        "what did they say needs to change for them?",
        ["How was Northumberland rated for care leavers in 2016?"],
    )
    assert "care leavers" in resolved.query and "rated" not in resolved.query


def test_a_carried_topic_leaves_the_last_questions_asking_word_behind():
    # "Who owns …" carried made "what progress had been made on it?" a question about a person.
    resolved = resolve(
        "what progress had been made on it?",
        ["Who owns the foster carer feedback action in Hertfordshire's improvement plan?"],
    )
    assert "foster carer feedback action" in resolved.query
    assert "who" not in resolved.query.lower().split()
    assert answer_type(resolved.query) is None


def test_a_grade_follow_up_carries_only_an_area_of_the_last_topic():
    # "them" is the council: how much it is putting in is no area to grade.
    money = resolve(
        "what had Ofsted rated them before that?",
        ["How much is Staffordshire putting into children's services after the 2026 reinspection?"],
    )
    assert money.query == "what had Ofsted rated them before that in Staffordshire?"
    assert money.before == "2026"
    care = resolve("was it rated good?", ["What did Ofsted say about care leavers in Calderdale?"])
    assert "care leavers" in care.query


def test_a_grade_follow_up_about_it_asks_for_the_conversations_area():
    q = parse_question(
        "was it rated good?", ["What did Ofsted say about care leavers in Calderdale?"]
    )
    assert q.grades is not None and q.grades.areas == ("care_leavers",)


def test_and_what_about_an_area_after_a_grade_asks_that_areas_grade():
    q = parse_question(
        "and what about leadership?", ["How was Luton rated overall in its 2022 inspection?"]
    )
    assert q.grades is not None and q.grades.areas == ("leaders",) and q.grades.year == 2022


def test_when_or_who_of_the_inspection_asked_about_is_the_tables_to_answer() -> None:
    # "It" is the inspection the last question asked about: its dates and inspector.
    when = parse_question("when did it take place?", ["Who led Essex's 2023 inspection?"])
    assert when.grades is not None and when.grades.kind == "inspection"
    assert when.grades.year == 2023
    who = parse_question("who led it?", ["When was Calderdale last inspected?"])
    assert who.grades is not None and who.grades.kind == "inspection"
    # Not every "when" after a question: "it" here is a report on care leavers.
    other = parse_question("when was it published?", [CARE_LEAVERS])
    assert other.grades is None


def test_a_follow_up_about_now_does_not_carry_the_last_questions_year():
    # "And the latest one?", "is it any better now?": the present, not 2017 again.
    latest = resolve(
        "and the latest one?", ["Was leadership in Calderdale rated inadequate in 2018?"]
    )
    assert "2018" not in latest.query and "leadership" in latest.query
    assert latest.authorities == ("Calderdale",)
    now = resolve(
        "is it any better now?",
        ["What did the 2018 inspection say about Calderdale's care leavers?"],
    )
    assert "2018" not in now.query and "care leavers" in now.query
    # Without such a word, the conversation keeps its year.
    kept = resolve("and what about adoption?", ["What did Ofsted say about Calderdale in 2018?"])
    assert "2018" in kept.query


def test_back_then_is_the_time_the_conversation_was_just_about():
    asked = ["Who led the Ofsted inspection of Gateshead in 2016?"]
    then = resolve("How did Gateshead score for care leavers back then?", asked)
    # Said as that time, so the resolved question reads alone (search gets it without history).
    assert then.query == "How did Gateshead score for care leavers in 2016?"
    why = resolve("why?", [*asked, "How did Gateshead score for care leavers back then?"])
    assert "2016" in why.query and "care leavers" in why.query
    # "That year" is a time, whichever council the follow-up asks of.
    assert "2016" in resolve("What did Halton get that year?", asked).query


def test_a_follow_up_naming_only_another_time_asks_the_last_question_then() -> None:
    last = "What did Ofsted say about help and protection in Wakefield in 2022?"
    asked = parse_question("what about the previous one?", [last])
    assert asked.when == When(before="2022")
    assert "help and protection" in asked.query and "previous" not in asked.query
    last = "What did Ofsted find in Leicester's 2021 inspection?"
    asked = parse_question("and the latest one?", [last])
    assert asked.when is not None and asked.when.latest
    assert "2021" not in asked.query and "Leicester" in asked.query


def test_anything_on_an_area_after_a_findings_question_asks_what_was_said_of_it() -> None:
    last = "What did inspectors find in Barnsley in 2014?"
    asked = parse_question("anything on adoption?", [last])
    assert asked.grades is None
    assert "adoption" in asked.query and "rated" not in asked.query


def test_another_council_after_one_councils_own_dated_inspection_asks_of_its_latest() -> None:
    last = "How were care leavers judged in Sandwell's 2025 inspection?"
    asked = resolve("is it any different in Luton?", [last])
    assert "2025" not in asked.query and "latest" in asked.query and "Luton" in asked.query
    # A year as a time holds for both councils.
    last = "What did Ofsted's 2018 inspection say about care leavers in Calderdale?"
    assert "2018" in resolve("and Hertfordshire?", [last]).query


def test_did_another_council_put_out_something_similar_asks_the_same_of_it() -> None:
    last = "What did the Nottinghamshire press release say about the 2025 inspection?"
    asked = resolve("did Norfolk put out something similar?", [last])
    assert "press release" in asked.query and "Norfolk" in asked.query


def test_a_short_follow_up_keeps_the_topic_the_last_question_named() -> None:
    last = "What did Ofsted say about adoption in Southend in 2019?"
    assert resolve("any breakdowns?", [last]).query == (
        "any breakdowns, adoption in 2019 in Southend-on-Sea?"
    )
    last = "Does the Oxfordshire report mention CAMHS waiting lists?"
    assert "CAMHS waiting lists" in resolve("how are they covering the gap?", [last]).query
    # A new topic is asked instead of the last one, not beside it.
    asked = resolve("and what about their mental health support?", [last])
    assert "CAMHS" not in asked.query
    # The last question's frame is no topic: it would pull other passages.
    last = "Who led the Ofsted inspection of Havering in December 2023?"
    assert "led" not in resolve("what did they say about private fostering?", [last]).query
    last = "What needs to improve in Greenwich according to the 2019 inspection?"
    assert "improve" not in resolve("what's the issue with long-term foster care?", [last]).query
    # A follow-up naming much of its own is not added to.
    last = "What did Ofsted say about care leavers in Merton in 2022?"
    long = "what did they find about housing for homeless sixteen year olds?"
    assert "care leavers" not in resolve(long, [last]).query


def test_the_topic_carried_is_the_last_questions_named_topic_not_its_frame() -> None:
    # Named after the authority ("about Hertfordshire's children in care").
    last = "What did Ofsted find about Hertfordshire's children in care in 2023?"
    assert "children in care" in resolve("any exam results mentioned?", [last]).query
    # A part of the report asked for is no topic; a topic already said is not said twice.
    last = "What did Ofsted say Sheffield needs to improve in 2019?"
    assert "improve" not in resolve("what was the problem with the missing kids bit?", [last]).query
    last = "When was Herefordshire's fifth Ofsted monitoring visit?"
    assert resolve("What did the visit focus on?", [last]).query.count("monitoring visit") == 1


def test_another_council_or_year_is_said_in_the_last_questions_own_words() -> None:
    # Taking the authority out had left "What overall rating did get in according to …".
    last = "What overall rating did Wirral get in 2019 according to the council's news page?"
    assert resolve("same for Halton in 2020?", [last]).query == (
        "What overall rating did Halton get in 2020 according to the council's news page?"
    )
    last = "Which regional adoption agency is Luton part of?"
    assert resolve("and Bedford?", [last]).query == (
        "Which regional adoption agency is Bedford part of?"
    )
    last = "What was St Helens' overall grade?"
    assert resolve("what about Knowsley?", [last]).query == "What was Knowsley's overall grade?"


def test_only_a_follow_up_about_what_the_last_document_says_points_back_at_it() -> None:
    from index.understanding.query import points_to_a_document

    assert points_to_a_document("what did it say about leadership?")
    assert points_to_a_document("Who owns that action?")
    assert points_to_a_document("does it mention FGM?")
    # "It" as the topic, another time, or another kind of document: not the last document.
    assert not points_to_a_document("is it any better now?")
    assert not points_to_a_document("has it improved since?")
    assert not points_to_a_document("what was it at the previous inspection?")
    assert not points_to_a_document("what did the council's press release say about it?")


def test_has_it_got_better_since_names_the_year_once():
    resolved = resolve(
        "has it got better since?", ["What did Ofsted say about North East Lincolnshire in 2021?"]
    )
    assert resolved.query == "has it got better since 2021 in North East Lincolnshire?"


def test_a_short_follow_up_after_how_did_ofsted_rate_x_is_about_x() -> None:
    # "Rate" led the topic in and had been taken for part of it: no topic was carried, and the
    # 2015 report's "dropped out" answered instead of the care leavers' drop-in.
    rated = "How did Ofsted rate care leavers services in Cheshire East?"
    assert "care leavers" in resolve("and did they have somewhere to drop in?", [rated]).query


def test_a_grade_asked_of_the_whole_service_carries_no_topic() -> None:
    resolved = resolve(
        "so was the whole service inadequate?",
        ["How did Ofsted rate St Helens' children in care in 2019?"],
    ).query
    assert "children in care" not in resolved
    assert "St Helens" in resolved and "2019" in resolved


def test_a_follow_up_about_they_is_about_the_people_just_named() -> None:
    # Five words of its own made it no "short follow-up": care leavers were dropped, and the
    # search ranked every Sheffield mental health passage above the care leavers' one.
    named = "What did Ofsted say about Sheffield's care leavers in 2023?"
    resolved = resolve("do they get quick mental health support?", [named]).query
    assert "care leavers" in resolved and "2023" in resolved and "Sheffield" in resolved
    # Without a pronoun, a longer follow-up stays its own question.
    alone = resolve("is there quick mental health support for children?", [named]).query
    assert "care leavers" not in alone


def test_a_yes_no_questions_opening_verb_is_not_carried_as_its_topic() -> None:
    resolved = resolve(
        "what are leaders doing about it?", ["Has staff churn affected kids in care in Bexley?"]
    ).query
    assert "staff churn" in resolved
    assert "Has" not in resolved


def test_a_part_of_the_report_asked_for_is_not_carried_as_the_topic() -> None:
    last = "What does Ofsted say needs to improve for care leavers in Peterborough?"
    resolved = resolve("where are some of them living?", [last]).query
    assert resolved == "where are some of them living, care leavers in Peterborough?"


def test_the_grade_verb_rate_is_not_carried_as_a_topic() -> None:
    last = "How did Ofsted rate the impact of leaders in Hertfordshire in 2018?"
    resolved = resolve("why did they get that?", [last]).query
    assert "rate" not in resolved.split() and "impact" in resolved


def test_what_had_changed_by_a_later_inspection_asks_the_change_between_the_two() -> None:
    last = "How was Suffolk rated overall in 2019?"
    grades = parse_question("what had changed by the 2024 inspection?", [last]).grades
    assert grades is not None and grades.kind == "change" and grades.years == (2019, 2024)
    # Only moved in time, the same grade is asked of the year named.
    grades = parse_question("and in 2024?", [last]).grades
    assert grades is not None and grades.kind == "grade" and grades.year == 2024


def test_they_after_who_runs_the_service_are_that_body() -> None:
    last = "Who delivers children's services in North Northamptonshire?"
    resolved = resolve("do they cover anywhere else?", [last]).query
    assert "children's services" in resolved and "North Northamptonshire" in resolved


def test_a_re_inspection_asked_of_is_the_inspection_of_that_year() -> None:
    # Moving the conversation to a year's re-inspection asks the last question of it, as
    # "any better by the 2018 inspection?" does; it was searched as a topic of its own.
    asked = resolve(
        "any better by the 2018 re-inspection?",
        ["What did the 2016 Wandsworth report say about care leavers?"],
    )
    assert asked.query == "What did the 2018 Wandsworth report say about care leavers?"


def test_what_ofsted_actually_said_is_not_the_council_papers_again() -> None:
    # After a question on the cabinet's minutes, "what did Ofsted actually say …?" asks for
    # Ofsted's own words: the minutes are not carried as its source.
    asked = parse_question(
        "what did ofsted actually say about foster carer numbers?",
        ["stockton-on-tees ILACS 2023 cabinet minutes when is the action plan due"],
    )
    assert "according to" not in asked.query, asked.query
    assert asked.asks_ofsted


def test_the_thing_named_stays_as_said_when_the_last_question_named_no_one_thing():
    # "the adoption team" became "the march 2026 ofsted - how's adoption team": the last
    # question's words from its first to its last topic word, a date and a dash among them.
    resolved = resolve(
        "anything holding the adoption team back?", ["luton march 2026 ofsted - how's adoption?"]
    )
    assert "the adoption team" in resolved.query and "ofsted -" not in resolved.query
    # A plain noun phrase still stands in: "the visit" is the fifth monitoring visit.
    resolved = resolve(
        "what did the visit focus on?", ["When was Bedford's fifth monitoring visit?"]
    )
    assert "fifth monitoring visit" in resolved.query, resolved.query


def test_the_next_full_inspection_moves_on_in_time():
    # "Did they get out of inadequate at the next full inspection?" stayed in 2017.
    assert time_shift("did they get out of inadequate at the next full inspection?") == "after"
    assert time_shift("and at the next one?") == "after"
    # "Did it get any better next time?" was asked of 2022 again, and answered from its text.
    assert time_shift("did it get any better next time?") == "after"
    asked = parse_question("did it get any better next time?", ["luton ilacs 2022 results"])
    assert asked.grades is not None and asked.grades.kind == "change"
    assert asked.grades.years == (2022,)


def test_a_councillor_s_title_is_no_name_the_evidence_must_hold():
    # "What did Cllr Hardman say …?" abstained: the minutes write "Councillor Liz Hardman".
    assert named_terms("What did Cllr Hardman say when scrutiny met?") == ["hardman"]


def test_another_council_around_then_is_the_same_question_of_it_at_that_time() -> None:
    # "around then" was read as the topic: the question was searched as typed, of no council.
    asked = resolve(
        "what about Hillingdon around then?",
        ["how long did adoption take in Kingston upon Thames in 2015?"],
    )
    assert asked.query == "how long did adoption take in Hillingdon in 2015?"
    assert resolve(
        "and Bexley at that time?",
        ["what did Ofsted say about care leavers in Kingston upon Thames in 2015?"],
    ).query == ("what did Ofsted say about care leavers in Bexley in 2015?")


def test_naming_the_council_already_talked_about_still_points_back_at_what_was_said() -> None:
    history = ["herts cabinet panel ofsted report 2019", "what about kids placed out of county"]
    asked = resolve("is that just a herts problem?", history)
    assert "placed out" in asked.query and asked.authorities == ("Hertfordshire",)
    last = "What did Ofsted say needs improving in Calderdale in 2018?"
    assert "2018" in resolve("has calderdale fixed that?", [last]).query
    # "its" is the council's, and a new council is a question of its own.
    last = "How was Hertfordshire rated in 2018?"
    assert "2018" not in resolve("how did herts do at its last inspection?", [last]).query
    # Of another council, "that" still points back at what was said, asked of that council.
    other = resolve("is that just a calderdale problem?", history)
    assert "placed out" in other.query and other.authorities == ("Calderdale",)


def test_a_turn_after_the_inspection_before_stays_before_it() -> None:
    # "What did it say about …?" after "and the one before that?" was asked of the latest.
    history = ["york ofsted report 2025", "and the one before that?"]
    asked = resolve("what did it say about emotional wellbeing for cic?", history)
    assert asked.before == "2025"
    # A time of its own is kept.
    assert resolve("and in 2016?", history).before == ""
    # A new topic asked of that time is still of the inspection before.
    history = ["what did ofsted say about care leavers in luton in 2022?", "and the time before?"]
    asked = resolve("what about their housing?", history)
    assert "housing" in asked.query and asked.before == "2022"


def test_the_inspection_before_the_first_is_before_any_report() -> None:
    history = ["how did cumberland do in their first ilacs"]
    for question in ("and the one before that?", "what was it rated at the inspection before?"):
        grades = parse_question(question, history).grades
        assert grades is not None and grades.pick == "before first", question
    # Before the newest, it is the previous one.
    grades = parse_question("what was it rated at the inspection before?", ["oldham rating"]).grades
    assert grades is not None and grades.pick == "previous"


def test_a_former_council_named_in_a_conversation_about_its_successor_is_that_council() -> None:
    asked = resolve("what was it rated before, when it was still cumbria?", ["cumberland 2024"])
    assert asked.authorities == ("Cumberland",) and "still" not in asked.query


def test_what_a_council_is_called_is_no_topic() -> None:
    # "and leicester city?" then "why did they go down" was searched for "city".
    asked = resolve("why did they go down", ["derby ofsted 2025", "and leicester city?"])
    assert "city" not in asked.query.lower() and asked.authorities == ("Leicester",)
    assert strip_authorities("city of york care leavers") == "care leavers"


def test_a_newer_or_the_most_recent_one_moves_on_and_later_turns_stay_there() -> None:
    assert time_shift("has there been a newer one?") == "after"
    asked = resolve("has there been a newer one?", ["Sutton 2022 inspection outcome"])
    assert "since 2022" in asked.query
    history = ["Central Bedfordshire ofsted 2017", "and the most recent one?"]
    assert when_asked(resolve(history[1], history[:1]).query).latest
    assert when_asked(resolve("any problems at the front door?", history).query).latest


def test_a_short_follow_up_naming_what_was_found_on_is_not_added_to() -> None:
    history = ["devon staff bulletin on the ofsted result", "what did it say about inclusion?"]
    asked = resolve("what did ofsted actually find on elective home ed", history)
    assert "inclusion" not in asked.query and "Devon" in asked.query
    # "It" is still the last topic.
    last = "what did ofsted say about adoption in luton in 2022?"
    assert "adoption" in resolve("what did they say about it?", [last]).query


@pytest.mark.parametrize(
    "question",
    ["what was holding that back", "what kicked off the recent improvement?", "what drove it?"],
)
def test_what_held_it_back_or_set_it_going_asks_for_reasons(question: str) -> None:
    # "What kicked off the recent improvement?" after Cambridgeshire's 2024 grades abstained.
    assert asks_why(question)


def test_the_same_for_another_council_is_the_last_question_asked_of_it() -> None:
    last = "norfolk 2023 - do care leavers know their entitlements?"
    # It was asked alone: "same for suffolk's care leavers at their last ilacs?".
    asked = resolve("same for suffolk's care leavers at their last ilacs?", [last])
    assert "entitlements" in asked.query and asked.authorities == ("Suffolk",)
    assert "Essex" in resolve("and the same in essex?", [last]).query


def test_a_year_typed_back_in_is_only_the_time_asked() -> None:
    # "Back" says no more than the year: the last question asked of Norfolk in 2013.
    history = ["durham 2016 what percentage of care leavers were neet", "and north east lincs?"]
    assert resolve("norfolk back in 2013?", history).query == (
        "Norfolk 2013 what percentage of care leavers were neet?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "did they hold onto that next time round?",
        "did they keep it at the next inspection?",
        "did it stay that way at the next one?",
    ],
)
def test_a_grade_kept_at_the_next_inspection_is_the_grades_since(
    engine: QAEngine, question: str
) -> None:
    answer = engine.ask(question, history=["what grade did calderdale get in 2018?"])
    assert not answer.abstained, answer.answer
    assert "November 2018" in answer.answer and "February 2024" in answer.answer, answer.answer


def test_a_grade_kept_at_an_inspection_named_by_its_year_is_that_inspections_grade(
    engine: QAEngine,
) -> None:
    # "That" is the grade just asked; the 2024 inspection's is the answer (it was read as a
    # topic, "did they keep that …, leadership", and answered from the 2024 report's prose).
    answer = engine.ask(
        "did they keep that at the 2024 inspection?",
        history=["How was Calderdale rated for leadership in 2018?"],
    )
    assert answer.resolved_query == "How was Calderdale rated for leadership in 2024?"
    assert answer.answer.startswith("In the inspection of"), answer.answer
    assert "2024" in answer.answer and "leaders" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("and the year before?", "how many LAC did barnet have at march 2016"),
        ("what about the year after?", "how many LAC did barnet have at march 2018"),
        ("the previous year?", "how many LAC did barnet have at march 2016"),
    ],
)
def test_the_year_before_asks_the_last_question_of_that_year(question: str, read: str) -> None:
    assert resolve(question, ["how many LAC did barnet have at march 2017"]).query == read


def test_the_year_before_a_grade_is_the_inspection_before(engine: QAEngine) -> None:
    answer = engine.ask("and the year before?", history=["how was calderdale rated in 2018?"])
    assert answer.answer.startswith("In the inspection of 13 January to 4 February 2015"), (
        answer.answer
    )


def test_how_another_council_compares_is_the_last_question_of_it() -> None:
    history = ["blackpool rate of children looked after per 10,000 in 2014"]
    for question in ("how does dudley compare", "and how does Dudley compare?"):
        assert resolve(question, history).query == (
            "Dudley rate of children looked after per 10,000 in 2014?"
        )
    # A comparison with another time keeps its own words.
    assert "compare with 2013" in resolve("how does that compare with 2013?", history).query


def test_a_pronoun_after_a_part_naming_its_own_topic_stands_for_that_topic() -> None:
    # "it" is the council the question's first part asks about, not the press release's topic.
    history = ["Hertfordshire's 2018 press release - what did it say about leadership?"]
    asked = "do the kids in care there have their own council? what's it called"
    assert "leadership" not in resolve(asked, history).query
    # Alone, "what's it called?" still points back at what the conversation was about.
    assert "leadership" in resolve("and what's it called?", history).query


def test_a_question_setting_its_scene_first_is_about_what_it_then_asks() -> None:
    # The council, time and source before the dash set the scene; the topic is what is asked.
    scene = (
        "Herefordshire's cabinet went through the Ofsted action plan in 2019 - what was the "
        "issue with ethnicity?"
    )
    carried = resolve("had that got any better by the 2022 inspection?", [scene]).query
    assert "ethnicity" in carried and "action plan" not in carried, carried
    # A topic said before the dash is the topic.
    named = "the health histories point - what was that about?"
    history = ["What did Ofsted say about Herefordshire's care leavers in 2018?", named]
    assert "health histories" in resolve("was it sorted by 2022?", history).query


@pytest.mark.parametrize(
    ("first", "then", "carried"),
    [
        (
            "What practice model does Hertfordshire use, according to Ofsted in 2018?",
            "since when?",
            "practice model",
        ),
        (
            "How did Herefordshire deal with private fostering at the 2018 inspection?",
            "any improvement by 2022?",
            "private fostering",
        ),
    ],
)
def test_a_follow_up_asking_only_when_or_whether_it_changed_is_of_the_last_topic(
    first: str, then: str, carried: str
) -> None:
    # The first question named its topic without "about": still what the follow-up asks of.
    assert carried in resolve(then, [first]).query


def test_a_long_conversation_resolves_each_turn_once() -> None:
    # Several rules resolve a turn again against the turns before it; without remembering
    # them, 20 turns of "around then" took 2^20 resolutions (a request that never returned).
    from index.understanding.follow_ups import _resolved

    # No year anywhere: every turn's "around then" looked back and found none.
    history = ["What did Ofsted say about care leavers in Calderdale?"] + [
        f"what happened around then, part {n}?" for n in range(19)
    ]
    _resolved.cache_clear()
    resolved = resolve("and around then?", history)
    assert resolved.authorities == ("Calderdale",)
    assert _resolved.cache_info().misses <= 3 * len(history), _resolved.cache_info()
