"""The stored text of corpus documents exactly as the index keeps it, cached on disk.

Gold quotes must be verbatim substrings of what the index stores, so the text comes from the
project's own loader, never from another PDF reader. Extracting hundreds of PDFs is slow,
so each text is cached under a key made of the file's hash and the loader code's version:
changing the loader or the file invalidates the entry.
"""

import hashlib
import json
import logging
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from index.build import _code_version
from index.errors import DocumentSkipped
from index.ingest.loaders import fingerprint, load_document
from index.ingest.metadata import doc_id_for
from index.settings import REPO_ROOT

log = logging.getLogger(__name__)

DEFAULT_CACHE = REPO_ROOT / "var" / "gold-text-cache"
_MAX_BYTES = 200_000_000


@dataclass(frozen=True)
class StoredText:
    doc_id: str
    authority: str | None
    text: str


def stored_text(path: Path, corpus_dir: Path, cache_dir: Path = DEFAULT_CACHE) -> StoredText:
    """The doc_id, authority and stored text of ``path`` as an index of ``corpus_dir`` has them."""
    source = fingerprint(path, corpus_dir, _MAX_BYTES)
    key = hashlib.sha256(f"{source.content_hash}:{_code_version()}".encode()).hexdigest()[:32]
    cached = cache_dir / f"{key}.json"
    if cached.is_file():
        data = json.loads(cached.read_text(encoding="utf-8"))
        return StoredText(data["doc_id"], data["authority"], data["text"])
    document = load_document(source)
    found = StoredText(document.meta.doc_id, document.meta.authority, document.text)
    assert found.doc_id == doc_id_for(source.relative_path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    tmp.write_text(json.dumps(found.__dict__), encoding="utf-8")
    tmp.replace(cached)
    return found


def doc_path_index(corpus_dir: Path) -> dict[str, Path]:
    """doc_id → PDF path for every PDF under ``corpus_dir``, without reading any of them."""
    return {
        doc_id_for(path.relative_to(corpus_dir)): path for path in sorted(corpus_dir.rglob("*.pdf"))
    }


def _load(args: tuple[Path, Path, Path]) -> StoredText | None:
    path, corpus_dir, cache_dir = args
    try:
        return stored_text(path, corpus_dir, cache_dir)
    except DocumentSkipped as exc:
        log.warning("%s is skipped by the loader: %s", path, exc)
        return None


def stored_texts(
    doc_ids: set[str], corpus_dir: Path, cache_dir: Path = DEFAULT_CACHE, workers: int = 2
) -> dict[str, StoredText]:
    """Stored text of each of ``doc_ids`` found under ``corpus_dir`` (missing ones left out).

    Uncached PDFs are read in ``workers`` processes: pypdf is CPU-bound.
    """
    paths = doc_path_index(corpus_dir)
    jobs = [(paths[d], corpus_dir, cache_dir) for d in sorted(doc_ids) if d in paths]
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            found = list(pool.map(_load, jobs, chunksize=4))
    else:
        found = [_load(job) for job in jobs]
    return {s.doc_id: s for s in found if s is not None}
