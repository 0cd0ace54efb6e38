"""`serve --replicas 2`: one port, replicas that answer alike, a rollout with no failed request."""

import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from ray_support import ray  # noqa: F401 - skips this module when Ray is missing

from index.build import build_index
from index.settings import REPO_ROOT, Settings
from service.readiness import free_port, wait_until_ready

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
QUESTION = {"question": "What did Ofsted say about care leavers in Calderdale?"}


@pytest.fixture(scope="module")
def replicas(built_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """Two Ray Serve replicas of the app over a copy of the built index."""
    index_dir = tmp_path_factory.mktemp("served") / "index"
    shutil.copytree(built_index, index_dir)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--replicas", "2", "--port", str(port)],
        cwd=REPO_ROOT,
        env={
            "INSPECTION_QA_INDEX_DIR": str(index_dir),
            "PATH": "/usr/bin:/bin",
            "HF_HUB_OFFLINE": "1",
            "PYTHONPATH": str(REPO_ROOT),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, proc, timeout=300, interval=1)
        yield url, index_dir
    finally:
        proc.send_signal(2)  # Ctrl-C: shuts Serve and the local Ray down cleanly
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_replicas_behind_one_port_serve_one_version_and_answer_identically(replicas):
    url, _ = replicas
    with httpx.Client(base_url=url, timeout=60) as client:
        versions = {client.get("/readyz").json()["index_version"] for _ in range(10)}
        answers = [client.post("/v1/ask", json=QUESTION).json() for _ in range(8)]
    assert len(versions) == 1
    assert not answers[0]["abstained"]
    first = (answers[0]["answer"], [c["passage_id"] for c in answers[0]["citations"]])
    for body in answers[1:]:
        assert (body["answer"], [c["passage_id"] for c in body["citations"]]) == first


def test_a_new_index_rolls_out_with_no_failed_request(replicas, tmp_path):
    url, index_dir = replicas
    with httpx.Client(base_url=url, timeout=60) as client:
        before = client.get("/readyz").json()["index_version"]
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "rollout-council.txt").write_text(
        "Rollout Borough Council\n\nThe Zephyrton care leavers hub opened in March 2026 and "
        "young people said it was welcoming and easy to reach.\n"
    )
    statuses: list[int] = []
    stop = threading.Event()

    def load() -> None:
        with httpx.Client(base_url=url, timeout=60) as client:
            while not stop.is_set() and len(statuses) < 2000:
                try:
                    statuses.append(client.post("/v1/ask", json=QUESTION).status_code)
                except httpx.HTTPError:
                    statuses.append(0)

    worker = threading.Thread(target=load)
    worker.start()
    try:
        settings = Settings(index_dir=index_dir)
        report = build_index([REPO_ROOT / "corpus", extra], index_dir, settings, progress=False)
        assert report.embedded < 10  # only the new document
        deadline = time.monotonic() + 240
        with httpx.Client(base_url=url, timeout=60) as client:
            while time.monotonic() < deadline:
                seen = {client.get("/readyz").json()["index_version"] for _ in range(6)}
                if seen == {report.index_path.name}:
                    break
                time.sleep(2)
            else:
                pytest.fail(f"replicas still serve {seen}, not {report.index_path.name}")
            time.sleep(2)
            answer = client.post("/v1/ask", json={"question": "When did the Zephyrton hub open?"})
    finally:
        stop.set()
        worker.join(timeout=120)
    assert report.index_path.name != before
    assert statuses and set(statuses) == {200}, f"{len(statuses)} requests: {set(statuses)}"
    assert any(c["doc_id"].startswith("rollout") for c in answer.json()["citations"])
