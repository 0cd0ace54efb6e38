"""Draw the documents dev2's writers were given, reproducibly (seed 15), and write their stored
texts for the writers: ILACS reports of authorities the blind set's draw does not touch (nor
the founding documents' three), 24 at random plus every other report of 3 of their authorities.

    PYTHONPATH=. .venv/bin/python eval/gold/dev2/sample_documents.py ../shared /tmp/dev2
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

SEED = 15
REPORTS = 24
COMPARED_AUTHORITIES = 3
FOUNDING_AUTHORITIES = ("calderdale", "herefordshire", "hertfordshire")
BLIND_DOCUMENTS = Path(__file__).resolve().parent.parent / "blind" / "documents.tsv"


def draw(shared: Path) -> dict[str, list[str]]:
    """Relative paths (to ``shared``) of the drawn reports, by group."""
    left_out = drawn_authorities(BLIND_DOCUMENTS) | set(FOUNDING_AUTHORITIES)
    pool = [r for r in ilacs_reports(shared) if Path(r).parent.name not in left_out]
    rng = random.Random(SEED)
    drawn = rng.sample(pool, REPORTS)
    return {"reports": drawn, "compared": other_reports(rng, drawn, pool, COMPARED_AUTHORITIES)}


if __name__ == "__main__":
    shared = Path(sys.argv[1])
    write_texts(draw(shared), shared, Path(sys.argv[2]))
