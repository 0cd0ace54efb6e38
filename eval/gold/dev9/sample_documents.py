"""The dev9 draw (seed 29). Every authority but three is in some earlier draw, so dev9 draws
reports no earlier draw holds, from 20 authorities outside the blind set's draw: for each, its
two newest such reports (often an older framework's: SIF, 2013–2017), split between two
writers; plus the archive's catalogue for the writers.

    python eval/gold/dev9/sample_documents.py ARCHIVE_INDEX OUT_DIR

Writes ``OUT_DIR/docs/<doc_id>.txt``, ``OUT_DIR/documents.tsv`` and
``OUT_DIR/archive_catalogue.tsv`` (authority → its reports' publication dates).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from eval.gold.draws import draw_undrawn_reports, start_draw

EARLIER_DRAWS = ("blind", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8")


def main(archive_dir: Path, out: Path) -> None:
    archive, drawn, by_authority = start_draw(archive_dir, out)
    draw_undrawn_reports(archive, drawn, by_authority, EARLIER_DRAWS, seed=29)
    drawn.write()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
