"""Staff type acronyms in lower case ("lado", "cic", "sw"): read as the documents write them,
unless the documents use the lower-case form as a word of their own ("send")."""

from index.qa import QAEngine
from index.retrieval.acronyms import TypedInLowerCase

TEXTS = [
    "The LADO manages allegations. CiC say they are heard. Each SW visits often.",
    "The council will send letters and send reminders. The LADO and CiC. SEND support is slow.",
    "Referrals reach the MASH quickly; the mash screens them (a slip, once).",
]


def _texts_holding(word: str) -> list[str] | None:
    # As the engine's lexical index answers: no texts are searched for a stopword.
    return None if word in {"it", "as"} else TEXTS


def test_an_acronym_typed_in_lower_case_is_read_as_the_documents_write_it() -> None:
    typed = TypedInLowerCase(["LADO", "CiC", "SW", "SEND", "MASH", "EHCP"], _texts_holding)
    assert typed.cased("what did the lado say about cic?") == "what did the LADO say about CiC?"
    assert typed.cased("agency sw reduction") == "agency SW reduction"
    # A plural keeps its "s"; a lower-case slip in one report does not make "mash" a word.
    assert typed.cased("late ehcps and the mash") == "late EHCPs and the MASH"


def test_a_word_the_documents_write_in_lower_case_stays_a_word() -> None:
    typed = TypedInLowerCase(["SEND", "LADO", "IT"], _texts_holding)
    # "it" is a stopword: no passage is read for it, and it stays a word.
    assert typed.cased("when will they send it") == "when will they send it"
    # Part of a longer word, or already in capitals: left as typed.
    assert typed.cased("ladoption SEND LADO") == "ladoption SEND LADO"


def test_a_question_typed_in_lower_case_gets_the_answer_typed_in_capitals(
    engine: QAEngine,
) -> None:
    for lower, capitals in [
        ("who is calderdale's dcs?", "who is calderdale's DCS?"),
        ("do herts iros challenge enough?", "do herts IROs challenge enough?"),
    ]:
        typed, written = engine.ask(lower), engine.ask(capitals)
        assert typed.resolved_query == written.resolved_query
        assert not typed.abstained and typed.answer == written.answer
