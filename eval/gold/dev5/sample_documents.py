"""The dev5 draw: 12 authorities no other draw touches (seed 25), each's latest report, and the
report before it for the first six (comparisons), plus the archive's catalogue for the writers.

    python eval/gold/dev5/sample_documents.py ARCHIVE_INDEX OUT_DIR

Writes ``OUT_DIR/docs/<doc_id>.txt``, ``OUT_DIR/documents.tsv`` and
``OUT_DIR/archive_catalogue.tsv`` (authority → its reports' publication dates).
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from eval.gold.draws import (
    Drawn,
    authority_folders_drawn,
    open_archive,
    reports_by_authority,
    write_catalogue,
)


def main(archive_dir: Path, out: Path) -> None:
    archive = open_archive(archive_dir)
    drawn = Drawn(archive, out)
    used = authority_folders_drawn(("blind", "dev2", "dev3", "dev4"))
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
