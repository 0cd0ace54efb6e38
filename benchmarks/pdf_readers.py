"""pypdf, PDFium (pypdfium2) and pdftext on the same PDFs: speed, text, structure.

    PYTHONPATH=. .venv/bin/python benchmarks/pdf_readers.py                  # whole archive
    PYTHONPATH=. .venv/bin/python benchmarks/pdf_readers.py --limit 40 \
        --pdftext-python /tmp/pdftext-venv/bin/python

For each reader, over the same PDFs in one run: seconds per page (text extraction only),
characters, passages after the project's own assembly and chunking, judgement-table rows
recognised, and pages with a page number in the stored text. pdftext pins an older
pypdfium2 than the project uses, so it runs from its own interpreter (``--pdftext-python``)
and only its extraction is timed there; assembly runs here on its page texts.
"""

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from _common import SHARED_ILACS

from index.errors import DocumentSkipped
from index.ingest.chunking import chunk_document
from index.ingest.metadata import build_meta
from index.ingest.pdf_text import assemble_pdf, check_pdf_signature, read_pdf
from index.ingest.structure import TextAssembler
from index.retrieval.embedding import load_token_counter
from index.settings import Settings
from index.types import Document

_PDFTEXT = """
import json, sys, time
from pdftext.extraction import paginated_plain_text_output
out = {}
for path in sys.argv[1:]:
    t0 = time.perf_counter()
    try:
        pages = paginated_plain_text_output(path)
    except Exception as exc:
        out[path] = {"error": str(exc)}
        continue
    out[path] = {"pages": pages, "seconds": time.perf_counter() - t0}
json.dump(out, sys.stdout)
"""


def structure(path: Path, root: Path, pages: list[str], settings: Settings) -> dict[str, int]:
    assembler = TextAssembler()
    assemble_pdf(pages, assembler)
    text = assembler.text()
    meta = build_meta(path, path.relative_to(root), text, assembler.blocks)
    doc = Document(meta, text, assembler.blocks, assembler.page_starts)
    passages = chunk_document(
        doc,
        load_token_counter(settings.model_name),
        settings.passage_max_tokens,
        settings.passage_min_tokens,
    )
    return {
        "passages": len(passages),
        "table_rows": sum(1 for b in assembler.blocks if getattr(b, "kind", "") == "row"),
        "pages_numbered": len(assembler.page_starts),
        "chars": len(text),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ilacs", type=Path, default=SHARED_ILACS)
    parser.add_argument("--limit", type=int, default=0, help="a random sample of N PDFs")
    parser.add_argument("--pdftext-python", help="an interpreter with pdftext installed")
    args = parser.parse_args()
    settings = Settings()
    root = args.ilacs / "reports"
    pdfs = sorted(root.rglob("*.pdf"))
    if args.limit:
        pdfs = sorted(random.Random(5).sample(pdfs, args.limit))
    readable = []
    for pdf in pdfs:
        try:
            check_pdf_signature(pdf)
            readable.append(pdf)
        except DocumentSkipped as exc:
            print(f"skipped {pdf.relative_to(root)}: {exc}")
    print(f"{len(readable)} PDFs")

    results: dict[str, dict[Path, tuple[list[str], float]]] = {}
    for reader in ("pypdf", "pdfium"):
        results[reader] = {}
        for pdf in readable:
            t0 = time.perf_counter()
            try:
                pages = read_pdf(pdf, reader)
            except DocumentSkipped:
                continue
            results[reader][pdf] = (pages, time.perf_counter() - t0)
    if args.pdftext_python:
        proc = subprocess.run(
            [args.pdftext_python, "-c", _PDFTEXT, *map(str, readable)],
            capture_output=True,
            text=True,
            check=True,
        )
        raw = json.loads(proc.stdout)
        results["pdftext"] = {
            Path(p): (v["pages"], v["seconds"]) for p, v in raw.items() if "pages" in v
        }

    common = set.intersection(*(set(r) for r in results.values()))
    print(f"{len(common)} PDFs read by every reader\n")
    header = "reader    pages  s/page(ms)  total s    chars  passages  table rows  page starts"
    print(header)
    for reader, per_pdf in results.items():
        pages = seconds = 0.0
        totals = {"chars": 0, "passages": 0, "table_rows": 0, "pages_numbered": 0}
        for pdf in sorted(common):
            texts, took = per_pdf[pdf]
            pages += len(texts)
            seconds += took
            for key, value in structure(pdf, root, texts, settings).items():
                totals[key] += value
        print(
            f"{reader:<8} {int(pages):>6} {1000 * seconds / pages:>11.1f} {seconds:>8.1f} "
            f"{totals['chars']:>8} {totals['passages']:>9} {totals['table_rows']:>11} "
            f"{totals['pages_numbered']:>12}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
