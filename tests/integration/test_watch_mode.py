"""`inspection-qa build --watch` rebuilds when a file is added, and a running server serves
the new version within 10 s of the build committing it."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

from index.retrieval.store import CURRENT
from index.settings import REPO_ROOT

BUILD_TIMEOUT = 300  # seconds for the watcher's first build and the rebuild (a loaded machine)
DEBOUNCE = {"INSPECTION_QA_WATCH_DEBOUNCE_MS": "500"}
PICKUP_LIMIT = 10.0  # seconds from the build committing to the server answering from it

ORCHARD = """Calderdale Orchard Families pilot

The Orchard Families pilot places a family support worker in every Calderdale primary school
with more than forty children on a child in need plan. Orchard workers visit families at
home within five days of a referral and stay with the family for up to a year.
"""


def _pointer(index_dir: Path) -> str | None:
    try:
        return (index_dir / CURRENT).read_text().strip() or None
    except OSError:
        return None


def _wait(condition, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"{what}: not within {timeout:.0f} s")


def test_watch_mode_builds_an_added_file_and_the_server_serves_it_within_10_s(
    built_index: Path, tmp_path: Path, start_server
) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(REPO_ROOT / "corpus", corpus)
    shutil.copytree(built_index, index_dir)  # so the watcher only embeds what is added
    env = {
        "INSPECTION_QA_INDEX_DIR": str(index_dir),
        "INSPECTION_QA_CONVERSATIONS_DB": str(tmp_path / "c.sqlite3"),
        "INSPECTION_QA_RELOAD_POLL_SECONDS": "0.5",
    }
    watch_log = (tmp_path / "watch.log").open("wb")
    watcher = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "build", "--watch", "--quiet",
         "--corpus", str(corpus), "--index", str(index_dir)],
        cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", **DEBOUNCE},
        stdout=watch_log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        with start_server(env, tmp_path / "server.log") as url:
            log = tmp_path / "watch.log"
            _wait(
                lambda: "index unchanged" in log.read_text() or "built " in log.read_text(),
                BUILD_TIMEOUT,
                "the watcher's first build",
            )
            before = _pointer(index_dir)
            (corpus / "orchard-families.txt").write_text(ORCHARD)
            new = _wait(
                lambda: (p := _pointer(index_dir)) != before and p,
                BUILD_TIMEOUT,
                "a rebuild after the file was added",
                interval=0.1,
            )
            committed = time.monotonic()
            _wait(
                lambda: httpx.get(f"{url}/readyz").json()["index_version"] == new,
                PICKUP_LIMIT,
                "the server serving the new version",
            )
            assert time.monotonic() - committed <= PICKUP_LIMIT
            answer = httpx.post(
                f"{url}/v1/ask",
                json={"question": "What do Orchard Families workers do in Calderdale?"},
                timeout=60,
            ).json()
            assert "orchard-families" in {c["doc_id"] for c in answer["citations"]}
        assert watcher.poll() is None, "the watcher stopped after one rebuild"
    finally:
        watcher.terminate()
        try:
            watcher.wait(timeout=10)
        except subprocess.TimeoutExpired:
            watcher.kill()
        watch_log.close()
    assert "built " in (tmp_path / "watch.log").read_text()
