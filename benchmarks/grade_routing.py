"""How often a grade or inspection question, in staff's many phrasings, is answered from the
judgements table (the route that cites the report's own grade line) rather than left to the
passages.

    PYTHONPATH=. .venv/bin/python benchmarks/grade_routing.py --index I

``eval/gold/routing/phrasings.jsonl``: 160 questions (grades, dates, inspectors, changes,
lists of grades) written by a helper who was shown only the published grades' table and the
report file names, never the code. Prints the share routed to the table by kind, and those that
were not.
"""

import argparse
import json
from collections import Counter
from pathlib import Path

from index.qa import QAEngine
from index.settings import REPO_ROOT, Settings

PHRASINGS = REPO_ROOT / "eval" / "gold" / "routing" / "phrasings.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="an index of the archive")
    args = parser.parse_args()
    engine = QAEngine.open(Settings(), args.index)
    routed: Counter[tuple[str, bool]] = Counter()
    missed = []
    for line in PHRASINGS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        answer = engine.ask(item["q"])
        table = "judgements" in answer.timings_ms
        routed[(item["kind"], table)] += 1
        if not table:
            missed.append(f"  [{item['kind']}] {item['q']}  ->  {answer.answer[:90]}")
    total = sum(routed.values())
    from_table = sum(n for (_, table), n in routed.items() if table)
    print(f"answered from the judgements table: {from_table}/{total}")
    for kind in sorted({k for k, _ in routed}):
        print(f"  {kind:10} {routed[kind, True]}/{routed[kind, True] + routed[kind, False]}")
    print("not from the table:")
    print("\n".join(missed))


if __name__ == "__main__":
    main()
