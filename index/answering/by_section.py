"""Answers to questions that ask for a part of a report: "what did Ofsted tell Barnet to work
on?" is answered by the list under "What needs to improve?", quoted whole and cited, not by
the sentences that share most words with the question."""

from index.answering.answer import Composed
from index.types import Citation, Document, Hit, Passage
from index.understanding.answer_type import NEGATIVE
from index.understanding.question import Question, under_section

MAX_PASSAGES = 3  # a long list runs on into the next passages under the same heading
LEADING = 3  # a question with a topic of its own takes the list only from these first hits


def compose_by_section(
    question: Question,
    hits: list[Hit],
    passages: list[Passage],
    documents: dict[str, Document],
    superseded: frozenset[str],
) -> Composed | None:
    """The section the question asks for, from the best-ranked passage under its heading (of
    the time asked about, when one is), with the passages that continue it; None when no
    passage found is under it (of the year asked), or, undated, when only an older report
    than the authority's latest has that part (``superseded``: ``superseded_documents``)."""
    asks_kind = question.answer_kind not in (None, NEGATIVE)
    if not question.sections or asks_kind or question.names_council_source:
        # "Who proposed the recommendations?", "what did the cabinet say about the
        # recommendations?": about a person or a council paper, not the report's list.
        return None
    under = [h for h in hits if h.row >= 0 and under_section(h.passage.section, question.sections)]
    if _asks_more(question) and not any(h in hits[:LEADING] for h in under):
        # "What weakness did Ofsted find in some plans?" is about plans: the list answers it
        # only if retrieval put the list first.
        return None
    when = question.when
    if when and when.years:
        # Only another year's report has that part ("Waltham Forest's big strength in 2019":
        # the 2015 framework's strengths section): that year's words answer instead.
        under = [h for h in under if when.covers(documents[h.passage.doc_id].meta.date or "")]
    if when and when.before:
        # "What were the weak spots the time before?" after the 2023 report: the part of the
        # newest report before it.
        under = [
            h for h in under if "" < (documents[h.passage.doc_id].meta.date or "") < when.before
        ]
    if not under:
        return None
    hit = under[0]
    if not (when and when.years):
        # Undated ("what does X still need to improve?"): the authority's latest report's list,
        # not whichever report retrieval ranked first; before a time, the latest before it. A
        # council paper retelling a list stays (its own wording was what the question matched).
        first = documents[hit.passage.doc_id].meta
        kind = (first.authority, first.doc_type)
        same = [h for h in under if _kind_of(documents[h.passage.doc_id]) == kind]
        hit = max(same, key=lambda h: documents[h.passage.doc_id].meta.date or "")
        if not (when and when.before) and hit.passage.doc_id in superseded:
            # Only an older inspection's report has this part ("The local authority's
            # strengths" is the 2014 framework's): the latest report's words answer instead.
            return None
    meta = documents[hit.passage.doc_id].meta
    heading = hit.passage.section.split(" › ")[0].rstrip("?:").strip()
    where = ", ".join(p for p in (meta.title, meta.date) if p)
    parts, citations = [], []
    for n, passage in enumerate(_section_run(passages, hit.row), start=1):
        quote = passage.text.strip()
        citations.append(Citation.from_passage(n, passage, meta, quote, hit.score))
        parts.append(f"{' '.join(quote.split())} [{n}]")
    return Composed(f"{heading} ({where}): " + " ".join(parts), False, citations)


def superseded_documents(documents: dict[str, Document]) -> frozenset[str]:
    """The documents a later one of the same authority and kind supersedes (worked out once
    per index: undated section questions ask it of every passage they read)."""
    latest: dict[tuple[str | None, str], str] = {}
    for d in documents.values():
        kind = _kind_of(d)
        latest[kind] = max(latest.get(kind, ""), d.meta.date or "")
    return frozenset(
        doc_id for doc_id, d in documents.items() if (d.meta.date or "") < latest[_kind_of(d)]
    )


def _kind_of(document: Document) -> tuple[str | None, str]:
    return document.meta.authority, document.meta.doc_type


def _asks_more(question: Question) -> bool:
    """Whether it names a topic besides the section ("need to improve on neglect cases")."""
    asked = set(question.section_terms)
    return any(t not in asked and not t.isdigit() for t in question.topic_terms)


def _section_run(passages: list[Passage], row: int) -> list[Passage]:
    """Up to ``MAX_PASSAGES`` passages of the same document and section around ``row``,
    from the section's first: the list from its start, wherever retrieval entered it."""

    def same(k: int) -> bool:
        return (
            0 <= k < len(passages)
            and passages[k].doc_id == passages[row].doc_id
            and passages[k].section == passages[row].section
        )

    start = row
    while row - start < MAX_PASSAGES - 1 and same(start - 1):
        start -= 1
    end = row + 1
    while end - start < MAX_PASSAGES and same(end):
        end += 1
    return passages[start:end]
