"""Derived forms the stemmer leaves apart answer each other: "do they rely on agency social
workers?" is answered by "The heavy reliance on agency workers …" ("rely" stems to "reli",
"reliance" to "relianc"), not by "… a consistent social worker to rely on", which shares the
verb but not what was asked."""

from index.qa import QAEngine
from index.retrieval.lexical import stem_words, word_family


def _family(word: str) -> str:
    return word_family(stem_words([word])[0])


def test_derived_nouns_share_their_roots_family() -> None:
    assert _family("reliance") == _family("rely") == _family("reliant")
    assert _family("leadership") == _family("leaders")
    assert _family("compliance") == _family("comply")
    # "-al" is no family suffix: "formal" is not "form", "central" not "centre".
    assert _family("formal") != _family("form")
    assert _family("central") != _family("centre")


def test_reliance_answers_rely(engine: QAEngine) -> None:
    answer = engine.ask(
        "do they rely on agency social workers much?", history=["herefordshire ofsted 2022"]
    )
    assert not answer.abstained, answer.answer
    assert answer.answer.startswith("The heavy reliance on agency workers"), answer.answer
