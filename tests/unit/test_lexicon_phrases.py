"""A name of several words that the lexicon gives other names for is covered by a sentence
using one of them: "the front door" by "the multi-agency safeguarding hub (MASH)"."""

from one_document import engine_over

REPORT = (
    "Inspection of Testshire children's services\n\n"
    "Leaders know their services well and have a clear plan for improvement.\n\n"
    "An extremely well-managed and efficient multi-agency safeguarding hub (MASH) ensures "
    "that contacts from the public or professionals are met with a timely response.\n\n"
    "Care leavers are supported by personal advisers who visit them regularly."
)


def test_a_sentence_naming_the_mash_answers_a_question_about_the_front_door(tmp_path) -> None:
    answer = engine_over(tmp_path, REPORT).ask(
        "What did inspectors say about Testshire's front door?"
    )
    assert not answer.abstained
    assert "safeguarding hub" in answer.citations[0].quote


def test_a_sentence_on_accommodation_answers_a_question_about_housing(tmp_path) -> None:
    report = REPORT + (
        "\n\nA small number of young people have spent too long in unsuitable accommodation."
    )
    question = "What did inspectors say about housing in Testshire?"
    answer = engine_over(tmp_path, report).ask(question)
    assert not answer.abstained
    assert "unsuitable accommodation" in answer.citations[0].quote


def test_a_judgment_spelt_without_its_e_answers_a_question_about_the_judgement(tmp_path) -> None:
    report = REPORT + (
        "\n\nThe council report was considered by members at length.\n\n"
        "The inspection resulted in an overall judgment of good."
    )
    answer = engine_over(tmp_path, report).ask(
        "What was the overall judgement in Testshire's council report?"
    )
    assert not answer.abstained
    assert "judgment of good" in answer.citations[0].quote


def test_a_sentence_on_political_leaders_answers_a_question_about_councillors(tmp_path) -> None:
    # Staff say "councillors"; reports say "elected members" or "political leaders".
    report = REPORT + (
        "\n\nPolitical leaders do not give sufficient priority to the needs of vulnerable "
        "children, as frontline workforce capacity continues to be a huge factor."
    )
    answer = engine_over(tmp_path, report).ask("Did Ofsted criticise Testshire's councillors?")
    assert not answer.abstained, answer.answer
    assert "Political leaders" in answer.citations[0].quote
