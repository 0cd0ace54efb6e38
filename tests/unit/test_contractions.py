"""A contracted stopword is a stopword: BM25 must not match its pieces ("they're" → "re")."""

from index.retrieval.lexical import tokenize


def test_contracted_stopwords_leave_no_pieces_in_the_query() -> None:
    assert tokenize(["do they know what they're entitled to?"])[0] == ["know", "entitl"]
    assert tokenize(["why wasn’t it good?", "didn't they've we'll"]) == [["good"], []]


def test_a_hyphenated_prefix_and_a_possessive_are_still_read() -> None:
    # "re-inspection" keeps its "re": the word is not a contraction.
    assert tokenize(["Herefordshire's re-inspection"])[0] == ["herefordshir", "re", "inspect"]
