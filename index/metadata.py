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

log = logging.getLogger(__name__)

DOC_TYPES = (
    "inspection report",
    "monitoring visit",
    "focused visit",
    "committee minutes",
    "cabinet report",
    "press release",
    "news article",
    "document",
)
SIDECAR_SUFFIX = ".meta.json"
_SIDECAR_FIELDS = ("title", "authority", "date", "doc_type", "source")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ]
    )
    for m in names.split()
}
_DATE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9}),?\s+(?P<year>(?:19|20)\d{2})\b"
)


def parse_date(text: str) -> date | None:
    """The first ``12 November 2018``-style date in ``text``."""
    for match in _DATE.finditer(text):
        month = _MONTHS.get(match.group("month").lower())
        if month:
            try:
                return date(int(match.group("year")), month, int(match.group("day")))
            except ValueError:
                continue
    return None


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


def infer_doc_type(text: str) -> str:
    """The kind of document, from tell-tale phrases near its start."""
    head = text[:3000].lower()
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


def infer_date(relative_path: Path, text: str, doc_type: str) -> str | None:
    """Publication or meeting date: from the file name, a 'published' line, else the text."""
    from_name = parse_date(relative_path.stem.replace("-", " ").replace("_", " "))
    if from_name:
        return from_name.isoformat()
    published = re.search(r"(?:report\s+)?published:?\s*(.{0,40})", text[:3000], re.I)
    if published and parse_date(published.group(1)):
        return parse_date(published.group(1)).isoformat()  # type: ignore[union-attr]
    if doc_type in ("inspection report", "monitoring visit", "focused visit"):
        return None  # an inspection's first date is its visit, not its publication
    found = parse_date(text[:2000])
    return found.isoformat() if found else None


def infer_title(
    text: str, blocks: list[Block], doc_type: str, authority: str | None, when: str | None
) -> str:
    """A title a reader recognises; inspection reports get a uniform one."""
    if doc_type == "inspection report" and authority:
        return f"Ofsted inspection of {authority} children's services" + (
            f" ({when})" if when else ""
        )
    for block in blocks[:5]:
        candidate = text[block.start : block.end].strip()
        if 8 <= len(candidate) <= 160:
            return candidate
    return text[:100].strip() or "Untitled"


def infer_source(text: str, doc_type: str, authority: str | None) -> str | None:
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
