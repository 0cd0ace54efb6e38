"""Second stage: a learned linear ranker over the first fused passages.

The first stage fuses two rankings by rank alone (RRF), so a passage the lexical retriever
puts fourth on a single common word and one it puts fourth on every word of the question
look alike. The ranker re-scores the first ``depth`` fused passages from features both
retrievers already computed, plus how much of the question each passage and its heading
hold. Its weights are a few numbers learned from the development gold sets
(``python -m eval.train_reranker``) and live in ``index/data/reranker.json``; nothing is
learned at run time and no model is downloaded.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "data" / "reranker.json"

FEATURES = (
    "fused_rank",  # -log(1 + rank) in the fused list
    "dense_rank",  # -log(1 + rank) in the dense list (absent: ranked at the depth)
    "lexical_rank",  # the same in the lexical list
    "dense_cosine",  # the query's cosine with the passage
    "dense_gap",  # that cosine less the best among the candidates
    "lexical_share",  # BM25 score over the best BM25 score among the candidates
    "coverage",  # idf-weighted share of the question's topic words the passage holds
    "heading_coverage",  # the same for its section heading and document title alone
    "phrase_coverage",  # share of the question's adjacent word pairs the passage has adjacent
    "missing_rare",  # the rarest missing topic word's idf over the rarest topic word's
    "is_row",  # a table row (a judgement)
    "timely",  # from the time the question asks about
    "offers_kind",  # holds the kind of answer asked for (a person, a date, an amount)
    "named_source",  # from the kind of document the question names
    "named_section",  # under the report section it asks for ("What needs to improve?")
    "doc_support",  # share of the candidates from the same document
    "newest_doc",  # from the newest document among the candidates
    "doc_start",  # the opening passage of its document (a cover or a summary)
    "log_length",  # log of the passage's word count
)


@dataclass(frozen=True)
class Candidate:
    """What the first stage knows about one fused passage."""

    row: int
    fused_rank: int
    dense_rank: int | None
    lexical_rank: int | None
    dense_score: float | None
    lexical_score: float | None
    words: str  # stemmed words of the passage and its heading, spaced: " a b c "
    heading_words: frozenset[str]  # stemmed words of its heading and document title
    kind: str
    timely: bool
    offers_kind: bool
    named_source: bool
    named_section: bool
    doc_id: str
    date: str
    start: int
    length: int


def feature_matrix(
    candidates: list[Candidate],
    idf: dict[str, float],
    pairs: set[str],
    depth: int,
) -> np.ndarray:
    """One row of ``FEATURES`` per candidate; ``idf`` weighs the question's topic words and
    ``pairs`` are its adjacent topic words, spaced as ``Candidate.words`` is (" a b ")."""
    n = len(candidates)
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float64)
    dense = [c.dense_score for c in candidates if c.dense_score is not None]
    best_dense = max(dense) if dense else 0.0
    floor_dense = min(dense) if dense else 0.0
    best_lexical = max((c.lexical_score or 0.0 for c in candidates), default=0.0) or 1.0
    total = sum(idf.values())
    docs: dict[str, int] = {}
    for c in candidates:
        docs[c.doc_id] = docs.get(c.doc_id, 0) + 1
    newest = max(c.date for c in candidates)
    missing_rank = -math.log(1 + 2 * depth)
    spaced = {t: f" {t} " for t in idf}
    rows = []
    for c in candidates:
        cosine = c.dense_score if c.dense_score is not None else floor_dense
        present = {t for t, s in spaced.items() if s in c.words}
        held = sum(v for t, v in idf.items() if t in present)
        in_heading = sum(v for t, v in idf.items() if t in c.heading_words)
        rows.append(
            (
                -math.log(1 + c.fused_rank),
                -math.log(1 + c.dense_rank) if c.dense_rank is not None else missing_rank,
                -math.log(1 + c.lexical_rank) if c.lexical_rank is not None else missing_rank,
                cosine,
                cosine - best_dense,
                (c.lexical_score or 0.0) / best_lexical,
                held / total if total else 0.0,
                in_heading / total if total else 0.0,
                sum(p in c.words for p in pairs) / len(pairs) if pairs else 0.0,
                _missing_rare(present, idf),
                c.kind == "row",
                c.timely,
                c.offers_kind,
                c.named_source,
                c.named_section,
                docs[c.doc_id] / n,
                bool(newest) and c.date == newest,
                c.start == 0,
                math.log(1 + c.length),
            )
        )
    return np.array(rows, dtype=np.float64)


def _missing_rare(words: set[str], idf: dict[str, float]) -> float:
    """The rarest missing topic word's weight over the rarest word's: a passage lacking the
    one distinctive word of the question ("LADO") scores near 1."""
    if not idf:
        return 0.0
    top = max(idf.values()) or 1.0
    missing = [v for t, v in idf.items() if t not in words]
    return max(missing, default=0.0) / top


@dataclass(frozen=True)
class Reranker:
    """A linear score over standardised features: ``((x - mean) / scale) @ weights``."""

    weights: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    trained_on: str = ""

    def scores(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.weights

    def to_json(self) -> str:
        return json.dumps(
            {
                "features": list(FEATURES),
                "weights": [round(float(w), 6) for w in self.weights],
                "mean": [round(float(m), 6) for m in self.mean],
                "scale": [round(float(s), 6) for s in self.scale],
                "trained_on": self.trained_on,
            },
            indent=1,
        )

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> "Reranker":
        data = json.loads(path.read_text())
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: its features are not this version's; retrain it")
        return cls(
            np.array(data["weights"], dtype=np.float64),
            np.array(data["mean"], dtype=np.float64),
            np.array(data["scale"], dtype=np.float64),
            data.get("trained_on", ""),
        )
