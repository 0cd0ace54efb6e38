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


# A contents page's entry: words, then the page they start on ("Recommendations 38").
_CONTENTS_ENTRY = re.compile(r"[A-Za-z][^.]*\s\d{1,3}$")
CONTENTS_SHARE = 0.6  # of a passage's lines (at least three) for it to be a contents page


def _is_contents(passage: Passage) -> bool:
    """A report's contents page: it names every section ("What does the local authority need
    to improve? 4") and so matches questions about any of them, but says nothing."""
    lines = [line.strip() for line in passage.text.splitlines() if line.strip()]
    entries = sum(1 for line in lines if _CONTENTS_ENTRY.search(line))
    return len(lines) >= 3 and entries >= CONTENTS_SHARE * len(lines)


def _shape(text: str) -> int:
    """The text with case and spacing folded away. Digits stay: "… is 12% (the national
    average is 19%)" is the same sentence in every report but a different fact in each."""
    return hash(" ".join(text.lower().split()))


def boilerplate_mask(passages: Sequence[Passage]) -> np.ndarray:
    """True for each prose passage of at least MIN_WORDS words whose text, folded, occurs in
    MIN_DOCUMENTS or more distinct documents, and for each contents page. A passage stating a
    grade is never template, however many reports gave the same grades ("1. Children who need
    help … Good")."""
    documents: dict[int, set[str]] = defaultdict(set)
    shapes: list[int | None] = []
    contents: list[bool] = []
    for p in passages:
        graded = bool(_STATES_GRADE.search(p.text))
        prose = p.kind == "text" and len(p.text.split()) >= MIN_WORDS
        shape = _shape(p.text) if prose and not graded else None
        shapes.append(shape)
        contents.append(p.kind == "text" and not graded and _is_contents(p))
        if shape is not None:
            documents[shape].add(p.doc_id)
    return np.array(
        [
            listing or (s is not None and len(documents[s]) >= MIN_DOCUMENTS)
            for s, listing in zip(shapes, contents, strict=True)
        ],
        dtype=bool,
    )


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@lru_cache(maxsize=65536)  # the composer asks again for the sentences of popular passages
def sentence_shape(text: str) -> int:
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
                documents[sentence_shape(sentence)].add(p.doc_id)
    return frozenset(s for s, docs in documents.items() if len(docs) >= MIN_SENTENCE_DOCUMENTS)


def is_template(sentence: str, template: frozenset[int]) -> bool:
    return bool(template) and sentence_shape(sentence) in template
