"""Pydantic models for everything that crosses HTTP, with the limits and examples /docs shows."""

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from index.types import Filters

QUESTION_MAX = 2000
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=100)]


def _iso_date_only(value: object) -> object:
    # JSON has no date type; a number would otherwise be read as a Unix timestamp.
    if isinstance(value, int | float):
        raise ValueError("a date is a string like 2024-12-31")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


class FiltersIn(BaseModel):
    """Restrict retrieval; every list is OR-ed within itself and AND-ed with the others."""

    model_config = ConfigDict(extra="forbid")

    authority: list[ShortText] | None = Field(
        default=None, max_length=20, examples=[["Calderdale"]]
    )
    doc_type: list[ShortText] | None = Field(
        default=None, max_length=10, examples=[["inspection report"]]
    )
    date_from: IsoDate | None = Field(default=None, examples=["2018-01-01"])
    date_to: IsoDate | None = Field(default=None, examples=["2024-12-31"])

    def to_filters(self) -> Filters:
        return Filters(
            authority=tuple(self.authority or ()),
            doc_type=tuple(self.doc_type or ()),
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
