"""What a report says changed since the inspection before it: after the grades of a change
("inadequate in 2022, then good in 2025"), the newer report's own "Since the last inspection
in 2022, when …" sentence, rather than whichever sentence shares the question's words (the
year asked matched "new courses are planned for January 2026"). The same sentence gives the
grade of an inspection before any the documents hold ("found to be good overall" in 2012)."""

import re
from collections.abc import Sequence

from index.answering.answer import Composed
from index.answering.by_summary import summary_passage
from index.text import sentences_of
from index.types import Citation, Document, Passage
from index.understanding.answer_type import CHANGE, offers, states_grade
from index.understanding.lexicon import MONTHS

# The report's opening prose says what changed; further on, a sentence "since the last
# inspection" is about one service, not the whole.
OPENING_PASSAGES = 3
SENTENCES = 2


def change_told(
    doc_id: str,
    passages: Sequence[Passage],
    documents: dict[str, Document],
    graded: bool = False,
) -> Composed | None:
    """The first sentences of ``doc_id``'s opening prose that say what changed since the
    inspection before it (``graded``: and how that one was judged), quoted and cited; None
    when its opening says none."""
    first = summary_passage(doc_id, passages)
    if first is None:
        return None
    row = first[0]
    for passage in passages[row : row + OPENING_PASSAGES]:
        if passage.doc_id != doc_id or passage.kind != "text":
            break
        spans = sentences_of(passage.text)
        for k, (start, end) in enumerate(spans):
            said = passage.text[start:end]
            if offers(CHANGE, said) and (not graded or states_grade(said)):
                end = spans[min(k + SENTENCES, len(spans)) - 1][1]
                quote = passage.text[start:end]
                meta = documents[doc_id].meta
                citation = Citation.from_passage(1, passage, meta, quote, 1.0)
                return Composed(f"{' '.join(quote.split())} [1]", False, [citation])
    return None


# A 2013–2018 report's "Information about this local authority": "The previous inspection of
# the local authority's arrangements for the protection of children was in March 2013. The
# local authority was judged to be adequate." (and the same of its looked-after children).
# Some say it of the council by name: "The last Ofsted inspection of Devon County Council’s
# arrangements for the protection of children was in April 2013. …", "… of Herefordshire’s …".
_PREVIOUS_JUDGED = re.compile(
    r"The\s+(?:previous|last)\s+(?:Ofsted\s+)?inspection\s+of\s+"
    r"(?:the\s+local\s+authority|(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)[’']s\s+[^.]{0,120}?\s+was\s+"
    r"in\s+[A-Z][a-z]+\s+(?:19|20)\d\d\.\s+The\s+local\s+authority\s+was\s+judged\s+to\s+be\s+"
    r"[^.]{1,60}\."
)


def previous_grades_told(
    doc_id: str, passages: Sequence[Passage], documents: dict[str, Document]
) -> Composed | None:
    """The grades of the inspections before ``doc_id``'s as its own information section gives
    them, quoted and cited; None when it gives none."""
    for passage in passages:
        if passage.doc_id != doc_id or passage.kind != "text":
            continue
        found = list(_PREVIOUS_JUDGED.finditer(passage.text))
        if found:
            quote = passage.text[found[0].start() : found[-1].end()]
            meta = documents[doc_id].meta
            citation = Citation.from_passage(1, passage, meta, quote, 1.0)
            return Composed(f"{' '.join(quote.split())} [1]", False, [citation])
    return None


_MONTH = rf"(?:{'|'.join(MONTHS)})"
# "Services in St Helens were last inspected in June 2012.", "The previous inspection of
# Blackpool's services for looked after children was in December 2009.", "Since the last
# inspection in February 2022, when …": a report dating the inspection before it.
_PREVIOUS_DATED = re.compile(
    r"\b(?:last|previous(?:ly)?)\b(?:\s+[\w’'-]+){0,6}?\s+inspect(?:ed|ions?)\b[^.]{0,120}?"
    rf"\b(?:in|on)\s+(?:(?:\d{{1,2}}\s+)?{_MONTH}\s+)?(?:19|20)\d\d\b",
    re.I,
)
_TO_A_MONTH = re.compile(rf"{_MONTH}\s+(?:19|20)\d\d", re.I)
# Of the sentences after the first that date an earlier inspection (each at most one sentence
# after the last: "The local authority was judged to be good." may stand between), how many
# are quoted with it.
_MORE_DATED = 2


def previous_inspection_told(
    doc_id: str, passages: Sequence[Passage], documents: dict[str, Document]
) -> Composed | None:
    """When the inspection before ``doc_id``'s was, as the report itself says it: its first
    sentence dating it to a month (else its first dating it to a year), with the sentences
    right after it that date another ("… of its looked after children was in December
    2009."), quoted and cited; None when none does."""
    first: tuple[Passage, int, int] | None = None
    for passage in (p for p in passages if p.doc_id == doc_id and p.kind == "text"):
        spans = sentences_of(passage.text)
        dated = [_PREVIOUS_DATED.search(passage.text[a:b]) for a, b in spans]
        for k, (start, end) in enumerate(spans):
            if (found := dated[k]) is None:
                continue
            if not _TO_A_MONTH.search(found.group(0)):
                first = first or (passage, start, end)
                continue
            last, more = k, 0
            for j in range(k + 1, len(spans)):
                if j - last > 2 or more == _MORE_DATED:
                    break
                if dated[j]:
                    last, more = j, more + 1
            return _quoted(passage, start, spans[last][1], documents)
    return _quoted(*first, documents) if first else None


def _quoted(passage: Passage, start: int, end: int, documents: dict[str, Document]) -> Composed:
    quote = passage.text[start:end]
    citation = Citation.from_passage(1, passage, documents[passage.doc_id].meta, quote, 1.0)
    return Composed(f"{' '.join(quote.split())} [1]", False, [citation])
