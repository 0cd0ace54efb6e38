"""Helpers shared by the Ray tests: comparing two indexes as a user of them would."""

from pathlib import Path

import numpy as np
import pytest

from index.qa import QAEngine
from index.retrieval.store import load_index
from index.settings import Settings

ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install -e .[ray]")

# Questions whose answers the foundation's tests already pin down.
SEED_QUESTIONS = (
    "What did Ofsted say about care leavers in Calderdale?",
    "How did Ofsted judge children's services in Herefordshire?",
    "How did Ofsted judge children's services in Hertfordshire?",
    "What did inspectors say about family safeguarding teams in Hertfordshire?",
    "Who is the owner of the action to seek foster carers' views in Hertfordshire?",
)


def assert_same_index(
    expected_dir: Path, actual_dir: Path, settings: Settings, questions=SEED_QUESTIONS
) -> None:
    """Same passages in the same order, same manifest, same vectors, same top citation.

    fp32 vectors agree within 1e-4. int8 ones (issue 16) depend slightly on the batch a text
    was encoded in, since dynamic quantisation scales activations per batch and Ray batches
    differently (shipped corpus, sorted vs unsorted batches: cosine mean 0.994, min 0.983):
    there the vectors must keep a mean cosine of 0.99, each at least 0.97."""
    expected = load_index(expected_dir, settings.model_name)
    actual = load_index(actual_dir, settings.model_name)
    assert [p.passage_id for p in actual.passages] == [p.passage_id for p in expected.passages]
    assert [(p.start, p.end) for p in actual.passages] == [
        (p.start, p.end) for p in expected.passages
    ]
    for field in ("passage_count", "document_count", "corpus_fingerprint", "model_name"):
        assert getattr(actual.manifest, field) == getattr(expected.manifest, field), field
    assert actual.manifest.dimension == expected.manifest.dimension
    assert actual.manifest.encoder_precision == expected.manifest.encoder_precision
    if expected.manifest.encoder_precision == "int8":
        cosines = np.sum(actual.vectors * expected.vectors, axis=1)
        assert cosines.mean() > 0.99 and cosines.min() > 0.97
    else:
        assert np.abs(actual.vectors - expected.vectors).max() < 1e-4
    a, b = QAEngine.open(settings, expected_dir), QAEngine.open(settings, actual_dir)
    for question in questions:
        first, second = a.ask(question), b.ask(question)
        assert first.abstained == second.abstained, question
        top = [c.passage_id for c in first.citations[:1]]
        assert [c.passage_id for c in second.citations[:1]] == top, question
