"""The fast paths give the same results as the slow ones they replace (issue 8)."""

import bm25s
import faiss
import numpy as np
import pytest

from index.qa import QAEngine
from index.retrieval.embedding import Encoder, load_encoder
from index.retrieval.lexical import _STEMMER, _STOPWORDS, tokenize
from index.retrieval.onnx_encoder import META_FILE, OnnxEncoder, export_dir, export_onnx
from index.retrieval.store import choose_dense_type, make_dense_index, search_parameters
from index.settings import Settings
from index.types import Filters

MODEL = "sentence-transformers/all-MiniLM-L6-v2"


@pytest.fixture(scope="module")
def passages(engine: QAEngine) -> list[str]:
    rows = np.random.default_rng(0).choice(len(engine.index.passages), 48, replace=False)
    return [engine.index.passages[int(r)].embedding_text() for r in rows]


def test_onnx_export_gives_the_models_vectors_on_real_passages(settings: Settings, passages):
    directory = export_onnx(MODEL, settings.model_cache_dir, passages[:16])
    assert directory is not None and (directory / META_FILE).is_file()
    onnx = OnnxEncoder(MODEL, directory).encode(passages)
    reference = Encoder(MODEL).encode(passages)
    assert onnx.shape == reference.shape == (len(passages), 384)
    assert float(np.max(np.abs(onnx - reference))) < 1e-4
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)


def test_served_engine_encodes_queries_with_onnx_when_the_export_exists(engine, settings):
    assert (export_dir(settings.model_cache_dir, MODEL) / META_FILE).is_file()
    assert getattr(engine.searcher.encoder, "backend", None) == "onnx"


def test_without_an_export_the_encoder_falls_back_to_sentence_transformers(tmp_path):
    encoder = load_encoder(MODEL, 32, "auto", tmp_path / "no-export-here")
    assert encoder.backend == "torch"
    assert encoder.encode_query("care leavers").shape == (384,)


def test_tokenizer_matches_bm25s_on_real_passages(passages):
    texts = [*passages, "", "the of and", "Herefordshire’s care-leavers, 2023: naïve café"]
    expected = bm25s.tokenize(
        texts, stopwords=_STOPWORDS, stemmer=_STEMMER, return_ids=False, show_progress=False
    )
    assert tokenize(texts) == expected


def test_authority_filter_keeps_only_that_authoritys_passages(engine):
    result = engine.search("care leavers", Filters(authority=("Herefordshire",)), top_k=10)
    assert result.hits
    assert {engine.documents[h.passage.doc_id].meta.authority for h in result.hits} == {
        "Herefordshire"
    }


@pytest.mark.parametrize("dense_type", ["flat16", "ivf", "hnsw"])
def test_approximate_indexes_find_what_exact_search_finds(engine, dense_type):
    vectors = np.repeat(engine.index.vectors, 2, axis=0)  # enough rows to train IVF
    vectors[len(engine.index.vectors) :] += 0.01
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact = make_dense_index(vectors, 384, "flat")
    approx = make_dense_index(vectors, 384, dense_type)
    queries = engine.index.vectors[:50]
    _, truth = exact.search(queries, 10)
    _, found = approx.search(queries, 10, params=search_parameters(approx, 32, 128))
    recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)])
    assert recall >= (0.99 if dense_type == "flat16" else 0.9)  # fp16 codes: exact scan
    kinds = {"flat16": faiss.IndexScalarQuantizer, "ivf": faiss.IndexIVF, "hnsw": faiss.IndexHNSW}
    assert isinstance(approx, kinds[dense_type])


def test_dense_index_type_follows_corpus_size():
    assert choose_dense_type(10_000, "auto", 150_000) == "flat16"
    assert choose_dense_type(10_000, "flat", 150_000) == "flat"
    assert choose_dense_type(1_000_000, "auto", 150_000) == "ivf"
    assert choose_dense_type(10, "hnsw", 150_000) == "hnsw"


def test_lexical_scores_match_bm25s_own_scorer(engine, passages):
    lexical = engine.index.lexical  # loaded from disk without bm25s
    reference = bm25s.BM25.load(str(engine.index.path / "lexical"))
    for query in ["care leavers in Calderdale", "foster carers foster", passages[0][:200]]:
        expected = reference.get_scores(lexical.query_terms(query))
        assert np.allclose(lexical.scores(query), expected, atol=1e-5)
