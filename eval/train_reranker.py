"""Fit the learned second stage (``index/retrieval/rerank.py``) on development gold sets.

    python -m eval.train_reranker --index I --gold eval/gold/dev2/dev2.jsonl \\
        --gold eval/gold/ilacs.jsonl --gold eval/gold/seeds.jsonl [--output PATH]

Pairwise logistic regression (each passage holding the evidence against each that does not,
among the first ``rerank_depth`` fused passages), every gold set weighing the same and every
question the same within its set, an L2 penalty, solved by Newton's method. ``--test`` sets
are scored and not trained on. Never pass the blind set: it is measured, not learned from.
"""

import argparse
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eval.goldset import GoldQuestion, load_gold
from eval.metrics import Retrieved, is_hit
from eval.runner import EngineBackend, prepare
from index.qa import QAEngine
from index.retrieval.rerank import DEFAULT_MODEL, FEATURES, Reranker
from index.settings import Settings
from index.understanding.question import parse_question

log = logging.getLogger(__name__)


@dataclass
class Example:
    """One question's candidates: features, which hold the evidence, and the set's weight."""

    x: np.ndarray
    relevant: np.ndarray
    weight: float


def examples(engine: QAEngine, questions: list[GoldQuestion], weight: float) -> list[Example]:
    out = []
    for q in questions:
        if not q.answerable or not q.evidence:
            continue
        # The query the engine searches with: a follow-up resolved against its history.
        resolved = parse_question(q.question, q.history or None).query
        first, x = engine.ranker_inputs(resolved)
        head = engine.searcher.head(first)
        relevant = np.array(
            [
                any(
                    is_hit(Retrieved(h.passage.doc_id, h.passage.start, h.passage.end, None, ""), e)
                    for e in q.evidence
                )
                for h in head
            ],
            dtype=bool,
        )
        out.append(Example(x, relevant, weight))
    return out


def fit(train: list[Example], l2: float, iterations: int = 30) -> Reranker:
    rows = np.vstack([e.x for e in train])
    mean = rows.mean(0)
    scale = rows.std(0)
    scale[scale < 1e-9] = 1.0
    diffs, weights = [], []
    for e in train:
        pos, neg = np.flatnonzero(e.relevant), np.flatnonzero(~e.relevant)
        if len(pos) == 0 or len(neg) == 0:
            continue
        z = (e.x - mean) / scale
        d = (z[pos][:, None, :] - z[neg][None, :, :]).reshape(-1, z.shape[1])
        diffs.append(d)
        weights.append(np.full(len(d), e.weight / len(d)))
    d = np.vstack(diffs)
    w = np.concatenate(weights)
    w = w / w.sum() * len(train)
    beta = np.zeros(d.shape[1])
    for _ in range(iterations):  # Newton's method on the convex pairwise logistic loss
        p = 1 / (1 + np.exp(-(d @ beta)))
        grad = d.T @ (w * (p - 1)) + l2 * beta
        hess = (d * (w * p * (1 - p))[:, None]).T @ d + l2 * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return Reranker(beta, mean, scale)


def ranks(examples_: list[Example], model: Reranker | None) -> dict[str, float]:
    """hit@1, hit@5 and MRR@10 of the candidates as first fused and as ``model`` reorders."""
    firsts = []
    for e in examples_:
        order = np.arange(len(e.x))
        if model is not None:
            order = np.argsort(-model.scores(e.x), kind="stable")
        hits = np.flatnonzero(e.relevant[order])
        firsts.append(int(hits[0]) + 1 if len(hits) else None)
    n = max(len(firsts), 1)
    return {
        "hit@1": sum(f == 1 for f in firsts) / n,
        "hit@5": sum(f is not None and f <= 5 for f in firsts) / n,
        "mrr@10": sum(1 / f for f in firsts if f and f <= 10) / n,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--gold", type=Path, action="append", default=[], help="train on")
    parser.add_argument("--test", type=Path, action="append", default=[], help="score only")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--depth", type=int, default=None, help="fused passages re-scored")
    parser.add_argument("--output", type=Path, default=None, help=f"e.g. {DEFAULT_MODEL}")
    args = parser.parse_args(argv)
    if any("blind" in p.parts for p in args.gold):
        parser.error("the blind set is measured, never trained on")
    logging.basicConfig(level=logging.WARNING)
    settings = Settings(index_dir=args.index, reranker="off")
    if args.depth:
        settings = settings.model_copy(update={"rerank_depth": args.depth})
    engine = QAEngine.open(settings, args.index)
    backend = EngineBackend(engine)

    def load(path: Path) -> list[Example]:
        questions = load_gold([path])
        for problem in prepare(questions, backend):
            log.warning("%s: %s", path, problem)
        return examples(engine, questions, 1.0)

    train = {path: load(path) for path in args.gold}
    test = {path: load(path) for path in args.test}
    model = fit([e for ex in train.values() for e in ex], args.l2)
    names = ", ".join(p.name for p in args.gold)
    model = Reranker(model.weights, model.mean, model.scale, f"{names}; l2={args.l2}")
    for label, sets in (("train", train), ("test", test)):
        for path, ex in sets.items():
            before, after = ranks(ex, None), ranks(ex, model)
            print(
                f"{label:5} {path.name:16} n={len(ex):4} "
                + "  ".join(f"{k} {before[k]:.3f} → {after[k]:.3f}" for k in before)
            )
    for name, weight in sorted(zip(FEATURES, model.weights, strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:18} {weight:+.3f}")
    if args.output:
        args.output.write_text(model.to_json() + "\n")
        print(f"weights: {args.output}")


if __name__ == "__main__":
    main()
