"""Cold start to ready, and serving memory, of `inspection-qa serve` on a real index.

    PYTHONPATH=. .venv/bin/python benchmarks/start_memory.py                  # 3 starts each
    PYTHONPATH=. .venv/bin/python benchmarks/start_memory.py --index /work/indexes/ilacs-all

Starts the server --starts times per encoder backend (the ONNX export, and
sentence-transformers as the reference), timing process start to /readyz = 200, then sends
--asks distinct questions and reads the process's RSS from /proc. Targets: ready <= 6 s,
RSS <= 800 MB.
"""

import argparse
import json
import statistics
from pathlib import Path

import httpx
from _common import default_index, questions_from_index, start_server

from index.retrieval.store import current_version


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--asks", type=int, default=50)
    parser.add_argument("--backends", default="onnx,torch")
    args = parser.parse_args()
    index_dir = args.index or default_index()
    version = current_version(index_dir)
    manifest = json.loads((version / "manifest.json").read_text())
    size = sum(p.stat().st_size for p in version.rglob("*") if p.is_file()) / 2**20
    print(
        f"index {index_dir}: {manifest['document_count']} documents, "
        f"{manifest['passage_count']} passages, {size:.0f} MB on disk"
    )
    questions = questions_from_index(index_dir, args.asks, seed=11)
    for backend in args.backends.split(","):
        ready, rss_ready, rss_served = [], [], []
        for _ in range(args.starts):
            server = start_server(index_dir, {"INSPECTION_QA_ENCODER_BACKEND": backend})
            try:
                ready.append(server.ready_seconds)
                rss_ready.append(server.rss_mb())
                with httpx.Client(base_url=server.url, timeout=60) as http:
                    for q in questions:
                        http.post("/v1/ask", json={"question": q}).raise_for_status()
                rss_served.append(server.rss_mb())
            finally:
                server.stop()
        print(
            f"{backend:<6} ready in {statistics.median(ready):5.2f} s (median of {len(ready)}, "
            f"max {max(ready):.2f}); RSS {statistics.median(rss_ready):4.0f} MB when ready, "
            f"{statistics.median(rss_served):4.0f} MB after {len(questions)} questions"
        )
    print("targets: ready <= 6 s, RSS <= 800 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
