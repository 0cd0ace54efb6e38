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
from _common import children, percentiles, questions_from_index, rss_mb, start_server
from raw_http import open_connection, post_async


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


async def _load_raw(url: str, questions: list[str], clients: int) -> tuple[float, list[float], int]:
    """The same load through benchmarks/raw_http.py: one keep-alive connection per client."""
    latencies: list[float] = []
    errors = 0
    queue = list(reversed(questions))
    connections = [await open_connection(url) for _ in range(clients)]

    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str) -> None:
        nonlocal errors
        while queue:
            question = queue.pop()
            t0 = time.perf_counter()
            try:
                status = await post_async(reader, writer, host, "/v1/ask", {"question": question})
                errors += status != 200
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors += 1
                return
            latencies.append((time.perf_counter() - t0) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(client(*c) for c in connections))
    elapsed = time.perf_counter() - started
    for _, writer, _ in connections:
        writer.close()
    return elapsed, latencies, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--asks", type=int, default=600)
    parser.add_argument(
        "--client", choices=("raw", "httpx"), default="raw", help="raw: benchmarks/raw_http.py"
    )
    args = parser.parse_args()
    load = _load_raw if args.client == "raw" else _load_httpx
    questions = questions_from_index(args.index, args.asks + 100, seed=11)
    warm, timed = questions[:100], questions[100:]
    base = None
    for n in args.workers:
        loadavg = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        server = start_server(args.index, extra_args=["--workers", str(n)], timeout=600)
        try:
            asyncio.run(load(server.url, warm, args.clients))  # every worker answers some
            cpu0 = time.process_time()
            seconds, latencies, errors = asyncio.run(load(server.url, timed, args.clients))
            client_cpu = (time.process_time() - cpu0) / seconds
            pids = children(server.proc.pid) if n > 1 else [server.proc.pid]
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
            f"{args.client} client used {client_cpu:.2f} of a core",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
