"""Files in the corpus → Documents with stored text, structure and metadata."""

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.errors import DocumentSkipped
from index.ingest.html_text import assemble_html
from index.ingest.metadata import SIDECAR_SUFFIX, build_meta
from index.ingest.pdf_text import assemble_pdf, read_pdf
from index.ingest.structure import TextAssembler
from index.ingest.textual import assemble_text
from index.settings import PDF_READER
from index.text import normalise_whitespace
from index.types import Document

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
# A corpus folder's list of ILACS archive folders it includes, read where they are (never
# copied): {"ilacs_reports": ["calderdale", ...]}, each under the archive's reports folder.
READ_IN_PLACE = "read-in-place.json"


@dataclass(frozen=True)
class SourceFile:
    """A candidate document on disk, with the hash that decides whether it changed."""

    path: Path
    relative_path: Path
    content_hash: str


@dataclass(frozen=True)
class Skipped:
    """A file left out of the index, and why."""

    path: str
    reason: str


def discover(corpus_dir: Path) -> Iterator[Path]:
    """Supported files under ``corpus_dir`` in a stable order; sidecars, hidden files and a
    folder's README aside."""
    for path in sorted(corpus_dir.rglob("*")):
        if not path.is_file() or any(p.startswith(".") for p in path.relative_to(corpus_dir).parts):
            continue
        if path.name.endswith(SIDECAR_SUFFIX):
            continue
        if path.stem.lower() == "readme":
            # Describes the collection (its sources, a table of every file): quoting it
            # answers questions about the documents with their catalogue.
            log.info("not indexed: %s is the folder's README", path)
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path


@dataclass(frozen=True)
class CorpusFolder:
    """A folder to index, and the root its files' paths (so doc_ids and authorities) are
    relative to: the corpus itself, or its archive's reports folder for a folder read in place."""

    folder: Path
    root: Path


def corpus_folders(
    corpus_dir: Path, ilacs_reports: Path
) -> tuple[list[CorpusFolder], list[Skipped]]:
    """``corpus_dir`` and the archive folders its read-in-place.json names; a name that is not
    a folder of ``ilacs_reports`` (the archive absent, a typo, a path) is skipped with why."""
    folders = [CorpusFolder(corpus_dir, corpus_dir)]
    listing = corpus_dir / READ_IN_PLACE
    if not listing.is_file():
        return folders, []
    try:
        names = json.loads(listing.read_text(encoding="utf-8"))["ilacs_reports"]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError("ilacs_reports is not a list of folder names")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        reason = f"unreadable list of folders read in place: {exc}"
        log.warning("not indexed: %s: %s", listing, reason)
        return folders, [Skipped(str(listing), reason)]
    skipped = []
    for name in names:
        folder = ilacs_reports / name
        # One folder of the archive by its name: not the archive itself, a path or a hidden one.
        if not name or Path(name).name != name or name.startswith(".") or not folder.is_dir():
            reason = f"{name!r} is not a folder of the ILACS archive at {ilacs_reports}"
            log.warning("not indexed: %s", reason)
            skipped.append(Skipped(str(listing), reason))
            continue
        folders.append(CorpusFolder(folder, ilacs_reports))
    return folders, skipped


def fingerprint(path: Path, corpus_dir: Path, max_bytes: int) -> SourceFile:
    """Hash a file's bytes (and its sidecar's), refusing files over ``max_bytes``."""
    size = path.stat().st_size
    if size == 0:
        raise DocumentSkipped("empty file")
    if size > max_bytes:
        raise DocumentSkipped(f"file is {size:,} bytes, over the {max_bytes:,} byte limit")
    digest = hashlib.sha256(path.read_bytes())
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if sidecar.is_file():
        digest.update(sidecar.read_bytes())
    return SourceFile(path, path.relative_to(corpus_dir), digest.hexdigest())


def _decode(raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise DocumentSkipped("binary content in a text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows-1252 maps almost every byte to a printable character, so random bytes
        # would pass as text; real English text in it is overwhelmingly ASCII.
        head = raw[:20000]
        if sum(b >= 0x80 or (b < 0x20 and b not in b"\t\n\r\f") for b in head) > 0.1 * len(head):
            raise DocumentSkipped(
                "not text: neither UTF-8 nor mostly ASCII (random bytes?)"
            ) from None
        text = raw.decode("cp1252", errors="replace")
        log.info("not UTF-8, read as Windows-1252")
        return text


def load_document(source: SourceFile, pdf_reader: str = PDF_READER) -> Document:
    """Read, structure and describe one file; raises DocumentSkipped when it cannot."""
    suffix = source.path.suffix.lower()
    assembler = TextAssembler()
    if suffix == ".pdf":
        assemble_pdf(read_pdf(source.path, pdf_reader), assembler)
    else:
        raw = _decode(source.path.read_bytes())
        if not raw.strip():
            raise DocumentSkipped("no text")
        printable = sum(ch.isprintable() or ch.isspace() for ch in raw[:20000])
        if printable < 0.9 * min(len(raw), 20000):
            raise DocumentSkipped("mostly unprintable characters: not a text document")
        raw = normalise_whitespace(raw)
        if suffix in (".html", ".htm"):
            assemble_html(raw, assembler)
        else:
            assemble_text(raw, assembler)
    text = assembler.text()
    if len(text.strip()) < 20:
        raise DocumentSkipped("less than 20 characters of text")
    meta = build_meta(source.path, source.relative_path, text, assembler.blocks)
    return Document(
        meta=meta,
        text=text,
        blocks=assembler.blocks,
        page_starts=assembler.page_starts,
        content_hash=source.content_hash,
    )
