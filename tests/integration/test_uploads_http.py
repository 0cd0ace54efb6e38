"""Uploads through a real server: the document is stored, built, served and cited; bad uploads
are refused with a 4xx and leave nothing behind.

The server gets a copy of the shipped corpus and of the built index, so its incremental
builds embed only the uploaded files.
"""

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from index.settings import REPO_ROOT

ADMIN_KEY = "an-admin-key-for-the-upload-tests-0123456789"
KEY = {"X-Admin-Key": ADMIN_KEY}
BUILD_TIMEOUT = 300  # seconds; a build of one small file takes a few on an idle machine

ZEPHYR = """# Calderdale Zephyr mentoring scheme: evaluation

## Summary

The Zephyr mentoring scheme pairs every care leaver in Calderdale with a volunteer mentor
from a local employer. In its first year the scheme matched 48 care leavers with mentors,
and 41 of them were in education, employment or training twelve months later.

## Findings

Care leavers told evaluators that their Zephyr mentor helped them find apprenticeships and
manage their first tenancy. The scheme is funded by the council until March 2027.
"""

LANTERN = """The Lantern Project in Calderdale

The Lantern Project offers evening drop-in sessions for young carers at three libraries in
Calderdale. Young carers said the Lantern sessions gave them a quiet place to do homework and
meet others in the same position. The council plans to open a fourth Lantern site in Halifax.
"""


@pytest.fixture(scope="module")
def upload_env(built_index: Path, tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("uploads")
    shutil.copytree(REPO_ROOT / "corpus", root / "corpus")
    shutil.copytree(built_index, root / "index")
    return {"root": root, "corpus": root / "corpus", "index": root / "index"}


@pytest.fixture(scope="module")
def admin(upload_env: dict[str, Path], start_server) -> Iterator[httpx.Client]:
    env = {
        "INSPECTION_QA_INDEX_DIR": str(upload_env["index"]),
        "INSPECTION_QA_CORPUS_DIR": str(upload_env["corpus"]),
        "INSPECTION_QA_CONVERSATIONS_DB": str(upload_env["root"] / "c.sqlite3"),
        "INSPECTION_QA_ADMIN_KEY": ADMIN_KEY,
        "INSPECTION_QA_RELOAD_POLL_SECONDS": "0",  # the upload's build swaps the index itself
    }
    with (
        start_server(env, upload_env["root"] / "server.log") as url,
        httpx.Client(base_url=url, timeout=120) as client,
    ):
        yield client


def upload(client: httpx.Client, name: str, data: bytes, headers=KEY, **form: str):
    return client.post(
        "/v1/admin/documents", files={"file": (name, data)}, data=form, headers=headers
    )


def wait_for_build(client: httpx.Client, build_id: str) -> dict:
    deadline = time.monotonic() + BUILD_TIMEOUT
    while time.monotonic() < deadline:
        status = client.get(f"/v1/admin/builds/{build_id}", headers=KEY).json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.5)
    raise AssertionError(f"build {build_id} not done in {BUILD_TIMEOUT} s: {status}")


def test_an_uploaded_document_is_built_served_and_cited(admin, upload_env) -> None:
    response = upload(
        admin,
        "zephyr-evaluation.md",
        ZEPHYR.encode(),
        authority="Calderdale",
        date="2025-06-30",
        doc_type="cabinet report",
    )
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["path"] == "uploads/zephyr-evaluation.md"
    assert response.headers["location"] == f"/v1/admin/builds/{body['build']['id']}"
    assert body["build"]["state"] in ("queued", "running")
    sidecar = upload_env["corpus"] / "uploads" / "zephyr-evaluation.meta.json"
    assert '"authority": "Calderdale"' in sidecar.read_text()

    status = wait_for_build(admin, body["build"]["id"])
    assert status["state"] == "done", status
    assert status["embedded"] > 0 and status["reused"] > 0  # incremental: the rest reused
    assert status["files"] == ["uploads/zephyr-evaluation.md"]
    assert admin.get("/readyz").json()["index_version"] == status["index_version"]

    doc = admin.get(f"/v1/documents/{body['doc_id']}").json()
    assert (doc["authority"], doc["date"], doc["doc_type"]) == (
        "Calderdale",
        "2025-06-30",
        "cabinet report",
    )
    answer = admin.post(
        "/v1/ask", json={"question": "What does the Zephyr mentoring scheme do for care leavers?"}
    ).json()
    assert not answer["abstained"]
    assert body["doc_id"] in {c["doc_id"] for c in answer["citations"]}


def test_a_second_upload_during_a_build_waits_for_it(admin) -> None:
    first = upload(admin, "lantern-project.txt", LANTERN.encode())
    second = upload(admin, "lantern-project-copy.md", (LANTERN + "\nCopy for the web.\n").encode())
    assert first.status_code == second.status_code == 202
    one, two = first.json()["build"], second.json()["build"]
    # The second joins the queued build, or queues behind the running one.
    assert two["state"] == "queued"
    assert "uploads/lantern-project-copy.md" in two["files"]
    done = [wait_for_build(admin, b["id"]) for b in (one, two)]
    assert all(d["state"] == "done" for d in done), done
    listed = {d["doc_id"] for d in admin.get("/v1/documents").json()["documents"]}
    assert {first.json()["doc_id"], second.json()["doc_id"]} <= listed


def _files(corpus: Path) -> set[str]:
    return {str(p.relative_to(corpus)) for p in corpus.rglob("*")}


@pytest.mark.parametrize(
    ("name", "data", "status", "word"),
    [
        ("report.docx", b"PK\x03\x04 a word file", 415, "supported"),
        ("report.pdf", b"<!doctype html><html><body><p>Not a PDF</p></body></html>", 415, "pdf"),
        ("notes.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", 415, "binary"),
        ("latin1.md", "Café des enfants".encode("latin-1"), 415, "utf-8"),
        ("page.html", b"just words, no markup at all", 415, "html"),
        ("empty.txt", b"", 422, "empty"),
        ("../../escape.txt", b"trying to leave the corpus", 422, "path"),
        ("sub/dir.txt", b"a folder in the name", 422, "path"),
        ("..\\escape.txt", b"a Windows path", 422, "path"),
        (".hidden.txt", b"a hidden file", 422, "hidden"),
        ("evil.meta.json", b'{"authority": "Gotham"}', 415, "supported"),
    ],
)
def test_a_bad_upload_is_refused_with_a_4xx_and_nothing_is_stored(
    admin, upload_env, name: str, data: bytes, status: int, word: str
) -> None:
    before = _files(upload_env["corpus"])
    response = upload(admin, name, data)
    assert response.status_code == status, response.text
    assert word in response.json()["message"].lower()
    assert _files(upload_env["corpus"]) == before
    for folder in (upload_env["root"], upload_env["root"].parent):
        assert not list(folder.glob("escape.txt"))


def test_an_upload_over_50_mb_gets_a_413_unread(admin) -> None:
    response = upload(admin, "huge.txt", b"a" * (50 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert "limit" in response.json()["message"]


def test_an_upload_without_the_admin_key_is_refused(admin) -> None:
    assert upload(admin, "x.txt", b"hello there", headers={}).status_code == 401
    assert upload(admin, "x.txt", b"hello there", headers={"X-Admin-Key": "no"}).status_code == 403
    assert admin.get("/v1/admin/builds/anything").status_code == 401


def test_an_unknown_build_is_a_404(admin) -> None:
    response = admin.get("/v1/admin/builds/0123456789abcdef", headers=KEY)
    assert response.status_code == 404 and "build" in response.json()["message"]


def test_an_existing_name_is_a_409_unless_replace_is_sent(admin) -> None:
    assert upload(admin, "twice.txt", LANTERN.encode()).status_code == 202
    again = upload(admin, "twice.txt", LANTERN.encode())
    assert again.status_code == 409 and "replace" in again.json()["message"]
    replaced = upload(admin, "twice.txt", (LANTERN + " Updated.").encode(), replace="true")
    assert replaced.status_code == 202
    wait_for_build(admin, replaced.json()["build"]["id"])


def test_a_pdf_the_loader_cannot_read_is_reported_as_skipped_with_a_reason(admin) -> None:
    # It starts like a PDF, so it is stored; pypdf cannot read it, so the build skips it.
    response = upload(admin, "damaged-report.pdf", b"%PDF-1.7\n this is not really a PDF\n")
    assert response.status_code == 202, response.text
    status = wait_for_build(admin, response.json()["build"]["id"])
    assert status["state"] == "done", status
    skipped = {Path(s["path"]).name: s["reason"] for s in status["skipped"]}
    assert skipped.get("damaged-report.pdf"), status["skipped"]
