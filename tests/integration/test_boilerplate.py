"""Template text the reports share (Ofsted's "who we are" page, the SIF introduction) is never
evidence about an authority, however well it matches a question that says "Ofsted"."""

import re

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


def test_a_contents_page_is_never_searched_or_quoted(engine):
    """A report's contents page names every section ("Information about this local authority
    area 10"), so it matched questions about any of them and was quoted as an answer."""
    passages = engine.index.passages
    flagged = boilerplate_mask(passages)
    contents = [i for i, p in enumerate(passages) if p.text.startswith("Contents\n")]
    assert contents and all(flagged[i] for i in contents)
    question = "Information about this local authority area in Calderdale 2015"
    answer = engine.ask(question)
    # Two entries running on: "… area 10 Inspection judgements about the local authority 12".
    entries = re.compile(r"[a-z?] \d{1,3}\s+[A-Z][a-z]+(?:\s+[a-z’']+)*\s\d{1,3}\b")
    assert all(not entries.search(c.quote) for c in answer.citations), answer.answer
    result = engine.search(question, Filters(), top_k=10)
    assert not any(flagged[h.row] for h in result.hits)
