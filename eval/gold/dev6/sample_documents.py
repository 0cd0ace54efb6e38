"""The dev6 draw (seed 26): the 28 council documents and the 5 founding documents, with each
one's authority's latest report, and 10 authorities no other draw touches (latest report, and
the one before it for the first five), plus the archive's catalogue for the writers.

    python eval/gold/dev6/sample_documents.py ARCHIVE_INDEX OUT_DIR

Writes ``OUT_DIR/docs/<doc_id>.txt``, ``OUT_DIR/documents.tsv`` and
``OUT_DIR/archive_catalogue.tsv`` (authority → its reports' publication dates).
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
    """Authority folders of the reports every earlier draw holds."""
    used = set(FOUNDING_AUTHORITIES)
    for name in ("blind", "dev2", "dev3", "dev4", "dev5"):
        with open(REPO / "eval" / "gold" / name / "documents.tsv") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                source = row.get("source_file") or ""
                if source.startswith("ilacs/reports/"):
                    used.add(source.split("/")[2])
                elif name == "dev4" and row["group"] == "reports":
                    used.add(row["doc_id"].split("-children-s-services")[0].replace("-", " "))
    return used


def main(archive_dir: Path, out: Path) -> None:
    archive = load_index(archive_dir, Settings().model_name)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    by_authority: dict[str, list[str]] = {}
    for doc_id, doc in archive.documents.items():
        meta = doc.meta
        if meta.doc_type == "inspection report" and meta.authority:
            by_authority.setdefault(meta.authority, []).append(doc_id)
    for reports in by_authority.values():
        reports.sort(key=lambda d: archive.documents[d].meta.date or "")
    with open(out / "archive_catalogue.tsv", "w") as f:
        f.write("authority\treport publication dates\n")
        for authority in sorted(by_authority):
            dates = [archive.documents[d].meta.date or "?" for d in by_authority[authority]]
            f.write(f"{authority}\t{', '.join(dates)}\n")
    rows: list[tuple[str, str, str, int]] = []

    def take(group: str, doc_id: str, source: str) -> None:
        if any(r[1] == doc_id for r in rows):
            return
        doc = archive.documents[doc_id]
        (out / "docs" / f"{doc_id}.txt").write_text(doc.text, encoding="utf-8")
        rows.append((group, doc_id, source, len(doc.text)))

    for doc_id, doc in sorted(archive.documents.items()):
        if doc.meta.path.endswith(".txt") and doc.meta.path[:2].isdigit():
            take("council", doc_id, f"council/{doc.meta.path}")
    for doc_id in [r[1] for r in rows if r[0] == "council"]:
        authority = archive.documents[doc_id].meta.authority
        if authority in by_authority:
            latest = by_authority[authority][-1]
            path = archive.documents[latest].meta.path
            take("council-authority", latest, f"ilacs/reports/{path}")
    used = drawn_elsewhere() | {
        (archive.documents[r[1]].meta.authority or "").lower() for r in rows
    }
    fresh = sorted(
        a for a in by_authority if a.lower() not in used and a.lower().replace("-", " ") not in used
    )
    for n, authority in enumerate(random.Random(26).sample(fresh, 10)):
        for doc_id in by_authority[authority][-2:] if n < 5 else by_authority[authority][-1:]:
            take("reports", doc_id, f"ilacs/reports/{archive.documents[doc_id].meta.path}")
    with open(out / "documents.tsv", "w") as f:
        f.write("group\tdoc_id\tsource_file\tchars\n")
        for row in rows:
            f.write("\t".join(map(str, row)) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
