"""The served index is never a damaged one: damaged or foreign indexes are refused with what
to do, /readyz says so, a new build is picked up without a restart, and kill -9 of a build
at any moment leaves the served index loadable and the next build working."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from index.errors import IndexCorrupt
from index.qa import QAEngine
from index.retrieval.store import CURRENT, VERSIONS, current_version, load_index
from index.settings import REPO_ROOT
from service.main import create_app
from service.readiness import poll_until
from service.settings import ServiceSettings

CORPUS = REPO_ROOT / "corpus"
ADMIN_KEY = "test-admin-key-for-reloads"


def _copy_index(built_index: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(built_index, target)
    return target


def _settings(index_dir: Path, **overrides: object) -> ServiceSettings:
    return ServiceSettings(
        index_dir=index_dir,
        corpus_dir=CORPUS,
        conversations_db=index_dir.parent / f"{index_dir.name}-conversations.sqlite3",
        **overrides,
    )


def _commit_copy_of_current(index_dir: Path, name: str) -> Path:
    """Publish a copy of the served version under a new name, as a build's commit does."""
    source = current_version(index_dir)
    target = index_dir / VERSIONS / name
    shutil.copytree(source, target)
    pointer = index_dir / f".{CURRENT}.tmp"
    pointer.write_text(name + "\n")
    os.replace(pointer, index_dir / CURRENT)
    return target


def _damage(version: Path, how: str) -> None:
    if how == "truncated vectors":
        path = version / "vectors.npy"
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif how == "truncated faiss":
        path = version / "dense.faiss"
        path.write_bytes(path.read_bytes()[:100])
    elif how == "edited passages":
        path = version / "passages.jsonl"
        data = bytearray(path.read_bytes())
        data[10] = ord("X") if data[10] != ord("X") else ord("Y")
        path.write_bytes(bytes(data))
    elif how == "missing documents":
        (version / "documents.jsonl").unlink()
    else:
        manifest = json.loads((version / "manifest.json").read_text())
        if how == "another model":
            manifest["model_name"] = "sentence-transformers/all-mpnet-base-v2"
        elif how == "another dimension":
            manifest["dimension"] = 768
        (version / "manifest.json").write_text(json.dumps(manifest))


DAMAGES = [
    "truncated vectors",
    "truncated faiss",
    "edited passages",
    "missing documents",
    "another model",
    "another dimension",
]


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_or_foreign_index_is_refused_at_start_with_what_to_do(
    built_index: Path, tmp_path: Path, how: str
) -> None:
    index_dir = _copy_index(built_index, tmp_path)
    _damage(current_version(index_dir), how)
    with pytest.raises(IndexCorrupt) as refused:
        QAEngine.open(_settings(index_dir))
    message = str(refused.value)
    assert "rebuild" in message
    if how.startswith("another"):
        assert "built with" in message
    with TestClient(create_app(_settings(index_dir, reload_poll_seconds=0))) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["ready"] is False and "rebuild" in ready.json()["detail"]
        asked = client.post("/v1/ask", json={"question": "care leavers in Calderdale?"})
        assert asked.status_code == 503 and "rebuild" in asked.json()["message"]


def test_readyz_is_false_until_a_build_commits_an_index_then_true_without_a_restart(
    built_index: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    with TestClient(create_app(_settings(index_dir, reload_poll_seconds=0.2))) as client:
        first = client.get("/readyz")
        assert first.status_code == 503 and "inspection-qa build" in first.json()["detail"]
        shutil.copytree(built_index / VERSIONS, index_dir / VERSIONS)
        os.replace(_pointer_copy(built_index, index_dir), index_dir / CURRENT)
        ready = poll_until(lambda: client.get("/readyz").status_code == 200, 20)
        assert ready, "the index committed after start was never served"
        assert client.post("/v1/search", json={"query": "care leavers"}).status_code == 200


def _pointer_copy(built_index: Path, index_dir: Path) -> Path:
    tmp = index_dir / ".CURRENT.tmp"
    tmp.write_text((built_index / CURRENT).read_text())
    return tmp


def test_admin_reload_needs_the_admin_key(built_index: Path, tmp_path: Path) -> None:
    index_dir = _copy_index(built_index, tmp_path)
    with TestClient(create_app(_settings(index_dir, reload_poll_seconds=0))) as client:
        disabled = client.post("/v1/admin/reload", headers={"X-Admin-Key": "anything"})
        assert disabled.status_code == 403
        assert "INSPECTION_QA_ADMIN_KEY" in disabled.json()["message"]
    settings = _settings(index_dir, reload_poll_seconds=0, admin_key=ADMIN_KEY)
    with TestClient(create_app(settings)) as client:
        assert client.post("/v1/admin/reload").status_code == 401
        wrong = client.post("/v1/admin/reload", headers={"X-Admin-Key": "not-the-key"})
        assert wrong.status_code == 403 and wrong.json()["message"]


def test_admin_reload_swaps_to_the_new_index_and_refuses_a_damaged_one(
    built_index: Path, tmp_path: Path
) -> None:
    index_dir = _copy_index(built_index, tmp_path)
    settings = _settings(index_dir, reload_poll_seconds=0, admin_key=ADMIN_KEY)
    headers = {"X-Admin-Key": ADMIN_KEY}
    with TestClient(create_app(settings)) as client:
        old = client.get("/readyz").json()["index_version"]
        _commit_copy_of_current(index_dir, "20990101T000000-1-000001")
        reloaded = client.post("/v1/admin/reload", headers=headers)
        assert reloaded.status_code == 200
        assert reloaded.json()["previous"] == old
        assert client.get("/readyz").json()["index_version"] == "20990101T000000-1-000001"

        bad = _commit_copy_of_current(index_dir, "20990101T000000-1-000002")
        _damage(bad, "truncated vectors")
        refused = client.post("/v1/admin/reload", headers=headers)
        assert refused.status_code == 503 and "rebuild" in refused.json()["message"]
        still = client.get("/readyz").json()
        assert still["ready"] and still["index_version"] == "20990101T000000-1-000001"
        assert client.post("/v1/ask", json={"question": "care leavers?"}).status_code == 200


def _build_command(corpus: Path, index_dir: Path) -> list[str]:
    command = [sys.executable, "-m", "service.cli", "build", "--quiet"]
    return [*command, "--corpus", str(corpus), "--index", str(index_dir)]


BUILD_ENV = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}


def _kill_build(corpus: Path, index_dir: Path, moment: str) -> None:
    proc = subprocess.Popen(
        _build_command(corpus, index_dir),
        cwd=REPO_ROOT,
        env=BUILD_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if moment == "while importing":
            time.sleep(0.5)
        elif moment == "while reading":
            time.sleep(4.0)
        else:  # as soon as the new version directory appears: mid-write
            versions = index_dir / VERSIONS
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and proc.poll() is None:
                if any(p.name.startswith(".building-") for p in versions.iterdir()):
                    break
                time.sleep(0.001)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def test_kill_9_of_a_build_at_any_moment_leaves_the_served_index_and_the_next_build_succeeds(
    built_index: Path, tmp_path: Path
) -> None:
    index_dir = _copy_index(built_index, tmp_path)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    committed = {current_version(index_dir).name}
    for n, moment in enumerate(["while importing", "while reading", "while writing"]):
        (corpus / f"added-{n}.txt").write_text(
            f"Note {n} about Calderdale children's services.\n\nInspectors found that care "
            f"leavers in group {n} had personal advisers who knew them well.\n"
        )
        _kill_build(corpus, index_dir, moment)
        served = load_index(index_dir, ServiceSettings().model_name)  # never damaged
        committed_now = {p.name for p in (index_dir / VERSIONS).iterdir()}
        assert served.version in committed | committed_now
        committed.add(served.version)
    done = subprocess.run(
        _build_command(corpus, index_dir),
        cwd=REPO_ROOT,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    final = load_index(index_dir, ServiceSettings().model_name)
    assert {f"added-{n}.txt" for n in range(3)} <= {
        Path(d.meta.path).name for d in final.documents.values()
    }
    leftovers = [p.name for p in (index_dir / VERSIONS).iterdir() if p.name.startswith(".")]
    assert leftovers == [], f"abandoned build directories were not pruned: {leftovers}"
