"""A passage far from the question as a whole may hold the one sentence that answers it: the
composer answers from that sentence rather than abstaining on the passage's distance."""

from one_document import engine_over

from index.settings import Settings

# Minutes whose every other line is on another business: the answer is one sentence of many.
MINUTES = "Cabinet minutes\n\n" + " ".join(
    [
        "The cabinet noted the highways budget and the cost of resurfacing the ring road.",
        "Of its twelve public law outline targets, Testshire had met nine by March.",
        "Members discussed library opening hours and the refuse collection contract.",
        "The leisure centre roof repairs were agreed and the car park charges held.",
        "Members asked about street lighting and the council's energy tariff.",
        "The allotment waiting list was reviewed and new plots were agreed at Elm Farm.",
        "Parking permits for residents will rise by two pounds from April.",
        "The museum's summer exhibition drew record visitor numbers to the town hall.",
        "Councillors thanked the grounds team for the floral displays in the park.",
        "The crematorium's chapel refurbishment was deferred to the next financial year.",
        "Market stall fees were frozen and the Christmas lights switch-on date was set.",
        "The bus shelter on the high street will be replaced with a solar-lit design.",
        "A new cycle lane along the river path was approved after consultation.",
        "The twinning association's visit to Normandy was welcomed by members.",
        "Members noted the swimming pool's new opening times over the summer holidays.",
    ]
)


def test_a_sentence_close_to_the_question_answers_though_its_passage_is_not(tmp_path) -> None:
    engine = engine_over(tmp_path, MINUTES)
    # (Not "PLO targets": the encoder reads that acronym with its long form, which brings the
    # whole passage close.)
    question = "How many of its targets had Testshire hit?"
    result = engine.search(question)
    assert result.hits[0].dense_score < Settings().abstain_min_dense  # the shape under test
    answer = engine.ask(question)
    assert not answer.abstained
    assert "nine" in answer.answer
