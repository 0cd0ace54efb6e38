"""The dev5 draw: 12 authorities no other draw touches (seed 25), each's latest report, and the
report before it for the first six (comparisons), plus the archive's catalogue for the writers.

    python eval/gold/dev5/sample_documents.py ARCHIVE_INDEX OUT_DIR

Writes ``OUT_DIR/docs/<doc_id>.txt``, ``OUT_DIR/documents.tsv`` and
``OUT_DIR/archive_catalogue.tsv`` (authority → its reports' publication dates).
"""

import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from eval.gold.draws import (
    FOUNDING_AUTHORITIES,
    REPO,
    Drawn,
    open_archive,
    reports_by_authority,
    write_catalogue,
)


def drawn_elsewhere() -> set[str]:
    """Authority folders of the reports every earlier draw holds."""
    used = set(FOUNDING_AUTHORITIES)
    for name in ("blind", "dev2", "dev3", "dev4"):
        with open(REPO / "eval" / "gold" / name / "documents.tsv") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                source = row.get("source_file") or ""
                if source.startswith("ilacs/reports/"):
                    used.add(source.split("/")[2])
                elif name == "dev4" and row["group"] == "reports":
                    used.add(row["doc_id"].split("-children-s-services")[0].replace("-", " "))
    return used


def main(archive_dir: Path, out: Path) -> None:
    archive = open_archive(archive_dir)
    drawn = Drawn(archive, out)
    used = drawn_elsewhere()
    by_authority = reports_by_authority(archive)
    write_catalogue(archive, by_authority, out)
    fresh = sorted(
        a for a in by_authority if a.lower() not in used and a.lower().replace("-", " ") not in used
    )
    for n, authority in enumerate(random.Random(25).sample(fresh, 12)):
        reports = by_authority[authority]
        for doc_id in reports[-2:] if n < 6 else reports[-1:]:
            drawn.take("reports", doc_id)
    drawn.write()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
