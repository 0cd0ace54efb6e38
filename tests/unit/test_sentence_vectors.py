"""Each passage's sentences are embedded at build time: one vector per sentence, reused by the
next build, checked when the index loads, and read by the composer instead of encoded while
the user waits."""

import numpy as np
import pytest

from index.build import build_index
from index.errors import IndexCorrupt
from index.qa import QAEngine
from index.retrieval.store import SENTENCE_OFFSETS_FILE, current_version, load_index
from index.settings import Settings
from index.text import passage_sentences

MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def test_every_sentence_of_the_shipped_corpus_has_its_own_vector(engine: QAEngine) -> None:
    sentences = engine.index.sentences
    assert sentences is not None
    passage = next(p for p in engine.index.passages if len(passage_sentences(p.text)) >= 3)
    row = engine.index.passages.index(passage)
    stored = np.asarray(sentences.of(row), dtype=np.float32)
    spans = passage_sentences(passage.text)
    fresh = engine.searcher.encoder.encode([passage.text[s:e] for s, e in spans])
    assert stored.shape == fresh.shape
    # The build's own encoder, stored as fp16; int8 activations are scaled per batch, so a
    # sentence encoded alone differs from one encoded among others by about 0.01.
    assert np.sum(stored * fresh, axis=1).min() > 0.98


def test_a_new_file_embeds_only_its_own_sentences(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Care leavers are supported well. Personal advisers know them well.\n\n"
        "Too many children wait for an assessment. Managers know this."
    )
    settings = Settings(index_dir=tmp_path / "index")
    build_index([corpus], settings.index_dir, settings, progress=False)
    first = load_index(settings.index_dir, MODEL)
    assert first.sentences is not None and len(first.sentences.vectors) >= 4
    (corpus / "b.txt").write_text("The front door responds quickly. Thresholds are understood.")
    build_index([corpus], settings.index_dir, settings, progress=False)
    second = load_index(settings.index_dir, MODEL)
    assert second.manifest.stats["embedded_distinct_sentences"] == 2
    assert len(second.sentences.vectors) == len(first.sentences.vectors) + 2


def test_sentence_vectors_that_do_not_match_the_passages_are_refused(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Care leavers are supported well. Advisers know them well.")
    settings = Settings(index_dir=tmp_path / "index")
    build_index([corpus], settings.index_dir, settings, progress=False)
    offsets = current_version(settings.index_dir) / SENTENCE_OFFSETS_FILE
    np.save(offsets, np.array([0, 99], dtype=np.int64))
    with pytest.raises(IndexCorrupt):
        load_index(settings.index_dir, MODEL)


def test_an_index_built_without_sentence_vectors_still_answers(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Care leavers in Testshire are supported well by their personal advisers."
    )
    settings = Settings(index_dir=tmp_path / "index", sentence_vectors=False)
    build_index([corpus], settings.index_dir, settings, progress=False)
    engine = QAEngine.open(Settings(index_dir=settings.index_dir), settings.index_dir)
    assert engine.index.sentences is None
    answer = engine.ask("How are care leavers supported by personal advisers?")
    assert not answer.abstained and "personal advisers" in answer.answer
