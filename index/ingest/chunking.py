"""Structure-aware passages: paragraphs packed under their heading, table rows on their own.

Every passage is a contiguous span of the document's stored text, sized so that its
heading context plus its text fits the encoder's window.
"""

import re
from collections.abc import Callable

from index.text import sentence_spans
from index.types import Block, Document, DocumentMeta, Passage
from index.understanding.lexicon import GRADE_WORDED, MONTH_NUMBERS, MONTHS

TokenCounter = Callable[[str], int]


def passage_id(doc_id: str, number: int) -> str:
    """The id of ``doc_id``'s passage ``number`` (0 first, in the document's order)."""
    return f"{doc_id}#{number}"


def approximate_tokens(text: str) -> int:
    """Word-piece count estimate for when no tokenizer is at hand (≈1.3 pieces a word)."""
    return int(len(text.split()) * 1.3) + 1


_FACT = re.compile(r"^\s*[A-Z][\w’' ]{2,40}:\s+\S")


# A numbered line ending in a grade: an older report's "2.2 Experiences and progress of care
# leavers Requires improvement".
_GRADED_ITEM = re.compile(rf"^\s*\d+(?:\.\d+)*\.?\s.*\b{GRADE_WORDED}\s*$", re.I)
_FULL_DATE = re.compile(rf"\b\d{{1,2}}(st|nd|rd|th)?\s+({'|'.join(MONTHS)}),?\s+\d{{4}}\b", re.I)


# A month (or its abbreviation) and a year: "Published: 19 Nov 2018", "Inspection dates: 10 to
# 14 June 2024".
_DATED = re.compile(rf"\b({'|'.join(MONTH_NUMBERS)})\.?,?\s+\d{{4}}\b", re.I)


def _states_fact(heading: str) -> bool:
    """A heading that is also a fact people ask for: "Label: value" (a short label, then the
    value it names), or a dated line ("WEDNESDAY 13 FEBRUARY, 2019 AT 10.00AM")."""
    if _FULL_DATE.search(heading):
        return True
    return bool(_FACT.match(heading)) and len(heading.split(":", 1)[0].split()) <= 4


def _section_label(heading: str, context: str) -> str:
    label = " › ".join(p for p in (heading, context) if p)
    return label if len(label) <= 300 else label[:297] + "…"


def document_context(meta: DocumentMeta) -> str:
    """The line every passage of a document is indexed under: whose it is, what kind of
    document, and its year."""
    year = meta.date[:4] if meta.date else ""
    return ", ".join(p for p in (meta.authority or "", meta.doc_type, year) if p)


def chunk_document(
    doc: Document,
    count_tokens: TokenCounter = approximate_tokens,
    max_tokens: int = 200,
    min_tokens: int = 40,
) -> list[Passage]:
    """Cut ``doc`` into passages of at most ``max_tokens`` (context included)."""
    spans: list[tuple[int, int, str, str]] = []  # start, end, section, kind
    heading = ""
    pending: list[Block] = []
    # Headings with nothing under them (a report's cover lines, an older report's list of
    # judgements: "1. Children who need help and protection Requires improvement") would
    # otherwise be in no passage at all; they become passages of their own.
    bare: list[Block] = []
    last_heading: Block | None = None

    def flush() -> None:
        if pending:
            spans.extend(_pack_paragraphs(doc.text, pending, heading, count_tokens, max_tokens))
            pending.clear()

    def flush_bare() -> None:
        if bare:
            spans.extend(_pack_paragraphs(doc.text, bare, "", count_tokens, max_tokens))
            bare.clear()

    for block in doc.blocks:
        if block.kind == "heading":
            flush()
            if last_heading is not None:
                bare.append(last_heading)
            last_heading = block
            text = doc.text[block.start : block.end]
            if _GRADED_ITEM.match(text):
                # An older report's list of judgements ("2.2 Experiences and progress of care
                # leavers Requires improvement"): grades people ask for, read as headings
                # only because each is a short line; quotable, and the head of nothing.
                bare.append(block)
                last_heading = None
                continue
            if _states_fact(text):
                # "Lead inspector: …", "Inspection dates: …", a meeting's date: a fact people
                # ask for, not only a title, so a passage of its own. A dated line also heads
                # what follows (the meeting held that day, the release published then); an
                # undated one does not: a report's summary under "Lead inspector: …" is not
                # about the inspector.
                bare.append(block)
                last_heading = None
                if not _DATED.search(text):
                    continue
            heading = text
            continue
        flush_bare()
        last_heading = None
        if block.kind == "row":
            flush()
            section = _section_label(heading, block.context)
            parts = _split_row(doc.text, block, section, count_tokens, max_tokens)
            for k, (start, end) in enumerate(parts):
                # Later parts of a long row carry the row's label so they still say whose
                # cells they are.
                label = "" if k == 0 else _row_label(doc.text[block.start : parts[0][1]])
                spans.append((start, end, _section_label(section, label), "row"))
        else:
            pending.append(block)
    flush()
    if last_heading is not None:
        bare.append(last_heading)
    flush_bare()
    spans = _merge_small(doc.text, spans, count_tokens, min_tokens, max_tokens)
    if not spans and doc.text.strip():
        spans = [(0, len(doc.text), "", "text")]
    context = document_context(doc.meta)
    return [
        Passage(
            passage_id=passage_id(doc.meta.doc_id, i),
            doc_id=doc.meta.doc_id,
            start=start,
            end=end,
            text=doc.text[start:end],
            section=section,
            kind=kind,
            page=doc.page_at(start),
            context=context,
        )
        for i, (start, end, section, kind) in enumerate(spans)
    ]


def _pack_paragraphs(
    text: str, blocks: list[Block], heading: str, count: TokenCounter, max_tokens: int
) -> list[tuple[int, int, str, str]]:
    """Greedy packing of whole sentences; paragraphs break first, sentences only if needed."""
    budget = max_tokens - (count(heading) if heading else 0)
    units: list[tuple[int, int, bool]] = []  # start, end, starts a paragraph
    for block in blocks:
        sentences = sentence_spans(text, block.start, block.end) or [(block.start, block.end)]
        for k, (s, e) in enumerate(sentences):
            units.append((s, e, k == 0))
    out: list[tuple[int, int, str, str]] = []
    cur_start, cur_end, cur_tokens = -1, -1, 0
    for s, e, _new_paragraph in units:
        tokens = count(text[s:e])
        if cur_start >= 0 and cur_tokens + tokens > budget:
            out.append((cur_start, cur_end, heading, "text"))
            cur_start = -1
        if cur_start < 0:
            cur_start, cur_tokens = s, 0
        if tokens > budget:  # one over-long sentence: cut it at word boundaries
            for ws, we in _split_words(text, s, e, count, budget):
                if cur_start < ws:
                    out.append((cur_start, ws, heading, "text"))
                out.append((ws, we, heading, "text"))
                cur_start = -1
            continue
        cur_end = e
        cur_tokens += tokens
    if cur_start >= 0:
        out.append((cur_start, cur_end, heading, "text"))
    return [span for span in out if span[1] > span[0]]


def _split_words(
    text: str, start: int, end: int, count: TokenCounter, budget: int
) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    piece_start = start
    last_space = start
    pos = start
    while pos < end:
        nxt = text.find(" ", pos + 1, end)
        nxt = end if nxt < 0 else nxt
        if count(text[piece_start:nxt]) > budget and last_space > piece_start:
            pieces.append((piece_start, last_space))
            piece_start = last_space + 1
        last_space = nxt
        pos = nxt
    if piece_start < end:
        pieces.append((piece_start, end))
    return pieces


def _row_label(first_part: str) -> str:
    cells = first_part.split(" | ")[:2]
    label = " | ".join(cells)
    return label if len(label) <= 160 else label[:159] + "…"


def _split_row(
    text: str, block: Block, section: str, count: TokenCounter, max_tokens: int
) -> list[tuple[int, int]]:
    """A row that fits stays whole; a long one is cut between cells, then between words."""
    budget = max_tokens - count(section)
    if count(text[block.start : block.end]) <= budget:
        return [(block.start, block.end)]
    cells: list[tuple[int, int]] = []
    pos = block.start
    while pos < block.end:
        sep = text.find(" | ", pos, block.end)
        stop = block.end if sep < 0 else sep
        cells.append((pos, stop))
        pos = stop + 3 if sep >= 0 else block.end
    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for s, e in cells:
        if cur and count(text[cur[0] : e]) <= budget:
            cur = (cur[0], e)
            continue
        if cur:
            out.append(cur)
        if count(text[s:e]) > budget:
            out.extend(_split_words(text, s, e, count, budget))
            cur = None
        else:
            cur = (s, e)
    if cur:
        out.append(cur)
    return out


def _merge_small(
    text: str,
    spans: list[tuple[int, int, str, str]],
    count: TokenCounter,
    min_tokens: int,
    max_tokens: int,
) -> list[tuple[int, int, str, str]]:
    """Fold a tiny text passage into the next one of the same section when both fit."""
    out: list[tuple[int, int, str, str]] = []
    for span in spans:
        if out:
            prev = out[-1]
            same = prev[2] == span[2] and prev[3] == span[3] == "text"
            if (
                same
                and count(text[prev[0] : prev[1]]) < min_tokens
                and count(prev[2] + text[prev[0] : span[1]]) <= max_tokens
            ):
                out[-1] = (prev[0], span[1], prev[2], prev[3])
                continue
        out.append(span)
    return out
