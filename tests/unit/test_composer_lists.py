"""The composer reads on where a passage stops short: a list is answered with its items, and a
paragraph the chunker split with its last sentence, wherever they were found."""

from one_document import engine_over

from index.qa import QAEngine

# As a council's press release ends: a list announced, its one item, nothing after.
LETTER = (
    "Council welcomes Ofsted letter\n\n"
    "Inspectors visited the front door services of Testshire in February.\n\n"
    "The findings were published today. In their letter to the council, the inspectors "
    "highlighted a number of strengths:\n\n"
    "• senior leaders have a good understanding of frontline practice"
)


def _filler(sentences: int) -> str:
    """A paragraph's worth of sentences, long enough to push what follows to a passage end."""
    return " ".join(
        f"Inspectors met social workers in team {n} and read the records of their children."
        for n in range(1, sentences + 1)
    )


def _engine(tmp_path, text: str) -> QAEngine:
    return engine_over(tmp_path, text, "letter.txt")


def test_an_item_chosen_for_its_own_words_stays_under_the_sentence_announcing_it(
    tmp_path,
) -> None:
    answer = _engine(tmp_path, LETTER).ask(
        "In their letter, which strengths did the inspectors highlight on frontline work?"
    )
    assert not answer.abstained
    said = answer.answer
    assert "a number of strengths:" in said
    assert said.index("a number of strengths:") < said.index("frontline practice")


def test_a_list_the_chunker_carried_into_the_next_passage_is_still_quoted(tmp_path) -> None:
    # A long paragraph ends the passage with the list's announcement: its bullets open the
    # next passage of the document.
    minutes = (
        "Scrutiny panel minutes\n\n"
        f"{_filler(12)} The monitoring visit to Testshire reviewed progress in the following areas "
        "of concern:\n\n"
        "· Decisions taken by the multi-agency safeguarding hub.\n\n"
        "· Professional curiosity and the quality of assessments.\n\n"
        "Members thanked officers for the report."
    )
    engine = _engine(tmp_path, minutes)
    holding = [p for p in engine.index.passages if "Professional curiosity" in p.text]
    assert holding and "following areas" not in holding[0].text  # the shape under test
    answer = engine.ask("Which areas of concern did the Testshire monitoring visit review?")
    assert not answer.abstained
    assert "Professional curiosity" in answer.answer
    assert "Members thanked" not in answer.answer  # the list ended with its last bullet
    assert any("Professional curiosity" in c.text for c in answer.citations)


def test_an_item_under_a_heading_announcing_its_list_is_answered_with_the_list(tmp_path) -> None:
    minutes = (
        "Cabinet minutes\n\n"
        "The key areas for improvement identified by Ofsted in Testshire were around:\n\n"
        "a. The quality and effectiveness of plans for children and care leavers.\n\n"
        "b. Sufficiency of suitable foster homes for children.\n\n"
        "c. Frontline management oversight across the service.\n\n"
        "Members thanked officers for the report."
    )
    engine = _engine(tmp_path, minutes)
    holding = next(p for p in engine.index.passages if "foster homes" in p.text)
    assert holding.section.endswith("were around:")  # the shape under test
    answer = engine.ask("What did Ofsted say about management oversight in Testshire?")
    assert not answer.abstained
    said = answer.answer
    assert "a. The quality and effectiveness of plans" in said
    assert said.index("quality and effectiveness") < said.index("Frontline management")
    assert "Members thanked" not in said


def test_the_sentence_after_a_passage_break_in_a_paragraph_is_quoted_too(tmp_path) -> None:
    report = (
        "Care leavers\n\n"
        f"{_filler(11)} When young people in Testshire become 21, they are no longer "
        "provided with a personal adviser unless they ask for help. At the time of this "
        "inspection, there were over 200 young people in this category.\n\n"
        "Managers are recruiting more advisers."
    )
    engine = _engine(tmp_path, report)
    # The shape under test: the paragraph's last sentence opens the next passage.
    [holding] = [p for p in engine.index.passages if "over 200" in p.text]
    assert holding.text.startswith("At the time of this inspection")
    answer = engine.ask("How many care leavers over 21 in Testshire have no personal adviser?")
    assert not answer.abstained
    assert "no longer provided with a personal adviser" in answer.answer
    assert "over 200 young people" in answer.answer
    assert any("over 200" in c.quote for c in answer.citations)


def test_an_item_in_a_later_passage_of_a_long_list_is_not_quoted_with_the_items_before_it(
    tmp_path,
) -> None:
    # The list runs over several passages: "from its first item" quoted the first items of
    # the item's own passage, which are not where the list starts and not what was asked.
    topics = [
        "strategy meetings for children at risk of harm",
        "the timeliness of initial child protection conferences",
        "supervision records for newly qualified social workers",
        "assessments of disabled children and their families",
        "pathway plans for young people leaving care",
        "health assessments for children entering care",
        "return home interviews after children go missing",
        "the sufficiency of local foster homes",
        "life story work for children placed for adoption",
        "the quality of personal education plans",
        "performance data given to elected members",
        "arrangements for keeping in touch with all care leavers",
        "the capacity of the independent reviewing service",
    ]
    items = "\n\n".join(
        f"{n}. Improve {topic} across Testshire so that every child gets the help they need "
        "at the right time (paragraphs 40 to 44)."
        for n, topic in enumerate(topics, start=1)
    )
    report = f"Recommendations\n\nThe local authority should act on the following:\n\n{items}"
    engine = _engine(tmp_path, report)
    [holding] = [p for p in engine.index.passages if "keeping in touch" in p.text]
    # The shape under test: a later passage of the list, under the heading announcing it.
    assert not holding.text.startswith("12.")
    assert holding.section.endswith("the following:")
    answer = engine.ask(
        "What did Ofsted say about keeping in touch with care leavers in Testshire?"
    )
    assert not answer.abstained
    assert "keeping in touch with all care leavers" in answer.answer
    first_of_passage = holding.text.split(" Improve ")[0]
    assert f"{first_of_passage} Improve" not in answer.answer, answer.answer
