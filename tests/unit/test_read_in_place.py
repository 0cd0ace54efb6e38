"""The shipped corpus holds the five founding documents and reads three authorities' ILACS
reports where they are, in ../shared/ilacs (corpus/read-in-place.json), never a copy."""

import json
import re
import shutil
from pathlib import Path

import pytest

from index.build import build_index, collect_sources
from index.ingest.metadata import doc_id_for
from index.settings import REPO_ROOT, Settings

CORPUS = REPO_ROOT / "corpus"
REPORTS = Settings().ilacs_reports
SEED = CORPUS / "000_32b057dbc3e2b5e6.txt"


def test_the_repo_holds_no_copy_of_an_archive_report() -> None:
    assert not list(CORPUS.rglob("*.pdf"))


def test_the_shipped_reports_are_read_from_the_archive_under_the_archives_doc_ids() -> None:
    if not REPORTS.is_dir():
        pytest.skip("../shared/ilacs is not beside the repo")
    sources, skipped = collect_sources([CORPUS], Settings())
    assert not skipped
    reports = [s for s in sources if s.path.suffix == ".pdf"]
    assert len(reports) == 10
    assert all(REPORTS in s.path.parents for s in reports)
    ids = {doc_id_for(s.relative_path) for s in reports}
    # The ids an index of the whole archive gives them: the gold sets name them so.
    assert "calderdale-children-s-services-inspection-19-december-2018" in ids
    assert {i.split("-")[0] for i in ids} == {"calderdale", "herefordshire", "hertfordshire"}


def test_the_archive_indexed_beside_the_corpus_holds_each_report_once() -> None:
    if not REPORTS.is_dir():
        pytest.skip("../shared/ilacs is not beside the repo")
    sources, _ = collect_sources([CORPUS, REPORTS], Settings())
    ids = [doc_id_for(s.relative_path) for s in sources]
    assert len(ids) == len(set(ids))
    assert sum(i.startswith("calderdale-") for i in ids) == 3


def test_without_the_archive_the_founding_documents_still_build(tmp_path: Path) -> None:
    settings = Settings(ilacs_dir=tmp_path / "absent", index_dir=tmp_path / "index")
    sources, skipped = collect_sources([CORPUS], settings)
    assert len(sources) == 5
    assert len(skipped) == 3
    assert all("not a folder of the ILACS archive" in s.reason for s in skipped)


@pytest.mark.parametrize(
    "listing",
    [
        "{not json",
        json.dumps({"ilacs_reports": "calderdale"}),
        json.dumps({"other": ["calderdale"]}),
        json.dumps(["calderdale"]),
        json.dumps({"ilacs_reports": ["../../../etc", ".hidden", "calderdale/..", "nowhere", ""]}),
    ],
)
def test_a_bad_list_of_folders_is_skipped_with_its_reason_and_the_rest_builds(
    tmp_path: Path, listing: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "seed.txt")
    (corpus / "read-in-place.json").write_text(listing)
    settings = Settings(index_dir=tmp_path / "index")
    report = build_index([corpus], settings.index_dir, settings, progress=False)
    assert report.documents == 1
    assert report.skipped
    assert all(s.path.endswith("read-in-place.json") for s in report.skipped)
    assert all(s.reason for s in report.skipped)


def test_the_image_copies_the_folders_the_corpus_reads_in_place() -> None:
    listed = json.loads((CORPUS / "read-in-place.json").read_text())["ilacs_reports"]
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    copied = re.findall(
        r"^COPY --from=shared ilacs/reports/(\S+) /shared/ilacs/reports/\1$", dockerfile, re.M
    )
    assert copied == listed
    assert "INSPECTION_QA_ILACS_DIR=/shared/ilacs" in dockerfile
