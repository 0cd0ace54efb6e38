"""GET /v1/judgements: the extracted grades as rows with citations, as JSON or CSV."""

import csv
import io
import re
from datetime import date
from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator, Field

from index.answering.judgement_table import JudgementRow
from index.errors import DocumentNotFound
from index.gazetteer import canonical_authority
from index.ingest.judgements import AREAS, GRADES
from service.deps import EngineDep
from service.schemas import ErrorBody

router = APIRouter(prefix="/v1", tags=["judgements"])

CSV_COLUMNS = (
    "authority", "area", "area_label", "grade", "inspection_start", "inspection_end",
    "published", "framework", "lead_inspector", "doc_id", "doc_type", "passage_id", "quote",
    "start", "end",
)  # fmt: skip


class JudgementCitation(BaseModel):
    doc_id: str
    passage_id: str | None
    quote: str = Field(description="The words of the document the grade was read from")
    start: int = Field(description="Offset of `quote` in the document's stored text")
    end: int


class JudgementOut(BaseModel):
    authority: str | None
    area: str = Field(description=f"One of {', '.join(AREAS)}")
    area_label: str = Field(description="The area as the document names it")
    grade: str = Field(description=f"One of {', '.join(GRADES)}")
    inspection_start: str | None
    inspection_end: str | None
    published: str | None
    framework: str | None = Field(description="ILACS 'standard' or 'short', or 'SIF'")
    lead_inspector: str | None
    doc_id: str
    doc_type: str
    title: str
    citation: JudgementCitation


# The schema lists exactly the values the table holds (API fuzzers send nothing else).
Area = Literal[
    "overall", "help_and_protection", "in_care", "care_leavers", "leaders", "adoption", "lscb"
]
Grade = Literal["outstanding", "good", "requires improvement", "inadequate"]
assert set(get_args(Area)) == set(AREAS) and set(get_args(Grade)) == set(GRADES)


class JudgementList(BaseModel):
    rows: list[JudgementOut]
    count: int
    note: str | None = Field(default=None, description="Why there are no rows, when it is known")


def _out(row: JudgementRow) -> JudgementOut:
    data = row.to_dict()
    evidence = data.pop("evidence")
    return JudgementOut(**data, citation=JudgementCitation(**evidence))


def _csv(rows: list[JudgementRow]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        flat = {**row.to_dict(), **row.to_dict()["evidence"]}
        writer.writerow([flat.get(c) if flat.get(c) is not None else "" for c in CSV_COLUMNS])
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="judgements.csv"'},
    )


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_only(value: object) -> object:
    # A bare number would otherwise be read as a Unix time.
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError("use YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_only)]


@router.get(
    "/judgements",
    response_model=JudgementList,
    responses={
        200: {"content": {"text/csv": {}}, "description": "JSON rows, or CSV with format=csv"},
        404: {"model": ErrorBody, "description": "Unknown authority"},
        422: {"model": ErrorBody},
        503: {"model": ErrorBody},
    },
    summary="Inspection judgements with citations",
)
async def list_judgements(
    request: Request,
    engine: EngineDep,
    authority: Annotated[
        str | None, Query(min_length=1, max_length=100, examples=["Calderdale"])
    ] = None,
    area: Annotated[Area | None, Query(examples=["care_leavers"])] = None,
    grade: Annotated[Grade | None, Query(examples=["good"])] = None,
    date_from: Annotated[
        IsoDate | None,
        Query(alias="from", description="Inspection ended on or after", examples=["2018-01-01"]),
    ] = None,
    date_to: Annotated[
        IsoDate | None,
        Query(alias="to", description="Inspection ended on or before", examples=["2024-12-31"]),
    ] = None,
    format: Annotated[Literal["json", "csv"] | None, Query()] = None,
) -> JudgementList | Response:
    """One row per graded area of each inspection; `format=csv` (or Accept: text/csv) for CSV.
    An unknown authority is a 404; `from` after `to` gives no rows and a `note`."""
    if authority is not None and not canonical_authority(authority):
        known = engine.judgements.authorities()
        if authority.strip().lower() not in known:
            raise DocumentNotFound(
                f"unknown authority {authority!r}: give an English council's name"
            )
    note = None
    if date_from and date_to and date_from > date_to:
        # Well-formed, so not a 422: no inspection can end in an empty range.
        rows, note = [], "'from' is after 'to': no inspection can match"
    else:
        rows = engine.judgements.rows(
            authority=authority, area=area, grade=grade, date_from=date_from, date_to=date_to
        )
    wants_csv = format == "csv" or (
        format is None and "text/csv" in request.headers.get("accept", "")
    )
    if wants_csv:
        return _csv(rows)
    return JudgementList(rows=[_out(r) for r in rows], count=len(rows), note=note)
