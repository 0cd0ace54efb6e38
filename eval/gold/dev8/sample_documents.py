"""The dev8 draw (seed 28). Every authority but three is in some earlier draw, so dev8 draws
reports no earlier draw holds, from 20 authorities outside the blind set's draw: for each, its
two newest such reports (often an older framework's: SIF, 2013–2017), split between two
writers; plus the archive's catalogue for the writers.

    python eval/gold/dev8/sample_documents.py ARCHIVE_INDEX OUT_DIR

Writes ``OUT_DIR/docs/<doc_id>.txt``, ``OUT_DIR/documents.tsv`` and
``OUT_DIR/archive_catalogue.tsv`` (authority → its reports' publication dates).
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from eval.gold.draws import (
    Drawn,
    authorities_drawn,
    documents_drawn,
    folded,
    open_archive,
    reports_by_authority,
    write_catalogue,
)

EARLIER_DRAWS = ("blind", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7")


def main(archive_dir: Path, out: Path) -> None:
    archive = open_archive(archive_dir)
    drawn = Drawn(archive, out)
    by_authority = reports_by_authority(archive)
    write_catalogue(archive, by_authority, out)
    authority_of = {d: doc.meta.authority or "" for d, doc in archive.documents.items()}
    blind = authorities_drawn(authority_of, ("blind",))
    taken = documents_drawn(EARLIER_DRAWS)
    undrawn = {a: [d for d in docs if d not in taken] for a, docs in by_authority.items()}
    fresh = sorted(a for a in by_authority if folded(a) not in blind and undrawn[a])
    chosen = random.Random(28).sample(fresh, min(20, len(fresh)))
    for n, authority in enumerate(chosen):
        for doc_id in undrawn[authority][-2:]:
            drawn.take("a" if n % 2 == 0 else "b", doc_id)
    drawn.write()
    print(f"{len(fresh)} authorities with undrawn reports outside the blind draw")
    print(f"drew {len(chosen)}: {', '.join(chosen)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
