"""Draw the documents dev2's writers were given, reproducibly (seed 15), and write their stored
texts for the writers: ILACS reports of authorities the blind set's draw does not touch (nor
the founding documents' three), 24 at random plus every other report of 3 of their authorities.

    PYTHONPATH=. .venv/bin/python eval/gold/dev2/sample_documents.py ../shared /tmp/dev2
"""

import csv
import random
import sys
from pathlib import Path

from eval.gold.blind.sample_documents import other_reports
from eval.gold.stored_texts import stored_text

SEED = 15
REPORTS = 24
COMPARED_AUTHORITIES = 3
FOUNDING_AUTHORITIES = ("calderdale", "herefordshire", "hertfordshire")
BLIND_DOCUMENTS = Path(__file__).resolve().parent.parent / "blind" / "documents.tsv"


def draw(shared: Path) -> dict[str, list[str]]:
    """Relative paths (to ``shared``) of the drawn reports, by group."""
    with BLIND_DOCUMENTS.open(encoding="utf-8") as handle:
        blind = {row["source_file"] for row in csv.DictReader(handle, delimiter="\t")}
    left_out = {Path(p).parent.name for p in blind if p.startswith("ilacs/")}
    left_out |= set(FOUNDING_AUTHORITIES)
    reports = sorted(str(p.relative_to(shared)) for p in (shared / "ilacs/reports").rglob("*.pdf"))
    pool = [r for r in reports if Path(r).parent.name not in left_out]
    rng = random.Random(SEED)
    drawn = rng.sample(pool, REPORTS)
    return {"reports": drawn, "compared": other_reports(rng, drawn, pool, COMPARED_AUTHORITIES)}


def write_texts(shared: Path, out: Path) -> None:
    """The stored text of each drawn report in ``out``/docs, and ``out``/documents.tsv."""
    (out / "docs").mkdir(parents=True, exist_ok=True)
    rows = []
    for group, paths in draw(shared).items():
        for rel in paths:
            text = stored_text(shared / rel, shared / "ilacs/reports")
            (out / "docs" / f"{text.doc_id}.txt").write_text(text.text, encoding="utf-8")
            rows.append((group, text.doc_id, rel, len(text.text)))
    with (out / "documents.tsv").open("w", encoding="utf-8") as handle:
        handle.write("group\tdoc_id\tsource_file\tchars\n")
        handle.writelines("\t".join(map(str, row)) + "\n" for row in rows)


if __name__ == "__main__":
    write_texts(Path(sys.argv[1]), Path(sys.argv[2]))
