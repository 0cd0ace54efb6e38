"""Accuracy of the judgement extractor against the published grades in judgements.csv.

    python -m benchmarks.judgement_accuracy [--ilacs DIR] [--cache var/cache/ilacs-pages]
    python -m benchmarks.judgement_accuracy --reader pdfium --no-cache

Reads every report in place (page texts cached by content hash), extracts its judgements and
prints, per field, how many published values the extractor matched, then every disagreement.
Fields the CSV marks unknown (blank, data_unreadable …) are not scored; they are counted.
"""

import argparse
import csv
import re
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from benchmarks.pdf_cache import cached_pages
from index.errors import DocumentSkipped
from index.ingest.chunking import chunk_document
from index.ingest.judgements import InspectionRecord, extract
from index.ingest.metadata import build_meta
from index.ingest.pdf_text import PDF_READERS, assemble_pdf
from index.ingest.structure import TextAssembler
from index.settings import Settings
from index.types import Document

GRADE_FIELDS = {
    "overall_effectiveness_grade": "overall",
    "impact_of_leaders_grade": "leaders",
    "help_and_protection_grade": "help_and_protection",
    "in_care_grade": "in_care",
    "care_leavers_grade": "care_leavers",
}
FIELDS = [*GRADE_FIELDS, "inspection_start_date", "inspection_end_date", "inspector_name",
          "inspection_framework"]  # fmt: skip
UNKNOWN = {"", "data_unreadable", "not_reported_post_reform"}


def load(path: Path, root: Path, cache: Path | None, reader: str = "pypdf") -> Document:
    assembler = TextAssembler()
    assemble_pdf(cached_pages(path, cache, reader), assembler)
    text = assembler.text()
    meta = build_meta(path, path.relative_to(root), text, assembler.blocks)
    return Document(meta, text, assembler.blocks, assembler.page_starts)


def extracted_value(record: InspectionRecord | None, field: str) -> str:
    if record is None:
        return ""
    if field in GRADE_FIELDS:
        area = GRADE_FIELDS[field]
        if area == "care_leavers" and record.combined_care and area not in record.grades:
            return "inspection_pre_dates_judgement"  # the CSV's word for the combined area
        grade = record.grades.get(area)
        return grade.grade if grade else ""
    if field == "inspection_start_date":
        return record.start_date.value if record.start_date else ""
    if field == "inspection_end_date":
        return record.end_date.value if record.end_date else ""
    if field == "inspector_name":
        return record.lead_inspector.value if record.lead_inspector else ""
    return record.framework or ""


def published_value(row: dict[str, str], field: str) -> str:
    value = row[field].strip()
    if field.endswith("_date") and value:
        return datetime.strptime(value, "%d/%m/%Y").date().isoformat()
    return value.lower() if field in GRADE_FIELDS or field == "inspection_framework" else value


def same(field: str, ours: str, theirs: str) -> bool:
    if field == "inspector_name":
        # The CSV splits hyphenated names ("Thomson -Jones"); compare the names, not the gap.
        def name(x: str) -> list[str]:
            return re.sub(r"\s*-\s*", "-", x).casefold().split()

        return name(ours) == name(theirs)
    return ours == theirs


def main() -> int:
    settings = Settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ilacs", type=Path, default=settings.ilacs_dir)
    parser.add_argument("--cache", type=Path, default=Path("var/cache/ilacs-pages"))
    parser.add_argument("--limit", type=int, default=0, help="first N rows only (0 = all)")
    parser.add_argument("--reader", choices=PDF_READERS, default=settings.pdf_reader)
    parser.add_argument("--no-cache", action="store_true", help="read every PDF afresh")
    args = parser.parse_args()
    cache = None if args.no_cache else args.cache
    root = args.ilacs / "reports"
    rows = list(csv.DictReader((args.ilacs / "judgements.csv").open(encoding="utf-8")))
    if args.limit:
        rows = rows[: args.limit]

    scored: Counter[str] = Counter()
    right: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    unknown_found: Counter[str] = Counter()  # values we read where the CSV has none
    disagreements: list[str] = []
    skipped: list[str] = []
    t0 = time.perf_counter()
    for row in rows:
        path = root / row["local_authority"] / row["pdf_filename"]
        try:
            doc = load(path, root, cache, args.reader)
            record = extract(doc, chunk_document(doc))
        except (DocumentSkipped, OSError) as exc:
            skipped.append(f"{path.relative_to(root)}: {exc}")
            record = None
        for field in FIELDS:
            theirs = published_value(row, field)
            if theirs in UNKNOWN:
                unknown[field] += 1
                unknown_found[field] += bool(extracted_value(record, field))
                continue
            scored[field] += 1
            ours = extracted_value(record, field)
            if same(field, ours, theirs):
                right[field] += 1
            else:
                disagreements.append(
                    f"{row['local_authority']}/{row['pdf_filename']}: {field} "
                    f"extracted {ours or '—'!r}, published {theirs!r}"
                )
    seconds = time.perf_counter() - t0

    print(f"reader {args.reader}: {len(rows)} reports ({len(skipped)} unreadable)", end=" ")
    print(f"in {seconds:.1f}s\n")
    print(f"| {'field':<30} | scored | right | accuracy | not scored (we read) |")
    print(f"|{'-' * 32}|--------|-------|----------|----------------------|")
    for field in FIELDS:
        n = scored[field]
        acc = f"{100 * right[field] / n:.1f} %" if n else "—"
        not_scored = f"{unknown[field]} ({unknown_found[field]})"
        print(f"| {field:<30} | {n:>6} | {right[field]:>5} | {acc:>8} | {not_scored:>20} |")
    print(f"\n{len(disagreements)} disagreements:")
    for line in disagreements:
        print("  " + line)
    for line in skipped:
        print("  unreadable: " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
