"""The dev12 draw (seed 43): dev11's rule a second time, for a second reading taken before
anything is tuned on it. Like the blind draw, the five founding documents and the 28 council
documents come WITHOUT the reports of the founding documents' three authorities; plus the
newest report of 24 authorities outside the blind set's and dev11's draws, and the report
before it for 4 of them (for comparisons); and the archive's catalogue.

    python eval/gold/dev12/sample_documents.py ARCHIVE_INDEX OUT_DIR

Writes ``OUT_DIR/docs/<doc_id>.txt``, ``OUT_DIR/documents.tsv`` and
``OUT_DIR/archive_catalogue.tsv`` (authority → its reports' publication dates).
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from eval.gold.draws import authorities_drawn, folded, start_draw, take_latest

SEED = 43
AUTHORITIES = 24
COMPARED = 4


def main(archive_dir: Path, out: Path) -> None:
    archive, drawn, by_authority = start_draw(archive_dir, out)
    for doc_id, doc in sorted(archive.documents.items()):
        path = doc.meta.path or ""
        if doc_id[:3].isdigit() and doc_id[3] == "_" and not path.startswith("council"):
            drawn.take("founding", doc_id, f"corpus/{path}")
        elif doc.meta.doc_type != "inspection report":
            drawn.take("council", doc_id, f"council/{path}")
    authority_of = {d: doc.meta.authority or "" for d, doc in archive.documents.items()}
    drawn_before = authorities_drawn(authority_of, ("blind", "dev11"))
    outside = sorted(a for a in by_authority if folded(a) not in drawn_before)
    chosen = random.Random(SEED).sample(outside, AUTHORITIES)
    take_latest(drawn, by_authority, chosen, with_previous=COMPARED)
    drawn.write()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
