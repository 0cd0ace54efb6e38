"""Issue 16's fast paths keep their promises: the int8 encoder stays close to fp32 and is
named in the manifest, a mismatched query encoder is refused, each distinct text is embedded
once, and gold quotes still locate their span when an extractor renders them differently."""

import numpy as np
import pytest

from eval.goldset import locate_quote
from index.build import build_index
from index.errors import IndexCorrupt
from index.qa import QAEngine
from index.retrieval.embedding import load_encoder
from index.retrieval.store import load_index
from index.retrieval.vector_cache import VectorCache
from index.settings import Settings

MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def test_the_index_records_that_the_int8_encoder_built_it(engine: QAEngine) -> None:
    assert engine.index.manifest.encoder_precision == "int8"
    assert getattr(engine.searcher.encoder, "precision", None) == "int8"


def test_int8_vectors_stay_close_to_fp32_on_real_passages(engine, settings: Settings) -> None:
    texts = [p.embedding_text() for p in engine.index.passages[:64]]
    fp32 = load_encoder(MODEL, 32, "onnx", settings.model_cache_dir, 0, "fp32").encode(texts)
    int8 = load_encoder(MODEL, 32, "onnx", settings.model_cache_dir, 0, "int8").encode(texts)
    cosines = np.sum(fp32 * int8, axis=1)
    assert cosines.mean() > 0.98 and cosines.min() > 0.95


def test_an_int8_vector_is_the_same_whatever_it_is_embedded_with(
    engine, settings: Settings
) -> None:
    """Dynamic int8 quantisation scaled a batch's activations together: a passage's vector
    moved with its batch (cosines up to 0.03 apart between two builds), and an answer on the
    close-sentence bar flipped between a build of the shipped corpus and one of the archive."""
    texts = [p.embedding_text() for p in engine.index.passages[:40]]
    int8 = load_encoder(MODEL, 32, "onnx", settings.model_cache_dir, 0, "int8")
    together = int8.encode(texts)
    alone = np.vstack([int8.encode([t]) for t in texts[:8]])
    assert np.array_equal(together[:8], alone)
    assert np.array_equal(int8.encode_query(texts[0]), together[0])


def test_a_query_encoder_that_did_not_build_the_index_is_refused(
    settings: Settings, built_index
) -> None:
    other = settings.model_copy(update={"encoder_precision": "fp32"})
    with pytest.raises(IndexCorrupt, match="built with the int8 encoder"):
        QAEngine.open(other)


def test_each_distinct_text_is_encoded_once() -> None:
    seen: list[str] = []

    def encode(texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    cache = VectorCache()
    out = cache.encode(["a", "bb", "a", "a"], encode, 2)
    assert seen == ["bb", "a"] and out[:, 0].tolist() == [1, 2, 1, 1]
    cache.encode(["bb", "ccc"], encode, 2)
    assert seen == ["bb", "a", "ccc"]


def test_a_repeated_paragraph_is_embedded_once_and_reused_by_the_next_build(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraph = "Care leavers in this council are supported well by their personal advisers."
    (corpus / "repeated.txt").write_text("\n\n".join([paragraph] * 400))
    settings = Settings(index_dir=tmp_path / "index")
    report = build_index([corpus], settings.index_dir, settings, progress=False)
    stats = load_index(settings.index_dir, MODEL).manifest.stats
    assert report.passages > 5 and stats["embedded_distinct_texts"] <= 3
    (corpus / "repeated.txt").write_text("\n\n".join([paragraph] * 401))
    again = build_index([corpus], settings.index_dir, settings, progress=False)
    assert load_index(settings.index_dir, MODEL).manifest.stats["embedded_distinct_texts"] <= 1
    assert again.passages >= report.passages


def test_a_gold_quote_locates_across_whitespace_ligature_and_quote_mark_differences() -> None:
    text = "Leaders said \u201cmulti-\n agency  work\u201d is \ufb01ne. 10.Since then"
    start, length = locate_quote(text, '"multi- agency work" is fine')
    assert text[start : start + length] == "\u201cmulti-\n agency  work\u201d is \ufb01ne"
    assert locate_quote(text, "10. Since") == (text.index("10.Since"), 8)
    assert locate_quote(text, "not in the text") == (-1, -1)
