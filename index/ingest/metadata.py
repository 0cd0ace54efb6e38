"""Document metadata: inferred from the file name and text, overridden by a sidecar file.

A sidecar sits beside the document as ``<stem>.meta.json`` and may set any of ``title``,
``authority``, ``date``, ``doc_type`` and ``source``.
"""

import json
import logging
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from index.gazetteer import canonical_authority, find_authority_spans
from index.text import slugify
from index.types import Block, DocumentMeta
from index.understanding.lexicon import MONTH_NUMBERS

log = logging.getLogger(__name__)

DOC_TYPES = (
    "inspection report",
    "monitoring visit",
    "focused visit",
    "committee minutes",
    "cabinet report",
    "press release",
    "news article",
    "council web page",
    "staff bulletin",
    "document",
)
SIDECAR_SUFFIX = ".meta.json"
_SIDECAR_FIELDS = ("title", "authority", "date", "doc_type", "source")
_DATE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9}),?\s+(?P<year>(?:19|20)\d{2})\b"
)


# Saved web pages open with "SOURCE: <url>" and "TITLE: <title> (<publisher>)" (one line
# or two: the loader joins a paragraph's lines).
_SOURCE_FIELD = re.compile(r"^SOURCE:[ \t]*(\S+)", re.M)
_TITLE_FIELD = re.compile(r"(?:^|\s)TITLE:[ \t]*(.+?)[ \t]*$", re.M)


def header_fields(text: str) -> dict[str, str]:
    """The ``source`` and ``title`` a saved web page's header gives, where it has one."""
    head = text[:2000]
    source, title = _SOURCE_FIELD.search(head), _TITLE_FIELD.search(head)
    return {
        **({"source": source.group(1)} if source else {}),
        **({"title": title.group(1)} if title and source else {}),
    }


def all_dates(text: str) -> list[date]:
    """Every ``12 November 2018``-style date in ``text``, in order."""
    found = []
    for match in _DATE.finditer(text):
        month = MONTH_NUMBERS.get(match.group("month").lower())
        if month:
            try:
                found.append(date(int(match.group("year")), month, int(match.group("day"))))
            except ValueError:
                continue
    return found


def parse_date(text: str) -> date | None:
    """The first ``12 November 2018``-style date in ``text``."""
    for match in _DATE.finditer(text):
        month = MONTH_NUMBERS.get(match.group("month").lower())
        if month:
            try:
                return date(int(match.group("year")), month, int(match.group("day")))
            except ValueError:
                continue
    return None


def date_period(iso: str | None) -> tuple[str, str]:
    """First and last day of a (possibly partial) ISO date, comparable as strings:
    "2014" → ("2014-01-01", "2014-12-31"); "" for an undated document."""
    if not iso:
        return "", ""
    if len(iso) == 4:
        return f"{iso}-01-01", f"{iso}-12-31"
    if len(iso) == 7:
        return f"{iso}-01", f"{iso}-31"
    return iso[:10], iso[:10]


def doc_id_for(relative_path: Path) -> str:
    """A stable id from the path inside the corpus, without the extension."""
    return slugify(str(relative_path.with_suffix("")).replace("/", "-"))


def read_sidecar(path: Path) -> dict[str, Any]:
    """The sidecar's overrides, or {} when there is none or it cannot be read."""
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable sidecar %s: %s", sidecar, exc)
        return {}
    if not isinstance(data, dict):
        log.warning("ignoring sidecar %s: not a JSON object", sidecar)
        return {}
    return {k: data[k] for k in _SIDECAR_FIELDS if k in data}


# What a saved page's address says it is: a council's committee system, or its newsroom.
_URL_TYPES = (
    (
        "committee minutes",
        r"mgai\.aspx|ieissuedetails|moderngov|democracy\.|councillors\.|"
        r"committee|ecminutes",
    ),
    ("staff bulletin", r"govdelivery|bulletin"),
    ("press release", r"/news|newsroom|news\.|/press"),
    ("council web page", r"\.gov\.uk/"),
)


def infer_doc_type(text: str) -> str:
    """The kind of document: from a saved page's address, else tell-tale phrases near its start."""
    url = header_fields(text).get("source", "").lower()
    for doc_type, pattern in _URL_TYPES:
        if url and re.search(pattern, url):
            return doc_type
    head = text[:3000].lower()
    # An Ofsted report's labelled front page, before "minutes" (as in "within minutes") is read.
    if re.search(r"^\s*(inspection dates?|lead inspector)\s*:", head, re.M):
        return "inspection report"
    if (
        "monitoring visit" in head
        and ("letter" in head or "dear " in head)
        and "minutes" not in head
    ):
        return "monitoring visit"
    if "focused visit" in head and "dear " in head:
        return "focused visit"
    if re.search(r"\bminutes\b|agenda item", head):
        return "committee minutes"
    if "cabinet" in head and (
        "report of" in head or "agenda item" in head or "purpose of report" in head
    ):
        return "cabinet report"
    if re.search(
        r"inspection dates?:|lead inspector|inspection of (children|services for children)", head
    ):
        return "inspection report"
    if re.search(r"^\s*published:|press release|news release", head, re.M):
        return "press release"
    if re.search(r"community care|the ofsted interview|podcast", head):
        return "news article"
    return "document"


def infer_authority(relative_path: Path, text: str) -> str | None:
    """The authority a document is about: from its folder name, else its most named one."""
    for part in reversed(relative_path.parts[:-1]):
        found = canonical_authority(part)
        if found:
            return found
    counts: Counter[str] = Counter()
    for start, _end, name in find_authority_spans(text[:50_000]):
        counts[name] += 3 if start < 1500 else 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


_POSTED = re.compile(
    r"(?:report\s+)?(?:published|posted(?:\s+on)?|date(?:\s+of\s+meeting)?|meeting\s+held\s+on)"
    r":?\s*(.{0,60})",
    re.I,
)
# A council committee system's page: "Meeting: 15/06/2023 - Cabinet (Item 8)" dates the minutes.
_MEETING_ON = re.compile(r"^\s*Meeting:\s*(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b", re.M)
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_YEAR_MONTH_IN_URL = re.compile(r"/((?:19|20)\d\d)/(\d\d)/")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\b(?!,?\s+(?:19|20)\d\d)")


def infer_date(relative_path: Path, text: str, doc_type: str) -> str | None:
    """Publication or meeting date, ISO (``yyyy-mm`` or ``yyyy`` when no more is known).

    From the file name, a 'published'/'posted on' line, else the text: the latest date it
    names in the year its file name or address gives (a press release states the inspection's
    dates, then is published after them), else that year alone.
    """
    from_name = parse_date(relative_path.stem.replace("-", " ").replace("_", " "))
    if from_name:
        return from_name.isoformat()
    meeting = _MEETING_ON.search(text[:3000])
    if meeting:
        day, month, year = (int(g) for g in meeting.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            pass
    for line in _POSTED.finditer(text[:3000]):
        posted = parse_date(line.group(1))
        if posted:
            return posted.isoformat()
    if doc_type in ("inspection report", "monitoring visit", "focused visit"):
        return None  # an inspection's first date is its visit, not its publication
    url = header_fields(text).get("source", "")
    in_url = _YEAR_MONTH_IN_URL.search(url)
    in_name = _YEAR_IN_NAME.findall(relative_path.stem)
    year = in_url.group(1) if in_url else (in_name[-1] if in_name else None)
    dates = all_dates(text[:3000])
    if year:
        same_year = [d for d in dates if str(d.year) == year]
        if same_year:
            return max(same_year).isoformat()
        for day, month in _DAY_MONTH.findall(text[:3000]):
            number = MONTH_NUMBERS.get(month.lower())
            if number:
                try:
                    return date(int(year), number, int(day)).isoformat()
                except ValueError:
                    continue
        return f"{year}-{in_url.group(2)}" if in_url else year
    return max(dates).isoformat() if dates else None


def infer_title(
    text: str, blocks: list[Block], doc_type: str, authority: str | None, when: str | None
) -> str:
    """A title a reader recognises; inspection reports get a uniform one."""
    titled = header_fields(text).get("title")
    if titled:
        return titled
    if doc_type == "inspection report" and authority:
        # The date is its own field: a title that repeated it read twice beside it.
        return f"Ofsted inspection of {authority} children's services"
    for block in blocks[:5]:
        candidate = text[block.start : block.end].strip()
        if 8 <= len(candidate) <= 160:
            return candidate
    return text[:100].strip() or "Untitled"


def infer_source(text: str, doc_type: str, authority: str | None) -> str | None:
    url = header_fields(text).get("source")
    if url:
        return url
    head = text[:5000]
    if "Community Care" in head:
        return "Community Care"
    if doc_type in ("inspection report", "monitoring visit", "focused visit"):
        return "Ofsted"
    if authority and doc_type in ("committee minutes", "cabinet report", "press release"):
        return f"{authority} Council"
    return None


def build_meta(path: Path, relative_path: Path, text: str, blocks: list[Block]) -> DocumentMeta:
    """Metadata for one document: inferred, then overridden field by field by its sidecar."""
    sidecar = read_sidecar(path)
    doc_type = sidecar.get("doc_type") or infer_doc_type(text)
    authority = sidecar.get("authority") or infer_authority(relative_path, text)
    if authority:
        authority = canonical_authority(authority) or authority
    when = sidecar.get("date") or infer_date(relative_path, text, doc_type)
    return DocumentMeta(
        doc_id=doc_id_for(relative_path),
        title=sidecar.get("title") or infer_title(text, blocks, doc_type, authority, when),
        authority=authority,
        date=when,
        doc_type=doc_type,
        source=sidecar.get("source") or infer_source(text, doc_type, authority),
        path=str(relative_path),
    )
