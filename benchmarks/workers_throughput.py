"""Asks per second of ``inspection-qa serve --workers N`` under 16 concurrent clients.

    PYTHONPATH=. .venv/bin/python benchmarks/workers_throughput.py --index var/bench/whole \
        --workers 1 2 --clients 16 --asks 600

For each N, in one run: start the server with N worker processes (each loads the index
itself; they share nothing but the index files and the page cache), warm every worker,
then send ``--asks`` distinct questions from ``--clients`` concurrent connections and print
asks/s, p50/p95 latency, errors and the RSS of every worker. The ratio to N=1 is printed
beside it; the clients run in this process, on the same two cores, through a lean raw-socket
client (benchmarks/raw_http.py; ``--client httpx`` for httpx), and the share of a core they
used is printed.
"""

import argparse
import asyncio
import sys
import time
from pathlib import Path

import httpx
from _common import (
    cpu_seconds,
    percentiles,
    questions_from_index,
    rss_mb,
    start_server,
)
from raw_http import open_connection, post_async

from service.readiness import child_pids


async def _load_httpx(
    url: str, questions: list[str], clients: int
) -> tuple[float, list[float], int]:
    latencies: list[float] = []
    errors = 0
    queue = list(reversed(questions))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:

        async def client() -> None:
            nonlocal errors
            while queue:
                question = queue.pop()
                t0 = time.perf_counter()
                try:
                    r = await http.post("/v1/ask", json={"question": question})
                    if r.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - t0) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        return time.perf_counter() - started, latencies, errors


async def _load_raw(
    url: str, questions: list[str], clients: int, per_connection: int = 20
) -> tuple[float, list[float], int]:
    """The same load through benchmarks/raw_http.py. Each client reconnects after
    ``per_connection`` asks: the workers share one listening socket and whichever is awake
    accepts a connection, so 16 connections held for the whole run can land 12 on one worker
    and 4 on the other (seen: 0.96x with one worker idle); browsers' connections come and go."""
    latencies: list[float] = []
    errors = 0
    queue = list(reversed(questions))

    async def client() -> None:
        nonlocal errors
        while queue:
            reader, writer, host = await open_connection(url)
            try:
                for _ in range(per_connection):
                    if not queue:
                        break
                    question = queue.pop()
                    t0 = time.perf_counter()
                    status = await post_async(
                        reader, writer, host, "/v1/ask", {"question": question}
                    )
                    errors += status != 200
                    latencies.append((time.perf_counter() - t0) * 1000)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors += 1
            finally:
                writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return time.perf_counter() - started, latencies, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--asks", type=int, default=600)
    parser.add_argument(
        "--client", choices=("raw", "httpx"), default="raw", help="raw: benchmarks/raw_http.py"
    )
    parser.add_argument(
        "--core-per-worker",
        action="store_true",
        help="confine N workers to N CPUs (taskset): scaling with cores, not a worker's threads",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="server setting, e.g. --set conversations_db=/dev/shm/c.sqlite3 (repeatable)",
    )
    args = parser.parse_args()
    server_env = {
        f"INSPECTION_QA_{k.strip().upper()}": v.strip()
        for k, v in (item.split("=", 1) for item in args.set)
    }
    load = _load_raw if args.client == "raw" else _load_httpx
    questions = questions_from_index(args.index, args.asks + 100, seed=11)
    warm, timed = questions[:100], questions[100:]
    base = None
    for n in args.workers:
        loadavg = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        server = start_server(
            args.index,
            server_env,
            extra_args=["--workers", str(n)],
            timeout=600,
            cores=n if args.core_per_worker else 0,
        )
        try:
            asyncio.run(load(server.url, warm, args.clients))  # every worker answers some
            pids = child_pids(server.proc.pid) if n > 1 else [server.proc.pid]
            cpu0, server_cpu0 = time.process_time(), [cpu_seconds(p) for p in pids]
            seconds, latencies, errors = asyncio.run(load(server.url, timed, args.clients))
            client_cpu = (time.process_time() - cpu0) / seconds
            per_worker = [
                round((cpu_seconds(p) - c0) / seconds, 2)
                for p, c0 in zip(pids, server_cpu0, strict=True)
            ]
            rss = [round(rss_mb(pid)) for pid in pids]
        finally:
            server.stop()
        rate = len(timed) / seconds
        base = base or rate
        p = percentiles(latencies)
        print(
            f"workers {n}: {rate:6.1f} asks/s ({rate / base:.2f}x of 1 worker), "
            f"p50 {p['p50']:.1f} ms, p95 {p['p95']:.1f} ms, {errors} errors, "
            f"RSS per worker MB {rss}, load average before {loadavg}, "
            f"cores used per worker {per_worker}, {args.client} client {client_cpu:.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
