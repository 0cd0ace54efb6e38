"""Page texts of PDFs cached on disk by content hash, so extractor iterations skip pypdf."""

import hashlib
import json
from pathlib import Path

from index.errors import DocumentSkipped
from index.ingest.pdf_text import read_pdf


def cached_pages(path: Path, cache_dir: Path | None, reader: str = "pypdf") -> list[str]:
    """``read_pdf(path, reader)``, from ``cache_dir`` when this exact file was read before
    (``None``: no cache, always read)."""
    if cache_dir is None:
        return read_pdf(path, reader)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    suffix = "" if reader == "pypdf" else f".{reader}"  # pypdf entries keep their old names
    entry = cache_dir / f"{digest}{suffix}.json"
    if entry.is_file():
        data = json.loads(entry.read_text(encoding="utf-8"))
        if "skipped" in data:
            raise DocumentSkipped(data["skipped"])
        return data["pages"]
    cache_dir.mkdir(parents=True, exist_ok=True)
    try:
        pages = read_pdf(path, reader)
    except DocumentSkipped as exc:
        entry.write_text(json.dumps({"skipped": str(exc)}), encoding="utf-8")
        raise
    entry.write_text(json.dumps({"pages": pages}, ensure_ascii=False), encoding="utf-8")
    return pages


if __name__ == "__main__":  # warm the cache: python -m benchmarks.pdf_cache DIR CACHE
    import sys
    import time

    root, cache = Path(sys.argv[1]), Path(sys.argv[2])
    t0 = time.perf_counter()
    for n, pdf in enumerate(sorted(root.rglob("*.pdf")), 1):
        try:
            cached_pages(pdf, cache)
        except DocumentSkipped as exc:
            print(f"skipped {pdf}: {exc}")
        if n % 25 == 0:
            print(f"{n} PDFs, {time.perf_counter() - t0:.0f}s", flush=True)
