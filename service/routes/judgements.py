"""GET /v1/judgements: the extracted grades as rows with citations, as JSON or CSV."""

import csv
import io
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from index.errors import BadQuery
from index.gazetteer import canonical_authority
from index.judgement_table import JudgementRow, parse_area, parse_grade
from index.judgements import AREAS, GRADES
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


class JudgementList(BaseModel):
    rows: list[JudgementOut]
    count: int


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


ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _iso_date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadQuery(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None


@router.get(
    "/judgements",
    response_model=JudgementList,
    responses={
        200: {"content": {"text/csv": {}}, "description": "JSON rows, or CSV with format=csv"},
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
    area: Annotated[
        str | None,
        Query(min_length=1, max_length=40, description=f"One of {', '.join(AREAS)}"),
    ] = None,
    grade: Annotated[
        str | None,
        Query(min_length=1, max_length=40, description=f"One of {', '.join(GRADES)}"),
    ] = None,
    # Strings with an ISO pattern, not `date`: a bare number would be read as a Unix time.
    date_from: Annotated[
        str | None,
        Query(alias="from", pattern=ISO_DATE, description="Inspection ended on or after"),
    ] = None,
    date_to: Annotated[
        str | None,
        Query(alias="to", pattern=ISO_DATE, description="Inspection ended on or before"),
    ] = None,
    format: Annotated[Literal["json", "csv"] | None, Query()] = None,
) -> JudgementList | Response:
    """One row per graded area of each inspection; `format=csv` (or Accept: text/csv) for CSV."""
    if authority is not None and not canonical_authority(authority):
        known = engine.judgements.authorities()
        if authority.strip().lower() not in known:
            raise BadQuery(f"unknown authority {authority!r}: give an English council's name")
    rows = engine.judgements.rows(
        authority=authority,
        area=parse_area(area) if area else None,
        grade=parse_grade(grade) if grade else None,
        date_from=_iso_date(date_from, "from"),
        date_to=_iso_date(date_to, "to"),
    )
    wants_csv = format == "csv" or (
        format is None and "text/csv" in request.headers.get("accept", "")
    )
    if wants_csv:
        return _csv(rows)
    return JudgementList(rows=[_out(r) for r in rows], count=len(rows))
