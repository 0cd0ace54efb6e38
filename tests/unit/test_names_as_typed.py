"""Authorities as staff type them: misspelt ("hertfordshre") or in lower case ("halton") they
still name the authority, so the grade table, the authority filter and follow-ups see it. A
word the documents use, a short name's everyday neighbour or a misspelling as near one name as
another is left as typed. Grades as typed too: "RI", "inadequte", "CiC", "CP". Also "has X
got out of inadequate yet?" asks for the latest grade, and "ok what about X then" is the last
question of X."""

import pytest

from index.gazetteer import find_authorities
from index.qa import QAEngine
from index.understanding.follow_ups import resolve
from index.understanding.spelling import authorities_spelled, spelled


def _unknown(word: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("how was hertfordshre rated in 2018?", "how was Hertfordshire rated in 2018?"),
        ("herefordshir care leavers", "Herefordshire care leavers"),
        ("Middlesborough 2019?", "Middlesbrough 2019?"),
        ("wolverhamton and calderdal", "Wolverhampton and Calderdale"),
        ("halton ILACS 2020 outcome?", "Halton ILACS 2020 outcome?"),
        ("mk care leavers 2024", "MK care leavers 2024"),
        # A name of several words misspelt in one of them.
        ("what about tower hamlts?", "what about Tower Hamlets?"),
        ("stoke on trnet 2024", "Stoke-on-Trent 2024"),
        # As near Herefordshire as Hertfordshire: which was meant is not known.
        ("herfordshire grades", "herfordshire grades"),
        # Everyday words beside short names, and names that are words, stay as typed.
        ("is the front door narrow?", "is the front door narrow?"),
        ("reading and bury", "reading and bury"),
        # A short name with a letter left out, doubled or swapped; another letter in a short
        # name's place makes words ("lends", "devin", "boston"), which stay as typed.
        ("harow care leavers 2025", "Harrow care leavers 2025"),
        ("bexly and medwy", "Bexley and Medway"),
        ("luotn leeeds", "Luton Leeds"),
        # A name that is a word too, where an inspection's words follow it; elsewhere the word.
        ("why was bury judged inadequate in 2021?", "why was Bury judged inadequate in 2021?"),
        ("stoke ILACS 2025 grades?", "Stoke ILACS 2025 grades?"),
        ("bucks ILACS 2025 - still RI?", "Bucks ILACS 2025 - still RI?"),
        ("hull's 2023 report", "Hull's 2023 report"),
        ("the bucks re-inspection in nov 2017", "the Bucks re-inspection in nov 2017"),
        ("hull's safeguarding children board review", "Hull's safeguarding children board review"),
        ("gaps in reading for children in care", "gaps in reading for children in care"),
        # A question opening on a name that is a word, about an inspection further on.
        (
            "hull front door ofsted visit feb 2018 - who led it?",
            "Hull front door ofsted visit feb 2018 - who led it?",
        ),
        ("bury care leavers ofsted 2019", "Bury care leavers ofsted 2019"),
        # "Reading" opens questions as the word.
        ("reading age of children in care ofsted", "reading age of children in care ofsted"),
        ("hull care leavers", "hull care leavers"),
        (
            "staffs lado capacity - what did the 2024 report say",
            "Staffs lado capacity - what did the 2024 report say",
        ),
        ("it lends weight to devin and boston", "it lends weight to devin and boston"),
        # After "in" or "at", closing the question or its clause: the place.
        (
            "who got the leaving care grant put up in stoke, and to how much?",
            "who got the leaving care grant put up in Stoke, and to how much?",
        ),
        (
            "what did ofsted say about the front door in hull?",
            "what did ofsted say about the front door in Hull?",
        ),
        (
            "how are children in care doing in reading?",
            "how are children in care doing in reading?",
        ),
        ("children in bury schools", "children in bury schools"),
        # A long name cut short, where it begins one name only.
        ("peterboro focused visit, when was it?", "Peterborough focused visit, when was it?"),
        ("wolverhamp 2022 grades", "Wolverhampton 2022 grades"),
    ],
)
def test_a_misspelt_or_lower_case_authority_is_read_as_its_name(typed: str, read: str) -> None:
    assert authorities_spelled(typed, _unknown) == read


def test_initials_joined_by_an_ampersand_name_the_authority_in_any_case() -> None:
    assert (
        authorities_spelled("b&nes ilacs 2025 all good?", _unknown) == "B&NES ilacs 2025 all good?"
    )
    assert authorities_spelled("h&f adoption 2022", _unknown) == "H&F adoption 2022"


def test_a_name_typed_with_a_possessive_s_and_no_apostrophe_is_the_name() -> None:
    # "southends" stems as "Southend" does: the name as said, not the canonical
    # "Southend-on-Sea", is what it is one letter from.
    assert authorities_spelled("southends PLO letters in 2019", lambda w: True) == (
        "Southend-on-Sea PLO letters in 2019"
    )


def test_the_isle_of_wight_as_staff_shorten_it() -> None:
    assert find_authorities("IoW ilacs 2023 - why did H&P drop to RI") == ["Isle of Wight"]
    assert find_authorities(authorities_spelled("iow care leavers", _unknown)) == ["Isle of Wight"]


def test_darlington_by_the_name_it_calls_itself() -> None:
    # "The Darlo Care Crew": staff write the council's own short name.
    assert find_authorities("is darlo in touch with all its care leavers?") == ["Darlington"]


def test_a_word_the_documents_use_is_not_a_misspelling() -> None:
    assert authorities_spelled("Stafford children", lambda w: w == "stafford") == (
        "Stafford children"
    )


def test_a_name_typed_as_its_own_stem_is_the_name() -> None:
    # "solihul" is how the index stores "Solihull", so the documents "use" it; it is still
    # the name. A word merely sharing a name's stem ("reads", Reading's) stays a word.
    def known(word: str) -> bool:
        return True

    assert authorities_spelled("solihul inadequate 2023 what went wrong", known) == (
        "Solihull inadequate 2023 what went wrong"
    )
    assert authorities_spelled("wigans care leavers", known) == "Wigan care leavers"
    assert authorities_spelled("who reads the report?", known) == "who reads the report?"


def test_a_misspelt_authority_is_answered_and_followed(engine: QAEngine) -> None:
    first = "how was hertfordshre rated in 2018?"
    answer = engine.ask(first)
    assert not answer.abstained, answer.answer
    assert "Hertfordshire" in answer.resolved_query
    assert "October 2018" in answer.answer and "good" in answer.answer
    # The follow-up is of Hertfordshire too: its 2018 care leavers shared a judgement with
    # children in care, which was good (not another council's "outstanding" row).
    follow = engine.ask("were their care leavers rated outstanding?", history=[first])
    assert "Hertfordshire" in follow.resolved_query, follow.resolved_query
    assert {c.authority for c in follow.citations} == {"Hertfordshire"}, follow.citations
    assert "good" in follow.answer and "outstanding" not in follow.answer, follow.answer


@pytest.mark.parametrize(
    "question",
    [
        "has herefordshire got out of inadequate yet",
        "Is Herefordshire no longer inadequate?",
        "Has Herefordshire come out of inadequate?",
    ],
)
def test_out_of_a_grade_yet_is_the_latest_grade(engine: QAEngine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    # The 2025 inspection's good, not the 2014 report on the 2012 inadequate judgement.
    assert answer.answer.startswith("In the inspection of 10 to 21 November 2025"), answer.answer
    assert "good" in answer.answer


def test_ok_and_then_are_said_around_a_follow_up() -> None:
    resolved = resolve(
        "ok what about Calderdale then", ["How was Herefordshire rated for care leavers?"]
    )
    assert resolved.query == "How was Calderdale rated for care leavers?"
    # Where the council is, said beside its name, is no topic: the same question of it.
    for typed in (
        "what about the neighbouring council, Calderdale?",
        "and the council next door, Calderdale?",
        "and over in Calderdale?",
        "how did their neighbours Calderdale do?",
    ):
        resolved = resolve(typed, ["How was Herefordshire rated for care leavers?"])
        assert resolved.query == "How was Calderdale rated for care leavers?", typed
    # A council's own words asked for are a topic ("what did the council say?").
    resolved = resolve(
        "what did the council say?", ["what did ofsted say about care leavers in Bury?"]
    )
    assert "council say" in resolved.query and "Bury" in resolved.query


def test_the_latest_asked_after_a_dated_question_drops_the_month_and_year() -> None:
    resolved = resolve("and the latest one?", ["suffolk june 2024 - homeless 16 and 17 yr olds"])
    assert "june" not in resolved.query.lower() and "2024" not in resolved.query
    resolved = resolve("and the latest one?", ["how did Luton do on care leavers in 2019?"])
    assert resolved.query == "how did Luton do on care leavers, latest?"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Was Wakefield RI in 2018?", "Was Wakefield requires improvement in 2018?"),
        ("was CP inadequte?", "was CP inadequate?"),
        ("whats the grade", "what's the grade"),
        # "ri" in lower case is no shorthand anyone types; a grade written right stays.
        ("is it outstanding or ri", "is it outstanding or ri"),
        # Words of their own near a grade's: inflections, and the two-word grade's words.
        (
            "improvements required, inadequately staffed",
            "improvements required, inadequately staffed",
        ),
    ],
)
def test_a_shortened_or_misspelt_grade_is_read_in_full(typed: str, read: str) -> None:
    assert spelled(typed, _unknown) == read


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Was Herefordshire RI in 2018?", "overall effectiveness in Herefordshire requires"),
        (
            "whats the CiC grade for hertfordshre 2023",
            "children in care in Hertfordshire outstanding",
        ),
        ("was calderdale CP inadequte in 2018?", "help and protection in Calderdale requires"),
        # "results" as "result": the grades ("ofsted 2024 results" was a topic search).
        ("herefordshire ofsted 2022 results", "overall effectiveness in Herefordshire inadequate"),
    ],
)
def test_staff_shorthand_is_answered_from_the_table(
    engine: QAEngine, question: str, said: str
) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    assert said in answer.answer, answer.answer


def test_a_name_that_is_a_word_is_followed_when_typed_as_the_name(engine: QAEngine) -> None:
    # "stoke ILACS 2025 grades?" was answered (the search found Stoke's report) but named no
    # authority, so "why were the care leavers only RI" searched every report.
    answer = engine.ask("why were the care leavers only RI", history=["stoke ILACS 2025 grades?"])
    assert "Stoke-on-Trent" in answer.resolved_query, answer.resolved_query


def test_a_compass_point_shortened_names_the_authority() -> None:
    # "N Somerset" was Somerset, "N Lincs" no authority at all.
    assert find_authorities("N Somerset EHE 2020") == ["North Somerset"]
    assert find_authorities("N Lincs care leavers in custody") == ["North Lincolnshire"]
    assert find_authorities("e sussex 2019 and W Berks") == ["East Sussex", "West Berkshire"]
    assert find_authorities("NE Lincs") == ["North East Lincolnshire"]
    assert find_authorities("care leavers in somerset") == ["Somerset"]


@pytest.mark.parametrize(
    "typed", ["how reliant was kingston on agency SWs in 2015?", "and kingston?"]
)
def test_kingston_alone_is_kingston_upon_thames(typed: str) -> None:
    # Kingston upon Hull is "Hull": only Thames's and Richmond's reports say "Kingston" alone.
    assert find_authorities(typed) == ["Kingston upon Thames"]
    assert find_authorities("Kingston upon Hull's 2015 report") == ["Kingston upon Hull"]
