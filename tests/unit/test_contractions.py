"""A contracted stopword is a stopword: BM25 must not match its pieces ("they're" → "re")."""

from index.retrieval.lexical import tokenize


def test_contracted_stopwords_leave_no_pieces_in_the_query() -> None:
    assert tokenize(["do they know what they're entitled to?"])[0] == ["know", "entitl"]
    assert tokenize(["why wasn’t it good?", "didn't they've we'll"]) == [["good"], []]


def test_a_hyphenated_prefix_and_a_possessive_are_still_read() -> None:
    # A possessive is no contraction; "re-" is read as no word at all: a re-inspection is an
    # inspection, and the piece "re" made every report cover titled "Re-inspection of …"
    # match any question that said it.
    assert tokenize(["Herefordshire's re-inspection"])[0] == ["herefordshir", "inspect"]
    assert tokenize(["the multi-agency hub"])[0] == ["multi", "agenc", "hub"]
