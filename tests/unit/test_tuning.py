"""Issue 15, lever 1: the encoder tuned on the corpus's own pairs is reproducible, its
weights carry a fingerprint, and an index refuses a query encoder whose weights differ."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.build import build_index
from index.errors import IndexCorrupt
from index.qa import QAEngine
from index.retrieval.embedding import load_encoder, model_fingerprint
from index.retrieval.model_files import weights_fingerprint
from index.retrieval.onnx_encoder import export_dir
from index.retrieval.store import StoredIndex
from index.settings import TUNED_ANSWER_SETTINGS, Settings
from index.tuning.pairs import Pair, heading_topic, mine_pairs
from index.tuning.train import TUNING_FILE, TuneConfig, batches, tune

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
TINY = TuneConfig(steps=3, batch_size=4, max_seq_length=32, seed=7)


@pytest.fixture(scope="module")
def pairs(engine: QAEngine) -> list[Pair]:
    return mine_pairs(engine.index, seed=7)


@pytest.fixture(scope="module")
def tuned(engine: QAEngine, pairs: list[Pair], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tuned copy of the model after three steps on a handful of the corpus's pairs."""
    out = tmp_path_factory.mktemp("models") / "tuned"
    tune(engine.index, out, TINY, MODEL, pairs=_handful(pairs))
    return out


def _handful(pairs: list[Pair]) -> list[Pair]:
    by_kind = {kind: [p for p in pairs if p.kind == kind][:4] for kind in ("cloze", "heading")}
    return by_kind["cloze"] + by_kind["heading"]


def test_pairs_are_mined_from_prose_and_never_from_template_passages(
    engine: QAEngine, pairs: list[Pair]
) -> None:
    index: StoredIndex = engine.index
    kinds = {p.kind for p in pairs}
    assert {"cloze", "heading"} <= kinds
    assert all(not index.boilerplate[p.source] for p in pairs)
    assert all(index.passages[p.source].kind == "text" for p in pairs)
    cloze = [p for p in pairs if p.kind == "cloze"]
    # Inverse cloze: the sentence is taken out of the passage it must find.
    assert cloze and all(p.anchor not in p.positive for p in cloze)
    assert mine_pairs(index, seed=7) == pairs


def test_a_judgement_heading_names_its_topic_without_the_grade() -> None:
    assert heading_topic("The experiences and progress of care leavers: good") == (
        "The experiences and progress of care leavers"
    )
    assert heading_topic("Lead inspector: A › 3. Leadership, management and governance Good") == (
        "Leadership, management and governance"
    )


def test_a_batch_never_holds_two_pairs_of_one_passage() -> None:
    import random

    pairs = [Pair(f"a{i}", f"p{i % 5}", "cloze", i % 5) for i in range(20)]
    batch = next(batches(pairs, 5, random.Random(0)))
    assert len({p.source for p in batch}) == 5


def test_a_tiny_tuning_run_writes_new_weights_with_their_fingerprint(tuned: Path) -> None:
    import json

    report = json.loads((tuned / TUNING_FILE).read_text())
    assert report["steps"] == 3 and report["fingerprint"] == weights_fingerprint(MODEL, tuned)
    assert report["fingerprint"] != weights_fingerprint(MODEL)
    base = load_encoder(MODEL, 8, "torch").encode(["Care leavers are well supported."])
    new = load_encoder(MODEL, 8, "torch", weights=tuned).encode(
        ["Care leavers are well supported."]
    )
    assert new.shape == base.shape and not np.allclose(new, base)
    assert 0.9 < float(new[0] @ base[0]) < 1.0  # three small steps move the model a little


def test_tuning_again_with_the_same_seed_gives_the_same_weights(
    engine: QAEngine, pairs: list[Pair], tuned: Path, tmp_path: Path
) -> None:
    again = tune(engine.index, tmp_path / "again", TINY, MODEL, pairs=_handful(pairs))
    assert again.fingerprint == weights_fingerprint(MODEL, tuned)


def test_the_onnx_export_of_tuned_weights_is_kept_apart_from_the_base_models(
    tuned: Path, tmp_path: Path
) -> None:
    assert export_dir(tmp_path, MODEL, tuned) != export_dir(tmp_path, MODEL)


def test_an_index_built_with_tuned_weights_is_queried_with_them_or_refused(
    tuned: Path, tmp_path: Path, settings: Settings, built_index: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text(
        "Care leavers in Sometown are supported well by their personal advisers, who keep in "
        "touch with them and help them into education, training and work.\n\n"
        "Children in care see their social workers often and their plans are reviewed on time."
    )
    base = Settings(index_dir=tmp_path / "index", encoder_backend="torch")
    tuned_settings = base.model_copy(update={"tuned_model_dir": tuned})
    build_index([corpus], base.index_dir, tuned_settings, progress=False)
    engine = QAEngine.open(tuned_settings)
    assert engine.index.manifest.model_fingerprint == model_fingerprint(tuned_settings)
    assert engine.search("care leavers").hits
    # Served without naming the weights, the index's own are loaded for the queries.
    following = QAEngine.open(base)
    assert following.settings.tuned_model_dir == tuned.resolve()
    assert (
        following.search("care leavers").hits[0].passage
        == engine.search("care leavers").hits[0].passage
    )
    # Weights the index was not built with are refused: the packaged ones' index with tuned
    # weights, and a tuned index whose weights have gone.
    with pytest.raises(IndexCorrupt, match="embedded by model weights"):
        QAEngine.open(settings.model_copy(update={"tuned_model_dir": tuned}), built_index)
    moved = tuned.with_name("moved")
    tuned.rename(moved)
    try:
        with pytest.raises(IndexCorrupt, match="embedded by model weights"):
            QAEngine.open(base)
    finally:
        moved.rename(tuned)


def test_an_index_from_before_fingerprints_counts_as_made_by_the_packaged_weights(
    engine: QAEngine,
) -> None:
    legacy = replace(engine.index.manifest, model_fingerprint="")
    assert legacy.weights_fingerprint() == weights_fingerprint(MODEL)


def test_gold_questions_become_pairs_with_the_passage_holding_their_evidence(
    engine: QAEngine,
) -> None:
    from index.errors import BadQuery
    from index.settings import REPO_ROOT
    from service.cli import _gold_question_pairs

    seeds = REPO_ROOT / "eval" / "gold" / "seeds.jsonl"
    questions = _gold_question_pairs(engine.index, [seeds])
    assert len(questions) >= 40  # most answerable seeds questions find their passage
    assert all(p.kind == "question" and p.anchor.endswith("?") for p in questions)
    commended = next(p for p in questions if "commend" in p.anchor and "senior" in p.anchor)
    assert "restlessly ambitious" in commended.positive
    with pytest.raises(BadQuery, match="blind"):
        _gold_question_pairs(engine.index, [REPO_ROOT / "eval" / "gold" / "blind" / "blind.jsonl"])


def test_the_cosine_bars_measured_for_tuned_weights_travel_with_them(
    tuned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tuning spreads cosines: the packaged weights' bars let the tuned encoder answer a
    namesake trap. The bars measured for the weights are kept beside them and used wherever
    they are served, unless a bar is set by hand."""
    from service.cli import main as cli_main

    # A bar that is not one of the calibrated cosines is refused before any tuning starts.
    assert cli_main(["tune", "--answer-setting", "rrf_k=3", "--output", str(tmp_path)]) != 0
    assert "gate_unless_cosine" in capsys.readouterr().err
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text(
        "Care leavers in Sometown are supported well by their personal advisers, who keep in "
        "touch with them and help them into education, training and work."
    )
    base = Settings(index_dir=tmp_path / "index", encoder_backend="torch")
    tuned_settings = base.model_copy(update={"tuned_model_dir": tuned})
    build_index([corpus], base.index_dir, tuned_settings, progress=False)
    beside = tuned / TUNED_ANSWER_SETTINGS
    beside.write_text('{"gate_unless_cosine": 0.5, "abstain_unless_cosine": 0.6}')
    try:
        served = QAEngine.open(base)
        assert served.settings.gate_unless_cosine == 0.5
        assert served.settings.abstain_unless_cosine == 0.6
        by_hand = QAEngine.open(base.model_copy(update={"gate_unless_cosine": 0.4}))
        assert by_hand.settings.gate_unless_cosine == 0.4
        assert by_hand.settings.abstain_unless_cosine == 0.6
    finally:
        beside.unlink()
    assert QAEngine.open(base).settings.gate_unless_cosine == Settings().gate_unless_cosine
