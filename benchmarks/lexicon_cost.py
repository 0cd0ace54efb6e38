"""Added cost of the Ofsted lexicon (issue 15): in-process search with it on and off.

    PYTHONPATH=. .venv/bin/python benchmarks/lexicon_cost.py --index /work/indexes/all

Two question sets, each searched with the lexicon on and off in turn (paired): 500 random
questions from the index (as query_latency.py draws them; few name a lexicon entry), and
the development gold questions that do (ilacs_findings.jsonl, seeds.jsonl).
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import questions_from_index

from index.qa import QAEngine
from index.retrieval.search import stages_from
from index.settings import REPO_ROOT, Settings

GOLD = ("eval/gold/ilacs_findings.jsonl", "eval/gold/seeds.jsonl")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def timed(engine: QAEngine, questions: list[str], repeats: int) -> dict[str, list[float]]:
    on, off = stages_from(engine.settings), stages_from(Settings(lexicon_weight=0))
    out: dict[str, list[float]] = {"on": [], "off": []}
    for q in questions[:20]:
        engine.search(q)
    for _ in range(repeats):
        for q in questions:
            for name, stages in (("on", on), ("off", off)):
                engine.searcher.stages = stages
                t0 = time.perf_counter()
                engine.search(q)
                out[name].append((time.perf_counter() - t0) * 1000)
    engine.searcher.stages = on
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--questions", type=int, default=500)
    args = parser.parse_args()
    engine = QAEngine.open(Settings(), args.index)
    lexicon = engine.searcher.lexicon
    drawn = questions_from_index(args.index, args.questions, 7)
    gold = [
        json.loads(line)["question"]
        for name in GOLD
        for line in (REPO_ROOT / name).read_text(encoding="utf-8").splitlines()
    ]
    named = [q for q in gold if lexicon.expand(q).names]
    for label, questions, repeats in (("random", drawn, 1), ("naming an entry", named, 5)):
        times = timed(engine, questions, repeats)
        expanded = sum(bool(lexicon.expand(q).names) for q in questions)
        print(f"{label}: {len(questions)} questions, {expanded} expanded")
        for name, values in times.items():
            print(
                f"  lexicon {name:<3} search p50 {percentile(values, 50):6.2f}  "
                f"p95 {percentile(values, 95):6.2f} ms"
            )
    t0 = time.perf_counter()
    for q in drawn:
        lexicon.expand(q)
    print(f"lexicon.expand alone: {(time.perf_counter() - t0) * 1000 / len(drawn):.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
