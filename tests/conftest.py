"""Shared fixtures: the real corpus, built once per session with the real model and FAISS."""

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from index.build import build_index
from index.qa import QAEngine
from index.settings import REPO_ROOT, Settings
from service.readiness import NotReady, free_port, wait_until_ready

CORPUS = REPO_ROOT / "corpus"


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(index_dir=tmp_path_factory.mktemp("index"), corpus_dir=CORPUS)


@pytest.fixture(scope="session")
def built_index(settings: Settings) -> Path:
    build_index([CORPUS], settings.index_dir, settings, progress=False)
    return settings.index_dir


@pytest.fixture(scope="session")
def engine(settings: Settings, built_index: Path) -> QAEngine:
    return QAEngine.open(settings, built_index)


@pytest.fixture(scope="session")
def intranet_origin() -> str:
    """The origin of a test intranet page allowed to embed the widget (served by a test)."""
    return f"http://127.0.0.1:{free_port()}"


@contextmanager
def running_server(env: dict[str, str], log_path: Path, timeout: float = 120) -> Iterator[str]:
    """A real uvicorn process (``inspection-qa serve``) on 127.0.0.1; its stderr (the JSON ask
    log among it) goes to ``log_path``: a pipe nobody reads would stall the server when full."""
    port = free_port()
    base = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "service.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=REPO_ROOT,
            env={**base, **env},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_ready(url, proc, timeout=timeout)
        except NotReady as exc:
            raise NotReady(f"{exc}\n{log_path.read_text(errors='replace')[-3000:]}") from None
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def start_server():
    """``running_server`` for tests that need a server of their own."""
    return running_server


@pytest.fixture(scope="session")
def server_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the shared server keeps its conversations (and feedback) and its log."""
    return tmp_path_factory.mktemp("server")


@pytest.fixture(scope="session")
def server(built_index: Path, intranet_origin: str, server_dir: Path) -> Iterator[str]:
    """A real uvicorn process serving the shipped corpus on 127.0.0.1."""
    env = {
        "INSPECTION_QA_INDEX_DIR": str(built_index),
        "INSPECTION_QA_CONVERSATIONS_DB": str(server_dir / "c.sqlite3"),
        "INSPECTION_QA_CORS_ORIGINS": f'["{intranet_origin}"]',
    }
    with running_server(env, server_dir / "server.log") as url:
        yield url


@pytest.fixture(scope="session")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as c:
        yield c


# After the last test, the interpreter's own teardown crashed one fresh-clone CI run in three
# on 2026-12-05 ("Segmentation fault" printed after "794 passed"; native libraries' threads —
# Ray's, onnxruntime's — are torn down then; not reproduced with a subset). The suite's verdict
# is pytest's exit status: once every plugin has finished (its summary printed, its reports
# written), the process exits with that status without the teardown.
_SUITE_STATUS = pytest.StashKey[int]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[_SUITE_STATUS] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    status = config.stash.get(_SUITE_STATUS, None)
    if status is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
