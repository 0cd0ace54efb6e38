"""Corpus directory → index directory: plan, read/chunk, embed, write. Incremental and atomic.

The two heavy stages run on an executor: this process (``LocalExecutor``) or a Ray cluster
(``index.ray_build.RayExecutor``); planning, reuse and the atomic write are shared.
"""

import contextlib
import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import numpy as np
from tqdm import tqdm

from index.errors import CorpusError, DocumentSkipped, IndexCorrupt, IndexNotFound
from index.ingest.chunking import chunk_document
from index.ingest.judgements import extract_all, extractor_version
from index.ingest.loaders import (
    CorpusFolder,
    Skipped,
    SourceFile,
    corpus_folders,
    discover,
    fingerprint,
    load_document,
)
from index.ingest.metadata import doc_id_for
from index.retrieval.embedding import (
    TextEncoder,
    build_precision,
    encoder_for,
    load_token_counter,
    model_fingerprint,
)
from index.retrieval.lexical import LexicalIndex
from index.retrieval.sentence_vectors import embed_sentences, remember_sentences
from index.retrieval.store import (
    EXACT_DENSE_TYPE,
    FORMAT_VERSION,
    Manifest,
    StoredIndex,
    choose_dense_type,
    commit_version,
    current_version,
    load_index,
    new_version_dir,
    read_manifest,
    write_index,
)
from index.retrieval.vector_cache import VectorCache
from index.settings import Settings
from index.types import Document, Passage
from index.understanding import lexicon

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did, for the CLI to print and benchmarks to read."""

    index_path: Path
    unchanged: bool
    documents: int
    passages: int
    embedded: int
    reused: int
    skipped: list[Skipped] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


# How vectors are made beyond the encoder and its precision: an index whose vectors were made
# another way is re-embedded, not reused ("one text a run": int8 vectors no longer depend on
# the batch they were made in).
VECTORS = "one text a run"


def pipeline_signature(settings: Settings) -> str:
    """Everything besides the files that decides the passages and vectors."""
    parts = [
        FORMAT_VERSION,
        settings.model_name,
        settings.passage_max_tokens,
        settings.passage_min_tokens,
        settings.pdf_reader,
        build_precision(settings),
        _code_version(),
    ]
    if settings.tuned_model_dir is not None:
        # Only then, so that indexes of the base model keep their signature (and their reuse).
        parts.append(model_fingerprint(settings))
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]


def _code_version() -> str:
    """A hash of the loader and chunker sources: changing them invalidates reuse.

    Of the question-reading lexicon (``index.understanding.lexicon``) only what documents are
    read with counts: its source changes with every word a question is read by ("to-do list"
    asks what to improve), and each such change made the next build re-read and re-chunk every
    document (the archive's ≈ 70 s; vectors still come from the served index by text) for
    passages it cannot change.
    """
    here = Path(__file__).parent
    digest = hashlib.sha256(
        json.dumps([lexicon.GRADE_WORDED, lexicon.MONTHS, lexicon.MONTH_NUMBERS]).encode()
    )
    for name in (
        "ingest/loaders.py",
        "ingest/textual.py",
        "ingest/html_text.py",
        "ingest/pdf_text.py",
        "ingest/structure.py",
        "ingest/chunking.py",
        "ingest/metadata.py",
        "text.py",
        "gazetteer.py",
        "types.py",  # what a passage gives the encoder and the lexical index
    ):
        path = here / name
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def corpus_fingerprint(sources: Sequence[SourceFile], signature: str) -> str:
    digest = hashlib.sha256(signature.encode())
    for source in sorted(sources, key=lambda s: str(s.relative_path)):
        digest.update(f"{source.relative_path}\0{source.content_hash}\n".encode())
    return digest.hexdigest()


def collect_sources(
    corpus_dirs: Sequence[Path], settings: Settings
) -> tuple[list[SourceFile], list[Skipped]]:
    """Every readable-looking file once, with the archive folders a corpus reads in place:
    empty, oversized and duplicate files are skipped."""
    sources: list[SourceFile] = []
    skipped: list[Skipped] = []
    seen_hash: dict[str, str] = {}
    seen_id: set[str] = set()
    folders: list[CorpusFolder] = []
    for corpus_dir in corpus_dirs:
        if not corpus_dir.is_dir():
            raise CorpusError(f"corpus directory {corpus_dir} does not exist")
        found, not_found = corpus_folders(corpus_dir, settings.ilacs_reports)
        folders += found
        skipped += not_found
    for folder in folders:
        for path in discover(folder.folder):
            try:
                source = fingerprint(path, folder.root, settings.max_file_bytes)
            except DocumentSkipped as exc:
                skipped.append(Skipped(str(path), str(exc)))
                continue
            except OSError as exc:
                skipped.append(Skipped(str(path), f"cannot read file: {exc}"))
                continue
            doc_id = doc_id_for(source.relative_path)
            if source.content_hash in seen_hash:
                skipped.append(Skipped(str(path), f"duplicate of {seen_hash[source.content_hash]}"))
                continue
            if doc_id in seen_id:
                skipped.append(Skipped(str(path), f"another file already has doc_id {doc_id}"))
                continue
            seen_hash[source.content_hash] = str(path)
            seen_id.add(doc_id)
            sources.append(source)
    return sources, skipped


def _served_index(index_dir: Path, settings: Settings) -> StoredIndex | None:
    """The served index if its vectors were made by the encoder this build uses."""
    try:
        served = load_index(index_dir, settings.model_name)
    except (IndexNotFound, IndexCorrupt) as exc:
        if not isinstance(exc, IndexNotFound):
            log.warning("previous index not reusable, rebuilding everything: %s", exc)
        return None
    if served.manifest.encoder_precision != build_precision(settings):
        log.info("the encoder changed since the last build: re-embedding everything")
        return None
    if served.manifest.stats.get("vectors") != VECTORS:
        log.info("vectors are made another way since the last build: re-embedding everything")
        return None
    if served.manifest.weights_fingerprint() != model_fingerprint(settings):
        log.info("the model's weights changed since the last build: re-embedding everything")
        return None
    return served


def _vector_cache(served: StoredIndex | None) -> VectorCache:
    """Vectors of every passage text the served index holds, by text digest."""
    cache = VectorCache()
    if served is not None:
        cache.add_all([p.embedding_text() for p in served.passages], served.vectors)
        if served.sentences is not None:
            remember_sentences(cache, served.passages, served.sentences)
    return cache


@dataclass
class ReadResult:
    """One source after reading and chunking: its document and passages, or why it was skipped."""

    document: Document | None
    passages: list[Passage]
    skipped: Skipped | None = None


def read_and_chunk(source: SourceFile, settings: Settings) -> ReadResult:
    """Load and chunk one file; never raises, so one bad file cannot stop a build."""
    try:
        doc = load_document(source, settings.pdf_reader)
    except DocumentSkipped as exc:
        log.warning("skipped %s: %s", source.path, exc)
        return ReadResult(None, [], Skipped(str(source.path), str(exc)))
    except Exception as exc:  # a file must never stop the build
        log.warning("skipped %s: unexpected %s: %s", source.path, type(exc).__name__, exc)
        reason = f"unreadable: {type(exc).__name__}: {exc}"
        return ReadResult(None, [], Skipped(str(source.path), reason))
    passages = chunk_document(
        doc,
        load_token_counter(settings.model_name),
        settings.passage_max_tokens,
        settings.passage_min_tokens,
    )
    if not passages:
        return ReadResult(None, [], Skipped(str(source.path), "no passages after chunking"))
    return ReadResult(doc, passages)


@dataclass
class EmbedResult:
    """Vectors row for row with the texts, and the model's dimension."""

    vectors: np.ndarray
    dimension: int


class BuildExecutor(Protocol):
    """Where the two heavy stages run; planning and writing stay on the caller's process."""

    def read_chunk(
        self, sources: Sequence[SourceFile], settings: Settings, progress: bool
    ) -> list[ReadResult]:
        """``read_and_chunk`` of every source, in the order given."""
        ...

    def embed(self, texts: Sequence[str], settings: Settings, progress: bool) -> EmbedResult:
        """Vectors for ``texts``, row for row."""
        ...


class LocalExecutor:
    """Both stages in this process, one model load."""

    def __init__(self, encoder_factory: Callable[[], TextEncoder] | None = None) -> None:
        self._encoder_factory = encoder_factory

    def read_chunk(
        self, sources: Sequence[SourceFile], settings: Settings, progress: bool
    ) -> list[ReadResult]:
        return [
            read_and_chunk(source, settings)
            for source in tqdm(sources, desc="reading", unit="doc", disable=not progress)
        ]

    def embed(self, texts: Sequence[str], settings: Settings, progress: bool) -> EmbedResult:
        encoder = self._encoder_factory() if self._encoder_factory else encoder_for(settings)
        out = np.zeros((len(texts), encoder.dimension), dtype=np.float32)
        step = settings.embed_batch_size * 8
        order = longest_first(texts)
        with tqdm(total=len(texts), desc="embedding", unit="passage", disable=not progress) as bar:
            for k in range(0, len(order), step):
                chunk = order[k : k + step]
                out[chunk] = encoder.encode([texts[i] for i in chunk])
                bar.update(len(chunk))
        return EmbedResult(out, encoder.dimension)


def prepare_encoder(settings: Settings, samples: Sequence[str]) -> None:
    """Export the ONNX encoder once, before the first embedding, unless torch is asked for."""
    if settings.encoder_backend == "torch":
        return
    from index.retrieval.embedding import build_precision
    from index.retrieval.onnx_encoder import export_onnx, quantise_int8

    # Evenly spread real passages of mixed lengths check the export.
    step = max(1, len(samples) // 64)
    checks = list(samples[::step])
    weights = settings.tuned_model_dir
    directory = export_onnx(settings.model_name, settings.model_cache_dir, checks, weights)
    if directory is not None and build_precision(settings) == "int8":
        quantise_int8(directory, settings.model_name, checks, weights)


def longest_first(texts: Sequence[str]) -> list[int]:
    """Row order that keeps batches of similar length, which is faster on CPU."""
    return sorted(range(len(texts)), key=lambda i: -len(texts[i]))


@dataclass
class BuildPlan:
    """What a build must do: which files, which of them can reuse the served index."""

    corpus_dirs: list[Path]
    index_dir: Path
    signature: str
    fingerprint: str
    sources: list[SourceFile]
    skipped: list[Skipped]
    previous: StoredIndex | None
    reusable: dict[str, tuple[Document, list[Passage], np.ndarray]]
    unchanged: BuildReport | None = None
    # Vectors by text digest: from the served index even when its chunking differs.
    vectors: VectorCache = field(default_factory=VectorCache)
    vectors_encoded: int = 0  # distinct texts the encoder saw in this build
    sentences_encoded: int = 0  # of them, sentences (for the composer)

    def reuse_for(self, source: SourceFile) -> tuple[Document, list[Passage], np.ndarray] | None:
        reuse = self.reusable.get(source.content_hash)
        if reuse and reuse[0].meta.doc_id == doc_id_for(source.relative_path):
            return reuse
        return None

    def to_read(self) -> list[SourceFile]:
        """The new and changed files: the only ones read and embedded again."""
        return [s for s in self.sources if self.reuse_for(s) is None]


def plan_build(corpus_dirs: Sequence[Path], index_dir: Path, settings: Settings) -> BuildPlan:
    """Hash the corpus and compare it with the served index."""
    signature = pipeline_signature(settings)
    sources, skipped = collect_sources(corpus_dirs, settings)
    # The extractor's version is part of the fingerprint (not of the signature): a changed
    # extractor rebuilds the table without re-embedding anything.
    # So is the dense index's kind: changing it rebuilds the structures from the same vectors.
    dense_kind = f"{settings.dense_index}:{settings.dense_flat_max}:{EXACT_DENSE_TYPE}"
    dense_kind += f":sentences={settings.sentence_vectors}"
    fingerprint_now = corpus_fingerprint(sources, signature + extractor_version() + dense_kind)
    index_dir.mkdir(parents=True, exist_ok=True)
    plan = BuildPlan(
        list(corpus_dirs), index_dir, signature, fingerprint_now, sources, skipped, None, {}
    )
    try:
        served = read_manifest(current_version(index_dir))
    except (IndexNotFound, IndexCorrupt):
        served = None
    if served and served.corpus_fingerprint == fingerprint_now:
        try:
            load_index(index_dir, settings.model_name)
            log.info("corpus unchanged since the last build: nothing to do")
            plan.unchanged = BuildReport(
                current_version(index_dir),
                True,
                served.document_count,
                served.passage_count,
                0,
                served.passage_count,
                skipped + [Skipped(**s) for s in served.skipped if Skipped(**s) not in skipped],
            )
            return plan
        except IndexCorrupt as exc:
            log.warning("served index is damaged, rebuilding: %s", exc)
    served = _served_index(index_dir, settings)
    plan.vectors = _vector_cache(served)
    if served is not None and served.manifest.stats.get("pipeline_signature") == signature:
        plan.previous = served
    elif served is not None:
        log.info("chunking changed since the last build: re-reading every document")
    plan.reusable = _reusable_documents(plan.previous)
    return plan


def build_index(
    corpus_dirs: Sequence[Path],
    index_dir: Path,
    settings: Settings,
    progress: bool = True,
    encoder_factory: Callable[[], TextEncoder] | None = None,
    executor: BuildExecutor | None = None,
) -> BuildReport:
    """Build (or refresh) the index for ``corpus_dirs`` into ``index_dir``.

    plan → read/chunk → embed → write; only the executor of the two middle stages varies.
    """
    started = time.perf_counter()
    plan = plan_build(corpus_dirs, index_dir, settings)
    if plan.unchanged:
        return plan.unchanged
    timings: dict[str, float] = {}
    if executor is None:
        stages = _read_and_embed_pipelined(plan, settings, encoder_factory, progress, timings)
    else:
        stages = _read_then_embed(plan, executor, settings, progress, timings)
    documents, per_doc_passages, rows, skipped, embedded, dimension, backend, precision = stages
    if not documents:
        raise CorpusError(
            "no readable documents in "
            + ", ".join(str(d) for d in corpus_dirs)
            + (f" ({len(skipped)} skipped)" if skipped else "")
        )
    all_passages = [p for passages in per_doc_passages for p in passages]
    all_vectors = np.ascontiguousarray(np.vstack(rows), dtype=np.float32)

    t0 = time.perf_counter()
    sentences = None
    if settings.sentence_vectors and dimension:
        before = len(plan.vectors)
        encode = _sentence_encoder(settings, encoder_factory, executor, progress)
        sentences = embed_sentences(all_passages, plan.vectors, encode, dimension)
        plan.sentences_encoded = len(plan.vectors) - before
    timings["sentences"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    lexical = LexicalIndex.build([p.embedding_text() for p in all_passages])
    timings["lexical"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    judgements = extract_all(documents, all_passages)
    timings["judgements"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    timings["total"] = time.perf_counter() - started
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        model_name=settings.model_name,
        dimension=dimension,
        passage_count=len(all_passages),
        document_count=len(documents),
        corpus_fingerprint=plan.fingerprint,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        encoder_precision=precision,
        model_fingerprint=model_fingerprint(settings),
        skipped=[{"path": s.path, "reason": s.reason} for s in skipped],
        stats={
            "pipeline_signature": plan.signature,
            "vectors": VECTORS,
            # Absolute: a server started elsewhere loads the same weights for its queries.
            "model_weights": str(
                Path(settings.tuned_model_dir).resolve() if settings.tuned_model_dir else "packaged"
            ),
            "embedded_passages": embedded,
            "embedded_distinct_texts": plan.vectors_encoded,
            "embedded_distinct_sentences": plan.sentences_encoded,
            "reused_passages": len(all_passages) - embedded,
            "judgement_records": len(judgements),
            "encoder": backend,
            "seconds": {k: round(v, 3) for k, v in timings.items()},
        },
    )
    building = new_version_dir(index_dir)
    dense_type = choose_dense_type(len(all_passages), settings.dense_index, settings.dense_flat_max)
    write_index(
        building,
        manifest,
        documents,
        all_passages,
        all_vectors,
        lexical,
        judgements,
        dense_type,
        sentences,
    )
    final = commit_version(index_dir, building)
    timings["write"] = time.perf_counter() - t0
    timings["total"] = time.perf_counter() - started
    return BuildReport(
        final,
        False,
        len(documents),
        len(all_passages),
        embedded,
        len(all_passages) - embedded,
        skipped,
        timings,
    )


def _sentence_encoder(
    settings: Settings,
    encoder_factory: Callable[[], TextEncoder] | None,
    executor: BuildExecutor | None,
    progress: bool,
) -> Callable[[list[str]], np.ndarray]:
    """How the build embeds sentences: as it embedded the passages (the same encoder and
    precision), loaded only if some sentence is not in the cache."""
    if executor is not None:
        return lambda texts: executor.embed(texts, settings, progress).vectors

    def encode(texts: list[str]) -> np.ndarray:
        encoder = _new_encoder(settings, encoder_factory, texts[:64])
        return encoder.encode(texts, progress=progress)

    return encode


def _new_encoder(
    settings: Settings, encoder_factory: Callable[[], TextEncoder] | None, samples: Sequence[str]
) -> TextEncoder:
    """The build's encoder: the factory's, or the model ``settings`` name (its ONNX export
    made first, checked on ``samples``)."""
    if encoder_factory is not None:
        return encoder_factory()
    prepare_encoder(settings, samples)
    return encoder_for(settings)


def _reusable_documents(
    previous: StoredIndex | None,
) -> dict[str, tuple[Document, list[Passage], np.ndarray]]:
    """Unchanged documents of the served index, by content hash, with passages and vectors."""
    if previous is None:
        return {}
    by_doc: dict[str, list[int]] = {}
    for row, passage in enumerate(previous.passages):
        by_doc.setdefault(passage.doc_id, []).append(row)
    out: dict[str, tuple[Document, list[Passage], np.ndarray]] = {}
    for doc_id, doc in previous.documents.items():
        rows = by_doc.get(doc_id, [])
        if rows:
            out[doc.content_hash] = (
                doc,
                [previous.passages[r] for r in rows],
                previous.vectors[rows],
            )
    return out


# What the read and embed stages hand to the write: documents, their passages and vectors (row
# for row), the skipped files, how many passages were embedded, the dimension, the encoder used
# and its precision.
Stages = tuple[
    list[Document], list[list[Passage]], list[np.ndarray], list[Skipped], int, int, str | None, str
]


def _read_then_embed(
    plan: BuildPlan,
    executor: BuildExecutor,
    settings: Settings,
    progress: bool,
    timings: dict[str, float],
) -> Stages:
    """Read every changed file, then embed all new passages: the shape a cluster wants."""
    skipped = list(plan.skipped)
    t0 = time.perf_counter()
    read = iter(executor.read_chunk(plan.to_read(), settings, progress))
    documents: list[Document] = []
    per_doc_passages: list[list[Passage]] = []
    per_doc_vectors: list[np.ndarray | None] = []
    for source in plan.sources:
        reuse = plan.reuse_for(source)
        if reuse:
            documents.append(reuse[0])
            per_doc_passages.append(reuse[1])
            per_doc_vectors.append(reuse[2])
            continue
        result = next(read)
        if result.document is None:
            skipped.append(result.skipped or Skipped(str(source.path), "unreadable"))
            continue
        documents.append(result.document)
        per_doc_passages.append(result.passages)
        per_doc_vectors.append(None)
    timings["read_chunk"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    to_embed = [
        p.embedding_text()
        for passages, vectors in zip(per_doc_passages, per_doc_vectors, strict=True)
        if vectors is None
        for p in passages
    ]
    new_vectors = np.zeros((0, 0), dtype=np.float32)
    dimension = plan.previous.manifest.dimension if plan.previous is not None else 0
    if to_embed:

        def encode(texts: list[str]) -> np.ndarray:
            return executor.embed(texts, settings, progress).vectors

        before = len(plan.vectors)
        new_vectors = plan.vectors.encode(to_embed, encode)
        dimension = new_vectors.shape[1]
        plan.vectors_encoded = len(plan.vectors) - before
    timings["embed"] = time.perf_counter() - t0
    rows: list[np.ndarray] = []
    cursor = 0
    for passages, vectors in zip(per_doc_passages, per_doc_vectors, strict=True):
        if vectors is None:
            vectors = new_vectors[cursor : cursor + len(passages)]
            cursor += len(passages)
        rows.append(vectors)
    return (
        documents,
        per_doc_passages,
        rows,
        skipped,
        len(to_embed),
        dimension,
        type(executor).__name__,
        build_precision(settings),
    )


def _read_and_embed_pipelined(
    plan: BuildPlan,
    settings: Settings,
    encoder_factory: Callable[[], TextEncoder] | None,
    progress: bool,
    timings: dict[str, float],
) -> Stages:
    """The local build: worker processes read while this process embeds what has arrived."""
    skipped = list(plan.skipped)
    t0 = time.perf_counter()
    documents: list[Document] = []
    per_doc_passages: list[list[Passage]] = []
    per_doc_vectors: list[np.ndarray | None] = []
    to_load: list[SourceFile] = []
    for source in plan.sources:
        reuse = plan.reuse_for(source)
        if reuse:
            documents.append(reuse[0])
            per_doc_passages.append(reuse[1])
            per_doc_vectors.append(reuse[2])
        else:
            to_load.append(source)

    # Extraction (pypdf, pure Python) runs in worker processes while this process embeds the
    # passages of documents already read, so neither waits for the other.
    embedder = _PipelinedEmbedder(settings, encoder_factory, progress, plan.vectors)
    for loaded in tqdm(
        _load_all(to_load, settings, idle=embedder.encode_ready),
        total=len(to_load),
        desc="reading",
        unit="doc",
        disable=not progress,
    ):
        if isinstance(loaded, Skipped):
            log.warning("skipped %s: %s", loaded.path, loaded.reason)
            skipped.append(loaded)
            continue
        doc, passages = loaded
        documents.append(doc)
        per_doc_passages.append(passages)
        per_doc_vectors.append(None)
        embedder.add(len(per_doc_vectors) - 1, [p.embedding_text() for p in passages])
    embedder.flush()
    timings["read_chunk"] = embedder.wait_seconds
    timings["embed"] = embedder.seconds
    timings["read_embed"] = time.perf_counter() - t0
    for slot, vectors in embedder.vectors.items():
        per_doc_vectors[slot] = vectors
    encoder = embedder.encoder
    if encoder is not None:
        dimension = encoder.dimension
    elif plan.previous is not None:
        dimension = plan.previous.manifest.dimension
    else:
        dimension = 0
    rows = [v for v in per_doc_vectors if v is not None]
    assert len(rows) == len(per_doc_vectors)  # every loaded document was embedded above
    backend = getattr(encoder, "backend", None)
    if encoder is not None:
        precision = getattr(encoder, "precision", "fp32")
    elif plan.previous is not None:
        precision = plan.previous.manifest.encoder_precision
    else:
        precision = build_precision(settings)
    plan.vectors_encoded = embedder.encoded
    return (
        documents,
        per_doc_passages,
        rows,
        skipped,
        embedder.embedded,
        dimension,
        backend,
        precision,
    )


def _load_one(
    source: SourceFile, model_name: str, max_tokens: int, min_tokens: int, pdf_reader: str
) -> tuple[Document, list[Passage]] | Skipped:
    """Read and chunk one file (in a worker process); a Skipped says why it was left out."""
    try:
        doc = load_document(source, pdf_reader)
    except DocumentSkipped as exc:
        return Skipped(str(source.path), str(exc))
    except Exception as exc:  # a file must never stop the build
        return Skipped(str(source.path), f"unreadable: {type(exc).__name__}: {exc}")
    passages = chunk_document(doc, load_token_counter(model_name), max_tokens, min_tokens)
    if not passages:
        return Skipped(str(source.path), "no passages after chunking")
    return doc, passages


def _yield_to_encoder() -> None:
    """Readers run at the lowest priority. Beside the encoder's threads on a small machine a
    reader stalls every parallel operation it preempts (the whole archive: 35 s of reading
    cost the encoder 73 s, build 1.21x its raw encode); niced, it reads in the encoder's
    single-threaded gaps and whenever the encoder waits for documents."""
    with contextlib.suppress(OSError):
        os.nice(19)


def _load_all(
    sources: list[SourceFile], settings: Settings, idle: Callable[[], bool] | None = None
) -> Iterator[tuple[Document, list[Passage]] | Skipped]:
    """Loaded documents in ``sources`` order, read ahead by worker processes when worth it."""
    args = (
        settings.model_name,
        settings.passage_max_tokens,
        settings.passage_min_tokens,
        settings.pdf_reader,
    )
    if settings.build_workers == 0 or len(sources) < 8:
        for source in sources:
            yield _load_one(source, *args)
        return
    # fork starts a reader in milliseconds where spawn re-imports everything (seconds the
    # encoder would sit idle). Readers only parse and chunk: they never touch the model's
    # thread pools a parent may hold, and tokenizers' own parallelism is off.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        settings.build_workers, mp_context=context, initializer=_yield_to_encoder
    ) as pool:
        futures = deque()
        pending = iter(sources)
        ahead = 32 * settings.build_workers  # bounded read-ahead keeps memory flat
        for source in itertools.islice(pending, ahead):
            futures.append(pool.submit(_load_one, source, *args))
        while futures:
            head = futures.popleft()
            # Rather than wait for the reader, embed what has arrived (``idle`` says if it did).
            while idle and not head.done() and idle():
                pass
            result = head.result()
            for source in itertools.islice(pending, 1):
                futures.append(pool.submit(_load_one, source, *args))
            yield result


class _PipelinedEmbedder:
    """Embeds passages in batches as documents arrive; remembers each document's vectors."""

    def __init__(
        self,
        settings: Settings,
        encoder_factory: Callable[[], TextEncoder] | None,
        progress: bool,
        cache: VectorCache | None = None,
    ) -> None:
        self.settings = settings
        self.cache = cache if cache is not None else VectorCache()
        self.encoded = 0  # distinct texts the encoder saw; ``embedded`` counts passages
        self.encoder_factory = encoder_factory
        self.encoder: TextEncoder | None = None
        self.step = settings.embed_batch_size * 8
        self.vectors: dict[int, np.ndarray] = {}
        self.embedded = 0
        self.seconds = 0.0
        self.wait_seconds = 0.0
        self._waiting_since = time.perf_counter()
        self._pending: list[tuple[int, list[str]]] = []
        self._pending_count = 0
        self._bar = tqdm(desc="embedding", unit="passage", disable=not progress)

    def add(self, slot: int, texts: list[str]) -> None:
        self.wait_seconds += time.perf_counter() - self._waiting_since
        self._pending.append((slot, texts))
        self._pending_count += len(texts)
        if self._pending_count >= self.step:
            self._encode_pending()
        self._waiting_since = time.perf_counter()

    def encode_ready(self) -> bool:
        """Embed the pending passages now if they fill a batch; True if it did."""
        if self._pending_count < self.settings.embed_batch_size:
            return False
        self.wait_seconds += time.perf_counter() - self._waiting_since
        self._encode_pending()
        self._waiting_since = time.perf_counter()
        return True

    def flush(self) -> None:
        self.wait_seconds += time.perf_counter() - self._waiting_since
        if self._pending:
            self._encode_pending()
        self._bar.close()

    def _encoder(self, samples: list[str]) -> TextEncoder:
        if self.encoder is None:
            self.encoder = _new_encoder(self.settings, self.encoder_factory, samples)
        return self.encoder

    def _encode_pending(self) -> None:
        t0 = time.perf_counter()
        texts = [t for _, group in self._pending for t in group]
        encoder = self._encoder(texts)
        before = len(self.cache)
        out = self.cache.encode(texts, encoder.encode, encoder.dimension)
        self.encoded += len(self.cache) - before
        cursor = 0
        for slot, group in self._pending:
            self.vectors[slot] = out[cursor : cursor + len(group)]
            cursor += len(group)
        self.embedded += len(texts)
        self._bar.update(len(texts))
        self._pending, self._pending_count = [], 0
        self.seconds += time.perf_counter() - t0
