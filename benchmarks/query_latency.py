"""End-to-end /v1/ask latency on a real server, with the engine's own breakdown and references.

    PYTHONPATH=. .venv/bin/python benchmarks/query_latency.py                  # 500 questions
    PYTHONPATH=. .venv/bin/python benchmarks/query_latency.py --index /work/indexes/ilacs-all \
        --questions 800 --torch
    PYTHONPATH=. .venv/bin/python benchmarks/query_latency.py --set prf_docs=0   # a lever off
    PYTHONPATH=. .venv/bin/python benchmarks/query_latency.py --index /work/indexes/all \
        --gold eval/gold/dev5/dev5.jsonl --gold eval/gold/dev6/dev6.jsonl   # staff's questions

Questions are drawn from word runs of random real passages and the index's authorities (all
distinct), or with ``--gold`` are development sets' first-turn questions as staff wrote them.
They are sent one at a time (no concurrency: this is latency, not throughput), through a lean
raw-socket client (benchmarks/raw_http.py; ``--client httpx`` for httpx, which adds about a
millisecond of its own).
Printed next to them, measured in the same run on the same questions: the raw encoder (the
one the server uses; --torch adds sentence-transformers) and a raw FAISS search of the
served index at the same depth.
"""

import argparse
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import faiss
import httpx
from _common import (
    Server,
    default_index,
    fmt,
    percentiles,
    questions_from_gold,
    questions_from_index,
    start_server,
)
from raw_http import RawClient

from index.retrieval.embedding import encoder_for, load_encoder
from index.retrieval.store import current_version
from index.settings import Settings

ANSWERING = ("answer", "by_inspection", "judgements")
STAGES = ("filter", "encode", "dense", "lexical", "fusion", "feedback", "rerank", "answer", "total")


def ask_all(
    server: Server, questions: list[str], client: str
) -> tuple[list[float], dict[str, list[float]]]:
    wall: list[float] = []
    stages: dict[str, list[float]] = defaultdict(list)
    abstained = 0
    post = _raw_post(server.url) if client == "raw" else _httpx_post(server.url)
    for q in questions[:20]:  # warm the connection and the caches
        post({"question": q})
    for q in questions:
        t0 = time.perf_counter()
        body = post({"question": q})
        wall.append((time.perf_counter() - t0) * 1000)
        abstained += body["abstained"]
        timings = body["timings_ms"]
        for stage in STAGES:
            if stage == "answer":
                # Whichever stage made the answer: the passages, an answer per inspection or
                # the judgements table (each names its own timing).
                stages[stage].append(sum(timings.get(k, 0.0) for k in ANSWERING))
            else:
                stages[stage].append(timings.get(stage, 0.0))
    print(f"answered {len(questions)} questions through the {client} client, {abstained} abstained")
    return wall, stages


def search_all(server: Server, questions: list[str], client: str) -> list[float]:
    """``/v1/search`` wall clock per question: it reads the passages as an answer would (the
    passages quoted lead), so it costs nearly what ``/v1/ask`` does."""
    post = (_raw_post if client == "raw" else _httpx_post)(server.url, "/v1/search")
    for q in questions[:20]:
        post({"query": q})
    wall = []
    for q in questions:
        t0 = time.perf_counter()
        post({"query": q})
        wall.append((time.perf_counter() - t0) * 1000)
    return wall


def _raw_post(url: str, path: str = "/v1/ask") -> Callable[[dict], dict]:
    connection = RawClient(url)

    def post(body: dict) -> dict:
        status, payload = connection.post(path, body)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}: {payload[:200]!r}")
        return json.loads(payload)

    return post


def _httpx_post(url: str, path: str = "/v1/ask") -> Callable[[dict], dict]:
    http = httpx.Client(base_url=url, timeout=60)

    def post(body: dict) -> dict:
        response = http.post(path, json=body)
        response.raise_for_status()
        return response.json()

    return post


def raw_encoder(encoder, questions: list[str]) -> list[float]:
    encoder.encode_query("warm up")
    out = []
    for q in questions:
        t0 = time.perf_counter()
        encoder.encode_query(q)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def raw_faiss(
    index_dir: Path, encoder, questions: list[str], depth: int
) -> tuple[list[float], int]:
    dense = faiss.read_index(str(current_version(index_dir) / "dense.faiss"))
    faiss.omp_set_num_threads(Settings().search_threads or faiss.omp_get_max_threads())  # as served
    vectors = encoder.encode(questions)
    out = []
    for v in vectors:
        t0 = time.perf_counter()
        dense.search(v[None, :], depth)
        out.append((time.perf_counter() - t0) * 1000)
    return out, dense.ntotal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        default=[],
        help="time these gold sets' first-turn questions instead of generated ones (repeatable;"
        " development sets only: staff wording is longer and asks more of the answer stage)",
    )
    parser.add_argument("--torch", action="store_true", help="also time sentence-transformers")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--client", choices=("raw", "httpx"), default="raw", help="raw: benchmarks/raw_http.py"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="server setting, e.g. --set prf_docs=0 to time without a lever (repeatable)",
    )
    args = parser.parse_args()
    server_env = {
        f"INSPECTION_QA_{k.strip().upper()}": v.strip()
        for k, v in (item.split("=", 1) for item in args.set)
    }
    index_dir = args.index or default_index()
    settings = Settings(index_dir=index_dir)
    manifest = json.loads((current_version(index_dir) / "manifest.json").read_text())
    print(
        f"index {index_dir}: {manifest['document_count']} documents, "
        f"{manifest['passage_count']} passages"
    )
    questions = (
        questions_from_gold(args.gold, args.questions)
        if args.gold
        else questions_from_index(index_dir, args.questions, args.seed)
    )
    print(f"{len(questions)} distinct questions, e.g. {questions[:3]}")

    server = start_server(index_dir, server_env)
    try:
        print(f"server ready in {server.ready_seconds:.2f} s, RSS {server.rss_mb():.0f} MB")
        wall, stages = ask_all(server, questions, args.client)
        searched = search_all(server, questions, args.client)
        rss = server.rss_mb()
    finally:
        server.stop()

    # As the server: the encoder that built the index, on the query thread count.
    precision = manifest.get("encoder_precision", "fp32")
    encoder = encoder_for(
        settings, settings.query_encoder_threads, precision, settings.query_encoder_spin
    )
    enc = raw_encoder(encoder, questions)
    faiss_ms, ntotal = raw_faiss(index_dir, encoder, questions, settings.candidates)
    figures = {
        "end_to_end_ms": percentiles(wall),
        "search_end_to_end_ms": percentiles(searched),
        "stages_ms": {s: percentiles(v) for s, v in stages.items()},
        f"raw_encoder_{getattr(encoder, 'backend', '?')}_ms": percentiles(enc),
        f"raw_faiss_flat_{ntotal}_top{settings.candidates}_ms": percentiles(faiss_ms),
        "server_rss_mb_after": round(rss),
    }
    if getattr(encoder, "backend", "") == "onnx":
        # The reference: one sleeping thread, as questions were encoded until the nineteenth
        # session (the served encoder spins on every core of its worker).
        one = encoder_for(settings, 1, precision)
        figures["raw_encoder_onnx_1thread_ms"] = percentiles(raw_encoder(one, questions))
    if args.torch:
        torch_encoder = load_encoder(settings.model_name, 32, "torch")
        figures["raw_encoder_torch_ms"] = percentiles(raw_encoder(torch_encoder, questions))

    print(f"\n/v1/ask end to end (client wall clock, ms)   {fmt(figures['end_to_end_ms'])}")
    print(f"/v1/search end to end (client wall clock, ms) {fmt(figures['search_end_to_end_ms'])}")
    print("engine breakdown (ms, from the answer's timings_ms):")
    for stage in STAGES:
        print(f"  {stage:<8} {fmt(figures['stages_ms'][stage])}")
    print("references measured in this run (ms):")
    for key, value in figures.items():
        if key.startswith("raw_"):
            print(f"  {key:<34} {fmt(value)}")
    overhead = statistics.median(w - t for w, t in zip(wall, stages["total"], strict=True))
    print(f"HTTP + serialisation overhead, median: {overhead:.2f} ms")
    print(f"server RSS after the run: {rss:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
