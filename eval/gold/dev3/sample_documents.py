"""Draw the documents dev3's writers were given, reproducibly (seed 16), and write their stored
texts for the writers: ILACS reports of authorities neither the blind set's nor dev2's draw
touches (nor the founding documents' three), 20 at random plus every other report of 3 of
their authorities; and the 28 council documents (which the blind draw also holds).

    PYTHONPATH=. .venv/bin/python eval/gold/dev3/sample_documents.py ../shared /tmp/dev3
"""

import random
import sys
from pathlib import Path

from eval.gold.blind.sample_documents import (
    drawn_authorities,
    ilacs_reports,
    other_reports,
    write_texts,
)

SEED = 16
REPORTS = 20
COMPARED_AUTHORITIES = 3
FOUNDING_AUTHORITIES = ("calderdale", "herefordshire", "hertfordshire")
EARLIER_DRAWS = tuple(
    Path(__file__).resolve().parent.parent / name / "documents.tsv" for name in ("blind", "dev2")
)


def draw(shared: Path) -> dict[str, list[str]]:
    """Relative paths (to ``shared``) of the drawn documents, by group."""
    left_out = set(FOUNDING_AUTHORITIES).union(*map(drawn_authorities, EARLIER_DRAWS))
    pool = [r for r in ilacs_reports(shared) if Path(r).parent.name not in left_out]
    rng = random.Random(SEED)
    drawn = rng.sample(pool, REPORTS)
    return {
        "reports": drawn,
        "compared": other_reports(rng, drawn, pool, COMPARED_AUTHORITIES),
        "council": sorted(
            str(p.relative_to(shared)) for p in (shared / "council").glob("[0-9]*.txt")
        ),
    }


if __name__ == "__main__":
    shared = Path(sys.argv[1])
    write_texts(draw(shared), shared, Path(sys.argv[2]))
