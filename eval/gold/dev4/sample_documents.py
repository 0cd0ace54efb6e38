"""Set up /work/dev4: stored texts of the founding documents + shipped reports, and 8 random reports
of authorities no other draw touches (for follow-up conversations)."""
import csv, random, sys
from pathlib import Path
sys.path.insert(0, "/work/main")
from index.retrieval.store import load_index
from index.settings import Settings
name = Settings().model_name
shipped = load_index(Path("/work/main/var/index"), name)
archive = load_index(Path("/work/indexes/all-v2s"), name)
used = set()
for g in ("blind", "dev2", "dev3"):
    for row in csv.DictReader(open(f"/work/main/eval/gold/{g}/documents.tsv"), delimiter="\t"):
        src = row["source_file"]
        if src.startswith("ilacs/reports/"):
            used.add(src.split("/")[2])
used |= {"calderdale", "herefordshire", "hertfordshire"}
rows = []
for doc_id, doc in shipped.documents.items():
    group = "founding" if not doc_id.startswith(("calderdale", "herefordshire", "hertfordshire")) else "founding-authority reports"
    (Path("/work/dev4/docs") / f"{doc_id}.txt").write_text(doc.text, encoding="utf-8")
    rows.append((group, doc_id, doc.meta.title if hasattr(doc.meta, "title") else "", len(doc.text)))
by_auth = {}
for doc_id, doc in archive.documents.items():
    src = str(getattr(doc, "source", "") or getattr(doc.meta, "source", ""))
    auth = doc.meta.authority if hasattr(doc.meta, "authority") else ""
    if doc.meta.doc_type == "inspection report" and auth and auth.lower() not in used and doc_id not in shipped.documents:
        by_auth.setdefault(auth, []).append(doc_id)
rng = random.Random(24)
auths = rng.sample(sorted(by_auth), 8)
for a in auths:
    newest = sorted(by_auth[a], key=lambda d: archive.documents[d].meta.date or "")[-1]
    doc = archive.documents[newest]
    (Path("/work/dev4/docs") / f"{newest}.txt").write_text(doc.text, encoding="utf-8")
    rows.append(("reports", newest, doc.meta.title, len(doc.text)))
with open("/work/dev4/documents.tsv", "w") as f:
    f.write("group\tdoc_id\ttitle\tchars\n")
    for r in rows:
        f.write("\t".join(map(str, r)) + "\n")
print(len(rows), auths)
