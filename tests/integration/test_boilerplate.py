"""Template text the reports share (Ofsted's "who we are" page, the SIF introduction) is never
evidence about an authority, however well it matches a question that says "Ofsted"."""

from index.boilerplate import boilerplate_mask
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
