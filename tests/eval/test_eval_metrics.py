"""Scoring rules: span-overlap hits, grounding, key terms, abstention figures."""

from eval.goldset import Evidence, GoldQuestion
from eval.metrics import (
    Cited,
    Outcome,
    Retrieved,
    grounding,
    is_hit,
    key_term_recall,
    score_question,
    summarise,
)


def _evidence(start: int, quote_len: int, doc_id: str = "d") -> Evidence:
    return Evidence(doc_id, "x" * quote_len, start, "Calderdale")


def test_a_passage_containing_the_quote_is_a_hit_whatever_the_chunk_boundaries():
    assert is_hit(Retrieved("d", 0, 500, None, ""), _evidence(100, 50))


def test_a_passage_holding_most_of_a_quote_that_spans_two_passages_is_a_hit():
    assert is_hit(Retrieved("d", 120, 400, None, ""), _evidence(100, 60))


def test_a_passage_merely_touching_the_quote_or_in_another_document_is_not_a_hit():
    assert not is_hit(Retrieved("d", 140, 400, None, ""), _evidence(100, 60))
    assert not is_hit(Retrieved("other", 0, 500, None, ""), _evidence(100, 50))


def test_grounding_counts_answer_sentences_found_in_the_passage_they_cite():
    cited = [Cited(1, "d", None, "Care leavers get an outstanding service. Staff care.", "")]
    assert grounding("Care leavers get an outstanding service. [1]", cited) == 1.0
    assert (
        grounding("Care leavers get an outstanding service. [1] Invented claim. [1]", cited) == 0.5
    )


def test_key_terms_are_matched_case_and_quote_style_insensitively():
    assert (
        key_term_recall(
            "The chief executive says ‘bad news doesn’t get better’.", ["BAD NEWS doesn't"]
        )
        == 1.0
    )
    assert key_term_recall("Rated good.", ["good", "outstanding"]) == 0.5


def test_abstention_precision_and_recall_treat_abstaining_as_the_positive_class():
    answerable = GoldQuestion("a", "q", True, [_evidence(0, 5)], ["good"])
    unanswerable = GoldQuestion("u", "q", False, [], [])
    answered = Outcome(
        "It was good. [1]", False, [Cited(1, "d", "Calderdale", "It was good.", "")], [], "q", 1.0
    )
    abstained = Outcome("I could not find this.", True, [], [], "q", 2.0)
    figures = summarise(
        [
            score_question(answerable, answered),
            score_question(answerable, abstained),
            score_question(unanswerable, abstained),
            score_question(unanswerable, answered),
        ]
    )
    assert figures["abstain_precision"] == 0.5
    assert figures["abstain_recall"] == 0.5
    assert figures["false_abstention"] == 0.5
    assert figures["key_term_recall"] == 0.5


def test_a_restated_table_row_is_grounded_only_when_its_grade_is_the_rows() -> None:
    row = "Judgement: Overall effectiveness | Grade: Good"
    cited = [Cited(1, "d", "Calderdale", row, row)]
    said = (
        "In the inspection of 12 to 23 November 2018, Ofsted judged overall effectiveness good [1]."
    )
    assert grounding(said, cited) == 1.0
    assert grounding(said.replace("good [1]", "inadequate [1]"), cited) == 0.0
    assert grounding("Leaders were praised [1].", cited) == 0.0


def test_a_statement_a_document_makes_twice_is_found_in_either_place():
    from eval.goldset import locate_evidence

    said = "The virtual school for children looked after has been ineffective for a year."
    text = f"Summary. {said} Findings follow.\n\n49. {said} Good. More. Good."
    q = GoldQuestion("q", "?", True, [Evidence("d", said), Evidence("d", "Good.")], ["x"])
    assert locate_evidence([q], lambda _doc: text) == []
    starts = sorted(ev.start for ev in q.evidence if ev.quote == said)
    assert starts == [text.find(said), text.rfind(said)]
    later = Retrieved("d", text.rfind("49."), len(text), None, "")
    assert any(is_hit(later, ev) for ev in q.evidence)
    # A short quote found again elsewhere may be saying something else: one place only.
    assert len([ev for ev in q.evidence if ev.quote == "Good."]) == 1
    locate_evidence([q], lambda _doc: text)  # located again: nothing added twice
    assert len(q.evidence) == 3
