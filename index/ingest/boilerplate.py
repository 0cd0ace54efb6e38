"""Template text: passages that many documents repeat word for word (a publisher's back page,
licence and contact notices). They match any question that says "Ofsted" or "report" and
are evidence about no authority, so retrieval leaves them out."""

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from index.text import sentence_spans
from index.types import Passage

MIN_DOCUMENTS = 3  # repeated verbatim in this many documents: template, not a finding
# A sentence in this many documents is template even inside a passage that is not: more than
# MIN_DOCUMENTS, as a council's papers may quote a report's sentence word for word.
MIN_SENTENCE_DOCUMENTS = 4
# Shorter than a template passage: "This report is available at https://reports.ofsted.gov.uk/"
# is Ofsted's, however short; a short sentence in five documents' own findings is rare.
MIN_SENTENCE_WORDS = 6
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


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@lru_cache(maxsize=65536)  # the composer asks again for the sentences of popular passages
def _sentence_shape(text: str) -> int:
    """A sentence's shape with typographic quotes folded too (one template sentence is printed
    with curly apostrophes in some years' reports, straight in others); a stable hash, as the
    shapes are stored with the index."""
    folded = " ".join(text.translate(_QUOTES).lower().split())
    return int.from_bytes(hashlib.blake2b(folded.encode(), digest_size=8).digest(), "big")


def template_sentences(passages: Sequence[Passage]) -> frozenset[int]:
    """Shapes of the prose sentences (MIN_SENTENCE_WORDS or more, stating no grade) that
    MIN_SENTENCE_DOCUMENTS or more documents repeat: Ofsted's "regulates and inspects …"
    where a report's last section runs on into the back page, so the passage as a whole is
    not template."""
    documents: dict[int, set[str]] = defaultdict(set)
    for p in passages:
        if p.kind != "text":
            continue
        for start, end in sentence_spans(p.text):
            sentence = p.text[start:end]
            if len(sentence.split()) >= MIN_SENTENCE_WORDS and not _STATES_GRADE.search(sentence):
                documents[_sentence_shape(sentence)].add(p.doc_id)
    return frozenset(s for s, docs in documents.items() if len(docs) >= MIN_SENTENCE_DOCUMENTS)


def is_template(sentence: str, template: frozenset[int]) -> bool:
    return bool(template) and _sentence_shape(sentence) in template
