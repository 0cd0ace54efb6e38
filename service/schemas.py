"""Pydantic models for everything that crosses HTTP, with the limits and examples /docs shows."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from index.ingest.metadata import DOC_TYPES
from index.types import Filters

QUESTION_MAX = 2000
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=100)]


def _iso_date_only(value: object) -> object:
    # JSON has no date type; a number would otherwise be read as a Unix timestamp.
    if isinstance(value, int | float):
        raise ValueError("a date is a string like 2024-12-31")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]

# The document types the loaders infer (index.ingest.metadata.DOC_TYPES), as an enum so the schema
# says exactly which values a filter or an upload takes.
DocType = StrEnum("DocType", {t.replace(" ", "_"): t for t in DOC_TYPES})


class FiltersIn(BaseModel):
    """Restrict retrieval; every list is OR-ed within itself and AND-ed with the others."""

    model_config = ConfigDict(extra="forbid")

    authority: list[ShortText] | None = Field(
        default=None, max_length=20, examples=[["Calderdale"]]
    )
    doc_type: list[DocType] | None = Field(
        default=None, max_length=10, examples=[["inspection report"]]
    )
    date_from: IsoDate | None = Field(default=None, examples=["2018-01-01"])
    date_to: IsoDate | None = Field(default=None, examples=["2024-12-31"])

    def to_filters(self) -> Filters:
        return Filters(
            authority=tuple(self.authority or ()),
            doc_type=tuple(t.value for t in self.doc_type or ()),
            date_from=self.date_from,
            date_to=self.date_to,
        )


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "What did Ofsted say about care leavers in Calderdale?"},
                {
                    "question": "Who owns the action on foster carers' views?",
                    "filters": {"authority": ["Hertfordshire"]},
                    "top_k": 5,
                },
            ]
        },
    )

    question: str = Field(min_length=1, max_length=QUESTION_MAX, description="Free-text question")
    conversation_id: str | None = Field(default=None, max_length=100)
    filters: FiltersIn | None = None
    top_k: int | None = Field(default=None, ge=1, le=50)
    history: list[Annotated[str, StringConstraints(max_length=QUESTION_MAX)]] | None = Field(
        default=None, max_length=20, description="Earlier questions of this conversation"
    )


class SearchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"query": "care leavers Calderdale", "top_k": 5}]},
    )

    query: str = Field(min_length=1, max_length=QUESTION_MAX)
    filters: FiltersIn | None = None
    top_k: int | None = Field(default=None, ge=1, le=50)


class CitationOut(BaseModel):
    n: int
    passage_id: str
    doc_id: str
    title: str
    authority: str | None
    date: str | None
    doc_type: str
    section: str
    text: str = Field(description="The cited passage")
    quote: str = Field(description="The span of the passage that supports the claim")
    start: int = Field(description="Offset of `text` in the document's stored text")
    end: int
    score: float
    page: int | None = None


class PassageOut(BaseModel):
    passage_id: str
    doc_id: str
    title: str
    authority: str | None
    date: str | None
    doc_type: str
    section: str
    text: str
    start: int
    end: int
    page: int | None
    score: float
    dense_score: float | None
    lexical_score: float | None


class AskResponse(BaseModel):
    answer: str
    abstained: bool
    citations: list[CitationOut]
    sources: list[PassageOut] = Field(
        default_factory=list,
        description="The search's top-k passages for the resolved question, best first",
    )
    conversation_id: str
    turn: int | None = Field(
        default=None,
        description="This answer's turn in the conversation (1, 2, …): rate it "
        "with POST /v1/feedback",
    )
    resolved_query: str
    filters: dict[str, Any]
    timings_ms: dict[str, float]


class SearchResponse(BaseModel):
    results: list[PassageOut]
    filters: dict[str, Any]
    timings_ms: dict[str, float]


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    authority: str | None
    date: str | None
    doc_type: str
    source: str | None
    path: str


class DocumentList(BaseModel):
    documents: list[DocumentOut]
    count: int


class DocumentFull(DocumentOut):
    text: str = Field(description="The stored text every citation offset refers to")
    page_starts: list[int]


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    ready: bool
    index_version: str | None = None
    documents: int = 0
    passages: int = 0
    detail: str | None = None


class FeedbackIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"conversation_id": "dGhpcy1pcy1hbi1leGFtcGxl", "turn": 1, "rating": "up"},
                {
                    "conversation_id": "dGhpcy1pcy1hbi1leGFtcGxl",
                    "turn": 2,
                    "rating": "down",
                    "note": "This cites the Herefordshire report, not Hertfordshire's",
                },
            ]
        },
    )

    conversation_id: str = Field(min_length=1, max_length=100)
    turn: int = Field(ge=1, le=1_000_000, description="`turn` from the /v1/ask response")
    rating: Literal["up", "down"]
    note: str | None = Field(default=None, max_length=2000, description="What was wrong (or right)")


class FeedbackOut(BaseModel):
    conversation_id: str
    turn: int
    rating: Literal["up", "down"]
    note: str


class BuildOut(BaseModel):
    """An upload's build: queued → running → done, or failed with ``error``."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    phase: str = Field(description="What it is doing now, in words")
    files: list[str] = Field(description="The uploaded files this build takes in")
    queued_at: float = Field(description="Unix time")
    started_at: float | None
    finished_at: float | None
    documents: int | None = Field(description="Documents in the new index (when built)")
    passages: int | None
    embedded: int | None = Field(description="Passages embedded (the rest were reused)")
    reused: int | None
    skipped: list[dict[str, str]] = Field(description="Files left out: {path, reason}")
    index_version: str | None = Field(description="The version served once done")
    error: str | None


class UploadOut(BaseModel):
    doc_id: str = Field(description="The document's id once the build is done")
    path: str = Field(description="Where it is stored, relative to the corpus folder")
    bytes: int
    metadata: dict[str, str] = Field(description="What was written to its .meta.json sidecar")
    build: BuildOut


class ErrorBody(BaseModel):
    error: str = Field(description="A short machine-readable kind")
    message: str = Field(description="What went wrong and what to do about it")
    detail: Any | None = None


# Declared on every router so /docs (and API fuzzers) know each error a /v1 route can give.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (401, "An API key is required (when keys are configured)"),
        (403, "The API key or admin key is wrong, or the origin is not allowed"),
        (413, "The request body is too large"),
        (422, "The request is invalid; `message` says which field and why"),
        (429, "Too many requests from this client; see Retry-After"),
        (503, "No index is loaded yet"),
    )
}
