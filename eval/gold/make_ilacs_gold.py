"""Build eval/gold/ilacs.jsonl: grade, inspector and date questions from judgements.csv,
merged with the hand-written questions that live beside it.

Every generated question carries as evidence the span of the report's *stored* text (the
project's own loader, doc_id as an index of ``<ilacs>/reports`` assigns it) that states the
answer: a judgement-table row, the lead-inspector line or the inspection-dates line. A row
whose grade the stored text does not confirm is left out rather than guessed.

    python -m eval.gold.make_ilacs_gold [--ilacs DIR] [--out FILE]

Hand-written questions (``ilacs_findings.jsonl``, ``ilacs_unanswerable.jsonl``) are copied
in unchanged, so regenerating never loses them. Choices are deterministic: the same CSV and
the same stored texts give the same file.
"""

import argparse
import csv
import hashlib
import json
import logging
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from eval.gold.stored_texts import DEFAULT_CACHE, stored_text
from index.errors import DocumentSkipped
from index.gazetteer import AUTHORITIES, canonical_authority
from index.ingest.metadata import parse_date
from index.settings import Settings

log = logging.getLogger("make_ilacs_gold")

HERE = Path(__file__).parent
# Herefordshire is not Hertfordshire: questions naming either are tagged so a runner can
# report namesake traps on their own.
NAMESAKES = {"Herefordshire", "Hertfordshire"}
HAND_WRITTEN = ("ilacs_findings.jsonl", "ilacs_unanswerable.jsonl")
GRADES = ("outstanding", "good", "requires improvement", "inadequate")
GRADE_AREAS = ("overall", "help_protection", "in_care", "care_leavers", "leaders")
_CSV_COLUMN = {
    "overall": "overall_effectiveness_grade",
    "help_protection": "help_and_protection_grade",
    "in_care": "in_care_grade",
    "care_leavers": "care_leavers_grade",
    "leaders": "impact_of_leaders_grade",
}
_AREA_TEXT = {
    "overall": r"Overall\s+effectiveness",
    "help_protection": r"The\s+experiences\s+and\s+progress\s+of\s+children\s+who\s+need\s+help"
    r"\s+and\s+protection",
    "in_care": r"The\s+experiences\s+and\s+progress\s+of\s+children\s+in\s+care"
    r"(?:\s+and\s+care\s+leavers)?",
    "care_leavers": r"The\s+experiences\s+and\s+progress\s+of\s+care\s+leavers",
    "leaders": r"The\s+impact\s+of\s+leaders\s+on\s+social\s+work\s+practice\s+with\s+children"
    r"\s+and\s+families",
}
_GRADE_TEXT = r"(?:requires\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate)"

# Several phrasings per kind, picked by a hash of the question's identity. {a} is the
# authority, {a_s} its possessive, {q} the qualifier naming which inspection.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "overall": (
        "What was {a_s} overall effectiveness grade{q}?",
        "How did Ofsted rate {a_s} children's services overall{q}?",
        "What overall judgement did Ofsted give {a} children's services{q}?",
    ),
    "help_protection": (
        "How did Ofsted judge {a} for children who need help and protection{q}?",
        "What grade did {a} get for help and protection{q}?",
        "How were the experiences and progress of children who need help and protection in "
        "{a} judged{q}?",
    ),
    "in_care": (
        "How did Ofsted judge {a} for children in care{q}?",
        "What grade did {a} receive for the experiences and progress of children in care{q}?",
        "How were services for children in care in {a} rated by Ofsted{q}?",
    ),
    "care_leavers": (
        "How did Ofsted judge {a} for care leavers{q}?",
        "What was {a_s} grade for care leavers{q}?",
        "How were {a_s} services for care leavers rated{q}?",
    ),
    "leaders": (
        "How did Ofsted judge the impact of leaders in {a}{q}?",
        "What grade did {a_s} leaders get for their impact on social work practice{q}?",
        "How effective was the leadership of {a} children's services judged to be{q}?",
    ),
    "inspector": (
        "Who led the inspection of {a_s} children's services{q}?",
        "Who was the lead inspector for {a}{q}?",
        "Which inspector led Ofsted's inspection of {a}{q}?",
    ),
}
# Date questions read badly with a bolted-on qualifier, so they have their own wording for
# an authority's only report, its latest one, and an earlier one named by year.
DATE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "only": (
        "When did Ofsted inspect {a_s} children's services?",
        "What were the inspection dates for {a}?",
        "On what dates was the Ofsted inspection of {a} carried out?",
    ),
    "latest": (
        "When did Ofsted last inspect {a_s} children's services?",
        "What were the dates of {a_s} most recent children's services inspection?",
        "When was {a_s} latest children's services inspection carried out?",
    ),
    "year": (
        "When in {y} did Ofsted inspect {a_s} children's services?",
        "What were the dates of {a_s} {y} children's services inspection?",
        "On what dates in {y} was {a} inspected by Ofsted?",
    ),
}
QUALIFIERS_LATEST = (
    " in its latest inspection",
    " at the most recent inspection",
    " most recently",
)
QUALIFIERS_YEAR = (" in {y}", " in the {y} inspection", " when inspected in {y}")

# Unanswerable: authorities with no report, asked the way answerable ones are.
NO_REPORT_TEMPLATES = (
    "What was {a_s} overall effectiveness grade?",
    "How did Ofsted judge {a} for care leavers?",
    "Who led the inspection of {a_s} children's services?",
    "What did Ofsted say about children in care in {a}?",
    "How did Ofsted judge {a} for children who need help and protection?",
)


@dataclass(frozen=True)
class Report:
    """One inspection report: its CSV row (when it has one) and its place in the corpus."""

    folder: str
    authority: str
    path: Path
    published: date
    row: dict[str, str] | None


def _pick(options: tuple[str, ...], *key: str) -> str:
    digest = hashlib.sha1("|".join(key).encode()).digest()
    return options[digest[0] % len(options)]


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _csv_date(value: str) -> date | None:
    for fmt in ("%d/%m/%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def normalise_grade(value: str) -> str | None:
    value = re.sub(r"\s+", " ", value.strip().lower())
    if value.startswith("requires improvement"):
        return "requires improvement"
    return value if value in GRADES else None


def load_reports(ilacs_dir: Path) -> dict[str, list[Report]]:
    """Every PDF per authority folder, oldest first, joined to its judgements.csv row."""
    rows: dict[tuple[str, str], dict[str, str]] = {}
    with (ilacs_dir / "judgements.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rows[(row["local_authority"], row["pdf_filename"])] = row
    out: dict[str, list[Report]] = {}
    for folder in sorted(p for p in (ilacs_dir / "reports").iterdir() if p.is_dir()):
        reports = []
        for pdf in sorted(folder.glob("*.pdf")):
            row = rows.get((folder.name, pdf.name))
            published = (row and _csv_date(row["publication_date"])) or parse_date(
                pdf.stem.replace("-", " ")
            )
            if published is None:
                log.warning("no date for %s; left out", pdf)
                continue
            authority = canonical_authority(folder.name) or folder.name.title()
            reports.append(Report(folder.name, authority, pdf, published, row))
        out[folder.name] = sorted(reports, key=lambda r: r.published)
    return out


def inspection_year(report: Report) -> int:
    start = report.row and _csv_date(report.row["inspection_start_date"])
    return (start or report.published).year


def find_grade_row(text: str, area: str, grade: str) -> str | None:
    """The judgement-table row (or the section heading) stating ``grade`` for ``area``."""
    area_re = _AREA_TEXT[area]
    row = re.search(rf"Judgement:\s+{area_re}\.?\s+\|\s+Grade:\s+(?P<g>{_GRADE_TEXT})", text, re.I)
    if row is None and area != "overall":
        row = re.search(rf"^{area_re}:\s+(?P<g>{_GRADE_TEXT})\.?\s*$", text, re.I | re.M)
    if row is None or normalise_grade(row.group("g")) != grade:
        return None
    return row.group(0)


def find_inspector(text: str, name: str) -> str | None:
    """The 'Lead inspector: Name' span, when the stored text names the CSV's inspector."""
    surname = name.split()[-1]
    found = re.search(
        r"Lead\s+inspector:?\s+(?P<n>[^,\n]{3,60}?)(?=,|\s+Her\b|\s+His\b|\n|$)", text
    )
    if found is None or surname.lower() not in found.group("n").lower():
        return None
    return found.group(0).strip()


def find_dates(text: str, start: date, end: date) -> tuple[str, list[str]] | None:
    """The 'Inspection dates: …' span and the date parts an answer must repeat."""
    found = re.search(
        r"Inspection\s+dates?:?\s+[^\n]{0,60}?\b(?:to|and)\b[^\n]{0,30}?(?:19|20)\d\d", text
    )
    if found is None:
        return None
    quote = found.group(0)
    end_words = f"{end.day} {end.strftime('%B')}"
    start_words = f"{start.day} {start.strftime('%B')}"
    flat = re.sub(r"\s+", " ", quote)
    if end_words not in flat or str(end.year) not in flat:
        return None
    terms = [end_words, str(end.year)]
    if start_words in flat and start_words != end_words:
        terms.insert(0, start_words)
    return quote, terms


def _year_label(report: Report, reports: list[Report]) -> str:
    """The inspection year, or month and year of publication when the year is ambiguous."""
    year = inspection_year(report)
    if any(r is not report and inspection_year(r) == year for r in reports):
        return f"{report.published.strftime('%B')} {report.published.year}"
    return str(year)


def _qualifier(report: Report, reports: list[Report], kind: str) -> str:
    if len(reports) == 1:
        return ""
    if report is reports[-1]:
        return _pick(QUALIFIERS_LATEST, report.path.name, kind, "q")
    return _pick(QUALIFIERS_YEAR, report.path.name, kind, "q").format(
        y=_year_label(report, reports)
    )


def _question(report: Report, reports: list[Report], kind: str, doc_id: str) -> str:
    names = {"a": report.authority, "a_s": possessive(report.authority)}
    if kind == "dates":
        when = "only" if len(reports) == 1 else "latest" if report is reports[-1] else "year"
        template = _pick(DATE_TEMPLATES[when], doc_id, kind)
        return template.format(y=_year_label(report, reports), **names)
    template = _pick(TEMPLATES[kind], doc_id, kind)
    return template.format(q=_qualifier(report, reports, kind), **names)


def _candidates(report: Report, text: str) -> dict[str, tuple[list[dict], list[str], dict]]:
    """kind → (evidence, key_terms, extra fields) for every fact this report's row states."""
    row = report.row or {}
    found: dict[str, tuple[list[dict], list[str], dict]] = {}
    for area in GRADE_AREAS:
        grade = normalise_grade(row.get(_CSV_COLUMN[area], ""))
        if grade is None:
            continue
        quote = find_grade_row(text, area, grade)
        if quote is None:
            log.info("%s: %s grade %r not found in stored text", report.path, area, grade)
            continue
        found[area] = ([{"quote": quote}], [grade], {"expected_grade": grade})
    name = row.get("inspector_name", "").strip()
    if name:
        quote = find_inspector(text, name)
        if quote:
            found["inspector"] = ([{"quote": quote}], [name.split()[-1]], {})
    start, end = (
        _csv_date(row.get("inspection_start_date", "")),
        _csv_date(row.get("inspection_end_date", "")),
    )
    if start and end:
        dates = find_dates(text, start, end)
        if dates:
            found["dates"] = ([{"quote": dates[0]}], dates[1], {})
    return found


def grade_questions(ilacs_dir: Path, cache_dir: Path | None = None) -> list[dict]:
    """Two questions on each authority's latest report, one on each earlier graded report."""
    corpus = ilacs_dir / "reports"
    out = []
    for reports in load_reports(ilacs_dir).values():
        for report in reports:
            if report.row is None:
                continue
            try:
                stored = stored_text(report.path, corpus, cache_dir or DEFAULT_CACHE)
            except DocumentSkipped as exc:
                log.info("%s skipped by the loader: %s", report.path, exc)
                continue
            candidates = _candidates(report, stored.text)
            if not candidates:
                continue
            kinds = sorted(candidates)
            start = hashlib.sha1(stored.doc_id.encode()).digest()[0] % len(kinds)
            wanted = 2 if report is reports[-1] else 1
            chosen = [kinds[(start + 3 * i) % len(kinds)] for i in range(wanted)]
            for kind in dict.fromkeys(chosen):
                evidence, terms, extra = candidates[kind]
                if kind in GRADE_AREAS:
                    extra = {"area": kind, **extra}
                question = _question(report, reports, kind, stored.doc_id)
                out.append(
                    {
                        "id": f"ilacs-{kind.replace('_', '-')}-{stored.doc_id}",
                        "question": question,
                        "answerable": True,
                        "evidence": [{"doc_id": stored.doc_id, **e} for e in evidence],
                        "key_terms": terms,
                        "kind": kind if kind in ("inspector", "dates") else "grade",
                        **extra,
                    }
                )
    return out


def no_report_questions(ilacs_dir: Path) -> list[dict]:
    """Questions about gazetteer authorities that have no report in the archive."""
    present = {canonical_authority(p.name) for p in (ilacs_dir / "reports").iterdir()}
    # Former counties and merged councils still in the gazetteer are left out: a report on
    # their successor could fairly answer them.
    merged = {"Northamptonshire", "Cumbria", "Bournemouth", "Poole"}
    missing = sorted(a for a in AUTHORITIES if a not in present and a not in merged)
    out = []
    for i, name in enumerate(missing):
        template = NO_REPORT_TEMPLATES[i % len(NO_REPORT_TEMPLATES)]
        out.append(
            {
                "id": f"ilacs-no-report-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}",
                "question": template.format(a=name, a_s=possessive(name)),
                "answerable": False,
                "evidence": [],
                "key_terms": [],
                "kind": "unanswerable",
            }
        )
    return out


def hand_written() -> list[dict]:
    out = []
    for name in HAND_WRITTEN:
        path = HERE / name
        if path.is_file():
            out.extend(
                json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ilacs", type=Path, default=Settings().ilacs_dir)
    parser.add_argument("--out", type=Path, default=HERE / "ilacs.jsonl")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    if not (args.ilacs / "judgements.csv").is_file():
        print(f"no judgements.csv under {args.ilacs}", file=sys.stderr)
        return 2
    questions = grade_questions(args.ilacs)
    questions += no_report_questions(args.ilacs)
    questions += hand_written()
    for q in questions:
        if NAMESAKES & set(re.findall(r"\w+", q["question"])):
            q.setdefault("tags", ["namesake"])
    ids = Counter(q["id"] for q in questions)
    if dupes := [i for i, n in ids.items() if n > 1]:
        print(f"duplicate ids: {dupes}", file=sys.stderr)
        return 1
    with args.out.open("w", encoding="utf-8") as fh:
        for q in questions:
            fh.write(json.dumps(q, ensure_ascii=False) + "\n")
    by_kind = Counter(q.get("kind", "?") for q in questions)
    authorities: set[str] = set()
    per_area: defaultdict[str, int] = defaultdict(int)
    for q in questions:
        if q.get("area"):
            per_area[q["area"]] += 1
        for e in q["evidence"]:
            authorities.add(e["doc_id"].split("-children-s-services")[0])
    print(f"wrote {len(questions)} questions to {args.out}")
    print("by kind:", dict(sorted(by_kind.items())))
    print("grade questions by area:", dict(sorted(per_area.items())))
    print(f"authorities with evidence: {len(authorities)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
