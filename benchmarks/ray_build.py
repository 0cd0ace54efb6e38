"""Build throughput, local vs Ray with 1, 2 and 4 embedding actors, and the raw encode rate.

    PYTHONPATH=. .venv/bin/python benchmarks/ray_build.py --limit 40   # a fixed subset
    PYTHONPATH=. .venv/bin/python benchmarks/ray_build.py --limit 0    # the whole archive

The subset is the first N report PDFs in path order (stable between runs), linked into a
temporary corpus so doc_ids match the archive; nothing is copied into the repo. Every build
starts from an empty index, so each one reads, chunks and embeds everything. Prints one table;
--json writes the same figures.
"""

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from index.build import build_index, collect_sources
from index.ray_build import RayExecutor
from index.retrieval.embedding import encoder_for, load_encoder
from index.settings import Settings


def subset(archive: Path, limit: int, into: Path) -> Path:
    pdfs = sorted(archive.rglob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDFs under {archive}: pass --archive ../shared/ilacs/reports")
    for pdf in pdfs[:limit] if limit else pdfs:
        link = into / pdf.relative_to(archive)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(pdf.resolve())  # a relative target would dangle from the link
    return into


def encode_rate(settings: Settings, corpus: Path, sample: int, threads: int) -> float:
    """Passages per second of the builds' encoder alone on passage-sized texts from the corpus."""
    from index.build import prepare_encoder, read_and_chunk

    sources, _ = collect_sources([corpus], settings)
    texts: list[str] = []
    for source in sources:
        texts += [p.embedding_text() for p in read_and_chunk(source, settings).passages]
        if len(texts) >= sample:
            break
    texts = texts[:sample]
    if not texts:
        raise SystemExit(f"no readable passages under {corpus}")
    prepare_encoder(settings, texts)
    load_encoder.cache_clear()  # a fresh session with this thread count
    encoder = encoder_for(settings, threads=threads)
    encoder.encode(texts[:8])  # warm-up
    t0 = time.perf_counter()
    encoder.encode(texts)
    return len(texts) / (time.perf_counter() - t0)


def run(corpus: Path, work: Path, label: str, actors: int | None) -> dict:
    settings = Settings(index_dir=work / label)
    t0 = time.perf_counter()
    if actors is None:
        report = build_index([corpus], settings.index_dir, settings, progress=False)
        start_s = 0.0
    else:
        with RayExecutor(embed_actors=actors) as executor:
            start_s = time.perf_counter() - t0
            report = build_index(
                [corpus], settings.index_dir, settings, progress=False, executor=executor
            )
    wall = time.perf_counter() - t0
    return {
        "run": label,
        "documents": report.documents,
        "passages": report.passages,
        "wall_s": round(wall, 1),
        "ray_start_s": round(start_s, 1),
        "read_chunk_s": round(report.seconds["read_chunk"], 1),
        "embed_s": round(report.seconds["embed"], 1),
        "passages_per_s": round(report.passages / wall, 1),
        "embed_passages_per_s": round(report.passages / report.seconds["embed"], 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, default=Settings().ilacs_reports)
    ap.add_argument("--limit", type=int, default=40, help="first N PDFs; 0 = all")
    ap.add_argument("--actors", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--encode-sample", type=int, default=256)
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--work", type=Path, help="keep the corpus links and indexes here (default: a temp dir)"
    )
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="ray-bench-") as tmp:
        work = args.work or Path(tmp)
        if work.exists() and any(work.iterdir()):
            raise SystemExit(f"{work} is not empty: every build must start from nothing")
        corpus = subset(args.archive, args.limit, work / "corpus")
        cores = os.cpu_count() or 1
        rate = encode_rate(Settings(), corpus, args.encode_sample, cores)
        rate_1 = encode_rate(Settings(), corpus, args.encode_sample, 1)
        backend = type(encoder_for(Settings())).__name__
        print(
            f"raw encode rate ({backend}, batch 32): {rate:.1f} passages/s on {cores} threads, "
            f"{rate_1:.1f} on 1 thread (an actor's share)",
            flush=True,
        )
        rows = [run(corpus, work, "local", None)]
        print(rows[-1], flush=True)
        for n in args.actors:
            rows.append(run(corpus, work, f"ray-{n}-actors", n))
            print(rows[-1], flush=True)

    cols = list(rows[0])
    print("\n| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in cols) + " |")
    if args.json:
        figures = {"encode_rate": rate, "encode_rate_1_thread": rate_1, "runs": rows}
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
