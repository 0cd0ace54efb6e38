"""Template text: passages that many documents repeat word for word (a publisher's back page,
licence and contact notices). They match any question that says "Ofsted" or "report" and
are evidence about no authority, so retrieval leaves them out."""

import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from index.types import Passage

MIN_DOCUMENTS = 3  # repeated verbatim in this many documents: template, not a finding
MIN_WORDS = 15  # short lines repeat legitimately ("Judgement: Overall effectiveness | Grade: Good")

# A judgement as reports print it, capitalised ("… governance Good", "Grade: Inadequate"); a
# grade descriptor's prose ("An outstanding local authority leads …") is lower case.
_STATES_GRADE = re.compile(r"\b(Outstanding|Good|Requires [Ii]mprovement|Inadequate)\b")


def _shape(text: str) -> int:
    """The text with case and spacing folded away. Digits stay: "… is 12% (the national
    average is 19%)" is the same sentence in every report but a different fact in each."""
    return hash(" ".join(text.lower().split()))


def boilerplate_mask(passages: Sequence[Passage]) -> np.ndarray:
    """True for each prose passage of at least MIN_WORDS words whose text, folded, occurs in
    MIN_DOCUMENTS or more distinct documents. A passage stating a grade is never template,
    however many reports gave the same grades ("1. Children who need help … Good")."""
    documents: dict[int, set[str]] = defaultdict(set)
    shapes: list[int | None] = []
    for p in passages:
        prose = p.kind == "text" and len(p.text.split()) >= MIN_WORDS
        shape = _shape(p.text) if prose and not _STATES_GRADE.search(p.text) else None
        shapes.append(shape)
        if shape is not None:
            documents[shape].add(p.doc_id)
    return np.array(
        [s is not None and len(documents[s]) >= MIN_DOCUMENTS for s in shapes], dtype=bool
    )
