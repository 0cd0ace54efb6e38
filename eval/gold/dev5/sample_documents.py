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

from eval.gold.draws import authority_folders_drawn, start_draw, take_latest, untouched


def main(archive_dir: Path, out: Path) -> None:
    _archive, drawn, by_authority = start_draw(archive_dir, out)
    fresh = untouched(by_authority, authority_folders_drawn(("blind", "dev2", "dev3", "dev4")))
    take_latest(drawn, by_authority, random.Random(25).sample(fresh, 12), with_previous=6)
    drawn.write()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
