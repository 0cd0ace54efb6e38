"""What every set's draw of documents for its writers shares (``eval/gold/dev*/
sample_documents.py``): the archive's reports by authority, the writers' catalogue of it, and
the drawn documents written out as the writers read them. Each set keeps its own rule for what
it draws."""

import csv
import random
from pathlib import Path

from index.retrieval.store import StoredIndex, load_index
from index.settings import Settings

REPO = Path(__file__).resolve().parents[2]
FOUNDING_AUTHORITIES = ("calderdale", "herefordshire", "hertfordshire")


def authority_folders_drawn(draws: tuple[str, ...]) -> set[str]:
    """The founding authorities and the authority folders of the reports ``draws`` hold (the
    dev5 and dev6 rule; dev4 lists its reports by doc_id alone)."""
    used = set(FOUNDING_AUTHORITIES)
    for name in draws:
        with open(REPO / "eval" / "gold" / name / "documents.tsv") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                source = row.get("source_file") or ""
                if source.startswith("ilacs/reports/"):
                    used.add(source.split("/")[2])
                elif name == "dev4" and row["group"] == "reports":
                    used.add(row["doc_id"].split("-children-s-services")[0].replace("-", " "))
    return used


def folded(authority: str) -> str:
    """An authority's name as both a folder and the metadata spell it, for comparing."""
    return authority.lower().replace("-", " ").replace(",", "")


def authorities_drawn(archive_authority: dict[str, str], draws: tuple[str, ...]) -> set[str]:
    """Folded names of the authorities whose documents any of ``draws`` holds (the dev7 and
    dev8 rule). ``archive_authority`` maps a doc_id to its authority, for draws that list
    doc_ids only."""
    used = {folded(a) for a in FOUNDING_AUTHORITIES}
    for name in draws:
        with open(REPO / "eval" / "gold" / name / "documents.tsv") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                source = row.get("source_file") or ""
                if source.startswith("ilacs/reports/"):
                    used.add(folded(source.split("/")[2]))
                if row["doc_id"] in archive_authority:
                    used.add(folded(archive_authority[row["doc_id"]]))
                elif name == "dev4" and row["group"] == "reports":
                    used.add(folded(row["doc_id"].split("-children-s-services")[0]))
    return used


def documents_drawn(draws: tuple[str, ...]) -> set[str]:
    """The doc_ids every one of ``draws`` holds."""
    drawn: set[str] = set()
    for name in draws:
        with open(REPO / "eval" / "gold" / name / "documents.tsv") as f:
            drawn.update(row["doc_id"] for row in csv.DictReader(f, delimiter="\t"))
    return drawn


def open_archive(archive_dir: Path) -> StoredIndex:
    return load_index(archive_dir, Settings().model_name)


def reports_by_authority(archive: StoredIndex) -> dict[str, list[str]]:
    """Each authority's inspection reports, oldest first."""
    by_authority: dict[str, list[str]] = {}
    for doc_id, doc in archive.documents.items():
        if doc.meta.doc_type == "inspection report" and doc.meta.authority:
            by_authority.setdefault(doc.meta.authority, []).append(doc_id)
    for reports in by_authority.values():
        reports.sort(key=lambda d: archive.documents[d].meta.date or "")
    return by_authority


def write_catalogue(archive: StoredIndex, by_authority: dict[str, list[str]], out: Path) -> None:
    """``out/archive_catalogue.tsv``: every authority with its reports' publication dates, for
    the writers to know which report is a council's latest."""
    with open(out / "archive_catalogue.tsv", "w") as f:
        f.write("authority\treport publication dates\n")
        for authority in sorted(by_authority):
            dates = [archive.documents[d].meta.date or "?" for d in by_authority[authority]]
            f.write(f"{authority}\t{', '.join(dates)}\n")


def start_draw(archive_dir: Path, out: Path) -> tuple[StoredIndex, "Drawn", dict[str, list[str]]]:
    """What every set's draw begins with: the archive, an empty draw into ``out`` and the
    archive's reports by authority, with the writers' catalogue of them written."""
    archive = open_archive(archive_dir)
    drawn = Drawn(archive, out)
    by_authority = reports_by_authority(archive)
    write_catalogue(archive, by_authority, out)
    return archive, drawn, by_authority


def take_founding_and_council(archive: StoredIndex, drawn: "Drawn") -> None:
    """The five founding documents (group "founding") and every council document (group
    "council"), as the blind draw and dev10–dev12 give them to their writers."""
    for doc_id, doc in sorted(archive.documents.items()):
        path = doc.meta.path or ""
        if doc_id[:3].isdigit() and doc_id[3] == "_" and not path.startswith("council"):
            drawn.take("founding", doc_id, f"corpus/{path}")
        elif doc.meta.doc_type != "inspection report":
            drawn.take("council", doc_id, f"council/{path}")


def draw_as_the_blind_was(
    archive_dir: Path, out: Path, earlier: tuple[str, ...], seed: int
) -> None:
    """The dev11, dev12 and dev13 rule: the founding and council documents without the
    founding councils' reports, the newest report of 24 authorities outside ``earlier``'s draws
    (all there are when fewer are left), and the report before it for 4 of them."""
    archive, drawn, by_authority = start_draw(archive_dir, out)
    take_founding_and_council(archive, drawn)
    authority_of = {d: doc.meta.authority or "" for d, doc in archive.documents.items()}
    drawn_before = authorities_drawn(authority_of, earlier)
    outside = sorted(a for a in by_authority if folded(a) not in drawn_before)
    # 24 where as many are left (dev11, dev12); dev13 found 13 outside the three draws before it.
    chosen = random.Random(seed).sample(outside, min(24, len(outside)))
    take_latest(drawn, by_authority, chosen, with_previous=4)
    drawn.write()


def untouched(by_authority: dict[str, list[str]], used: set[str]) -> list[str]:
    """The authorities, sorted, none of whose folder names is in ``used`` (the dev5 and dev6
    rule, with ``authority_folders_drawn``)."""
    return sorted(
        a for a in by_authority if a.lower() not in used and a.lower().replace("-", " ") not in used
    )


def take_latest(
    drawn: "Drawn", by_authority: dict[str, list[str]], chosen: list[str], with_previous: int
) -> None:
    """Each chosen authority's latest report into group "reports", and the report before it
    for the first ``with_previous`` of them (for comparisons)."""
    for n, authority in enumerate(chosen):
        reports = by_authority[authority]
        for doc_id in reports[-2:] if n < with_previous else reports[-1:]:
            drawn.take("reports", doc_id)


def draw_undrawn_reports(
    archive: StoredIndex,
    drawn: "Drawn",
    by_authority: dict[str, list[str]],
    earlier: tuple[str, ...],
    seed: int,
    count: int = 20,
) -> None:
    """The dev7 and dev8 rule: ``count`` authorities outside the blind draw that have reports
    none of ``earlier`` holds, drawn with ``seed``; each one's two newest such reports, to
    writer a (even-numbered) or b (odd)."""
    authority_of = {d: doc.meta.authority or "" for d, doc in archive.documents.items()}
    blind = authorities_drawn(authority_of, ("blind",))
    taken = documents_drawn(earlier)
    undrawn = {a: [d for d in docs if d not in taken] for a, docs in by_authority.items()}
    fresh = sorted(a for a in by_authority if folded(a) not in blind and undrawn[a])
    chosen = random.Random(seed).sample(fresh, min(count, len(fresh)))
    for n, authority in enumerate(chosen):
        for doc_id in undrawn[authority][-2:]:
            drawn.take("a" if n % 2 == 0 else "b", doc_id)
    print(f"{len(fresh)} authorities with undrawn reports outside the blind draw")
    print(f"drew {len(chosen)}: {', '.join(chosen)}")


class Drawn:
    """The documents drawn so far: each one's text in ``out/docs/<doc_id>.txt`` as it is taken,
    and ``out/documents.tsv`` listing them (group, doc_id, source file, characters)."""

    def __init__(self, archive: StoredIndex, out: Path) -> None:
        self.archive, self.out = archive, out
        self.rows: list[tuple[str, str, str, int]] = []
        (out / "docs").mkdir(parents=True, exist_ok=True)

    def take(self, group: str, doc_id: str, source: str | None = None) -> None:
        """Draw ``doc_id`` into ``group`` (once); ``source`` defaults to its ILACS report path."""
        if any(row[1] == doc_id for row in self.rows):
            return
        doc = self.archive.documents[doc_id]
        (self.out / "docs" / f"{doc_id}.txt").write_text(doc.text, encoding="utf-8")
        self.rows.append((group, doc_id, source or f"ilacs/reports/{doc.meta.path}", len(doc.text)))

    def write(self) -> None:
        with open(self.out / "documents.tsv", "w") as f:
            f.write("group\tdoc_id\tsource_file\tchars\n")
            for row in self.rows:
                f.write("\t".join(map(str, row)) + "\n")
