"""One parsed question: what each stage reads from it."""

from pathlib import Path

import pytest

from index.ingest.loaders import fingerprint, load_document
from index.settings import get_settings
from index.understanding.answer_type import (
    AMOUNT,
    COUNT,
    DATE,
    GRADE,
    MONEY,
    NEGATIVE,
    PERSON,
    answer_type,
    offers,
    states_grade,
)
from index.understanding.question import parse_question

COUNCIL = get_settings().ilacs_dir.parent / "council"


def test_a_named_source_is_read_as_the_document_types_it_means():
    q = parse_question("According to the committee minutes, how did Wokingham respond?")
    assert "committee minutes" in q.sources and q.names_council_source
    assert parse_question("What did Ofsted's report say about Wokingham?").sources == ()
    assert "press release" in parse_question("What did the council's response say?").sources


def test_a_staff_bulletin_a_web_page_and_a_named_story_are_council_sources():
    bulletin = parse_question("What did Devon's bulletin to colleagues say about care leavers?")
    assert bulletin.sources == ("staff bulletin",) and "colleagu" not in bulletin.topic_terms
    page = parse_question("What does Barnet's improvement journey page say about the MASH?")
    assert "council web page" in page.sources
    # The publication's name is not a name its text must hold, nor a topic.
    story = parse_question("What grade did the Wirral View story say the council got in 2019?")
    assert "press release" in story.sources
    assert "view" not in story.names and "view" not in story.topic_terms
    # "Bad news" and "life story work" are topics, not sources.
    assert parse_question("What did the chief executive say about bad news?").sources == ()
    assert parse_question("How good is life story work in Calderdale?").sources == ()


def test_a_grade_question_that_says_more_keeps_what_it_says_beyond_the_grade():
    assert parse_question("How was Barnet judged for care leavers in 2019?").beyond_grades == ()
    q = parse_question("When was the 2016 judgement of Barnet published?")
    assert q.grades is not None and q.answer_kind == DATE  # a date is asked, not a grade
    # The safeguarding board is a judged area of its own: its name is what the grade is of.
    lscb = parse_question("How was the local safeguarding children board in Barnet rated?")
    assert lscb.grades is not None and lscb.grades.areas == ("lscb",)
    assert lscb.beyond_grades == ()


def test_what_needed_improving_after_an_inspection_is_that_inspections_list():
    after = parse_question("What did Barnet need to improve after the March 2022 inspection?")
    assert after.sections == ("improve",) and after.when and after.when.years == ("2022",)
    # How things went since an inspection is a later report's to say.
    since = parse_question("How has Barnet improved since the 2022 inspection?")
    assert since.when and since.when.after.startswith("2022") and not since.when.years


def test_what_needed_to_get_better_asks_for_what_needs_to_improve():
    """The list under "What needs to improve?", as "what needs to change?" is; "has it got
    better?" asks whether things improved, not for the list."""
    assert parse_question("Calderdale 2018 - what needed to get better?").sections == ("improve",)
    assert parse_question("What does Barnet need to get better at?").sections == ("improve",)
    assert parse_question("Has Barnet got better since 2022?").sections == ()
    # Whether the last inspection's recommendations were acted on is not a request for a list.
    assert parse_question("What were Hull's recommendations in 2019?").sections == ("improve",)
    acted_on = "Were the recommendations from Herts' previous inspection dealt with by 2018?"
    assert parse_question(acted_on).sections == ()
    # What it "needs to do better" is that list too, not a change of grades.
    do_better = parse_question("What did Harrow need to do better for care leavers in 2020?")
    assert do_better.sections == ("improve",) and do_better.grades is None
    compared = parse_question("Did Harrow do better for care leavers in 2020 than in 2017?")
    assert compared.grades is not None and compared.grades.kind == "change"
    # What it should do better, the modal said before the council, is the list too.
    should = parse_question("What should Blackburn with Darwen do better for care leavers?")
    assert should.sections == ("improve",) and should.grades is None


def test_framework_and_follow_up_are_resolved_once():
    q = parse_question("What did Barnet's report under the single inspection framework say?")
    assert q.framework == "SIF"
    follow = parse_question(
        "and Hertfordshire?", ["What did Ofsted say about care leavers in Calderdale?"]
    )
    assert follow.authorities == ("Hertfordshire",) and follow.from_history


def test_how_much_and_how_many_ask_for_amounts_and_counts():
    assert parse_question("How much extra funding did Staffordshire commit?").answer_kind == MONEY
    assert parse_question("How much have referrals risen by?").answer_kind == AMOUNT
    assert parse_question("How many recommendations did Ofsted make?").answer_kind == COUNT
    assert offers(MONEY, "an additional £5.5 million in children services")
    assert offers(AMOUNT, "referrals rose by 12 per cent")
    assert offers(COUNT, "Inspectors made 14 recommendations.")
    assert not offers(COUNT, "In 2019 the council met on 12 March 2019.")
    # A paragraph's number and a short date count nothing ("how many improvement areas?").
    assert not offers(COUNT, "- 3.1 The Cabinet Panel are asked to address areas for improvement.")
    assert not offers(COUNT, "Further residential panel to take place in Jan 19.")
    assert offers(COUNT, "The team noted three areas for improvement.")
    # Nor the first day of a range of dates ("how many more social workers?").
    assert not offers(COUNT, "Inspectors visited the city on 6 and 7 February.")
    assert not offers(COUNT, "The visit was conducted on 22 - 23 October 2024.")
    assert offers(COUNT, "There will be an additional 24 social workers.")


def test_a_share_is_a_count():
    assert offers(COUNT, "In Bedford, half of the current social workers are agency staff.")
    assert not offers(COUNT, "Staff turnover has been significant in recent years.")


def test_whether_a_number_changed_asks_no_number():
    assert answer_type("What was the number of children in care in Halton?") == COUNT
    assert answer_type("number of LAC in york 2025") == COUNT
    # Asked whether: a number may not be in the answer at all ("the same number of
    # inspectors as other much larger local authorities").
    assert answer_type("did wokingham think the number of ofsted inspectors was fair?") is None
    assert answer_type("Has the number of children in care risen in Bexley?") is None


def test_how_big_asks_for_a_number():
    assert answer_type("how big was the team?") == COUNT
    assert answer_type("How large are social workers' caseloads in Bedford?") == COUNT
    assert answer_type("How big was the overspend, in pounds?") == MONEY


def test_were_there_any_asks_whether_and_a_sentence_saying_no_offers_it():
    assert answer_type("Did Ofsted find any children at immediate risk in Knowsley?") == NEGATIVE
    assert answer_type("Were any under-16s living in unregistered homes?") == NEGATIVE
    # "Any good" asks how good, and a grade question stays one.
    assert answer_type("Is East Sussex any good at tracking home-educated children?") is None
    assert answer_type("Were any areas judged inadequate in Luton?") == GRADE
    # "Any more" asks what was added, which no "no …" sentence answers.
    assert answer_type("have they added any more personal advisers?") is None
    assert answer_type("Did the council hire any extra social workers?") is None
    assert offers(NEGATIVE, "No children were found to be at risk of immediate harm.")
    assert not offers(NEGATIVE, "Most children are seen promptly.")


def test_an_average_asked_for_is_a_figure_and_above_average_is_not():
    assert answer_type("average IRO caseload derby 2017") == COUNT
    assert answer_type("whats the average caseload there then") == COUNT
    assert answer_type("are caseloads above average?") is None
    assert answer_type("is it above the national average for care leavers in EET?") is None


def test_whether_all_of_them_asks_whether_and_not_all_offers_it(engine):
    # "Are all …?" is answered by the sentence saying not all (or no), as "any" is.
    assert answer_type("so were they in touch with all of them") == NEGATIVE
    assert answer_type("are all care leavers in touch with the LA?") == NEGATIVE
    assert offers(NEGATIVE, "Not all care leavers are aware of their rights and entitlements.")
    # Herefordshire's monitoring visit: a passage on assessments had answered.
    answer = engine.ask(
        "Had all children in care with complex needs in Herefordshire stayed in stable "
        "placements, per the 2024 monitoring visit?"
    )
    assert answer.answer.startswith("However, Ofsted found a small number of children with"), (
        answer.answer
    )


def test_what_is_a_budget_or_a_salary_asks_for_a_sum_of_money():
    # Answered from an inspection report's words about the director's appointment, it said
    # nothing of money; asked for money, an answer without a sum abstains.
    for asked in (
        "What salary is Barnsley paying its new director of children's services?",
        "What is Barnsley Council's adult social care budget for 2025/26?",
        "What was the cost of the improvement plan?",
    ):
        assert parse_question(asked).answer_kind == MONEY, asked
    for other in (
        "What did Ofsted say about the cost of placements?",
        "What are the budget pressures in Barnsley?",
    ):
        assert parse_question(other).answer_kind != MONEY, other


@pytest.mark.skipif(not COUNCIL.is_dir(), reason="needs ../shared/council")
@pytest.mark.parametrize(
    ("name", "doc_type", "year"),
    [
        ("01_havering-committee-minutes-2014.txt", "committee minutes", "2014"),
        ("08_barnet-improvement-page-2018.txt", "council web page", "2018"),
        ("17_wolverhampton-press-release-2022.txt", "press release", "2022"),
        ("22_havering-press-release-2024.txt", "press release", "2024"),
        ("24_devon-staff-bulletin-2025.txt", "staff bulletin", "2025"),
        ("28_staffordshire-press-release-2026.txt", "press release", "2026-01-27"),
        # Dated by the meeting ("Meeting: 15/06/2023 - Cabinet"), not the inspection it discusses.
        ("20_stockton-on-tees-cabinet-minutes-2023.txt", "committee minutes", "2023-06-15"),
        ("12_halton-cabinet-minutes-2020.txt", "committee minutes", "2020-07-30"),
    ],
)
def test_council_documents_get_their_type_and_date(name: str, doc_type: str, year: str):
    meta = load_document(fingerprint(COUNCIL / name, COUNCIL, 10_000_000)).meta
    assert meta.doc_type == doc_type
    assert meta.date is not None and meta.date.startswith(year)
    assert not meta.title.startswith("SOURCE:") and meta.source and meta.source.startswith("http")


def test_a_document_dated_by_year_only_is_within_a_date_range_in_that_year(tmp_path: Path):
    from index.ingest.metadata import date_period

    assert date_period("2014") == ("2014-01-01", "2014-12-31")
    assert date_period("2017-11") == ("2017-11-01", "2017-11-31")
    assert date_period(None) == ("", "")


def test_short_forms_of_county_names_are_authorities_in_any_case_unless_they_are_words():
    from index.gazetteer import find_authorities

    # Staff type in lower case: "herts" is no word, but "bucks" and "staffs" are.
    assert find_authorities("what did ofsted think of the IROs in herts?") == ["Hertfordshire"]
    assert find_authorities("notts and lancs care leavers") == ["Nottinghamshire", "Lancashire"]
    assert find_authorities("the staffs were told") == []
    assert find_authorities("Staffs care leavers") == ["Staffordshire"]
    assert find_authorities("mk care leavers") == []  # initials only as written

    assert find_authorities("Has Notts done anything for care leavers?") == ["Nottinghamshire"]
    assert find_authorities("South Glos care leavers in 2019") == ["South Gloucestershire"]
    assert find_authorities("RBWM 2015 adoption") == ["Windsor and Maidenhead"]
    assert find_authorities("the council bucks the trend") == []  # a verb, not Bucks
    assert find_authorities("strategy meetings on the Scilly Isles") == ["Isles of Scilly"]
    assert find_authorities("What does Scilly need to sort out?") == ["Isles of Scilly"]
    assert find_authorities("the children in care council in Richmond") == ["Richmond upon Thames"]
    assert find_authorities("Is Brighton good for care leavers?") == ["Brighton and Hove"]
    assert find_authorities("Central Beds' grade in 2022") == ["Central Bedfordshire"]


def test_the_first_word_of_a_longer_name_said_alone_is_that_authority():
    """Staff say "Stoke" and "MK"; the first word is one authority's only where no other
    authority's name holds it ("North"), and only capitalised ("a tower block"). "Kingston"
    is Kingston upon Thames's alias: Kingston upon Hull is "Hull"."""
    from index.gazetteer import find_authorities

    assert find_authorities("Do Stoke care leavers get the exemption?") == ["Stoke-on-Trent"]
    assert find_authorities("how were MK foster carers supported?") == ["Milton Keynes"]
    assert find_authorities("Kensington care leavers in 2019") == ["Kensington and Chelsea"]
    assert find_authorities("children in a tower block") == []
    assert find_authorities("children near Kingston") == ["Kingston upon Thames"]
    assert find_authorities("North care leavers") == []
    # Beside another capitalised word it is part of another place's name.
    assert find_authorities("Stoke Newington children's centres") == []
    assert find_authorities("the Grenfell Tower response") == []
    assert find_authorities("Is Stoke good for care leavers?") == ["Stoke-on-Trent"]


def test_two_names_sharing_their_last_word_are_both_authorities():
    """ "North and West Northamptonshire" is two councils, as "East and West Sussex" is; a
    first word that makes no authority with the other's last ("Calderdale Sussex") is not."""
    from index.gazetteer import find_authorities

    assert find_authorities("hubs across North and West Northamptonshire") == [
        "North Northamptonshire",
        "West Northamptonshire",
    ]
    assert find_authorities("East and West Sussex") == ["East Sussex", "West Sussex"]
    assert find_authorities("Calderdale and West Sussex") == ["Calderdale", "West Sussex"]


def test_an_acronym_the_evidence_spells_out_is_a_name_it_mentions():
    """ "Were Hillingdon's care leavers in EET?" is answered by "in education, employment and
    training": the lexicon's names for one thing (index/data/lexicon.tsv)."""
    from index.answering.answer import mentioned
    from index.retrieval.lexical import tokenize

    def words(text: str) -> set[str]:
        return set(tokenize([text])[0])

    assert mentioned("eet", words("74% of care leavers are in education, employment and training"))
    assert mentioned("qa", words("A revised quality assurance framework was launched."))
    assert not mentioned("eet", words("Care leavers are in work."))


def test_a_month_is_when_not_a_name_the_evidence_must_hold():
    q = parse_question("When did the Bexley inspection that came out in August 2018 take place?")
    assert "august" not in q.names
    assert parse_question("What did Councillor Lester propose in Barnet?").names == ("lester",)


def test_taking_the_authority_out_leaves_no_stray_possessive_or_doubled_word():
    from index.understanding.query import strip_authorities

    assert strip_authorities("What did Ofsted say about Surrey's children in care?") == (
        "What did Ofsted say about children in care?"
    )
    assert strip_authorities("care leavers in Derby in 2022") == "care leavers in 2022"


def test_a_report_out_early_the_next_year_is_of_the_year_its_inspection_was():
    from index.understanding.query import When

    asked = When(years=("2017",))
    assert asked.covers("2017-06-30")
    assert asked.covers("2018-01-19")  # Norfolk's late-2017 inspection, published in January
    assert not asked.covers("2018-05-01")
    assert not asked.covers("")


def test_how_well_asks_for_a_grade_only_of_a_judged_area():
    from index.understanding.answer_type import GRADE

    assert parse_question("How good is Barnsley's support for care leavers?").answer_kind == GRADE
    # Private fostering has no grade: what inspectors found answers it, not a judgement row.
    assert parse_question("How well does Barnsley handle private fostering?").answer_kind is None


def test_a_grade_given_in_prose_is_told_from_other_mentions_of_grades():
    assert states_grade("Children's services have been rated as ‘good’ overall by Ofsted.")
    assert states_grade("The impact of leaders was judged to be Outstanding.")
    assert states_grade("Judgement: Overall effectiveness | Grade: Good")
    assert not states_grade("The council aims to be good at listening to children.")
    assert not states_grade("Ofsted grades every council's children's services.")


def test_any_mention_of_a_topic_asks_what_is_said_not_whether_there_were_none():
    from index.understanding.answer_type import NEGATIVE, answer_type

    assert answer_type("Is there any mention of young carers in Stoke's 2025 report?") != NEGATIVE
    assert answer_type("Were there any children at immediate risk in Stoke?") == NEGATIVE


@pytest.mark.parametrize(
    ("question", "year", "before", "areas"),
    [
        # The year is the inspection asked about, not a baseline: "looked-after" is no "after".
        ("How did Windsor and Maidenhead do for looked-after children in 2020?", 2020, "", None),
        ("How was Barnet rated for looked after children in 2016?", 2016, "", None),
        # An authority written in lower case gets a grade as a capitalised one does.
        ("what did suffolk get for leadership in 2024", 2024, "", ("leaders",)),
        ("Did Hounslow pass its 2023 Ofsted?", 2023, "", ("overall",)),
        # "The inspection before the 2024 one": the one before that year's.
        ("Suffolk - how did it do at the inspection before the 2024 one?", None, "2024", None),
    ],
)
def test_grades_asked_in_staffs_words_name_their_inspection(question, year, before, areas):
    grades = parse_question(question).grades
    assert grades is not None and grades.kind == "grade"
    assert (grades.year, grades.before) == (year, before)
    assert areas is None or grades.areas == areas
    assert not parse_question(question).beyond_grades


def test_a_follow_up_moving_in_time_asks_the_same_grades_of_that_inspection():
    asked = ["What did Halton get in its March 2020 Ofsted inspection?"]
    following = parse_question("and at the next one?", asked).grades
    assert following is not None and following.kind == "change" and following.years == (2020,)
    improved = parse_question("has it improved since?", asked).grades
    assert improved is not None and improved.kind == "change"
    earlier = parse_question("and the one before that?", asked).grades
    assert earlier is not None and earlier.before == "2020"
    # A topic no judgement is of is not the grades again.
    assert parse_question("what about caseloads since then?", asked).grades is None


def test_a_follow_up_naming_only_another_year_asks_the_same_grade_of_that_year():
    asked = ["What grade did Sheffield get for children in care in 2023?"]
    back = parse_question("what was it back in 2014?", asked).grades
    assert back is not None and back.kind == "grade" and back.year == 2014
    assert back.areas == ("in_care",) and not parse_question("and in 2014?", asked).beyond_grades
    # A year with a topic of its own is that topic's question, and one with no year (the
    # last question's carried) is not moved in time.
    assert parse_question("what about caseloads in 2014?", asked).grades is None
    assert parse_question("what needs to improve there?", asked).grades is None


def test_a_month_things_run_from_is_not_when_the_document_is_dated():
    # "Bringing in from April 2018" is said in a press release of March 2018.
    bringing = parse_question("How many social workers was Hull bringing in from April 2018?")
    assert bringing.when is not None and bringing.when.years == ("2018",)
    assert bringing.when.months == ()
    assert parse_question("What did the April 2018 report say?").when.months == ("2018-04",)


def test_a_grade_that_went_somewhere_is_a_change_of_grades_and_nothing_beyond():
    went = parse_question("Shropshire went to good in 2017 - how does that compare with now?")
    assert went.grades is not None and went.grades.kind == "change"
    assert went.beyond_grades == ()


def test_a_gloss_or_an_alternative_is_not_a_name_the_evidence_must_contain():
    # The evidence may say "allegations about adults in a position of trust" and
    # "neurodevelopmental needs": the words beside "(LADO)" and "autism/" say what is meant.
    glossed = parse_question("What did Ofsted say about the allegations (LADO) service in Stoke?")
    assert "lado" not in glossed.names
    either = parse_question("Are Newcastle children waiting long for autism/ADHD assessments?")
    assert "adhd" not in either.names
    assert "zorblax" in parse_question("What did Ofsted say about the Zorblax team?").names


def test_only_a_question_naming_no_topic_of_an_inspection_asks_for_its_summary():
    from index.answering.by_summary import asks_for_summary

    assert asks_for_summary(parse_question("What did Ofsted find in Barnet's 2017 inspection?"))
    assert asks_for_summary(parse_question("Give me an overview of the latest Barnet report"))
    assert not asks_for_summary(
        parse_question("What did Ofsted find about caseloads in Barnet's 2017 inspection?")
    )
    assert not asks_for_summary(parse_question("What did Barnet's press release say?"))
    assert not asks_for_summary(parse_question("What did Ofsted find in 2017?"))  # no authority


def test_what_a_council_is_good_at_asks_for_its_strengths():
    assert parse_question("What was Hillingdon particularly good at in 2014?").sections == (
        "strengths",
    )
    assert parse_question("Is Hillingdon good for care leavers?").sections == ()


def test_what_is_not_working_well_asks_what_needs_to_improve():
    # "Wasn't working well" read as "working well", the report's strengths, and abstained.
    asked = parse_question("was there any area that wasn't working well in Wiltshire in 2023?")
    assert asked.sections == ("improve",)
    assert parse_question("what is not going so well in Leeds?").sections == ("improve",)
    assert parse_question("what is working well in Leeds?").sections == ("strengths",)
    # After "was Essex outstanding in 2023?" this was read as which areas were judged good
    # ("no area in Essex was judged good"); asked whether judged so, it is a grade question.
    asked = parse_question("was there anything that wasn't so good?")
    assert asked.sections == ("improve",) and asked.grades is None
    assert parse_question("was Essex not good in 2023?").grades is not None


def test_staff_words_for_the_list_to_improve_and_the_strengths():
    # A probe set of staff questions (nobody read the code): each searched its words alone.
    for improve in (
        "whats on kingston upon thames to-do list from ofsted after the 2025 inspection",
        "what was the top priority?",
        "what was first on their improvement list?",
        "what needed doing in Halton?",
    ):
        assert parse_question(improve).sections == ("improve",), improve
    for strengths in ("anything positive?", "darlington 2026 highlights for care leavers"):
        assert parse_question(strengths).sections == ("strengths",), strengths
    # Whether there were priority actions is answered by the report's "no areas for priority
    # and immediate action", not its list of what to improve.
    assert (
        parse_question("Were there any priority action areas in Bexley's 2014 report?").sections
        == ()
    )
    assert parse_question("was it a positive report?").sections == ()


def test_how_long_someone_had_been_in_post_asks_since_when():
    assert answer_type("How long had Hampshire's DCS been in post in 2014?") == DATE
    assert offers(DATE, "The Director of Children’s Services has been in post since August 2005.")
    # Not how long something takes or lasted: that asks for a duration the table may hold.
    assert answer_type("How long does an assessment take in Hampshire?") != DATE


def test_a_question_after_a_scene_setting_dash_is_what_is_asked():
    # "judged good" sets the scene; the list of what needs to improve is asked for.
    asked = parse_question("Herefordshire was judged good in 2026 - what did it need to improve?")
    assert asked.answer_kind is None and asked.sections == ("improve",)
    assert parse_question("Was Slough judged inadequate in 2018?").answer_kind == "grade"
    asked = parse_question("Hillingdon's director - who appointed them?")
    assert asked.answer_kind == "person"


def test_the_date_of_something_asked_for_is_a_date_question():
    for question in (
        "What is the completion date of Hertfordshire's action on seeking foster carers' views?",
        "What was the start date of the Medway visit?",
        "What dates did the Wakefield inspection take place?",
    ):
        assert parse_question(question).answer_kind == "date", question


@pytest.mark.parametrize(
    "question",
    [
        "When were Ofsted last in Devon?",
        "When did Ofsted come in to Devon?",
        "Which weeks were inspectors in Devon in 2025?",
        "In what month was Devon inspected?",
        "Devon ILACS dates?",
    ],
)
def test_when_ofsted_were_in_asks_for_the_inspections_dates(question):
    grades = parse_question(question).grades
    assert grades is not None and grades.kind == "inspection"


def test_when_a_monitoring_or_focused_visit_was_is_not_the_inspections_dates():
    for question in (
        "When did Ofsted visit Devon for the monitoring visit?",
        "When was the monitoring visit before the October 2024 inspection in Herefordshire?",
    ):
        assert parse_question(question).grades is None, question


def test_how_long_something_takes_asks_for_a_length_of_time():
    from index.understanding.answer_type import DURATION

    assert answer_type("How long does an ILACS inspection last, per the minutes?") == DURATION
    assert answer_type("and how long were children waiting?") == DURATION
    # Since when someone has been in post is a date; "how long" said in passing asks nothing.
    assert answer_type("How long had the DCS been in post?") == DATE
    assert answer_type("What improvement did they see in how long proceedings take?") is None
    assert offers(DURATION, "An ILACS inspection lasted for three weeks.")
    assert offers(DURATION, "Care proceedings are concluded in 27 weeks.")
    assert not offers(DURATION, "The inspection took place in March 2019.")


def test_a_visit_other_than_an_inspection_is_named_as_documents_title_it():
    assert parse_question("What did the monitoring visit say about plans?").events == (
        "monitoring visit",
    )
    assert parse_question("Hull's front door focused visit in 2018?").events == ("focused visit",)
    assert parse_question("What did the 2018 inspection say about plans?").events == ()


def test_a_contracted_not_frames_a_question_and_names_no_topic():
    question = parse_question("why weren't care leavers judged good in 2025 in Wakefield?")
    assert "weren" not in question.topic_terms and "weren" not in question.beyond_grades


def test_what_a_person_said_is_asked_of_their_words_and_what_ofsted_said_of_its_findings():
    from index.understanding.answer_type import asks_what_someone_said

    assert asks_what_someone_said("what did she say about the report?")
    assert asks_what_someone_said("What did the DCS tell the committee?")
    assert not asks_what_someone_said("What did Ofsted say about care leavers?")
    assert not asks_what_someone_said("what did the council say?")


def test_whether_it_improved_is_no_list_of_what_to_improve():
    # "Did they improve by the next inspection?" was answered with the report's "What needs
    # to improve" list.
    assert parse_question("did they improve by the next inspection in Bury?").sections == ()
    assert parse_question("did Bury improve?").sections == ()
    assert parse_question("what did Bury need to improve?").sections == ("improve",)
    assert parse_question("has Bury had to improve its front door?").sections == ("improve",)


def test_what_staff_say_around_a_question_is_no_topic():
    # "Any gaps though?" after "is the LADO service ok?" abstained: "though" and "ok" were
    # topic words no finding holds.
    asked = parse_question("any gaps though, LADO service ok in 2026 in West Northamptonshire?")
    assert "though" not in asked.topic_terms and "ok" not in asked.topic_terms
    assert {"gap", "lado"} <= set(asked.topic_terms), asked.topic_terms


def test_who_came_out_better_asks_which_council_not_who():
    # "Greenwich v Lewisham - who came out better overall?" looked for a person and abstained.
    assert answer_type("greenwich v lewisham - who came out better overall?") != PERSON
    assert answer_type("who did better for care leavers, Leeds or Bradford?") != PERSON
    assert answer_type("who was the lead inspector in Leeds?") == PERSON


def test_her_name_asks_for_a_person_and_exec_is_executive():
    # "wolverhampton exec director of families 2022 - whats her name" abstained: "name" and
    # "exec" were words the answer ("the council's Executive Director of Families Emma
    # Bennett") had to hold.
    from index.answering.answer import mentioned

    asked = parse_question("wolverhampton exec director of families 2022 - whats her name")
    assert asked.answer_kind == PERSON and "name" not in asked.topic_terms
    assert mentioned("exec", {"execut", "director", "famili"})
    assert parse_question("is the named social worker policy working?").answer_kind is None


def test_mv_is_a_monitoring_visit(engine):
    # "devon feb 2022 monitoring visit - which MV number was it …" abstained: "MV" was a name
    # the evidence never mentions. Councils' shorthand, read one way (acronym → long form).
    from index.answering.answer import mentioned

    assert mentioned("mv", {"monitor", "visit"}) and mentioned("fv", {"focus", "visit"})
    answer = engine.ask("which MV was the october 2024 one in herefordshire?")
    assert not answer.abstained, answer.answer
    assert "monitoring visit" in answer.answer
