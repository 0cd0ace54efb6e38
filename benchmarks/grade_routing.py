"""How often a grade or inspection question, in staff's many phrasings, is answered from the
judgements table (the route that cites the report's own grade line) rather than left to the
passages, and, where the phrasing says which grade is right, how often the answer says it.

    PYTHONPATH=. .venv/bin/python benchmarks/grade_routing.py --index I

Two sets, each written by a helper who never saw the code:
- ``eval/gold/routing/phrasings.jsonl``: 160 questions (grades, dates, inspectors, changes,
  lists of grades), from the published grades' table and the report file names;
- ``eval/gold/routing/sif_phrasings.jsonl``: 100 questions, mostly the older single inspection
  framework's judgements (45 on the safeguarding children board), each with the grade and the
  report's line stating it, read from the reports themselves.
Prints the share routed to the table by kind, the share naming the right grade, and the misses.
"""

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from index.qa import QAEngine
from index.settings import REPO_ROOT, Settings

SETS = (
    REPO_ROOT / "eval" / "gold" / "routing" / "phrasings.jsonl",
    REPO_ROOT / "eval" / "gold" / "routing" / "sif_phrasings.jsonl",
)


def _says_grade(answer: str, grade: str) -> bool:
    """Whether ``answer`` names ``grade`` (the first of a list; "requires improvement" also
    as the reports' "require(s) improvement to be good")."""
    first = grade.split(";")[0].split(":")[-1].strip()
    pattern = r"requires?\s+improvement" if first == "requires improvement" else re.escape(first)
    return bool(re.search(pattern, answer, re.I))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="an index of the archive")
    args = parser.parse_args()
    engine = QAEngine.open(Settings(), args.index)
    for path in SETS:
        routed: Counter[tuple[str, bool]] = Counter()
        right = graded = 0
        missed = []
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            answer = engine.ask(item["q"])
            table = "judgements" in answer.timings_ms
            kind = item.get("area") if item.get("area") == "lscb" else item["kind"]
            routed[(kind, table)] += 1
            said = _says_grade(answer.answer, item["grade"]) if "grade" in item else True
            graded += "grade" in item
            right += "grade" in item and said
            if not (table and said):
                where = "text" if not table else "wrong grade"
                missed.append(f"  [{kind}, {where}] {item['q']}  ->  {answer.answer[:90]}")
        total = sum(routed.values())
        from_table = sum(n for (_, table), n in routed.items() if table)
        print(f"{path.name}: answered from the judgements table: {from_table}/{total}")
        for kind in sorted({k for k, _ in routed}):
            print(f"  {kind:10} {routed[kind, True]}/{routed[kind, True] + routed[kind, False]}")
        if graded:
            print(f"  the answer names the right grade: {right}/{graded}")
        print("  not from the table, or not the right grade:")
        print("\n".join(missed))


if __name__ == "__main__":
    main()
