"""`serve --workers 2`: two processes on one port, both answering; a worker that dies is
replaced; the whole server stops on SIGTERM."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from index.settings import REPO_ROOT
from service.readiness import child_pids, free_port, poll_until, wait_until_ready


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
        assert poll_until(lambda: len(child_pids(proc.pid)) == 2, 60), "two worker processes"
        workers = child_pids(proc.pid)
        # Each ask on a new connection: the kernel spreads them over both workers' sockets.
        for n in range(12):
            r = httpx.post(f"{url}/v1/ask", json={"question": f"care leavers in Calderdale {n}"})
            assert r.status_code == 200, r.text

        os.kill(workers[0], signal.SIGKILL)
        # One snapshot of the children per poll: two reads apart could see the dead worker
        # (not yet reaped) in one and its replacement in the other.
        seen: list[int] = []

        def replaced() -> bool:
            seen[:] = child_pids(proc.pid)
            return len(seen) == 2 and workers[0] not in seen and bool(set(seen) - set(workers))

        assert poll_until(replaced, 60), "a dead worker is replaced"
        replacement = (set(seen) - set(workers)).pop()
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
