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


# A finding worded otherwise than the questions asked of it ("leaving their jobs").
STAFF_TURNOVER = (
    "Inspection findings\n\n"
    "Staff turnover has been significant in recent years, and half of the current social "
    "workers are agency locums. Managers are recruiting permanent staff.\n\n"
    "Children in care live close to their families and attend good schools."
)


def _built(tmp_path, text: str, **settings_given) -> Settings:
    """An index of one text file, built with the real model."""
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "a.txt").write_text(text)
    settings = Settings(index_dir=tmp_path / "index", **settings_given)
    build_index([corpus], settings.index_dir, settings, progress=False)
    return settings


def _closest_sentence(engine: QAEngine, question: str) -> float:
    """The best cosine of the first passage's sentences with ``question``, as int8 makes it."""
    vector = engine.searcher.encoder.encode_query(question)
    return max(engine.searcher.sentence_cosines(vector)(0).by_start.values())


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
    settings = _built(
        tmp_path,
        "Care leavers are supported well. Personal advisers know them well.\n\n"
        "Too many children wait for an assessment. Managers know this.",
    )
    corpus = tmp_path / "corpus"
    first = load_index(settings.index_dir, MODEL)
    assert first.sentences is not None and len(first.sentences.vectors) >= 4
    (corpus / "b.txt").write_text("The front door responds quickly. Thresholds are understood.")
    build_index([corpus], settings.index_dir, settings, progress=False)
    second = load_index(settings.index_dir, MODEL)
    assert second.manifest.stats["embedded_distinct_sentences"] == 2
    assert len(second.sentences.vectors) == len(first.sentences.vectors) + 2


def test_sentence_vectors_that_do_not_match_the_passages_are_refused(tmp_path) -> None:
    settings = _built(tmp_path, "Care leavers are supported well. Advisers know them well.")
    offsets = current_version(settings.index_dir) / SENTENCE_OFFSETS_FILE
    np.save(offsets, np.array([0, 99], dtype=np.int64))
    with pytest.raises(IndexCorrupt):
        load_index(settings.index_dir, MODEL)


def test_an_index_built_without_sentence_vectors_still_answers(tmp_path) -> None:
    settings = _built(
        tmp_path,
        "Care leavers in Testshire are supported well by their personal advisers.",
        sentence_vectors=False,
    )
    engine = QAEngine.open(Settings(index_dir=settings.index_dir), settings.index_dir)
    assert engine.index.sentences is None
    answer = engine.ask("How are care leavers supported by personal advisers?")
    assert not answer.abstained and "personal advisers" in answer.answer


def test_a_sentence_close_in_meaning_answers_a_question_worded_otherwise(tmp_path) -> None:
    settings = _built(tmp_path, STAFF_TURNOVER)
    question = "Are many social workers leaving their jobs?"  # shares few words with it
    words_only = QAEngine.open(settings.model_copy(update={"abstain_unless_cosine": 0.0}))
    assert words_only.ask(question).abstained
    closest = _closest_sentence(words_only, question)
    # The threshold just under this question's closest sentence, whatever int8 makes of it.
    meaning = QAEngine.open(settings.model_copy(update={"abstain_unless_cosine": closest - 0.05}))
    answer = meaning.ask(question)
    assert not answer.abstained and "Staff turnover" in answer.answer
    assert meaning.ask("What did inspectors say about recycling?").abstained


def test_passages_ranked_by_their_best_sentence_put_the_one_saying_it_first(
    engine: QAEngine,
) -> None:
    passage = next(p for p in engine.index.passages[200:] if len(passage_sentences(p.text)) >= 4)
    row = engine.index.passages.index(passage)
    start, end = passage_sentences(passage.text)[2]
    vector = engine.searcher.encoder.encode_query(passage.text[start:end])
    ranking = engine.searcher.sentence_dense(vector, None, 10)
    assert ranking.rows[0] == row and ranking.scores[0] > 0.9
    only_others = np.ones(len(engine.index.passages), dtype=bool)
    only_others[row] = False
    assert row not in engine.searcher.sentence_dense(vector, only_others, 10).rows


def test_the_gate_still_catches_a_namesake_trap_whose_answer_is_far_in_meaning(
    settings: Settings, built_index
) -> None:
    # Hertfordshire has no "get safe" team (another council's): the passages' words match,
    # their meaning does not, and the first-stage gate keeps it unanswered.
    question = "What did Ofsted find about the get safe team in Hertfordshire?"
    assert QAEngine.open(settings, built_index).ask(question).abstained
    ungated = settings.model_copy(update={"abstain_on_first_stage": False})
    assert not QAEngine.open(ungated, built_index).ask(question).abstained


def test_a_sentence_sharing_some_words_needs_less_closeness_to_answer(tmp_path) -> None:
    settings = _built(tmp_path, STAFF_TURNOVER)
    question = "Are many social workers leaving their jobs for other employers?"
    closest = _closest_sentence(QAEngine.open(settings), question)
    # The bar just above the closest sentence: on meaning alone it does not answer ...
    flat = {"abstain_unless_cosine": closest + 0.1, "abstain_cosine_per_overlap": 0.0}
    assert QAEngine.open(settings.model_copy(update=flat)).ask(question).abstained
    # ... but the words it shares with the question ("social workers") lower the bar.
    sloped = {**flat, "abstain_cosine_per_overlap": 2.0}
    answer = QAEngine.open(settings.model_copy(update=sloped)).ask(question)
    assert not answer.abstained and "Staff turnover" in answer.answer


def test_a_close_sentence_naming_no_one_does_not_answer_a_who_question(tmp_path) -> None:
    settings = _built(
        tmp_path,
        "Fostering\n\nFoster carers' views are gathered through an annual survey, and the "
        "fostering service changes its training in response.",
    )
    anything_close = settings.model_copy(
        update={"abstain_unless_cosine": 0.05, "abstain_cosine_per_overlap": 0.0}
    )
    engine = QAEngine.open(anything_close)
    assert not engine.ask("What happens to the opinions of foster families?").abstained
    assert engine.ask("Who listens to the opinions of foster families?").abstained
