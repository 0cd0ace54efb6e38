"""Documents uploaded by an administrator: checked, then stored under ``<corpus>/uploads/``.

A file must be what its name says: a PDF starts with ``%PDF-``; HTML, Markdown and text
decode as UTF-8 and are not a PDF or a binary in disguise; HTML has HTML tags. The name
must be a plain file name: no folder, no ``..``, no hidden file, so nothing lands outside
the uploads folder. Metadata given with the file is written as the ``<stem>.meta.json``
sidecar the loaders already read.
"""

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from index.ingest.loaders import SUPPORTED_SUFFIXES
from index.ingest.metadata import SIDECAR_SUFFIX, doc_id_for

UPLOADS_DIR = "uploads"
_HTML_TAG = re.compile(rb"<\s*(!doctype\s+html|html|head|body|p|div|h[1-6]|table|article)\b", re.I)


class UploadRefused(Exception):
    """An upload the service will not store; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status, self.kind, self.message = status, kind, message


@dataclass(frozen=True)
class StoredUpload:
    path: Path
    relative_path: str
    doc_id: str
    bytes: int


def plain_name(filename: str | None) -> str:
    """The upload's file name, refused unless it is a plain, visible name with a known type."""
    name = (filename or "").strip()
    if not name:
        raise UploadRefused(422, "bad_file_name", "the file has no name: send it with one")
    if "/" in name or "\\" in name or "\x00" in name or name in (".", "..") or ".." in name:
        raise UploadRefused(
            422, "bad_file_name", f"{name!r} holds a path: send a plain file name, no folders"
        )
    if name.startswith("."):
        raise UploadRefused(422, "bad_file_name", f"{name!r} is a hidden file name")
    if len(name.encode()) > 200:
        raise UploadRefused(422, "bad_file_name", "the file name is over 200 bytes")
    suffix = Path(name).suffix.lower()
    if name.lower().endswith(SIDECAR_SUFFIX) or suffix not in SUPPORTED_SUFFIXES:
        raise UploadRefused(
            415,
            "unsupported_type",
            f"{name!r} is not a supported type: send {', '.join(SUPPORTED_SUFFIXES)}",
        )
    return name


def check_content(name: str, data: bytes) -> None:
    """Refuse content that is not what the file name says it is."""
    suffix = Path(name).suffix.lower()
    if not data:
        raise UploadRefused(422, "empty_file", f"{name} is empty")
    is_pdf = data.lstrip()[:5] == b"%PDF-"
    if suffix == ".pdf":
        if not is_pdf:
            raise UploadRefused(
                415, "content_mismatch", f"{name} is named .pdf but is not a PDF (no %PDF- header)"
            )
        return
    if is_pdf or b"\x00" in data[:65536]:
        raise UploadRefused(
            415, "content_mismatch", f"{name} is binary (or a PDF), not {suffix} text"
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UploadRefused(
            415, "content_mismatch", f"{name} is not UTF-8 (byte {exc.start}): save it as UTF-8"
        ) from None
    if suffix in (".html", ".htm") and not _HTML_TAG.search(data[:65536]):
        raise UploadRefused(415, "content_mismatch", f"{name} is named HTML but has no HTML tags")


def _write_atomic(path: Path, data: bytes) -> None:
    # A hidden temporary name: the build and the watcher ignore hidden files.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store_upload(
    corpus_dir: Path, name: str, data: bytes, metadata: dict[str, str], replace: bool = False
) -> StoredUpload:
    """Write the document (and its sidecar) into ``<corpus>/uploads/``; 409 if it exists."""
    folder = (corpus_dir / UPLOADS_DIR).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    path = (folder / name).resolve()
    if path.parent != folder:  # belt and braces: plain_name already refused paths
        raise UploadRefused(422, "bad_file_name", f"{name!r} would leave the corpus folder")
    if path.exists() and not replace:
        raise UploadRefused(
            409, "exists", f"{UPLOADS_DIR}/{name} already exists: send replace=true to replace it"
        )
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    # The sidecar first: a build that sees the document must also see its metadata.
    if metadata:
        _write_atomic(sidecar, json.dumps(metadata, indent=2, ensure_ascii=False).encode())
    else:
        sidecar.unlink(missing_ok=True)
    _write_atomic(path, data)
    relative = Path(UPLOADS_DIR) / name
    return StoredUpload(path, str(relative), doc_id_for(relative), len(data))
