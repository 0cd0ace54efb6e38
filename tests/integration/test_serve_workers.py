"""`serve --workers 2`: two processes on one port, both answering; a worker that dies is
replaced; the whole server stops on SIGTERM."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from index.settings import REPO_ROOT
from service.readiness import free_port, wait_until_ready


def _children(pid: int) -> list[int]:
    """Worker processes of the server (multiprocessing's resource tracker left out)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid and b"resource_tracker" not in cmdline:
            out.append(int(stat.parent.name))
    return out


def _wait_for(condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_two_workers_share_the_port_survive_a_crash_and_stop_together(
    built_index: Path, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "HF_HUB_OFFLINE": "1",
        "INSPECTION_QA_INDEX_DIR": str(built_index),
        "INSPECTION_QA_CONVERSATIONS_DB": str(tmp_path / "c.sqlite3"),
        "INSPECTION_QA_RELOAD_POLL_SECONDS": "0",
    }
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", "2"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, proc, timeout=180)
        assert _wait_for(lambda: len(_children(proc.pid)) == 2, 60), "two worker processes"
        workers = _children(proc.pid)
        # Each ask on a new connection: the kernel spreads them over both workers' sockets.
        for n in range(12):
            r = httpx.post(f"{url}/v1/ask", json={"question": f"care leavers in Calderdale {n}"})
            assert r.status_code == 200, r.text

        os.kill(workers[0], signal.SIGKILL)
        assert _wait_for(
            lambda: len(_children(proc.pid)) == 2 and workers[0] not in _children(proc.pid), 60
        ), "a dead worker is replaced"
        replacement = (set(_children(proc.pid)) - set(workers)).pop()
        for _ in range(8):  # asks keep being answered while the replacement loads
            r = httpx.post(f"{url}/v1/ask", json={"question": "What did Ofsted say about MASH?"})
            assert r.status_code == 200, r.text

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        assert not [p for p in (*workers[1:], replacement) if Path(f"/proc/{p}").exists()]
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
