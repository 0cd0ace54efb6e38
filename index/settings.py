"""The one settings object, read from the environment (prefix ``INSPECTION_QA_``)."""

import json
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
PDF_READER = "pdfium"  # the default, also for loaders called without settings (eval, tests)


class Settings(BaseSettings):
    """Every tunable of the library (build, search, answer), with defaults that work from a
    clone. The HTTP service adds its own in service/settings.py (ServiceSettings)."""

    model_config = SettingsConfigDict(env_prefix="INSPECTION_QA_", env_file=".env", extra="ignore")

    corpus_dir: Path = REPO_ROOT / "corpus"
    index_dir: Path = REPO_ROOT / "var" / "index"
    ilacs_dir: Path = REPO_ROOT.parent / "shared" / "ilacs"

    model_name: str = "sentence-transformers/all-MiniLM-L6-v2"
    model_max_tokens: int = 256
    # Issue 15: weights fine-tuned on the corpus by `inspection-qa tune` (a directory under
    # model_cache_dir); None = the packaged all-MiniLM-L6-v2. Build and queries both use it,
    # and an index refuses a query encoder with other weights (the manifest's fingerprint).
    tuned_model_dir: Path | None = None
    embed_batch_size: int = 32
    # Performance (issue 8): onnx = the verified ONNX export run by onnxruntime, exported at
    # build time into model_cache_dir; auto = onnx when it is there, else sentence-transformers.
    encoder_backend: str = Field(default="auto", pattern="^(auto|onnx|torch)$")
    model_cache_dir: Path = REPO_ROOT / "var" / "models"
    encoder_threads: int = Field(default=0, ge=0, description="0 = torch_threads, else cores")
    # Each passage's sentences embedded too (the composer's sentence cosines): about as many
    # tokens again as the passages, so a cold build takes up to twice as long.
    sentence_vectors: bool = True
    # Dense index type by corpus size (benchmarks/ann_scale.py): exact search while it is
    # fast enough, an approximate index past dense_flat_max passages.
    dense_index: str = Field(default="auto", pattern="^(auto|flat|flat16|ivf|hnsw)$")
    dense_flat_max: int = Field(default=50_000, ge=0)
    ivf_nprobe: int = Field(default=128, ge=1)
    hnsw_ef_search: int = Field(default=128, ge=1)
    # A question is encoded on every core of its worker, by threads that spin between the
    # model's layers rather than sleep: on a 2-core AVX2 machine 3.2 ms p50 instead of 5.1 on
    # one thread (4.8 on two that sleep; sleeping threads were why one was the rule, issue
    # 16), ask p95 through HTTP 25 ms instead of 29, and the same throughput under ten
    # concurrent clients (benchmarks/README.md, nineteenth session). Spinning stops when the
    # question's encoding ends; a worker of several on few cores gets one thread.
    query_encoder_threads: int = Field(
        default=0, ge=0, description="0 = as encoder_threads: the cores per worker"
    )
    query_encoder_spin: bool = True
    # FAISS's OpenMP threads for a question's search. One: on this shared 2-core machine a
    # flat search of 24k vectors took 27-40 ms p50 on two threads (spinning OpenMP waiting
    # for a busy core) and 3-7 ms on one (benchmarks/README.md, issue 16).
    search_threads: int = Field(default=1, ge=0, description="0 = FAISS's default")
    build_workers: int = Field(default=1, ge=0, le=16, description="PDF readers; 0 = inline")
    # PDF text (issue 16): PDFium, ~16x faster than pypdf on an idle machine, with the same
    # judgement accuracy and gold figures (benchmarks/README.md); its paragraph breaks come
    # from the white space between lines (index/ingest/pdf_text.py). pypdf stays selectable.
    pdf_reader: str = Field(default=PDF_READER, pattern="^(pypdf|pdfium)$")
    # Issue 16: int8 = dynamic int8 quantisation of the optimised ONNX graph; fp32 = the
    # verified export (same vectors as sentence-transformers). The manifest records which
    # built an index; "auto" builds with the default and queries with whatever built it.
    encoder_precision: str = Field(default="auto", pattern="^(auto|fp32|int8)$")

    # Chunking: passages stay inside the model's window with room for the heading context.
    passage_max_tokens: int = 200
    passage_min_tokens: int = 40
    max_file_bytes: int = 20_000_000

    # Retrieval.
    fusion: str = Field(default="rrf", pattern="^(rrf|lexical|dense)$")
    rrf_k: int = 60
    dense_weight: float = Field(default=0.5, ge=0, description="dense vote in RRF; lexical is 1")
    date_weight: float = Field(
        default=0.5, ge=0, description="RRF vote for the year asked about, or the latest"
    )
    newest_weight: float = Field(
        default=0.0,
        ge=0,
        description="RRF vote for the newest document when a question names an authority "
        "but no time",
    )
    type_weight: float = Field(
        default=0.5, ge=0, description="RRF vote for passages offering a who/when answer"
    )
    source_weight: float = Field(
        default=1.0, ge=0, description="RRF vote for the kind of document a question names"
    )
    section_weight: float = Field(
        default=1.0, ge=0, description="RRF vote for the report section a question asks for"
    )
    candidates: int = 100
    # Issue 15's levers (index/search.py Stages; eval/RESULTS.md has what each did). 0 = off.
    # Adopted (blind free-text search hit@1 0.340 -> 0.359, hit@5 0.673 -> 0.680; dev within
    # one question): words the lexicon adds count half, and only words specific enough to
    # point somewhere (in at most 5 % of passages: "lado", "director", not "care", "young").
    lexicon_weight: float = Field(
        default=0.5, ge=0, description="BM25 weight of words the Ofsted lexicon adds"
    )
    lexicon_dense: bool = Field(default=False, description="lexicon names in the dense query")
    # Adopted (twenty-eighth session): blind free-text search hit@1 0.660 -> 0.673; dev hit@5
    # +2 questions. The encoder never learned "IRO" or "SWs"; their long forms it knows.
    acronyms_spelled_dense: bool = Field(
        default=True, description="each acronym's long form beside it in the dense query"
    )
    lexicon_max_df: float = Field(
        default=0.05, gt=0, le=1, description="expansion words in more passages are left out"
    )
    topic_only: str = Field(
        default="none",
        pattern="^(none|lexical|dense|both)$",
        description="retrievers whose query leaves out framing words (index/question_words.py)",
    )
    prf_docs: int = Field(default=0, ge=0, description="pseudo-relevance feedback passages")
    prf_terms: int = Field(default=10, ge=1)
    prf_weight: float = Field(default=0.0, ge=0, description="BM25 weight of feedback words")
    dense_prf_weight: float = Field(default=0.0, ge=0, description="query moved to feedback")
    rerank_depth: int = Field(default=50, ge=1, description="fused passages re-scored")
    heading_weight: float = Field(
        default=0.0, ge=0, description="RRF vote for query words in heading and title"
    )
    maxsim_weight: float = Field(
        default=0.0, ge=0, description="RRF vote for the best query-sentence cosine"
    )
    # A passage whose one sentence answers is found by that sentence even when the rest of it
    # is about something else (a council paper retelling a finding among other business).
    # 0.5: blind search hit@5 0.913 → 0.925; 0.3 gained less (eval/RESULTS.md).
    sentence_weight: float = Field(
        default=0.5, ge=0.0, description="RRF vote of passages ranked by their best sentence"
    )
    abstain_on_first_stage: bool = Field(
        default=True,
        description="decide whether to answer on the first stage's passages when the "
        "learned stage re-scored them",
    )
    reranker: str = Field(
        default="builtin",
        description="learned second stage over rerank_depth fused passages: off, builtin "
        "(index/data/reranker.json, trained by python -m eval.train_reranker) or a path",
    )
    top_k: int = 5
    top_k_max: int = 50
    retellings_on_page: int = Field(
        default=1,
        ge=0,
        description="passages of the other voice retelling one on the page word for word "
        "(an interview quoting the report) placed after it (index/retrieval/voices.py)",
    )

    # Answering. Thresholds were chosen by measurement on the gold sets (eval/RESULTS.md).
    # 4, not 3: key terms dev2 0.746 → 0.796, dev3 0.623 → 0.649, blind 0.663 → 0.687, for a
    # median answer of ~100 words, not 80; 5, not 4 (fifteenth session): key terms up on all
    # eight development sets (dev8 0.801 → 0.833), hit@5 on four (eval/RESULTS.md).
    answer_max_sentences: int = 5
    # 6, not 5: key terms and cited evidence up on seeds, ILACS and dev2, abstention recall
    # kept (8 answered one unanswerable ILACS question); eval/RESULTS.md.
    answer_passages: int = Field(default=8, ge=1, description="top passages the composer reads")
    answer_rank_penalty: float = Field(
        default=0.02, ge=0, description="a sentence's score lost per place of its passage"
    )
    answer_semantic_weight: float = Field(
        default=0.4, ge=0.0, description="weight of a sentence's cosine with the question"
    )
    # 0.2: a question naming a year, development sets hit@1 up on dev3, dev4, dev5, ILACS,
    # hit@5 on dev2, dev3, nothing lost; blind hit@1 0.599 -> 0.607, MRR 0.705 -> 0.710, hit@5
    # 0.837 -> 0.833 (one question). Naming a source besides: dev3 hit@1 0.637 -> 0.667, dev4
    # 0.716 -> 0.727, blind identical (eval/RESULTS.md). An undated document keeps its score.
    answer_unasked_penalty: float = Field(
        default=0.2,
        ge=0.0,
        description="a sentence's score lost when its document is of another year or kind than "
        "the question names, while one the composer reads is of it",
    )
    answer_follow_on: int = Field(
        default=1, ge=0, le=3, description="sentences quoted after each chosen one"
    )
    abstain_min_dense: float = 0.20
    abstain_min_overlap: float = 0.30
    # The first-stage gate (abstain_on_first_stage) is overruled by an answer whose closest
    # sentence is at least this close to the question in meaning: the gate silenced answerable
    # questions whose first-stage passages shared too few words with them. Development sets:
    # 0.40-0.62 answered no unanswerable question, 0.45 the most answerable; eval/RESULTS.md.
    gate_unless_cosine: float = Field(
        default=0.45, ge=0.0, le=1.0, description="an answer this close overrides the gate"
    )
    # A sentence at least this close to the question in meaning answers it though it shares
    # too few of its words (chosen on the development sets: at 0.6 a seeds namesake trap was
    # answered; eval/RESULTS.md).
    abstain_unless_cosine: float = Field(
        default=0.65, ge=0.0, le=1.0, description="a sentence this close answers anyway (0: off)"
    )
    # A sentence sharing some of the question's words needs less closeness to answer: each unit
    # of overlap lowers abstain_unless_cosine by this much (development sets: 0.4-0.6 answered
    # more and no unanswerable question, 0.7 one; eval/RESULTS.md).
    abstain_cosine_per_overlap: float = Field(
        default=0.6, ge=0.0, le=2.0, description="cosine bar lowered per unit of overlap"
    )

    # Processes serving (`serve --workers`): each process's share of the cores for its
    # encoder threads. The service's own knobs are in service/settings.py.
    workers: int = Field(default=1, ge=1, le=16)
    torch_threads: int = Field(default=0, ge=0, description="per process; 0 = cores / workers")

    # `build --watch`: quiet time after the last change before a rebuild starts.
    watch_debounce_ms: int = Field(default=1000, ge=50)

    @property
    def ilacs_reports(self) -> Path:
        """The archive's reports, a folder per authority: what a corpus reads in place."""
        return self.ilacs_dir / "reports"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()


# Beside tuned weights (`inspection-qa tune --answer-setting`): the answer path's cosine bars
# measured for those weights. Tuning spreads cosines, so the packaged weights' bars do not
# carry over (eval/RESULTS.md, twelfth session: at 0.45 the tuned encoder answered a
# namesake trap, at 0.65 it abstained on answerable questions the base encoder answered).
TUNED_ANSWER_SETTINGS = "answer_settings.json"
CALIBRATED_SETTINGS = ("gate_unless_cosine", "abstain_unless_cosine", "abstain_min_dense")


def with_tuned_calibration(settings: Settings) -> Settings:
    """``settings`` with the cosine bars written beside its tuned weights, where it names
    such weights and was not given the bar itself."""
    if settings.tuned_model_dir is None:
        return settings
    path = Path(settings.tuned_model_dir) / TUNED_ANSWER_SETTINGS
    if not path.is_file():
        return settings
    values = json.loads(path.read_text(encoding="utf-8"))
    update = {
        name: float(value)
        for name, value in values.items()
        if name in CALIBRATED_SETTINGS and name not in settings.model_fields_set
    }
    return settings.model_copy(update=update) if update else settings
