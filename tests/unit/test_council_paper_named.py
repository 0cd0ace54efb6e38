"""A question naming a council paper ("herts cabinet panel feb 2019 - …") searches that paper
for what it asks, not for the words that name the paper (which its cover lines repeat); a
question about the paper itself (who wrote it, when the panel met) still finds its cover
lines. And "and the weakest?" after a question on an inspection's grades asks its areas in
order of grade."""

from index.qa import QAEngine
from index.understanding.query import paper_named_out
from index.understanding.question import parse_question

HERTS_PAPER = "004_56be7b61e08d6d3a"


def test_the_words_naming_a_paper_and_its_date_are_no_search_words() -> None:
    said = paper_named_out("herts cabinet panel feb 2019 - what were the 3 areas for improvement?")
    assert "cabinet" not in said and "panel" not in said and "2019" not in said, said
    assert "areas for improvement" in said, said
    # Nothing left but the paper: the question is searched as it is.
    assert paper_named_out("what did the press release say?") == "what did the press release say?"


def test_a_topic_asked_of_a_named_paper_finds_the_passage_not_its_cover(
    engine: QAEngine,
) -> None:
    result = engine.search(
        "herts cabinet panel feb 2019 - what were the 3 areas for improvement from the ILACS?",
        top_k=5,
    )
    texts = [" ".join(h.passage.text.split()) for h in result.hits]
    assert any("three areas for improvement" in t for t in texts), texts


def test_a_question_about_the_paper_itself_still_reads_its_cover_lines(engine: QAEngine) -> None:
    answer = engine.ask("Who wrote the Hertfordshire Cabinet Panel report on the ILACS inspection?")
    assert "Karen Noble" in answer.answer, answer.answer
    assert any(c.doc_id == HERTS_PAPER for c in answer.citations), answer.citations


def test_and_the_weakest_asks_the_inspections_areas_in_order_of_grade() -> None:
    parsed = parse_question(
        "and the weakest?", ["How was Calderdale rated in 2018?", "which part was outstanding?"]
    )
    assert parsed.grades is not None and parsed.grades.ranked == "lowest", parsed.grades
    assert parsed.grades.kind == "areas" and parsed.grades.year == 2018, parsed.grades
