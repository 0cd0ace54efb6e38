"""The data that flows through the pipeline: documents, passages, hits and cited answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class DocumentMeta:
    """What a person needs to know about a document before reading it."""

    doc_id: str
    title: str
    authority: str | None
    date: str | None  # ISO yyyy-mm-dd, or yyyy-mm / yyyy when no more is known
    doc_type: str
    source: str | None
    path: str  # relative to the corpus root

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Block:
    """A structural unit of a document's stored text: heading, paragraph or table row."""

    kind: str  # "heading" | "paragraph" | "row"
    start: int
    end: int
    context: str = ""  # for rows: the table's column headers or its caption


@dataclass
class Document:
    """A loaded document: metadata, the stored text every offset refers to, and its structure."""

    meta: DocumentMeta
    text: str
    blocks: list[Block]
    page_starts: list[int] = field(default_factory=list)  # offset where each PDF page starts
    content_hash: str = ""

    def page_at(self, offset: int) -> int | None:
        """1-based page holding ``offset``, or None for documents without pages."""
        if not self.page_starts:
            return None
        page = 0
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i
            else:
                break
        return page + 1


@dataclass(frozen=True)
class Passage:
    """A retrievable span: ``text == document.text[start:end]`` always holds."""

    passage_id: str
    doc_id: str
    start: int
    end: int
    text: str
    section: str
    kind: str  # "text" | "row"
    page: int | None = None
    # Which document it is from ("Derby, inspection report, 2022"): a passage's own words
    # rarely say whose or when, so without it only the cover page matched the authority, the
    # year and the kind of document a question names.
    context: str = ""

    def embedding_text(self) -> str:
        """The text the encoder and the lexical index see: the document's context, the
        passage's heading and the passage."""
        return "\n".join(part for part in (self.context, self.section, self.text) if part)


@dataclass(frozen=True)
class Filters:
    """Restrictions applied to every retriever before fusion."""

    authority: tuple[str, ...] = ()
    doc_type: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    doc_id: tuple[str, ...] = ()  # a follow-up about "it" stays on the document cited before

    def is_empty(self) -> bool:
        return not (
            self.authority or self.doc_type or self.date_from or self.date_to or self.doc_id
        )


@dataclass(frozen=True)
class Hit:
    """A passage with its fused score and the rank each retriever gave it."""

    passage: Passage
    score: float
    dense_score: float | None = None
    lexical_score: float | None = None
    row: int = -1  # position in the index's passage list


@dataclass(frozen=True)
class Citation:
    """A cited passage and the quoted span of it that supports a claim."""

    n: int
    passage_id: str
    doc_id: str
    title: str
    authority: str | None
    date: str | None
    doc_type: str
    section: str
    text: str
    quote: str
    start: int
    end: int
    score: float
    page: int | None = None

    @classmethod
    def from_passage(
        cls, n: int, passage: Passage, meta: DocumentMeta, quote: str, score: float
    ) -> Citation:
        """The citation of ``quote``, a span of ``passage``."""
        return cls(
            n=n,
            passage_id=passage.passage_id,
            doc_id=passage.doc_id,
            title=meta.title,
            authority=meta.authority,
            date=meta.date,
            doc_type=meta.doc_type,
            section=passage.section,
            text=passage.text,
            quote=quote,
            start=passage.start,
            end=passage.end,
            score=round(score, 6),
            page=passage.page,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    """A short answer whose every sentence carries ``[n]`` markers into ``citations``."""

    answer: str
    abstained: bool
    citations: list[Citation]
    resolved_query: str
    filters: Filters
    timings_ms: dict[str, float] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)  # what the answer read, best first
    sources: list[Hit] = field(default_factory=list)  # the search's own top-k, as /v1/search


@dataclass(frozen=True)
class SentenceCosines:
    """A passage's sentences' cosines with the query, by where each starts in it, and the
    passage's own (for a span that is not one of its sentences: a table cell)."""

    by_start: dict[int, float]
    passage: float

    def at(self, start: int) -> float:
        return self.by_start.get(start, self.passage)


# A passage row's sentence cosines with the question (None: it has no sentence vectors).
CosinesOf = Callable[[int], SentenceCosines | None]
