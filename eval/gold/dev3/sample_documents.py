"""Draw the documents dev3's writers were given, reproducibly (seed 16), and write their stored
texts for the writers: ILACS reports of authorities neither the blind set's nor dev2's draw
touches (nor the founding documents' three), 20 at random plus every other report of 3 of
their authorities; and the 28 council documents (which the blind draw also holds).

    PYTHONPATH=. .venv/bin/python eval/gold/dev3/sample_documents.py ../shared /tmp/dev3
"""

import csv
import random
import sys
from pathlib import Path

from eval.gold.blind.sample_documents import other_reports
from eval.gold.stored_texts import stored_text

SEED = 16
REPORTS = 20
COMPARED_AUTHORITIES = 3
FOUNDING_AUTHORITIES = ("calderdale", "herefordshire", "hertfordshire")
EARLIER_DRAWS = tuple(
    Path(__file__).resolve().parent.parent / name / "documents.tsv" for name in ("blind", "dev2")
)


def draw(shared: Path) -> dict[str, list[str]]:
    """Relative paths (to ``shared``) of the drawn documents, by group."""
    left_out = set(FOUNDING_AUTHORITIES)
    for listing in EARLIER_DRAWS:
        with listing.open(encoding="utf-8") as handle:
            left_out |= {
                Path(row["source_file"]).parent.name
                for row in csv.DictReader(handle, delimiter="\t")
                if row["source_file"].startswith("ilacs/")
            }
    reports = sorted(str(p.relative_to(shared)) for p in (shared / "ilacs/reports").rglob("*.pdf"))
    pool = [r for r in reports if Path(r).parent.name not in left_out]
    rng = random.Random(SEED)
    drawn = rng.sample(pool, REPORTS)
    return {
        "reports": drawn,
        "compared": other_reports(rng, drawn, pool, COMPARED_AUTHORITIES),
        "council": sorted(
            str(p.relative_to(shared)) for p in (shared / "council").glob("[0-9]*.txt")
        ),
    }


def write_texts(shared: Path, out: Path) -> None:
    """The stored text of each drawn document in ``out``/docs, and ``out``/documents.tsv."""
    (out / "docs").mkdir(parents=True, exist_ok=True)
    rows = []
    for group, paths in draw(shared).items():
        corpus = shared / ("council" if group == "council" else "ilacs/reports")
        for rel in paths:
            text = stored_text(shared / rel, corpus)
            (out / "docs" / f"{text.doc_id}.txt").write_text(text.text, encoding="utf-8")
            rows.append((group, text.doc_id, rel, len(text.text)))
    with (out / "documents.tsv").open("w", encoding="utf-8") as handle:
        handle.write("group\tdoc_id\tsource_file\tchars\n")
        handle.writelines("\t".join(map(str, row)) + "\n" for row in rows)


if __name__ == "__main__":
    write_texts(Path(sys.argv[1]), Path(sys.argv[2]))
