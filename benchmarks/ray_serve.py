"""/v1/ask throughput with 1 and 2 Ray Serve replicas, and a rollout under load.

    PYTHONPATH=. .venv/bin/python benchmarks/ray_serve.py --index var/index
    PYTHONPATH=. .venv/bin/python benchmarks/ray_serve.py --index var/index --requests 100

For each replica count: `inspection-qa serve --replicas N` on a copy of the index, on a free
127.0.0.1 port, then a bounded load (--requests asks from --clients threads). With the largest
count it then commits a new index version (one extra document, so only it is embedded) while
the load runs, and counts failed requests until every replica serves the new version. Prints
the raw single-query encode time beside the throughput.
"""

import argparse
import json
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from index.build import build_index
from index.retrieval.embedding import encoder_for
from index.settings import REPO_ROOT, Settings
from service.readiness import NotReady, free_port, wait_until_ready

QUESTIONS = [
    "What did Ofsted say about care leavers?",
    "How good is the help and protection of children?",
    "What did inspectors find about leadership and management?",
    "How are children in care supported?",
]


def start(index_dir: Path, replicas: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    argv = ["serve", "--replicas", str(replicas), "--port", str(port)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", *argv],
        cwd=REPO_ROOT,
        env={
            "INSPECTION_QA_INDEX_DIR": str(index_dir),
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(REPO_ROOT),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, proc, timeout=300, interval=1)
    except NotReady as exc:
        stop(proc)
        raise SystemExit(f"replicas not ready: {exc}") from exc
    return proc, url


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()


def load(url: str, requests: int, clients: int, until: threading.Event | None = None) -> dict:
    """``requests`` asks spread over ``clients`` threads (or until ``until`` is set)."""
    latencies: list[float] = []
    failures: list[str] = []
    counter = iter(range(requests))
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None or (until is not None and until.is_set()):
                    return
                t0 = time.perf_counter()
                try:
                    r = http.post("/v1/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]})
                    if r.status_code != 200:
                        failures.append(str(r.status_code))
                except httpx.HTTPError as exc:
                    failures.append(type(exc).__name__)
                latencies.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    latencies.sort()
    return {
        "requests": len(latencies),
        "failed": len(failures),
        "req_per_s": round(len(latencies) / wall, 2),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1)
        if latencies
        else None,
    }


def rollout(
    url: str, index_dir: Path, corpus: list[Path], work: Path, clients: int, cap: int
) -> dict:
    """Commit a new version under load; count failures until every replica serves it."""
    extra = work / "extra"
    extra.mkdir()
    (extra / "rollout-check.txt").write_text(
        "Rollout check\n\nThe benchmark council opened a care leavers hub in 2026.\n"
    )
    done = threading.Event()
    result: dict = {}
    runner = threading.Thread(target=lambda: result.update(load(url, cap, clients, done)))
    runner.start()
    t0 = time.perf_counter()
    settings = Settings(index_dir=index_dir)
    report = build_index([*corpus, extra], index_dir, settings, progress=False)
    new = report.index_path.name
    with httpx.Client(base_url=url, timeout=60) as http:
        while time.perf_counter() - t0 < 300:
            if {http.get("/readyz").json()["index_version"] for _ in range(6)} == {new}:
                break
            time.sleep(1)
    rolled = time.perf_counter() - t0
    done.set()
    runner.join()
    return {"new_version": new, "rollout_s": round(rolled, 1), **result}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, default=Settings().index_dir)
    ap.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--requests", type=int, default=60)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="the index's corpus folders, rebuilt with one extra file for the rollout "
        "(default: corpus/)",
    )
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    corpus = args.corpus or [REPO_ROOT / "corpus"]

    encoder = encoder_for(Settings(), threads=1)  # as in a replica given one CPU
    encoder.encode_query("warm up")
    t0 = time.perf_counter()
    for q in QUESTIONS * 5:
        encoder.encode_query(q)
    encode_ms = (time.perf_counter() - t0) * 1000 / (len(QUESTIONS) * 5)
    print(
        f"raw query encode ({type(encoder).__name__}): {encode_ms:.1f} ms (one process, one thread)"
    )

    rows = []
    with tempfile.TemporaryDirectory(prefix="ray-serve-bench-") as tmp:
        for n in args.replicas:
            index_dir = Path(tmp) / f"index-{n}"
            shutil.copytree(args.index, index_dir)
            proc, url = start(index_dir, n)
            try:
                load(url, 2 * args.clients, args.clients)  # warm every replica
                row = {"replicas": n, **load(url, args.requests, args.clients)}
                print(row, flush=True)
                rows.append(row)
                if n == max(args.replicas):
                    roll = rollout(
                        url, index_dir, corpus, Path(tmp), args.clients, 10 * args.requests
                    )
                    print({"rollout_under_load": roll}, flush=True)
                    rows.append({"replicas": n, "rollout": roll})
            finally:
                stop(proc)
    if args.json:
        args.json.write_text(json.dumps({"encode_ms": encode_ms, "runs": rows}, indent=2))


if __name__ == "__main__":
    main()
