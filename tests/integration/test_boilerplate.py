"""Template text the reports share (Ofsted's "who we are" page, the SIF introduction) is never
evidence about an authority, however well it matches a question that says "Ofsted"."""

from index.ingest.boilerplate import boilerplate_mask, is_template
from index.text import sentence_spans
from index.types import Filters

TEMPLATE = "regulates and inspects to achieve excellence in the care of children"


def test_prose_repeated_across_reports_is_template_and_judgement_lines_are_not(engine):
    passages = engine.index.passages
    flagged = boilerplate_mask(passages)
    template = [i for i, p in enumerate(passages) if TEMPLATE in p.text and flagged[i]]
    assert len({passages[i].doc_id for i in template}) >= 3
    judgements = [i for i, p in enumerate(passages) if "Grade:" in p.text]
    assert judgements and not any(flagged[i] for i in judgements)
    assert flagged.sum() < 0.05 * len(passages)  # template is the exception
    # Found at build time and stored with the index, not at every server start.
    assert engine.index.boilerplate is not None
    assert (engine.index.boilerplate == flagged).all()


def test_searching_in_the_templates_own_words_finds_no_template(engine):
    flagged = boilerplate_mask(engine.index.passages)
    result = engine.search(f"What does Ofsted say? {TEMPLATE}", Filters(), top_k=20)
    assert result.hits
    assert not any(flagged[h.row] for h in result.hits)


def test_a_template_sentence_inside_a_passage_of_findings_is_never_quoted(engine):
    """Where a report's last section runs on into the back page, the passage is not template
    as a whole, but Ofsted's own sentences in it are, and answers never quote them."""
    sentences = {
        p.text[s:e]
        for p in engine.index.passages
        for s, e in sentence_spans(p.text)
        if TEMPLATE in p.text[s:e]
    }
    assert any(is_template(s, engine.index.template) for s in sentences)
    answer = engine.ask(f"What does Ofsted say it regulates and inspects? {TEMPLATE}")
    assert all(TEMPLATE not in c.quote for c in answer.citations)
