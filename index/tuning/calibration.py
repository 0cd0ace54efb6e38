"""Fit tuned weights' cosine scale (index/retrieval/cosine_scale.py) on the corpus's own text.

Pairs of text are drawn from a built index, seeded: a passage's heading and one of its
sentences, two sentences of one passage, and a sentence with one of another passage: the
range from unrelated to closely related that the answer path's thresholds sit in. Both the
packaged and the tuned weights embed them, and the tuned cosines' quantiles are matched to the
packaged ones'.
"""

import random
from collections.abc import Callable, Sequence

import numpy as np

from index.retrieval.cosine_scale import CosineScale
from index.retrieval.store import StoredIndex
from index.text import passage_sentences

# texts → their L2-normalised vectors, one row each
Encode = Callable[[Sequence[str]], np.ndarray]


def calibration_pairs(index: StoredIndex, samples: int, seed: int) -> list[tuple[str, str]]:
    """``samples`` passages' worth of (heading, sentence), (sentence, sentence of the same
    passage) and (sentence, sentence of another passage) pairs."""
    rng = random.Random(f"{seed}:calibration")
    texts = [p for p in index.passages if p.kind == "text"]
    pairs: list[tuple[str, str]] = []
    for passage in rng.sample(texts, min(samples, len(texts))):
        sentences = [passage.text[s:e] for s, e in passage_sentences(passage.text)]
        sentences = [s for s in sentences if len(s.split()) >= 5]
        if len(sentences) < 2:
            continue
        first, second = rng.sample(sentences, 2)
        other = rng.choice(texts)
        elsewhere = [other.text[s:e] for s, e in passage_sentences(other.text)]
        if passage.section:
            pairs.append((passage.section, first))
        pairs.append((first, second))
        pairs.append((first, rng.choice(elsewhere)))
    return pairs


def cosines(encode: Encode, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    left = encode([a for a, _ in pairs])
    right = encode([b for _, b in pairs])
    return np.einsum("ij,ij->i", left, right)


def fit_cosine_scale(
    packaged_encode: Encode,
    tuned_encode: Encode,
    index: StoredIndex,
    samples: int = 600,
    seed: int = 0,
) -> tuple[CosineScale, dict[str, object]]:
    """The tuned weights' map onto the packaged scale, and what it was fitted on."""
    pairs = calibration_pairs(index, samples, seed)
    if len(pairs) < 50:
        raise ValueError(f"only {len(pairs)} calibration pairs in {index.path}: too few")
    packaged = cosines(packaged_encode, pairs)
    tuned = cosines(tuned_encode, pairs)
    scale = CosineScale.matching(tuned, packaged)
    about = {
        "index_version": index.version,
        "pairs": len(pairs),
        "seed": seed,
        "packaged_median": round(float(np.median(packaged)), 4),
        "tuned_median": round(float(np.median(tuned)), 4),
    }
    return scale, about
