"""A name of several words that the lexicon gives other names for is covered by a sentence
using one of them: "the front door" by "the multi-agency safeguarding hub (MASH)"."""

from one_document import engine_over

from index.retrieval.expansion import load_lexicon

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


def test_staff_shorthand_for_roles_is_answered_by_the_report_s_words(tmp_path) -> None:
    # "PA", "SWs", "FGCs" as staff type them were names the evidence never mentions, so the
    # answer abstained with the evidence in hand.
    report = REPORT + (
        "\n\nPersonal advisers have caseloads that are too high to see every young person often."
        "\n\nSocial workers in the assessment team manage caseloads that are too high."
        "\n\nFamily group conferences are used well to bring wider family members together."
    )
    engine = engine_over(tmp_path, report)
    for question, said in (
        ("Testshire care leavers PA caseloads", "Personal advisers"),
        ("Testshire SW caseloads - are they too high?", "Social workers"),
        ("Testshire FGCs - are they used?", "Family group conferences"),
    ):
        answer = engine.ask(question)
        assert not answer.abstained, question
        assert said in answer.citations[0].quote, (question, answer.answer)


def test_a_group_named_by_its_acronyms_only_is_not_searched_from_its_long_form() -> None:
    # "Social workers" is in every other question: searching for "SW" too only pulled in
    # passages with the rare token.
    lexicon = load_lexicon()
    assert "sw" not in lexicon.expand("portsmouth social worker caseloads 2014").stems
    assert "worker" in lexicon.expand("swindon SW caseloads").stems
    assert "worker" in lexicon.expand("are they reliant on agency SWs?").stems
