"""The dev4 draw: the stored text of the founding documents and the reports shipped in
``corpus/``, and the latest report of 8 authorities (seed 24) that no other draw touches.

    python eval/gold/dev4/sample_documents.py SHIPPED_INDEX ARCHIVE_INDEX OUT_DIR

Writes ``OUT_DIR/docs/<doc_id>.txt`` for the writer and ``OUT_DIR/documents.tsv``.
"""

import csv
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))

from index.retrieval.store import load_index  # noqa: E402
from index.settings import Settings  # noqa: E402

FOUNDING_AUTHORITIES = ("calderdale", "herefordshire", "hertfordshire")


def drawn_elsewhere() -> set[str]:
    """Authority folders of the reports the blind, dev2 and dev3 draws hold."""
    used = set(FOUNDING_AUTHORITIES)
    for name in ("blind", "dev2", "dev3"):
        with open(REPO / "eval" / "gold" / name / "documents.tsv") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["source_file"].startswith("ilacs/reports/"):
                    used.add(row["source_file"].split("/")[2])
    return used


def main(shipped_dir: Path, archive_dir: Path, out: Path) -> None:
    model = Settings().model_name
    shipped = load_index(shipped_dir, model)
    archive = load_index(archive_dir, model)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    rows = []
    for doc_id, doc in shipped.documents.items():
        group = (
            "founding-authority reports" if doc_id.startswith(FOUNDING_AUTHORITIES) else "founding"
        )
        (out / "docs" / f"{doc_id}.txt").write_text(doc.text, encoding="utf-8")
        rows.append((group, doc_id, doc.meta.title, len(doc.text)))
    used = drawn_elsewhere()
    by_authority: dict[str, list[str]] = {}
    for doc_id, doc in archive.documents.items():
        meta = doc.meta
        if (
            meta.doc_type == "inspection report"
            and meta.authority
            and meta.authority.lower() not in used
            and doc_id not in shipped.documents
        ):
            by_authority.setdefault(meta.authority, []).append(doc_id)
    for authority in random.Random(24).sample(sorted(by_authority), 8):
        latest = max(by_authority[authority], key=lambda d: archive.documents[d].meta.date or "")
        doc = archive.documents[latest]
        (out / "docs" / f"{latest}.txt").write_text(doc.text, encoding="utf-8")
        rows.append(("reports", latest, doc.meta.title, len(doc.text)))
    with open(out / "documents.tsv", "w") as f:
        f.write("group\tdoc_id\ttitle\tchars\n")
        for row in rows:
            f.write("\t".join(map(str, row)) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
