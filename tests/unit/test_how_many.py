""" "How many X?": the sentence giving a number of X answers it, ahead of sentences with other
numbers on the topic ("1033 children are being looked after" for children's homes, "62% of
children looked after" for LAC)."""

from index.qa import QAEngine
from index.understanding.answer_type import (
    AMOUNT,
    COUNT,
    answer_type,
    counted_terms,
    counts,
    offers,
)


def test_what_how_many_counts() -> None:
    assert counted_terms("how many LAC did Barnsley have at the 2014 inspection?") == ("lac",)
    assert counted_terms("How many extra social workers was Hull getting?")[-1] == "worker"
    assert counted_terms("What did Ofsted say about care leavers?") == ()


def test_a_number_of_the_thing_counted() -> None:
    assert counts("from April, there will be an additional 24 social workers", "worker")
    # A share, or a year, counts nothing.
    assert not counts("Only 62% of social workers attend training", "worker")
    assert not counts("In 2019 social workers said so", "worker")
    # In other words: LAC are children looked after, all of whose words must be there.
    looked_after = frozenset({"children", "look"})
    assert counts("At 31 May 14, 227 children were being looked after", "lac", (looked_after,))
    assert not counts("At 31 May 14, 227 children were adopted", "lac", (looked_after,))


def test_the_count_asked_for_leads_the_answer(engine: QAEngine) -> None:
    answer = engine.ask("How many children's homes does Hertfordshire run?")
    assert not answer.abstained
    first = answer.citations[0].quote
    assert "six children’s homes" in first, answer.answer


def test_a_share_asked_for_is_an_amount_a_report_gives_in_words_or_figures() -> None:
    # "What % of …", "what proportion of …" asked for nothing in particular, so any passage
    # on the topic answered ("What share of Havering's recommendations were still amber?"
    # was answered without its "53% recommendations remained Amber").
    for question in (
        "what % of Wokingham's social workers were agency staff in 2023?",
        "What proportion of 19-year-old care leavers in Blackpool were NEET in 2014?",
        "What share of less urgent referrals in Stoke weren't completed on time in 2025?",
    ):
        assert answer_type(question) == AMOUNT, question
    assert offers(AMOUNT, "for referrals which are less urgent, over half are not completed")
    assert offers(AMOUNT, "Thirty-three per cent (70) were reported to be NEET")
    assert not offers(AMOUNT, "Care leavers are routinely encouraged to aim high")


def test_a_figure_of_another_year_is_not_the_one_asked_for(engine: QAEngine) -> None:
    # Calderdale's 2015 report gives "18.6% of care leavers currently not in education,
    # employment or training"; its 2024 report gives no figure ("Most care leavers are in
    # full-time education …"). Asked of 2024, the 2015 figure answered, as did "allocated
    # their PA at the age of 17 and a half" (a "half" that is no share).
    asked_then = engine.ask("what % of Calderdale care leavers were NEET in 2015?")
    assert not asked_then.abstained and "18.6%" in asked_then.answer, asked_then.answer
    asked_of_2024 = engine.ask("what % of Calderdale care leavers were NEET in 2024?")
    assert asked_of_2024.abstained, asked_of_2024.answer
    assert not offers(AMOUNT, "their PA at the age of 17 and a half")
    assert offers(AMOUNT, "over half are not completed")


def test_how_big_asks_for_a_number_not_the_word_big(engine: QAEngine) -> None:
    # "big" was a word the answer had to hold: the team's sentence ("consisted of seven of
    # Her Majesty's Inspectors") shares only "team", and the answer was about something else.
    answer = engine.ask("how big was the team that inspected Calderdale in 2015?")
    assert not answer.abstained, answer.answer
    assert "seven of Her Majesty" in answer.citations[0].quote, answer.answer


def test_a_label_or_a_page_number_is_no_count(engine: QAEngine) -> None:
    # "… The team, which includes clinical psychological support, are co- 8 located …": the
    # article's page number, left in a word by the PDF, answered how many psychologists.
    answer = engine.ask("how many clinical psychologists are in the calderdale therapeutic team")
    assert answer.abstained, answer.answer
    assert not offers(COUNT, "(enabler 2, national framework)")
    assert not offers(COUNT, "as set out in paragraph 64")
    assert not offers(COUNT, "support up to the age of 25")
    assert offers(COUNT, "Inspectors referred 21 cases back to the local authority")
