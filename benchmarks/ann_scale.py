"""FAISS flat vs IVF vs HNSW as the index grows: recall@10 against flat, latency, memory.

    PYTHONPATH=. .venv/bin/python benchmarks/ann_scale.py --size 200000
    PYTHONPATH=. .venv/bin/python benchmarks/ann_scale.py --size 1000000 --queries 200

The synthetic index is real passage vectors (from --index) repeated with Gaussian noise and
re-normalised, so it keeps the real vectors' uneven distribution; queries are real questions
encoded by the served encoder. Prints, per index type and search setting: build seconds,
memory (serialised size), p50/p95 of one query at depth 50 (what the engine asks for) and
recall@10 against exact (flat) search.
"""

import argparse
import time
from pathlib import Path

import faiss
import numpy as np
from _common import default_index, percentiles, questions_from_index

from index.retrieval.embedding import encoder_for
from index.retrieval.store import current_version
from index.settings import Settings


def synthetic(real: np.ndarray, size: int, noise: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((size, real.shape[1]), dtype=np.float32)
    step = 100_000
    for start in range(0, size, step):
        n = min(step, size - start)
        base = real[rng.integers(0, len(real), n)]
        jitter = rng.standard_normal(base.shape, dtype=np.float32) * (
            noise / np.sqrt(base.shape[1])
        )
        block = base + jitter
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start : start + n] = block
    out[: len(real)] = real  # the real passages are in it too
    return out


def timed_search(index: faiss.Index, queries: np.ndarray, depth: int) -> tuple[np.ndarray, list]:
    ids = np.empty((len(queries), depth), dtype=np.int64)
    times = []
    for i, q in enumerate(queries):
        t0 = time.perf_counter()
        _, found = index.search(q[None, :], depth)
        times.append((time.perf_counter() - t0) * 1000)
        ids[i] = found[0]
    return ids, times


def recall_at_10(found: np.ndarray, truth: np.ndarray) -> float:
    hits = [len(set(f[:10]) & set(t[:10])) / 10 for f, t in zip(found, truth, strict=True)]
    return float(np.mean(hits))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--noise", type=float, default=0.35, help="noise norm per vector")
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--threads", type=int, default=1, help="FAISS threads per search")
    args = parser.parse_args()
    index_dir = args.index or default_index()
    settings = Settings(index_dir=index_dir)
    real = np.load(current_version(index_dir) / "vectors.npy")
    questions = questions_from_index(index_dir, args.queries)
    queries = encoder_for(settings).encode(questions)
    faiss.omp_set_num_threads(args.threads)

    t0 = time.perf_counter()
    data = synthetic(real, args.size, args.noise, 0)
    print(
        f"{args.size} vectors ({len(real)} real + noise {args.noise}), made in "
        f"{time.perf_counter() - t0:.1f}s; {len(queries)} real questions; depth 50; "
        f"{args.threads} search thread(s)"
    )
    dim = data.shape[1]
    faiss.omp_set_num_threads(2)  # builds may use both cores
    t0 = time.perf_counter()
    flat = faiss.IndexFlatIP(dim)
    flat.add(data)
    flat_build = time.perf_counter() - t0
    faiss.omp_set_num_threads(args.threads)
    truth, flat_times = timed_search(flat, queries, 50)
    rows = [("flat", "", flat_build, flat, recall_at_10(truth, truth), flat_times)]

    nlist = int(4 * np.sqrt(args.size))
    faiss.omp_set_num_threads(2)
    t0 = time.perf_counter()
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    sample = data[np.random.default_rng(1).choice(len(data), min(len(data), 40 * nlist), False)]
    ivf.train(sample)
    ivf.add(data)
    ivf_build = time.perf_counter() - t0
    faiss.omp_set_num_threads(args.threads)
    for nprobe in (8, 32, 64, 128, 256):
        ivf.nprobe = nprobe
        found, times = timed_search(ivf, queries, 50)
        rows.append(
            (f"ivf{nlist}", f"nprobe={nprobe}", ivf_build, ivf, recall_at_10(found, truth), times)
        )

    faiss.omp_set_num_threads(2)
    t0 = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 64
    hnsw.add(data)
    hnsw_build = time.perf_counter() - t0
    faiss.omp_set_num_threads(args.threads)
    for ef in (64, 256, 512):
        hnsw.hnsw.efSearch = ef
        found, times = timed_search(hnsw, queries, 50)
        rows.append(
            ("hnsw32", f"efSearch={ef}", hnsw_build, hnsw, recall_at_10(found, truth), times)
        )

    print(
        f"\n{'index':<10} {'setting':<13} {'build s':>8} {'MB':>7} {'recall@10':>9} "
        f"{'p50 ms':>8} {'p95 ms':>8}"
    )
    sizes: dict[int, float] = {}
    for name, setting, build, index, recall, times in rows:
        if id(index) not in sizes:
            sizes[id(index)] = faiss.serialize_index(index).nbytes / 2**20
        p = percentiles(times)
        print(
            f"{name:<10} {setting:<13} {build:8.1f} {sizes[id(index)]:7.0f} {recall:9.3f} "
            f"{p['p50']:8.2f} {p['p95']:8.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
