"""Draw the documents the blind set's writers were given, reproducibly (seed 14).

Run once before the set was written; kept so the draw can be checked. It reads only file
names: 36 ILACS reports at random, every other report of 4 of their authorities (for
questions that compare inspections), all council documents and the founding documents.
"""

import csv
import json
import random
import sys
from pathlib import Path

from eval.gold.stored_texts import stored_text

SEED = 14
REPORTS = 36
COMPARED_AUTHORITIES = 4


def draw(shared: Path) -> dict[str, list[str]]:
    """Relative paths (to ``shared``) of the drawn documents, by group."""
    rng = random.Random(SEED)
    reports = ilacs_reports(shared)
    drawn = rng.sample(reports, REPORTS)
    return {
        "reports": drawn,
        "compared": other_reports(rng, drawn, reports, COMPARED_AUTHORITIES),
        "council": sorted(
            str(p.relative_to(shared)) for p in (shared / "council").glob("[0-9]*.txt")
        ),
        "seeds": sorted(str(p.relative_to(shared)) for p in (shared / "seeds").glob("*.txt")),
    }


def ilacs_reports(shared: Path) -> list[str]:
    """Every ILACS report's path relative to ``shared``, in a stable order."""
    return sorted(str(p.relative_to(shared)) for p in (shared / "ilacs/reports").rglob("*.pdf"))


def drawn_authorities(listing: Path) -> set[str]:
    """The authorities whose ILACS reports an earlier draw (its ``documents.tsv``) holds."""
    with listing.open(encoding="utf-8") as handle:
        return {
            Path(row["source_file"]).parent.name
            for row in csv.DictReader(handle, delimiter="\t")
            if row["source_file"].startswith("ilacs/")
        }


def write_texts(groups: dict[str, list[str]], shared: Path, out: Path) -> None:
    """The stored text of each drawn document (``groups``: paths relative to ``shared``) in
    ``out``/docs, and ``out``/documents.tsv listing them."""
    (out / "docs").mkdir(parents=True, exist_ok=True)
    rows = []
    for group, paths in groups.items():
        for rel in paths:
            top = Path(rel).parts[0]
            corpus = shared / "ilacs" / "reports" if top == "ilacs" else shared / top
            text = stored_text(shared / rel, corpus)
            (out / "docs" / f"{text.doc_id}.txt").write_text(text.text, encoding="utf-8")
            rows.append((group, text.doc_id, rel, len(text.text)))
    with (out / "documents.tsv").open("w", encoding="utf-8") as handle:
        handle.write("group\tdoc_id\tsource_file\tchars\n")
        handle.writelines("\t".join(map(str, row)) + "\n" for row in rows)


def other_reports(
    rng: random.Random, drawn: list[str], reports: list[str], authorities: int
) -> list[str]:
    """Every other report (of ``reports``) of ``authorities`` authorities, drawn with ``rng``
    among those of ``drawn`` that have more than one: for questions comparing inspections."""
    by_authority: dict[str, list[str]] = {}
    for path in reports:
        by_authority.setdefault(Path(path).parent.name, []).append(path)
    several = sorted(
        {Path(p).parent.name for p in drawn if len(by_authority[Path(p).parent.name]) > 1}
    )
    compared = rng.sample(several, authorities)
    return [p for a in compared for p in by_authority[a] if p not in drawn]


if __name__ == "__main__":
    print(json.dumps(draw(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")), indent=1))
