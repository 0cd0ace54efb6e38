"""Bounded load on a running server: N concurrent clients for T seconds, mixing the routes.

    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8000            # 50 × 60 s
    .venv/bin/python benchmarks/load.py --clients 10 --duration 10 --json out.json

Each client loops: ask (50 %), search (30 %), list documents (10 %), one document (10 %).
Prints requests, errors (any non-2xx or transport error), p50/p95/p99 latency overall and
per route, and requests per second. 127.0.0.1 only: this is a test of our server, not a tool
to point at anyone else's.
"""

import argparse
import asyncio
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

QUESTIONS = [
    "What did Ofsted say about care leavers?",
    "How good is the help and protection of children?",
    "What did inspectors find about leadership and management?",
    "What progress has been made on the action plan?",
    "What is the overall effectiveness judgement?",
    "How are children in care supported?",
    "What about the experiences of children who need help?",
    "Who owns the action on foster carers?",
]
SEARCHES = ["care leavers", "social work caseloads", "judgement overall effectiveness", "MASH"]
AUTHORITIES = ["Calderdale", "Hertfordshire", "Herefordshire", None, None]
MIX = [("ask", 0.5), ("search", 0.3), ("documents", 0.1), ("document", 0.1)]


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    started: float = 0.0
    finished: float = 0.0

    def record(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    def summary(self) -> dict:
        every = sorted(x for values in self.latencies.values() for x in values)
        elapsed = max(self.finished - self.started, 1e-9)
        out = {
            "requests": len(every) + sum(self.errors.values()),
            "ok": len(every),
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors),
            "seconds": round(elapsed, 1),
            "requests_per_second": round((len(every) + sum(self.errors.values())) / elapsed, 1),
            "latency_ms": _percentiles(every),
            "per_route": {
                kind: {"count": len(v), **_percentiles(sorted(v))}
                for kind, v in sorted(self.latencies.items())
            },
        }
        return out


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0}

    def pick(q: float) -> float:
        return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 1)

    return {"p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "max": pick(1.0)}


def _request(kind: str, rng: random.Random, doc_ids: list[str]) -> tuple[str, str, dict | None]:
    if kind == "ask":
        body: dict = {"question": rng.choice(QUESTIONS)}
        authority = rng.choice(AUTHORITIES)
        if authority:
            body["filters"] = {"authority": [authority]}
        return "POST", "/v1/ask", body
    if kind == "search":
        return "POST", "/v1/search", {"query": rng.choice(SEARCHES), "top_k": 10}
    if kind == "documents" or not doc_ids:
        return "GET", "/v1/documents", None
    return "GET", f"/v1/documents/{rng.choice(doc_ids)}", None


async def _client(
    n: int, http: httpx.AsyncClient, deadline: float, doc_ids: list[str], results: Results
) -> None:
    rng = random.Random(n)
    kinds, weights = zip(*MIX, strict=True)
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        method, path, body = _request(kind, rng, doc_ids)
        t0 = time.perf_counter()
        try:
            response = await http.request(method, path, json=body)
        except httpx.HTTPError as exc:
            results.errors[f"{kind}: {type(exc).__name__}"] += 1
            await asyncio.sleep(0.05)
            continue
        if response.status_code >= 300:
            results.errors[f"{kind}: HTTP {response.status_code}"] += 1
        else:
            results.record(kind, time.perf_counter() - t0)


async def run_load(
    url: str, clients: int, duration: float, headers: dict[str, str] | None = None
) -> dict:
    """Run the load and return the summary (also what ``--json`` writes)."""
    host = urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to load {host}: this script only targets 127.0.0.1")
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=url, timeout=120, limits=limits, headers=headers or {}
    ) as http:
        listing = await http.get("/v1/documents")
        listing.raise_for_status()
        doc_ids = [d["doc_id"] for d in listing.json()["documents"]]
        results = Results()
        results.started = time.monotonic()
        deadline = results.started + duration
        workers = [_client(n, http, deadline, doc_ids, results) for n in range(clients)]
        await asyncio.gather(*workers)
        results.finished = time.monotonic()
    return results.summary()


def print_summary(summary: dict, label: str = "load") -> None:
    lat = summary["latency_ms"]
    print(
        f"{label}: {summary['requests']} requests in {summary['seconds']} s, "
        f"{summary['errors']} errors, {summary['requests_per_second']} req/s, "
        f"p50 {lat['p50']} ms, p95 {lat['p95']} ms, p99 {lat['p99']} ms, max {lat['max']} ms"
    )
    for kind, stats in summary["per_route"].items():
        print(
            f"  {kind:<9} {stats['count']:>6}  p50 {stats['p50']:>7} ms  "
            f"p95 {stats['p95']:>7} ms  p99 {stats['p99']:>7} ms"
        )
    for kind, count in summary["error_kinds"].items():
        print(f"  error {kind}: {count}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (max 600)")
    parser.add_argument("--api-key", help="sent as X-API-Key when the server requires keys")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    duration = min(args.duration, 600.0)
    headers = {"X-API-Key": args.api_key} if args.api_key else None
    summary = asyncio.run(run_load(args.url, args.clients, duration, headers))
    print_summary(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
