"""Self-supervised training pairs from the passages of a built index: no labels, no network.

Three kinds, each an (anchor, positive) pair the encoder should place close together:

- ``heading``: a section heading → a passage under it (its text without the heading);
- ``cloze``: a sentence → the rest of its passage, with the sentence taken out (inverse
  cloze: the passage must be found from what it says, not from a copy of the words);
- ``judgement``: a judgement row ("Judgement: … | Grade: …") → findings under that area.

Optionally each pair also gets a hard negative: a passage under the same section heading in
another authority's report (the same topic, the wrong place).

Template passages (the index's boilerplate mask), template sentences and short texts are
left out: they would teach the model Ofsted's back page.
"""

import random
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from index.ingest.boilerplate import is_template
from index.retrieval.store import StoredIndex
from index.text import STOPWORDS, sentence_spans, words
from index.tuning import PAIR_KINDS
from index.types import Passage

MIN_ANCHOR_WORDS = 8  # a cloze sentence shorter than this rarely says what the passage is about
MIN_POSITIVE_WORDS = 25
MIN_HEADING_WORDS = 2  # content words, after the grade is taken off
PER_HEADING = 12  # "children in care" heads hundreds of passages: a few of each teach enough
PER_JUDGEMENT = 2

# Headings that name a part of a report, not a topic: a passage under them could be anything.
GENERIC_HEADINGS = frozenset(
    {
        "executive summary",
        "inspection findings",
        "information about this inspection",
        "information about this local authority",
        "recommendations",
        "summary",
        "summary for children and young people",
        "what needs to improve",
        "what needs to improve in this local authority",
        "judgement grade",
        "inspection judgements about the local authority",
        "inspection judgement about the lscb",
        "areas for improvement",
        "next steps",
        "contents",
        "introduction",
        "background",
    }
)
_GRADE_TAIL = re.compile(
    r"(?:[:\s–-]+(?:is\s+)?(?:outstanding|good|inadequate|requires improvement(?: to be good)?)"
    r"(?:\s+summary)?)+\s*$",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
_SUMMARY_TAIL = re.compile(r"\s+(?:executive\s+)?summary\s*$", re.IGNORECASE)
MAX_HEADING_WORDS = 14  # longer "headings" are sentences the chunker took for one
_JUDGEMENT_ROW = re.compile(r"^Judgement:\s*(?P<area>.+?)\s*\|\s*Grade:", re.IGNORECASE)
_PARAGRAPH_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")


@dataclass(frozen=True)
class Pair:
    """Text the encoder should place near ``positive``; ``source`` is the positive's passage
    row, so two pairs of one passage never meet in a batch as each other's negatives."""

    anchor: str
    positive: str
    kind: str
    source: int
    negative: str | None = None  # a hard negative (with_hard_negatives), else in-batch only


def heading_topic(section: str) -> str:
    """The last level of a section heading, without the grade a judgement heading states."""
    last = _NUMBERING.sub("", section.split("›")[-1].strip())
    return _GRADE_TAIL.sub("", _SUMMARY_TAIL.sub("", last)).strip(" :–-?")


def _is_topic(topic: str) -> bool:
    """A heading that names what its passages are about: not a part of the report ("Summary"),
    not a figure or a sentence fragment the chunker took for a heading."""
    return (
        topic.lower() not in GENERIC_HEADINGS
        and _content_words(topic) >= MIN_HEADING_WORDS
        and len(topic.split()) <= MAX_HEADING_WORDS
        and topic[:1].isupper()
        and not any(ch.isdigit() for ch in topic)
        and not topic.endswith((",", ";"))
        and ":" not in topic  # "Lead inspector: …", "Senior data analyst: …": people, not topics
        and "inspector" not in topic.lower()
    )


def _content_words(text: str) -> int:
    return sum(1 for w in words(text) if w not in STOPWORDS)


def _usable(index: StoredIndex) -> Iterator[tuple[int, Passage]]:
    """Rows of prose passages that are not template text."""
    for row, passage in enumerate(index.passages):
        if passage.kind == "text" and not index.boilerplate[row]:
            yield row, passage


def heading_pairs(index: StoredIndex, rng: random.Random) -> list[Pair]:
    """Heading → a passage under it, a few passages per distinct heading."""
    by_heading: dict[str, list[int]] = defaultdict(list)
    for row, passage in _usable(index):
        topic = heading_topic(passage.section)
        if not _is_topic(topic) or len(passage.text.split()) < MIN_POSITIVE_WORDS:
            continue
        by_heading[topic].append(row)
    pairs = []
    for topic in sorted(by_heading):
        rows = by_heading[topic]
        for row in sorted(rng.sample(rows, min(PER_HEADING, len(rows)))):
            pairs.append(Pair(topic, index.passages[row].text, "heading", row))
    return pairs


def cloze_pairs(index: StoredIndex, rng: random.Random) -> list[Pair]:
    """One sentence of each passage → the passage (with its heading) without that sentence."""
    pairs = []
    for row, passage in _usable(index):
        text = passage.text
        spans = [
            (start, end)
            for start, end in sentence_spans(text)
            if len(text[start:end].split()) >= MIN_ANCHOR_WORDS
            and not is_template(text[start:end], index.template)
        ]
        if len(spans) < 2:  # one sentence: the rest would be too little to find it by
            continue
        start, end = rng.choice(spans)
        rest = " ".join((text[:start] + " " + text[end:]).split())
        if len(rest.split()) < MIN_POSITIVE_WORDS:
            continue
        anchor = _PARAGRAPH_NUMBER.sub("", text[start:end]).strip()
        if " ".join(anchor.split()) in rest:
            continue  # a sentence the passage repeats: the rest still holds it word for word
        positive = f"{passage.section}\n{rest}" if passage.section else rest
        pairs.append(Pair(anchor, positive, "cloze", row))
    return pairs


def judgement_pairs(index: StoredIndex, rng: random.Random) -> list[Pair]:
    """A judgement row → passages of the same report under that judgement's heading."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for row, passage in _usable(index):
        if len(passage.text.split()) >= MIN_POSITIVE_WORDS:
            by_doc[passage.doc_id].append(row)
    pairs = []
    for passage in index.passages:
        match = _JUDGEMENT_ROW.match(passage.text) if passage.kind == "row" else None
        if not match:
            continue
        area = _fold(match.group("area"))
        under = [
            row
            for row in by_doc.get(passage.doc_id, [])
            if _fold(heading_topic(index.passages[row].section)).startswith(area)
        ]
        for row in sorted(rng.sample(under, min(PER_JUDGEMENT, len(under)))):
            pairs.append(Pair(passage.text, index.passages[row].text, "judgement", row))
    return pairs


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


_MINERS = {"heading": heading_pairs, "cloze": cloze_pairs, "judgement": judgement_pairs}


def with_hard_negatives(index: StoredIndex, pairs: Sequence[Pair], seed: int = 0) -> list[Pair]:
    """``pairs``, each with a passage of another authority's report: for a cloze pair one under
    the same heading (the same topic, the wrong place); for heading and judgement pairs, whose
    anchors name no place, any passage (one under the same heading would answer them too)."""
    rng = random.Random(f"{seed}:negatives")
    authority = {d: doc.meta.authority or d for d, doc in index.documents.items()}
    by_topic: dict[str, list[int]] = defaultdict(list)
    usable = [row for row, passage in _usable(index)]
    for row in usable:
        by_topic[_fold(heading_topic(index.passages[row].section))].append(row)
    out = []
    for pair in pairs:
        own = index.passages[pair.source]
        here = authority[own.doc_id]
        topic = _fold(heading_topic(own.section))
        candidates = by_topic.get(topic, []) if pair.kind == "cloze" else []
        choice = None
        for _ in range(8):  # a few draws: most topics span many authorities
            row = rng.choice(candidates) if candidates else rng.choice(usable)
            if authority[index.passages[row].doc_id] != here:
                choice = row
                break
        while choice is None:
            row = rng.choice(usable)
            if authority[index.passages[row].doc_id] != here:
                choice = row
        out.append(replace(pair, negative=index.passages[choice].embedding_text()))
    return out


def question_pairs(
    index: StoredIndex, questions: Sequence[tuple[str, Sequence[tuple[str, int, int]]]]
) -> list[Pair]:
    """(question → the passage holding its evidence) for development gold questions: each
    question with its evidence spans (doc_id, start, end) in the documents' stored text. The
    self-supervised kinds teach the reports' own register; these teach what people ask."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for row, passage in enumerate(index.passages):
        by_doc[passage.doc_id].append(row)
    pairs = []
    for question, spans in questions:
        for doc_id, start, end in spans:
            row = next(
                (r for r in by_doc.get(doc_id, []) if _holds(index.passages[r], start, end)), None
            )
            if row is not None:
                pairs.append(Pair(question, index.passages[row].embedding_text(), "question", row))
                break
    return pairs


def _holds(passage: Passage, start: int, end: int) -> bool:
    """The passage covers at least half of the span (or the span half of the passage)."""
    shared = min(passage.end, end) - max(passage.start, start)
    return shared > 0 and shared >= 0.5 * min(passage.end - passage.start, end - start)


def mine_pairs(index: StoredIndex, kinds: Sequence[str] = PAIR_KINDS, seed: int = 0) -> list[Pair]:
    """Every pair of ``kinds`` from ``index``, the same for the same index and seed."""
    unknown = set(kinds) - set(_MINERS)
    if unknown:
        raise ValueError(f"unknown pair kind(s) {sorted(unknown)}; use {PAIR_KINDS}")
    pairs: list[Pair] = []
    for kind in kinds:
        # One generator per kind: adding a kind does not change another kind's pairs.
        pairs.extend(_MINERS[kind](index, random.Random(f"{seed}:{kind}")))
    return pairs
