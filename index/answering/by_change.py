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
