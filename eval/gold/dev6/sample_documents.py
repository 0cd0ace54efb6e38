"""The dev6 draw (seed 26): the 28 council documents and the 5 founding documents, with each
one's authority's latest report, and 10 authorities no other draw touches (latest report, and
the one before it for the first five), plus the archive's catalogue for the writers.

    python eval/gold/dev6/sample_documents.py ARCHIVE_INDEX OUT_DIR

Writes ``OUT_DIR/docs/<doc_id>.txt``, ``OUT_DIR/documents.tsv`` and
``OUT_DIR/archive_catalogue.tsv`` (authority → its reports' publication dates).
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from eval.gold.draws import authority_folders_drawn, start_draw, take_latest, untouched


def main(archive_dir: Path, out: Path) -> None:
    archive, drawn, by_authority = start_draw(archive_dir, out)
    for doc_id, doc in sorted(archive.documents.items()):
        if doc.meta.path.endswith(".txt") and doc.meta.path[:2].isdigit():
            drawn.take("council", doc_id, f"council/{doc.meta.path}")
    for doc_id in [r[1] for r in drawn.rows if r[0] == "council"]:
        authority = archive.documents[doc_id].meta.authority
        if authority in by_authority:
            drawn.take("council-authority", by_authority[authority][-1])
    used = authority_folders_drawn(("blind", "dev2", "dev3", "dev4", "dev5")) | {
        (archive.documents[r[1]].meta.authority or "").lower() for r in drawn.rows
    }
    fresh = untouched(by_authority, used)
    take_latest(drawn, by_authority, random.Random(26).sample(fresh, 10), with_previous=5)
    drawn.write()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
