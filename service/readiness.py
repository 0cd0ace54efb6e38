"""Waiting for a served process: a free local port, then /readyz until it answers.

Tests and benchmarks start `inspection-qa serve` (plain or under Ray Serve) and must not
send load before the index is loaded; one loop here serves them all.
"""

import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx


class NotReady(RuntimeError):
    """The server exited, or did not become ready in time."""


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_ready(
    url: str, proc: subprocess.Popen, timeout: float = 180, interval: float = 0.3
) -> str:
    """The served index version once ``url``/readyz answers 200; NotReady if ``proc`` exits
    first (with the end of its stderr when it was piped) or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = proc.stderr.read().decode(errors="replace")[-3000:] if proc.stderr else ""
            raise NotReady(f"server exited with {proc.returncode} before it was ready: {tail}")
        try:
            reply = httpx.get(f"{url}/readyz", timeout=5)
            if reply.status_code == 200:
                return str(reply.json().get("index_version", ""))
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(interval)
    raise NotReady(f"server not ready in {timeout:.0f} s")


def poll_until(condition: Callable[[], bool], seconds: float, interval: float = 0.1) -> bool:
    """Whether ``condition()`` became true within ``seconds`` (checked every ``interval``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def child_pids(pid: int) -> list[int]:
    """Direct child processes of ``pid`` (a server's workers under its supervisor), leaving
    out multiprocessing's resource tracker; Linux (/proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
        if parent == pid and b"resource_tracker" not in cmdline:
            out.append(int(stat.parent.name))
    return out
