""" "How many X?": the sentence giving a number of X answers it, ahead of sentences with other
numbers on the topic ("1033 children are being looked after" for children's homes, "62% of
children looked after" for LAC)."""

from index.qa import QAEngine
from index.understanding.answer_type import counted_terms, counts


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
