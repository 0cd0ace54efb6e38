"""Draw the documents the blind set's writers were given, reproducibly (seed 14).

Run once before the set was written; kept so the draw can be checked. It reads only file
names: 36 ILACS reports at random, every other report of 4 of their authorities (for
questions that compare inspections), all council documents and the founding documents.
"""

import json
import random
import sys
from pathlib import Path

SEED = 14
REPORTS = 36
COMPARED_AUTHORITIES = 4


def draw(shared: Path) -> dict[str, list[str]]:
    """Relative paths (to ``shared``) of the drawn documents, by group."""
    rng = random.Random(SEED)
    reports = sorted(str(p.relative_to(shared)) for p in (shared / "ilacs/reports").rglob("*.pdf"))
    drawn = rng.sample(reports, REPORTS)
    return {
        "reports": drawn,
        "compared": other_reports(rng, drawn, reports, COMPARED_AUTHORITIES),
        "council": sorted(
            str(p.relative_to(shared)) for p in (shared / "council").glob("[0-9]*.txt")
        ),
        "seeds": sorted(str(p.relative_to(shared)) for p in (shared / "seeds").glob("*.txt")),
    }


def other_reports(
    rng: random.Random, drawn: list[str], reports: list[str], authorities: int
) -> list[str]:
    """Every other report (of ``reports``) of ``authorities`` authorities, drawn with ``rng``
    among those of ``drawn`` that have more than one: for questions comparing inspections."""
    by_authority: dict[str, list[str]] = {}
    for path in reports:
        by_authority.setdefault(Path(path).parent.name, []).append(path)
    several = sorted(
        {Path(p).parent.name for p in drawn if len(by_authority[Path(p).parent.name]) > 1}
    )
    compared = rng.sample(several, authorities)
    return [p for a in compared for p in by_authority[a] if p not in drawn]


if __name__ == "__main__":
    print(json.dumps(draw(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")), indent=1))
