"""Structured judgements read from inspection reports and from articles that state grades.

Every value keeps the span of the stored text it was read from (and the passage holding it),
so an answer built from the table can cite the exact words of the report.
"""

from __future__ import annotations

import hashlib
import logging
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from index.types import Document, Passage
from index.understanding.lexicon import MONTH_NUMBERS

log = logging.getLogger(__name__)

AREAS = (
    "overall",
    "help_and_protection",
    "in_care",
    "care_leavers",
    "leaders",
    "adoption",
    "lscb",
)
AREA_LABELS = {
    "overall": "overall effectiveness",
    "help_and_protection": "children who need help and protection",
    "in_care": "children in care",
    "care_leavers": "care leavers",
    "leaders": "impact of leaders",
    "adoption": "adoption performance",
    "lscb": "the Local Safeguarding Children Board",
}
GRADES = ("outstanding", "good", "requires improvement", "inadequate")
_RI_WORDED = re.compile(r"\brequires improvement to be good\b", re.I)
REPORT_TYPES = ("inspection report", "monitoring visit", "focused visit")

_GRADE_WORDS = r"requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate"
# The PDF loader renders judgement tables as "Judgement: <area> | Grade: <grade>" rows.
_ROW = re.compile(
    rf"Judgement: (?P<area>[^|\n]{{3,200}}?) \| Grade: (?P<grade>{_GRADE_WORDS})\b", re.I
)
# Where the table was not recognised, the section headings still say it:
# "The experiences and progress of care leavers: good" / "... care leavers Good: ...".
_AREA_PHRASE = (
    r"(?:the\s+)?(?:overall\s+effectiveness|(?:the\s+)?impact\s+of\s+leaders[^:\n|]{0,80}?"
    r"|(?:the\s+)?experiences?\s+and\s+progress\s+of\s+(?:children|care\s+leavers)[^:\n|]{0,80}?)"
)
_HEADING = re.compile(
    rf"(?:^|(?<=\n)|(?<=[.?!] ))(?P<area>{_AREA_PHRASE})\s*:?\s*(?P<grade>{_GRADE_WORDS})\b"
    r"(?=\s*(?::|\n|$|\.|\s+\d+\.|\s+[A-Z]))",
    re.I,
)
# A single inspection framework report also judged the Local Safeguarding Children Board, in
# a sentence of its summary: "The Local Safeguarding Children Board is good", "The
# effectiveness of the Local Safeguarding Children Board (LSCB) requires improvement" (not
# "the LSCB is good at …").
_LSCB = re.compile(
    r"(?:The\s+effectiveness\s+of\s+)?the\s+(?:Local\s+Safeguarding\s+Children[’']?s?\s+Board"
    rf"|LSCB)(?:\s*\([^)\n]{{0,40}}\))?\s+(?:is\s+|are\s+)?(?P<grade>{_GRADE_WORDS})\b"
    r"(?=\s*(?::|\n|$|\.|\s+because|\s+\d+\.|\s+[A-Z]))",
    re.I,
)
# Single inspection framework (2013-2017) reports list numbered areas on their first page
# ("2.2 Experiences and progress of care leavers Good") and state the overall judgement in
# a sentence ("The overall judgement is that children's services require improvement").
_SIF_AREA = re.compile(
    r"(?:^|(?<=\n))(?:\d(?:\.\d)?\.?\s+)?(?P<area>children\s+who\s+need\s+help\s+and\s+protection"
    r"|children\s+looked\s+after\s+and\s+achieving\s+permanence|adoption\s+performance"
    r"|experiences\s+and\s+progress\s+of\s+care\s+leavers|leadership,\s+management\s+and\s+governance)"
    rf"\s*:?\s*(?P<grade>{_GRADE_WORDS})\b",
    re.I,
)
_SIF_OVERALL = re.compile(
    r"(?:overall\s+judgement\s+is\s+(?:that\s+)?(?:children[’']s\s+services\s+)?"
    # The name may run over a line ("in the Royal Borough of Kingston upon\nThames are good").
    r"|children[’']s\s+services\s+in\s+[A-Z][\w ,&’'\n-]{1,60}?\s+)(?:are\s+|is\s+)?"
    rf"(?P<grade>{_GRADE_WORDS})\b",
    re.I,
)
_DATES = re.compile(r"Inspection\s+dates?\s*:\s*", re.I)
_DATES_END = re.compile(r"\n|Lead\s+inspector|Report\s+published|Publication", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
_PUBLISHED = re.compile(
    r"Report\s+published\s*:?\s*(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+(?:19|20)\d\d)", re.I
)
_DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?\b\s*([A-Za-z]{3,9})?\.?,?\s*((?:19|20)\d\d)?"
)
_ROLE_AFTER_NAME = (
    r"(?=,|\n|\||$|Her\s+Majesty|His\s+Majesty|HMI\b|Deputy|Team\s+inspector|Judgement"
    r"|Senior\s+HMI|Social\s+Care)"
)
_INSPECTOR = re.compile(
    rf"Lead\s+inspector\s*:\s*(?P<name>[^\n,|]{{3,60}}?)\s*{_ROLE_AFTER_NAME}", re.I
)
# "Lead inspectors: Rebecca Quested, His Majesty's Inspector, and Matthew Reed, His Majesty's
# Inspector": two who led one inspection.
_INSPECTORS = re.compile(
    rf"Lead\s+inspectors\s*:\s*(?P<name>[^\n,|]{{3,60}}?)\s*{_ROLE_AFTER_NAME}"
    r"[^\n|]{0,60}?\band\s+(?P<other>[^\n,|]{3,60}?)\s*"
    rf"{_ROLE_AFTER_NAME}",
    re.I,
)


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: the passage and the exact span of the document's text."""

    doc_id: str
    passage_id: str | None
    start: int  # offsets of the quote in the document's stored text
    end: int
    quote: str


@dataclass(frozen=True)
class Grade:
    area: str  # one of AREAS
    grade: str  # one of GRADES
    label: str  # the area as the document names it
    evidence: Evidence

    @property
    def worded(self) -> str:
        """The grade as its report words it: ILACS and SIF write "requires improvement to be
        good", and staff quote it so."""
        # "Children's services in X require improvement to be good" keeps the short name: "was
        # judged require improvement to be good" would not read.
        if self.grade == "requires improvement" and _RI_WORDED.search(self.evidence.quote):
            return "requires improvement to be good"
        return self.grade


@dataclass(frozen=True)
class Fact:
    value: str
    evidence: Evidence


@dataclass
class InspectionRecord:
    """One document's judgements: an inspection report, or an article that reports grades."""

    doc_id: str
    authority: str | None
    title: str
    doc_type: str
    published: str | None
    start_date: Fact | None = None
    end_date: Fact | None = None
    framework: str | None = None
    lead_inspector: Fact | None = None
    # "Report published: 3 June 2015", as the report prints it (SIF-era covers do; most
    # later ones do not, and ``published`` is then the document's date).
    published_line: Fact | None = None
    grades: dict[str, Grade] = field(default_factory=dict)
    combined_care: bool = False  # "children in care and care leavers" judged as one area

    @property
    def is_report(self) -> bool:
        return self.doc_type in REPORT_TYPES

    @property
    def when(self) -> str | None:
        """The inspection's last day when known, else the document's date (ISO)."""
        return self.end_date.value if self.end_date else self.published

    def grade_for(self, area: str) -> Grade | None:
        """The grade for ``area``; care leavers fall back to a combined in-care judgement."""
        if area in self.grades:
            return self.grades[area]
        if area == "care_leavers" and self.combined_care:
            return self.grades.get("in_care")
        return None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InspectionRecord:
        def fact(value: dict[str, Any] | None) -> Fact | None:
            return Fact(value["value"], Evidence(**value["evidence"])) if value else None

        return cls(
            doc_id=data["doc_id"],
            authority=data["authority"],
            title=data["title"],
            doc_type=data["doc_type"],
            published=data["published"],
            start_date=fact(data.get("start_date")),
            end_date=fact(data.get("end_date")),
            framework=data.get("framework"),
            lead_inspector=fact(data.get("lead_inspector")),
            published_line=fact(data.get("published_line")),
            grades={
                k: Grade(v["area"], v["grade"], v["label"], Evidence(**v["evidence"]))
                for k, v in data.get("grades", {}).items()
            },
            combined_care=data.get("combined_care", False),
        )


def normalise_grade(text: str) -> str | None:
    """'Requires improvement to be good' → 'requires improvement'; None if not a grade."""
    text = re.sub(r"\s+", " ", text).strip().lower()
    if text.startswith(("requires improvement", "require improvement")):
        return "requires improvement"
    return text if text in GRADES else None


def classify_area(label: str) -> str | None:
    """The area a judgement label names, or None for one we do not tabulate."""
    low = re.sub(r"\s+", " ", label).lower()
    if re.search(r"safeguarding children[’']?s? board|\blscb\b", low):
        return "lscb"
    if "overall effectiveness" in low:
        return "overall"
    if "leader" in low or "leadership" in low:
        return "leaders"
    if "help and protection" in low:
        return "help_and_protection"
    if "adoption" in low:
        return "adoption"
    if "care leavers" in low and not re.search(r"children (in care|looked after)", low):
        return "care_leavers"
    if re.search(r"children (in care|looked after)", low):
        return "in_care"
    return None


class _PassageLocator:
    """Finds the passage that holds a document offset."""

    def __init__(self, passages: list[Passage]) -> None:
        self._passages = sorted(passages, key=lambda p: p.start)
        self._starts = [p.start for p in self._passages]

    def evidence(self, doc: Document, start: int, end: int) -> Evidence:
        i = bisect_right(self._starts, start) - 1
        passage_id = None
        if i >= 0 and self._passages[i].start <= start < self._passages[i].end:
            passage = self._passages[i]
            passage_id = passage.passage_id
            end = min(end, passage.end)  # a quote never runs past its cited passage
        return Evidence(doc.meta.doc_id, passage_id, start, end, doc.text[start:end])


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole stored line (row or heading) around a match, so the quote reads on its own."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > 400:  # a long paragraph: quote the sentence, not all of it
        sentence_start = max(text.rfind(". ", line_start, start) + 2, line_start)
        stop = text.find(". ", end)
        line_end = min(line_end, stop + 1) if stop >= 0 else line_end
        line_start = sentence_start if sentence_start > line_start + 1 else line_start
    return line_start, line_end


def _parse_dates(span: str) -> tuple[date, date] | None:
    """'23 to 27 January 2023', '12 November 2018 to 23 November 2018', '14 April – 8 May 2015'."""
    parts = re.split(r"\s+(?:to|until|and)\s+|\s*[–—-]\s*", span.strip(), maxsplit=1)
    if len(parts) != 2:
        one = _one_date(span, None, None)
        return (one, one) if one else None
    end = _one_date(parts[1], None, None)
    if end is None:
        return None
    start = _one_date(parts[0], end.month, end.year)
    if start is None:
        return None
    if start > end:  # "30 December to 3 January 2020" spans a year end
        start = start.replace(year=start.year - 1)
    return start, end


def _one_date(text: str, month: int | None, year: int | None) -> date | None:
    match = _DAY_MONTH_YEAR.search(text)
    if not match:
        return None
    day, month_name, year_text = match.groups()
    if month_name:
        month = MONTH_NUMBERS.get(month_name.lower())
    if year_text:
        year = int(year_text)
    if not month or not year:
        return None
    try:
        return date(year, month, int(day))
    except ValueError:
        return None


def _framework(start: date | None, end: date | None, grades: dict[str, Grade]) -> str | None:
    """ILACS 'standard' (two weeks on site) or 'short' (one week); SIF reports before 2018."""
    if "adoption" in grades or (start and end and (end - start).days > 15):
        return "SIF"
    if start and end:
        return "short" if (end - start).days <= 7 else "standard"
    return None


def extract(doc: Document, passages: list[Passage]) -> InspectionRecord | None:
    """The judgements one document states, or None when it states none."""
    text = doc.text
    locate = _PassageLocator(passages)
    meta = doc.meta
    record = InspectionRecord(meta.doc_id, meta.authority, meta.title, meta.doc_type, meta.date)

    def add(
        area: str | None,
        grade_text: str,
        label: str,
        start: int,
        end: int,
        own: bool = False,
        to_grade: bool = False,
    ) -> None:
        grade = normalise_grade(grade_text)
        if area is None or grade is None or area in record.grades:
            return
        s, e = _line_bounds(text, start, end)
        if to_grade:
            # A numbered area line ends at its grade: a footnote the PDF ran on after it
            # ("Good 1 Ofsted produces this report …") is not part of what it says.
            e = end
        if own:
            # A statement ("Children's services in X are good") reads on its own: quote it
            # from where it starts, not with the cover line a PDF ran into it.
            s = start
        record.grades[area] = Grade(area, grade, one_line(label), locate.evidence(doc, s, e))
        if area == "in_care" and "care leavers" in label.lower():
            record.combined_care = True

    for match in _ROW.finditer(text):
        add(
            classify_area(match.group("area")),
            match.group("grade"),
            match.group("area"),
            *match.span(),
        )
    head = text[:20000] if record.is_report else text
    stated = [(m, False) for m in _HEADING.finditer(head)]
    if record.is_report:
        stated += [(m, True) for m in _SIF_AREA.finditer(text[:8000])]
    # Where no table row gives it, the first statement of each grade: a single inspection
    # framework report's numbered summary on its first page, before its body's headings.
    for match, numbered in sorted(stated, key=lambda item: item[0].start()):
        label = match.group("area")
        add(classify_area(label), match.group("grade"), label, *match.span(), to_grade=numbered)
    if record.is_report:
        match = _SIF_OVERALL.search(text[:8000])
        if match and "overall" not in record.grades:
            # The report's own words for what it grades: "children's services" (in X are good).
            said = re.match(r"children[’']s\s+services", match.group(), re.I)
            label = said.group() if said else "overall effectiveness"
            add("overall", match.group("grade"), label, *match.span(), own=True)
        match = _LSCB.search(text)
        if match and record.grades:
            label = re.sub(r"\s+(?:is|are)\s*$", "", text[match.start() : match.start("grade")])
            add("lscb", match.group("grade"), label, *match.span(), own=True, to_grade=True)

    if record.is_report:
        _read_header(doc, record, locate)
    if not record.grades and not record.start_date:
        return None
    return record


def _read_header(doc: Document, record: InspectionRecord, locate: _PassageLocator) -> None:
    text = doc.text
    match = _DATES.search(text[:20000])
    start = end = None
    if match:
        tail = text[match.end() : match.end() + 120]
        stop = _DATES_END.search(tail)
        tail = tail[: stop.start()] if stop else tail
        years = list(_YEAR.finditer(tail))
        parsed = _parse_dates(tail[: years[-1].end()]) if years else None
        if parsed:
            start, end = parsed
            span_end = match.end() + years[-1].end()
            evidence = locate.evidence(doc, match.start(), span_end)
            record.start_date = Fact(start.isoformat(), evidence)
            record.end_date = Fact(end.isoformat(), evidence)
    match = _PUBLISHED.search(text[:20000])
    published = _one_date(match.group(1), None, None) if match else None
    if match and published:
        evidence = locate.evidence(doc, match.start(), match.end())
        record.published_line = Fact(published.isoformat(), evidence)
    match = _INSPECTOR.search(text) or _INSPECTORS.search(text)
    if match:
        names = [one_line(n).strip(" .;:") for n in match.groups()]
        name = " and ".join(n for n in names if n)
        if name:
            evidence = locate.evidence(doc, match.start(), match.end(match.lastindex or 0))
            record.lead_inspector = Fact(name, evidence)
    record.framework = _framework(start, end, record.grades)


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def extract_all(documents: list[Document], passages: list[Passage]) -> list[InspectionRecord]:
    """Records for every document that states judgements, in document order."""
    by_doc: dict[str, list[Passage]] = {}
    for passage in passages:
        by_doc.setdefault(passage.doc_id, []).append(passage)
    records = []
    for doc in documents:
        try:
            record = extract(doc, by_doc.get(doc.meta.doc_id, []))
        except Exception as exc:  # one odd document must never stop a build
            log.warning(
                "no judgements read from %s: %s: %s", doc.meta.doc_id, type(exc).__name__, exc
            )
            continue
        if record is not None:
            records.append(record)
    return records


def extractor_version() -> str:
    """A hash of this module's source: a changed extractor re-extracts on the next build."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
