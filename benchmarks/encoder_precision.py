"""The int8 encoder against fp32 in one run: encode rate, query latency, cosine to fp32.

    PYTHONPATH=. .venv/bin/python benchmarks/encoder_precision.py --index var/bench/whole \
        --passages 2000

Takes ``--passages`` random passages of an index (their embedding texts), and encodes them
with the fp32 ONNX export and the int8 model in alternating groups of 256 (longest first
within a group, as a build feeds the encoder), so a change in the shared machine's load
falls on both alike. Prints passages/s of each, their ratio, the mean and minimum cosine of
the int8 vectors to the fp32 ones, and single-query latency of each on one thread.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from _common import percentiles

from index.retrieval.embedding import load_encoder
from index.retrieval.store import load_index
from index.settings import Settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--passages", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--threads", type=int, default=0, help="0 = all cores")
    args = parser.parse_args()
    settings = Settings()
    index = load_index(args.index, settings.model_name)
    rng = random.Random(13)
    texts = [p.embedding_text() for p in rng.sample(index.passages, args.passages)]
    encoders = {
        precision: load_encoder(
            settings.model_name,
            settings.embed_batch_size,
            "onnx",
            settings.model_cache_dir,
            args.threads,
            precision,
        )
        for precision in ("fp32", "int8")
    }
    seconds = dict.fromkeys(encoders, 0.0)
    vectors: dict[str, list[np.ndarray]] = {k: [] for k in encoders}
    for encoder in encoders.values():
        encoder.encode(texts[:32])  # warm
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    for i in range(0, len(texts), 256):
        group = sorted(texts[i : i + 256], key=len, reverse=True)
        for name, encoder in encoders.items():
            t0 = time.perf_counter()
            vectors[name].append(encoder.encode(group))
            seconds[name] += time.perf_counter() - t0
    fp32, int8 = (np.vstack(vectors[k]) for k in ("fp32", "int8"))
    cosines = np.sum(fp32 * int8, axis=1)
    rate = {k: len(texts) / v for k, v in seconds.items()}
    print(f"{len(texts)} passages of {args.index}, load average before {load_before}")
    print(f"  fp32 encode   {rate['fp32']:7.1f} passages/s")
    print(f"  int8 encode   {rate['int8']:7.1f} passages/s  ({rate['int8'] / rate['fp32']:.2f}x)")
    print(f"  cosine int8 to fp32: mean {cosines.mean():.4f}, min {cosines.min():.4f}")

    questions = [t[:80] for t in rng.sample(texts, min(args.queries, len(texts)))]
    single = {
        precision: load_encoder(
            settings.model_name, 1, "onnx", settings.model_cache_dir, 1, precision
        )
        for precision in ("fp32", "int8")
    }
    latency: dict[str, list[float]] = {k: [] for k in single}
    for q in questions:
        for name, encoder in single.items():
            t0 = time.perf_counter()
            encoder.encode_query(q)
            latency[name].append((time.perf_counter() - t0) * 1000)
    for name, values in latency.items():
        p = percentiles(values)
        print(
            f"  {name} query encode, 1 thread: p50 {p['p50']:.2f} ms, p95 {p['p95']:.2f} ms "
            f"(mean {statistics.fmean(values):.2f})"
        )
    print(f"load average after {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
