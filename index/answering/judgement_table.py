"""The judgements table: one row per (document, area), filtered for the API and the answers."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from index.errors import BadQuery, IndexCorrupt
from index.gazetteer import canonical_authority
from index.ingest.judgements import AREAS, GRADES, Evidence, InspectionRecord, normalise_grade

JUDGEMENTS_FILE = "judgements.json"


@dataclass(frozen=True)
class JudgementRow:
    """One graded area of one inspection (or of an article reporting it), with its evidence."""

    authority: str | None
    area: str
    area_label: str
    grade: str
    inspection_start: str | None
    inspection_end: str | None
    published: str | None
    framework: str | None
    lead_inspector: str | None
    doc_id: str
    doc_type: str
    title: str
    evidence: Evidence

    @property
    def when(self) -> str | None:
        return self.inspection_end or self.published

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def write_judgements(path: Path, records: list[InspectionRecord]) -> None:
    payload = {"version": 1, "records": [r.to_dict() for r in records]}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


def read_judgements(path: Path) -> list[InspectionRecord]:
    """The records stored with an index; [] for an index built before judgements existed."""
    if not path.is_file():
        return []
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        return [InspectionRecord.from_dict(r) for r in payload["records"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorrupt(f"unreadable {path}: {exc}; rebuild the index") from exc


def parse_area(value: str) -> str:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {"children_in_care": "in_care", "leadership": "leaders", "overall_effectiveness":
               "overall", "help": "help_and_protection"}  # fmt: skip
    key = aliases.get(key, key)
    if key not in AREAS:
        raise BadQuery(f"area must be one of {', '.join(AREAS)} (got {value!r})")
    return key


def parse_grade(value: str) -> str:
    grade = normalise_grade(value.replace("_", " "))
    if grade is None:
        raise BadQuery(f"grade must be one of {', '.join(GRADES)} (got {value!r})")
    return grade


class JudgementTable:
    """Every record of an index, queryable by authority, area, grade and date."""

    def __init__(self, records: list[InspectionRecord]) -> None:
        self.records = sorted(records, key=lambda r: (r.when or "", r.doc_id))

    def authorities(self) -> set[str]:
        return {r.authority.lower() for r in self.records if r.authority and r.grades}

    def for_authority(self, authority: str, reports_only: bool = False) -> list[InspectionRecord]:
        """That authority's records, oldest first; reports before articles on the same date."""
        name = (canonical_authority(authority) or authority).lower()
        return [
            r
            for r in self.records
            if r.authority and r.authority.lower() == name and (r.is_report or not reports_only)
        ]

    def inspection_reported(
        self, authority: str, doc_id: str, published: str | None
    ) -> InspectionRecord | None:
        """The report of the inspection another document (a press release, an interview, a
        cabinet paper) is about: the newest inspected by the day it came out, or, undated, the
        one report giving every grade it gives. None when neither tells."""
        reports = [r for r in self.for_authority(authority, reports_only=True) if r.grades]
        if published:
            by_then = [r for r in reports if r.when and r.when <= published]
            return by_then[-1] if by_then else None
        own = next((r for r in self.for_authority(authority) if r.doc_id == doc_id), None)
        if own is None or not own.grades:
            return None
        alike = [
            r
            for r in reports
            if all(
                (g := r.grade_for(area)) is not None and g.grade == told.grade
                for area, told in own.grades.items()
            )
        ]
        return alike[0] if len(alike) == 1 else None

    def rows(
        self,
        authority: str | None = None,
        area: str | None = None,
        grade: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        reports_only: bool = False,
    ) -> list[JudgementRow]:
        """Rows matching every filter given; dates filter on the inspection's last day."""
        if date_from and date_to and date_from > date_to:
            raise BadQuery("'from' is after 'to'")
        records = self.for_authority(authority) if authority else self.records
        out: list[JudgementRow] = []
        for record in records:
            if reports_only and not record.is_report:
                continue
            when = record.when
            if date_from and (not when or when < date_from.isoformat()):
                continue
            if date_to and (not when or when > date_to.isoformat()):
                continue
            for key in [area] if area else AREAS:
                graded = record.grade_for(key)
                if graded is None or (grade and graded.grade != grade):
                    continue
                out.append(
                    JudgementRow(
                        authority=record.authority,
                        area=key,
                        area_label=graded.label,
                        grade=graded.grade,
                        inspection_start=record.start_date.value if record.start_date else None,
                        inspection_end=record.end_date.value if record.end_date else None,
                        published=record.published,
                        framework=record.framework,
                        lead_inspector=record.lead_inspector.value
                        if record.lead_inspector
                        else None,
                        doc_id=record.doc_id,
                        doc_type=record.doc_type,
                        title=record.title,
                        evidence=graded.evidence,
                    )
                )
        return out
