"""A grade asked of an article ("which judgement was strongest and which was weakest, in
Community Care's write-up?") is answered from the article's words: a sentence giving a grade
answers the words ranking grades, and "write-up" names the document, not what it is about
(was "I could not find this"; found in a probe written by helpers who never saw the code)."""

from index.qa import QAEngine


def test_a_grade_asked_of_an_article_is_answered_from_its_words(engine: QAEngine) -> None:
    answer = engine.ask(
        "In Community Care's write-up of Calderdale's 2018 inspection, which judgement was "
        "strongest and which was weakest?"
    )
    assert not answer.abstained, answer.answer
    assert "outstanding" in answer.answer.lower()
    assert answer.citations[0].doc_id == "002_0a2bc6d77ad37827"
