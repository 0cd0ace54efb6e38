"""Zero-downtime reindex: load the server, rebuild a changed corpus, count dropped requests.

    .venv/bin/python benchmarks/reindex_under_load.py                 # 50 clients, 60 s each
    .venv/bin/python benchmarks/reindex_under_load.py --clients 20 --duration 20 --workers 2

Works in a temporary directory: copies corpus/ and builds an index there, starts
`inspection-qa serve` on a free 127.0.0.1 port, then runs the load twice: once as a baseline,
once while a document is added and `inspection-qa build` runs. The server picks the new
version up by watching CURRENT (or, with --admin-reload, when POST /v1/admin/reload is
called). Prints both load summaries, the versions served and whether the new document is
searchable. Exit status 1 when any request failed or the new index was not picked up.
"""

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from load import print_summary, run_load

from service.readiness import NotReady, free_port, wait_until_ready

REPO = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "service.cli"]
ADMIN_KEY = "reindex-benchmark-admin-key"
NEW_DOCUMENT = """Zephyrton Borough Council children's services: reindex drill note

Summary

This short note exists to check that a document added while the service is answering
questions becomes searchable without a restart. Zephyrton's social workers described the
quarterly audit of supervision records as thorough, and managers track every action.
"""


def _version(url: str) -> str | None:
    try:
        return httpx.get(f"{url}/readyz", timeout=5).json().get("index_version")
    except (httpx.HTTPError, ValueError):
        return None


def _wait_ready(url: str, proc: subprocess.Popen, seconds: float = 180) -> str:
    try:
        return wait_until_ready(url, proc, seconds, interval=0.5)
    except NotReady as exc:
        raise SystemExit(str(exc)) from exc


def _build(corpus: Path, index: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, "build", "--corpus", str(corpus), "--index", str(index), "--quiet"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


async def _reindex_during_load(args: argparse.Namespace, url: str, work: Path, env: dict) -> dict:
    """Start the load, then add a document and rebuild while it runs; returns swap facts."""
    load = asyncio.create_task(run_load(url, args.clients, args.duration))
    await asyncio.sleep(min(5.0, args.duration / 4))
    before = _version(url)
    (work / "corpus" / "zephyrton-reindex-drill.txt").write_text(NEW_DOCUMENT)
    t0 = time.monotonic()
    built = await asyncio.to_thread(_build, work / "corpus", work / "index", env)
    build_seconds = time.monotonic() - t0
    if built.returncode != 0:
        print(built.stdout, built.stderr, file=sys.stderr)
    if args.admin_reload:
        async with httpx.AsyncClient(base_url=url, timeout=120) as http:
            reply = await http.post("/v1/admin/reload", headers={"X-Admin-Key": ADMIN_KEY})
            print(f"admin reload: HTTP {reply.status_code} {reply.text[:200]}")
    swapped_after = None
    while time.monotonic() - t0 < build_seconds + 30:
        if _version(url) != before:
            swapped_after = time.monotonic() - t0 - build_seconds
            break
        await asyncio.sleep(0.2)
    summary = await load
    return {
        "summary": summary,
        "before": before,
        "after": _version(url),
        "build_ok": built.returncode == 0,
        "build_seconds": build_seconds,
        "swap_seconds_after_build": swapped_after,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per phase")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--admin-reload", action="store_true", help="reload by the endpoint")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    args.duration = min(args.duration, 600.0)

    work = Path(tempfile.mkdtemp(prefix="reindex-under-load-"))
    env = {
        **os.environ,
        "INSPECTION_QA_INDEX_DIR": str(work / "index"),
        "INSPECTION_QA_ADMIN_KEY": ADMIN_KEY,
        # With --admin-reload only the endpoint swaps the index, so it is what is measured.
        "INSPECTION_QA_RELOAD_POLL_SECONDS": "0" if args.admin_reload else "1",
    }
    shutil.copytree(args.corpus, work / "corpus")
    print(f"building the starting index in {work} ...")
    first = _build(work / "corpus", work / "index", env)
    if first.returncode != 0:
        print(first.stdout, first.stderr, file=sys.stderr)
        return 1
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        print(f"serving {_wait_ready(url, server)} on {url} with {args.workers} worker(s)")
        baseline = asyncio.run(run_load(url, args.clients, args.duration))
        print_summary(baseline, "baseline")
        facts = asyncio.run(_reindex_during_load(args, url, work, env))
        print_summary(facts["summary"], "during reindex")
        print(
            f"build {'succeeded' if facts['build_ok'] else 'FAILED'} in "
            f"{facts['build_seconds']:.1f} s; served {facts['before']} → {facts['after']}"
            + (
                f", swapped {facts['swap_seconds_after_build']:.1f} s after the build"
                if facts["swap_seconds_after_build"] is not None
                else ", NOT swapped"
            )
        )
        found = httpx.post(
            f"{url}/v1/search", json={"query": "Zephyrton supervision audit"}, timeout=60
        ).json()
        new_served = any("Zephyrton" in r["text"] for r in found.get("results", []))
        print(f"new document searchable: {new_served}")
        failed = facts["summary"]["errors"] or baseline["errors"]
        return 1 if failed or not new_served or facts["before"] == facts["after"] else 0
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
