"""Follow-ups that lean on the turn before: a lead inspector asked after a council paper or an
interview is the report's (was the paper's stray lines, or its headline); "she" after "who
…?" is that person, known by what was said of her; "the rest of the staff" are the others of
the group just asked about (all three found in probes written by helpers who never saw the
code: eval/RESULTS.md)."""

import pytest

from index.ingest.judgements import REPORT_TYPES
from index.qa import QAEngine
from index.understanding.follow_ups import resolve
from index.understanding.query import time_shift


@pytest.mark.parametrize(
    ("first", "then", "said"),
    [
        (
            "What did Hertfordshire's November 2018 press release say about the Ofsted result?",
            "who was the lead inspector on that one?",
            "Nigel Parkes",
        ),
        (
            "What did the Community Care interview say about Calderdale's 2018 Ofsted inspection?",
            "who led that inspection?",
            "Lisa Summers",
        ),
    ],
)
def test_a_lead_inspector_asked_after_a_council_paper_is_the_reports(
    engine: QAEngine, first: str, then: str, said: str
) -> None:
    answer = engine.ask(then, history=[first])
    assert answer.answer.startswith("The lead inspector of"), answer.answer
    assert said in answer.answer


@pytest.mark.parametrize(
    ("first", "then", "carried"),
    [
        # "she" is the person the last question asked for, known by what it said of her.
        (
            "Who carried out the three month review of Barnet children's services after the "
            "2017 inadequate judgement?",
            "and what did she recommend?",
            "three month review",
        ),
        # "ILACS" names the report, as its year does; the topic is what it was asked about.
        (
            "What did Leicestershire's 2024 ILACS report say about initial child protection "
            "conferences?",
            "were they all happening on time?",
            "initial child protection conferences",
        ),
    ],
)
def test_a_follow_up_carries_what_the_turn_before_asked_about(
    first: str, then: str, carried: str
) -> None:
    resolved = resolve(then, [first])
    assert carried in resolved.query, resolved.query


def test_she_asked_of_another_time_carries_nothing_of_the_last_question() -> None:
    # Naming another time, she is asked about another event: nothing of the last one carried.
    other = resolve(
        "was she on the team for the 2016 inspection as well?",
        ["Who led Sutton's inspection in December 2021?"],
    )
    assert "led" not in other.query.split(), other.query


def test_the_rest_of_a_group_are_asked_the_same(engine: QAEngine) -> None:
    answer = engine.ask(
        "and the rest of children's services staff?",
        history=[
            "How much motivational interviewing training are Hertfordshire's frontline social "
            "workers getting after the 2018 Ofsted?"
        ],
    )
    assert "motivational interviewing training" in answer.resolved_query, answer.resolved_query
    assert "one day essential training for all other CS staff" in answer.answer, answer.answer


def test_after_that_moves_past_the_time_just_asked_about() -> None:
    # Havering's next full inspection (December 2023), not the 2021 visit's minutes again.
    question = "and how did their full inspection go after that?"
    assert time_shift(question) == "after"
    resolved = resolve(
        question, ["What came out of the Ofsted focused visit to Havering in May 2021?"]
    )
    assert "since 2021" in resolved.query, resolved.query


def test_who_led_a_visit_talked_about_is_not_an_inspections_lead_inspector(
    engine: QAEngine,
) -> None:
    # The judgements table holds inspections, not monitoring visits: no inspection's lead
    # inspector (2022's Lisa Summers, 2025's Rebecca Dubbins) is given for the visit.
    answer = engine.ask(
        "who led it?",
        history=["What did Herefordshire's cabinet hear about the fifth monitoring visit?"],
    )
    assert not answer.answer.startswith("The lead inspector of"), answer.answer
    assert "Lisa Summers" not in answer.answer and "Rebecca Dubbins" not in answer.answer
    # Asked of an inspection in its own words, the table still answers.
    asked = engine.ask(
        "who led the inspection before it?",
        history=["What did Herefordshire's cabinet hear about the fifth monitoring visit?"],
    )
    assert asked.answer.startswith("The lead inspector of"), asked.answer


@pytest.mark.parametrize(
    ("first", "then", "carried", "dropped"),
    [
        # "that" is the topic just asked about, now of another council (and its own year).
        (
            "What did Ofsted say about Harrow's help for homeless 16 and 17 year olds in 2025?",
            "was that flagged for York as well, in 2022?",
            "homeless 16 17 year olds",
            "Harrow",
        ),
        # "them" are the homes just counted, each graded: not the council's grade.
        (
            "How many children's homes did Walsall run at the time of its 2017 Ofsted inspection?",
            "how many of them were rated good or better?",
            "children's homes",
            "",
        ),
        # "her team" is the inspection's: the who-question's "led" asked who, it is no topic.
        (
            "Who led Ofsted's 2025 inspection of York?",
            "what did her team say still needs improving?",
            "inspection",
            "led",
        ),
    ],
)
def test_a_follow_up_pointing_back_carries_the_topic_not_the_frame(
    first: str, then: str, carried: str, dropped: str
) -> None:
    resolved = resolve(then, [first])
    assert carried in resolved.query, resolved.query
    if dropped:
        assert dropped not in resolved.query.split(), resolved.query


@pytest.mark.parametrize(
    ("history", "then", "carried"),
    [
        # "its" is whose report: no topic of its own, so the last question asked of Brent.
        (
            [
                "Which regional adoption agency does Harrow work with, according to its 2025 "
                "Ofsted?",
                "is that working well?",
            ],
            "and Brent, in its 2023 report?",
            "regional adoption agency",
        ),
        # "get added to it" is something done to the offer, not a grade asked.
        (
            [
                "How did South Gloucestershire's care leavers come out in the 2024 inspection?",
                "did young people help shape the local offer?",
            ],
            "what did they get added to it?",
            "local offer",
        ),
        # Deeper in a conversation, a short follow-up keeps the thread the last turn carried.
        (
            [
                "How were care leavers judged in Walsall's 2025 inspection?",
                "is there somewhere they can drop into?",
            ],
            "who's based there?",
            "drop into",
        ),
        # Words saying what is asked of the topic ("still a problem?") name no topic.
        (
            [
                "How were care leavers judged in Walsall's 2025 inspection?",
                "is there somewhere they can drop into?",
            ],
            "still a problem in the 2019 one?",
            "drop into",
        ),
    ],
)
def test_a_follow_up_deep_in_a_conversation_keeps_its_thread(
    history: list[str], then: str, carried: str
) -> None:
    resolved = resolve(then, history)
    assert carried in resolved.query, resolved.query


@pytest.mark.parametrize(
    ("first", "then", "both"),
    [
        # "they" are the council talked about; the council named after it is its partner.
        (
            "What's changed in Cambridgeshire's senior leadership since the 2019 Ofsted?",
            "why did they split from Peterborough?",
            ("Cambridgeshire", "Peterborough"),
        ),
        ("How was Bedford rated in 2025?", "did they do better than Luton?", ("Bedford", "Luton")),
    ],
)
def test_a_council_named_after_they_is_read_beside_the_one_talked_about(
    first: str, then: str, both: tuple[str, str]
) -> None:
    assert resolve(then, [first]).authorities == both


def test_a_council_named_before_they_is_the_one_now_asked_about() -> None:
    resolved = resolve("what about Luton, did they do better?", ["How was Bedford rated in 2025?"])
    assert resolved.authorities == ("Luton",)
    # After a who-question "they" are the people asked about, not the council.
    history = ["What was Barnsley's overall judgement in 2014?", "who was the lead inspector?"]
    resolved = resolve("were they on the Luton inspection team in 2016 as well?", history)
    assert resolved.authorities == ("Luton",)


@pytest.mark.parametrize(
    ("history", "then"),
    [
        # The partner council said as what something belongs to: the conversation's council
        # stays, the partner beside it.
        (
            ["Isle of Wight's 2023 Ofsted - overall grade?"],
            "when does the hampshire partnership end",
        ),
        # Even when the conversation named the partner too.
        (
            ["What did the Isle of Wight's 2014 Ofsted say about the arrangement with Hampshire?"],
            "when did the Hampshire managers come in?",
        ),
    ],
)
def test_a_council_said_as_a_partner_leaves_the_conversations_council_in_place(
    history: list[str], then: str
) -> None:
    resolved = resolve(then, history)
    assert resolved.authorities == ("Isle of Wight", "Hampshire")
    assert "Isle of Wight" in resolved.query


def test_a_document_of_another_council_asks_about_that_council() -> None:
    resolved = resolve(
        "and the Luton report?", ["What did Ofsted say about Bedford's care leavers?"]
    )
    assert resolved.authorities == ("Luton",)


@pytest.mark.parametrize(
    ("first", "then", "published"),
    [
        (
            "What did the Hertfordshire cabinet panel paper say about placement stability?",
            "was placement stability an issue at the 2015 inspection too?",
            "2015-11-27",
        ),
        (
            "What did Herefordshire's cabinet minutes say about management oversight?",
            "was oversight an issue in the 2018 report too?",
            "2018-07-23",
        ),
    ],
)
def test_a_follow_up_naming_an_inspections_year_asks_that_report_not_the_paper(
    engine: QAEngine, first: str, then: str, published: str
) -> None:
    # The cabinet's papers are the council's; "the 2015 inspection" is Ofsted's report of
    # that year, which the answer quotes (the question had been put to the cabinet's papers).
    answer = engine.ask(then, history=[first])
    assert "according to" not in answer.resolved_query, answer.resolved_query
    cited = [engine.documents[c.doc_id].meta for c in answer.citations]
    assert cited and all(m.doc_type in REPORT_TYPES for m in cited), cited
    assert cited[0].date == published, cited[0]


def test_the_young_people_themselves_are_who_speaks_on_the_thread() -> None:
    # Who speaks, set against those the turn before asked about, on the same topic: not a
    # topic of their own (the thread's care leavers and their entitlements were dropped).
    resolved = resolve(
        "what did the young people themselves say?",
        [
            "What did Harrow's 2025 Ofsted say about care leavers knowing their entitlements?",
            "do the PAs think they're signposting them properly?",
        ],
    )
    assert "care leavers knowing their entitlements" in resolved.query, resolved.query
