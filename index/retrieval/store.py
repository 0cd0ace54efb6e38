"""The index on disk: versioned directories, a CURRENT pointer swapped atomically, a manifest.

    INDEX_DIR/CURRENT            name of the version being served
    INDEX_DIR/versions/<name>/   manifest.json, documents.jsonl, passages.jsonl,
                                 vectors.npy, dense.faiss, lexical/, judgements.json

A build writes a new version beside the old one and only then replaces CURRENT, so a crash
at any point leaves the served index intact.
"""

import hashlib
import json
import logging
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.answering.judgement_table import JUDGEMENTS_FILE, read_judgements, write_judgements
from index.errors import IndexCorrupt, IndexNotFound
from index.ingest.boilerplate import boilerplate_mask, template_sentences
from index.ingest.judgements import InspectionRecord
from index.retrieval.lexical import LexicalIndex
from index.retrieval.model_files import weights_fingerprint
from index.types import Document, DocumentMeta, Passage

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
CURRENT = "CURRENT"
VERSIONS = "versions"
_CHECKED_FILES = ("documents.jsonl", "passages.jsonl", "vectors.npy", "dense.faiss")
BOILERPLATE_FILE = "boilerplate.npy"
SENTENCES_FILE = "sentences.npy"
SENTENCE_OFFSETS_FILE = "sentence_offsets.npy"
TEMPLATE_FILE = "template_sentences.json"
# Checksummed when written; older indexes lack them (the boilerplate mask is then computed).
_OPTIONAL_CHECKED = (
    JUDGEMENTS_FILE,
    BOILERPLATE_FILE,
    TEMPLATE_FILE,
    SENTENCES_FILE,
    SENTENCE_OFFSETS_FILE,
)


@dataclass
class Manifest:
    """What an index holds and how it was made; checked before an index is served."""

    format_version: int
    model_name: str
    dimension: int
    passage_count: int
    document_count: int
    corpus_fingerprint: str
    created_at: str
    # Which encoder made the vectors (issue 16): queries must be embedded the same way.
    encoder_precision: str = "fp32"
    # Which weights (issue 15: base or tuned); "" = an index from before fingerprints were
    # recorded, when only the packaged weights could have made it.
    model_fingerprint: str = ""
    checksums: dict[str, str] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def weights_fingerprint(self) -> str:
        """The fingerprint of the weights that embedded this index."""
        return self.model_fingerprint or weights_fingerprint(self.model_name)


@dataclass(frozen=True)
class SentenceVectors:
    """Every passage's sentences embedded (``index.text.passage_sentences``), as fp16:
    passage i's are rows ``offsets[i]:offsets[i + 1]``."""

    vectors: np.ndarray
    offsets: np.ndarray

    def of(self, row: int) -> np.ndarray:
        return self.vectors[int(self.offsets[row]) : int(self.offsets[row + 1])]


@dataclass
class StoredIndex:
    """An index read into memory: documents, passages, vectors and both search structures."""

    path: Path
    manifest: Manifest
    documents: dict[str, Document]
    passages: list[Passage]
    vectors: np.ndarray
    dense: faiss.Index
    lexical: LexicalIndex
    boilerplate: np.ndarray  # per passage: template text (index/boilerplate.py)
    judgements: list[InspectionRecord] = field(default_factory=list)
    template: frozenset[int] = frozenset()  # template sentences' shapes (index/boilerplate.py)
    sentences: SentenceVectors | None = None  # absent from older indexes

    @property
    def version(self) -> str:
        return self.path.name


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def new_version_dir(index_dir: Path) -> Path:
    """A fresh, empty directory for a build to fill; not served until committed."""
    versions = index_dir / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.time_ns() % 1_000_000:06d}"
    path = versions / f".building-{name}"
    path.mkdir()
    return path


def write_index(
    building: Path,
    manifest: Manifest,
    documents: list[Document],
    passages: list[Passage],
    vectors: np.ndarray,
    lexical: LexicalIndex,
    judgements: list[InspectionRecord] | None = None,
    dense_type: str = "flat",
    sentences: SentenceVectors | None = None,
) -> None:
    """Write every file of a version into ``building`` and checksum them into the manifest."""
    with (building / "documents.jsonl").open("w", encoding="utf-8") as out:
        for doc in documents:
            record = {
                "meta": doc.meta.to_dict(),
                "text": doc.text,
                "page_starts": doc.page_starts,
                "content_hash": doc.content_hash,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with (building / "passages.jsonl").open("w", encoding="utf-8") as out:
        for passage in passages:
            record = asdict(passage)
            del record["text"]  # derived from the document text and the offsets
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    np.save(building / "vectors.npy", vectors)
    # Found once here rather than at every server start (seconds at a million passages).
    np.save(building / BOILERPLATE_FILE, boilerplate_mask(passages))
    # Seconds over a whole archive: found here, not at every server start or index swap.
    (building / TEMPLATE_FILE).write_text(json.dumps(sorted(template_sentences(passages))))
    dense = make_dense_index(vectors, manifest.dimension, dense_type)
    manifest.stats["dense_index"] = dense_type
    faiss.write_index(dense, str(building / "dense.faiss"))
    lexical.save(building / "lexical")
    if judgements is not None:
        write_judgements(building / JUDGEMENTS_FILE, judgements)
    if sentences is not None:
        np.save(building / SENTENCES_FILE, sentences.vectors)
        np.save(building / SENTENCE_OFFSETS_FILE, sentences.offsets)
    manifest.checksums = {
        name: _sha256(building / name)
        for name in _CHECKED_FILES + _OPTIONAL_CHECKED
        if (building / name).is_file()
    }
    (building / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2))
    for path in building.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(building)


# What "auto" picks while exact search is fast enough. fp16 codes: half the bytes of fp32, so
# the archive's 24k vectors (19 MB) stay in this machine's 32 MB L3 and a flat scan is 2.7x
# faster, with the same top 50 for 99.9 % of rows (benchmarks/README.md, issue 16). Part of
# the build's fingerprint, so changing it rebuilds the index structures (no re-embedding).
EXACT_DENSE_TYPE = "flat16"


def choose_dense_type(passages: int, setting: str, flat_max: int) -> str:
    """The dense index type for a corpus of ``passages``: exact until it gets slow."""
    if setting != "auto":
        return setting
    return EXACT_DENSE_TYPE if passages <= flat_max else "ivf"


def make_dense_index(vectors: np.ndarray, dimension: int, dense_type: str) -> faiss.Index:
    """Inner product over normalised vectors: exact over fp32 (flat) or fp16 codes (flat16),
    IVF or HNSW."""
    if dense_type == "ivf" and len(vectors) >= 1000:
        # ~4 sqrt(n) lists, trained on a bounded sample: training cost stays flat with size.
        nlist = int(4 * np.sqrt(len(vectors)))
        dense = faiss.IndexIVFFlat(
            faiss.IndexFlatIP(dimension), dimension, nlist, faiss.METRIC_INNER_PRODUCT
        )
        rng = np.random.default_rng(0)
        sample = vectors[rng.choice(len(vectors), min(len(vectors), 40 * nlist), replace=False)]
        dense.train(sample)
    elif dense_type == "hnsw":
        dense = faiss.IndexHNSWFlat(dimension, 32, faiss.METRIC_INNER_PRODUCT)
        dense.hnsw.efConstruction = 64
    elif dense_type == "flat16":
        dense = faiss.IndexScalarQuantizer(
            dimension, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT
        )
    else:
        dense = faiss.IndexFlatIP(dimension)
    if len(vectors):
        dense.add(vectors)
    return dense


def search_parameters(
    dense: faiss.Index, nprobe: int, ef_search: int, selector: faiss.IDSelector | None = None
) -> faiss.SearchParameters:
    """Per-search parameters of the right class for ``dense``'s type."""
    if isinstance(dense, faiss.IndexIVF):
        return faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)
    if isinstance(dense, faiss.IndexHNSW):
        return faiss.SearchParametersHNSW(sel=selector, efSearch=ef_search)
    return faiss.SearchParameters(sel=selector)


def commit_version(index_dir: Path, building: Path) -> Path:
    """Make ``building`` the served version: rename it, then swap CURRENT atomically."""
    final = building.with_name(building.name.removeprefix(".building-"))
    building.rename(final)
    pointer_tmp = index_dir / f".{CURRENT}.tmp-{os.getpid()}"
    pointer_tmp.write_text(final.name + "\n")
    with pointer_tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)
    _prune(index_dir, keep={final.name})
    return final


def _prune(index_dir: Path, keep: set[str], keep_previous: int = 1) -> None:
    """Remove abandoned builds and all but the newest previous versions."""
    versions = index_dir / VERSIONS
    done = sorted(
        (p for p in versions.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    previous = [p for p in done if p.name not in keep][-keep_previous:] if keep_previous else []
    for path in versions.iterdir():
        if path.name in keep or path in previous:
            continue
        if path.name.startswith(".building-") and _is_live_build(path):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _is_live_build(path: Path) -> bool:
    """A build directory whose writing process is still running."""
    try:
        pid = int(path.name.split("-")[2])
        os.kill(pid, 0)
    except (IndexError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return pid != os.getpid()


def current_version(index_dir: Path) -> Path:
    """Directory of the served version; IndexNotFound when nothing was ever built."""
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        raise IndexNotFound(
            f"no index in {index_dir}: run `inspection-qa build --index {index_dir}` first"
        )
    path = index_dir / VERSIONS / pointer.read_text().strip()
    if not path.is_dir():
        raise IndexCorrupt(f"{pointer} names a missing version {path.name}: rebuild the index")
    return path


def read_manifest(version_dir: Path) -> Manifest:
    try:
        data = json.loads((version_dir / "manifest.json").read_text())
        return Manifest(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise IndexCorrupt(
            f"unreadable manifest in {version_dir}: {exc}; rebuild the index"
        ) from exc


def load_index(index_dir: Path, model_name: str, dimension: int | None = None) -> StoredIndex:
    """Read the served version, refusing one that is damaged or made with another model."""
    version_dir = current_version(index_dir)
    manifest = read_manifest(version_dir)
    if manifest.format_version != FORMAT_VERSION:
        raise IndexCorrupt(
            f"index format {manifest.format_version} is not {FORMAT_VERSION}: rebuild the index"
        )
    if manifest.model_name != model_name or (dimension and manifest.dimension != dimension):
        raise IndexCorrupt(
            f"index was built with {manifest.model_name} ({manifest.dimension}-d) but the "
            f"service uses {model_name}: rebuild with `inspection-qa build` or change the setting"
        )
    for name, expected in manifest.checksums.items():
        if not (version_dir / name).is_file() or _sha256(version_dir / name) != expected:
            raise IndexCorrupt(
                f"{version_dir / name} is missing or altered (checksum mismatch): rebuild the index"
            )
    try:
        documents = _read_documents(version_dir / "documents.jsonl")
        passages = _read_passages(version_dir / "passages.jsonl", documents)
        # Mapped, not read: worker processes share one copy in the page cache.
        vectors = np.load(version_dir / "vectors.npy", mmap_mode="r")
        dense = faiss.read_index(str(version_dir / "dense.faiss"))
        lexical = LexicalIndex.load(version_dir / "lexical", len(passages))
        judgements = read_judgements(version_dir / JUDGEMENTS_FILE)
        flagged = version_dir / BOILERPLATE_FILE
        boilerplate = np.load(flagged) if flagged.is_file() else boilerplate_mask(passages)
        shapes = version_dir / TEMPLATE_FILE
        template = frozenset(
            json.loads(shapes.read_text()) if shapes.is_file() else template_sentences(passages)
        )
        sentences = None
        if (version_dir / SENTENCES_FILE).is_file():
            sentences = SentenceVectors(
                np.load(version_dir / SENTENCES_FILE, mmap_mode="r"),
                np.load(version_dir / SENTENCE_OFFSETS_FILE),
            )
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise IndexCorrupt(f"cannot read index {version_dir}: {exc}; rebuild the index") from exc
    if not (
        len(passages) == manifest.passage_count == dense.ntotal == len(vectors) == len(boilerplate)
    ):
        raise IndexCorrupt(f"index {version_dir} is inconsistent (counts differ): rebuild it")
    if sentences is not None and not (
        len(sentences.offsets) == len(passages) + 1
        and int(sentences.offsets[-1]) == len(sentences.vectors)
    ):
        raise IndexCorrupt(f"index {version_dir}: its sentence vectors do not match: rebuild it")
    return StoredIndex(
        version_dir,
        manifest,
        documents,
        passages,
        vectors,
        dense,
        lexical,
        boilerplate,
        judgements,
        template,
        sentences,
    )


def _read_documents(path: Path) -> dict[str, Document]:
    documents: dict[str, Document] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            meta = DocumentMeta(**record["meta"])
            documents[meta.doc_id] = Document(
                meta=meta,
                text=record["text"],
                blocks=[],
                page_starts=record["page_starts"],
                content_hash=record["content_hash"],
            )
    return documents


def _read_passages(path: Path, documents: dict[str, Document]) -> list[Passage]:
    passages: list[Passage] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            doc = documents[record["doc_id"]]
            record["text"] = doc.text[record["start"] : record["end"]]
            passages.append(Passage(**record))
    return passages
