"""A visit named ("what did the fifth monitoring visit focus on?") points to the papers titled
with that visit, not to an inspection report's passages that mention monitoring visits."""

from index.qa import QAEngine

MINUTES = "003_3115fc9e1c719f5a"  # the shipped cabinet minutes on Herefordshire's visit


def test_what_a_visit_looked_at_comes_from_the_visits_papers(engine: QAEngine) -> None:
    # The shipped corpus holds Herefordshire's four reports beside the minutes.
    hits = engine.search("What did the fifth Ofsted monitoring visit focus on in Herefordshire?")
    top = [h.passage for h in hits.hits[:5]]
    assert any(
        p.doc_id == MINUTES and "the focus was on children at risk" in p.text for p in top
    ), [p.text[:80] for p in top]
