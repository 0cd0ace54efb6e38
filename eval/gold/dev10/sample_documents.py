"""The dev10 draw (seed 31): conversations and the founding documents. The five founding
documents and the shipped reports of their three authorities (as dev4's draw), the 28 council
documents, and the two newest reports of 12 authorities outside the blind set's draw (only
three have reports no earlier draw holds: a development set may share documents with other
development sets, never with the blind set's); plus the archive's catalogue for the writer.

    python eval/gold/dev10/sample_documents.py ARCHIVE_INDEX OUT_DIR

Writes ``OUT_DIR/docs/<doc_id>.txt``, ``OUT_DIR/documents.tsv`` and
``OUT_DIR/archive_catalogue.tsv`` (authority → its reports' publication dates).
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from eval.gold.draws import authorities_drawn, folded, start_draw, take_founding_and_council

FOUNDING_AUTHORITIES = ("calderdale", "herefordshire", "hertfordshire")


def main(archive_dir: Path, out: Path) -> None:
    archive, drawn, by_authority = start_draw(archive_dir, out)
    take_founding_and_council(archive, drawn)
    for authority in FOUNDING_AUTHORITIES:
        for doc_id in by_authority.get(authority.title(), []):
            path = archive.documents[doc_id].meta.path
            drawn.take("founding-authority reports", doc_id, f"corpus/{path}")
    authority_of = {d: doc.meta.authority or "" for d, doc in archive.documents.items()}
    blind = authorities_drawn(authority_of, ("blind",)) | set(FOUNDING_AUTHORITIES)
    outside = sorted(a for a in by_authority if folded(a) not in blind)
    for n, authority in enumerate(random.Random(31).sample(outside, 12)):
        for doc_id in by_authority[authority][-2:]:
            drawn.take("a" if n % 2 == 0 else "b", doc_id)
    drawn.write()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
