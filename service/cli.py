"""The ``inspection-qa`` command: a thin layer over the library and the service."""

import argparse
import contextlib
import json
import logging
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from eval.flags import add_arguments as add_eval_arguments
from index.errors import BadQuery, InspectionQAError
from index.settings import CALIBRATED_SETTINGS, TUNED_ANSWER_SETTINGS, get_settings
from service.settings import get_service_settings

if TYPE_CHECKING:
    from index.build import BuildReport
    from index.retrieval.store import StoredIndex
    from index.tuning.pairs import Pair
    from service.feedback import FeedbackStore


def _print_build(report: "BuildReport") -> None:
    if report.unchanged:
        print(
            f"index unchanged: {report.documents} documents, {report.passages} passages "
            f"({report.index_path})"
        )
    else:
        total = report.seconds.get("total", 0.0)
        rate = report.embedded / report.seconds["embed"] if report.seconds.get("embed") else 0.0
        print(
            f"built {report.index_path}: {report.documents} documents, {report.passages} passages "
            f"({report.embedded} embedded, {report.reused} reused) in {total:.1f}s"
            + (f", {rate:.1f} passages/s embedding" if report.embedded else "")
        )
    for skipped in report.skipped:
        print(f"skipped {skipped.path}: {skipped.reason}")
    if report.skipped:
        print(f"{len(report.skipped)} file(s) skipped")


def _build(args: argparse.Namespace) -> int:
    from index.build import build_index

    settings = get_settings()
    corpus = [Path(c) for c in (args.corpus or [str(settings.corpus_dir)])]
    index_dir = Path(args.index) if args.index else settings.index_dir
    if args.watch:
        if args.executor == "ray":
            raise BadQuery("--watch builds locally: leave out --executor ray")
        from index.watch import watch_and_build

        print(f"watching {', '.join(map(str, corpus))} (Ctrl-C stops)", flush=True)
        watch_and_build(
            corpus,
            index_dir,
            settings,
            on_build=lambda report: (_print_build(report), sys.stdout.flush()),
            on_error=lambda exc: print(f"error: {exc}", file=sys.stderr, flush=True),
        )
        return 0
    if args.executor == "ray":
        from index.ray_build import RayExecutor, require_ray

        require_ray()  # one clear line naming the extra, before any work
        with RayExecutor(args.ray_address, embed_actors=args.embed_actors) as executor:
            report = build_index(
                corpus, index_dir, settings, progress=not args.quiet, executor=executor
            )
    else:
        report = build_index(corpus, index_dir, settings, progress=not args.quiet)
    _print_build(report)
    return 0


def _gold_question_pairs(index: "StoredIndex", paths: list[Path]) -> list["Pair"]:
    """Question → evidence passage pairs from development gold files (never the blind set:
    it is measured, not learned from); a follow-up is read with its history."""
    from eval.goldset import load_gold, locate_evidence
    from index.tuning.pairs import question_pairs
    from index.understanding.question import parse_question

    if not paths:
        return []
    if any("blind" in p.parts for p in paths):
        raise BadQuery("the blind set is measured, never trained on")
    gold = [q for q in load_gold(paths) if q.answerable and q.evidence]
    documents = index.documents

    def text(doc_id: str) -> str | None:
        return documents[doc_id].text if doc_id in documents else None

    def authority(doc_id: str) -> str | None:
        return documents[doc_id].meta.authority if doc_id in documents else None

    locate_evidence(gold, text, authority)
    return question_pairs(
        index,
        [
            (
                parse_question(q.question, q.history or None).query,
                [(e.doc_id, e.start, e.end) for e in q.evidence if e.start >= 0],
            )
            for q in gold
        ],
    )


def _answer_settings(pairs: list[str]) -> dict[str, float]:
    """``NAME=VALUE`` cosine bars to keep beside tuned weights (checked before any tuning)."""
    values: dict[str, float] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in CALIBRATED_SETTINGS:
            raise BadQuery(f"--answer-setting {name!r}: one of {', '.join(CALIBRATED_SETTINGS)}")
        try:
            values[name] = float(value)
        except ValueError:
            raise BadQuery(f"--answer-setting {pair!r}: the value is not a number") from None
        if not 0.0 <= values[name] <= 1.0:
            raise BadQuery(f"--answer-setting {pair!r}: the value must be between 0 and 1")
    return values


def _tune(args: argparse.Namespace) -> int:
    from index.retrieval.store import load_index
    from index.tuning.train import TuneConfig, tune

    settings = get_settings()
    index_dir = Path(args.index) if args.index else settings.index_dir
    output = Path(args.output) if args.output else settings.model_cache_dir / "tuned"
    config = TuneConfig(
        steps=args.steps,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        max_seq_length=args.max_seq_length,
        seed=args.seed,
        kinds=tuple(args.kinds.split(",")),
        max_minutes=args.max_minutes,
        threads=args.threads,
        hard_negatives=args.hard_negatives,
    )
    calibration = _answer_settings(args.answer_setting)
    index = load_index(index_dir, settings.model_name)
    print(f"mining training pairs from {index.path} ({len(index.passages)} passages)")
    questions = _gold_question_pairs(index, [Path(g) for g in args.gold])
    if args.gold:
        print(f"{len(questions)} question pairs from {', '.join(args.gold)}")
    every = max(1, config.steps // 20)

    def show(step: int, steps: int, loss: float) -> None:
        if step == 1 or step % every == 0 or step == steps:
            print(f"step {step}/{steps}  loss {loss:.4f}", flush=True)

    try:
        report = tune(
            index, output, config, settings.model_name, progress=show, questions=questions
        )
    except ValueError as exc:
        raise BadQuery(str(exc)) from None
    pairs = ", ".join(f"{n} {kind}" for kind, n in report.pairs.items())
    print(
        f"tuned {report.steps} steps ({report.seconds_per_step:.2f} s/step, "
        f"{report.seconds / 60:.1f} min in all) on {pairs} pairs; loss {report.loss_first:.3f}"
        f" → {report.loss_last:.3f}"
        + (" (stopped by --max-minutes)" if report.stopped_early else "")
    )
    if calibration:
        (Path(report.output) / TUNED_ANSWER_SETTINGS).write_text(
            json.dumps(calibration, indent=1) + "\n", encoding="utf-8"
        )
        print(f"answer settings for these weights: {calibration}")
    print(f"weights: {report.output} (fingerprint {report.fingerprint})")
    print(f"use them: INSPECTION_QA_TUNED_MODEL_DIR={report.output} inspection-qa build …")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_service_settings()
    if args.index:
        settings.index_dir = Path(args.index)
    workers = args.workers or settings.workers
    host, port = args.host or settings.host, args.port or settings.port
    if args.replicas:
        from service.ray_serve import require_ray, run_replicas

        require_ray()
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a person stops it
            run_replicas(settings, args.replicas, host, port, args.ray_address)
        return 0
    if workers > 1:
        # Worker processes build their own app from the environment, so hand settings on.
        os.environ["INSPECTION_QA_INDEX_DIR"] = str(settings.index_dir)
        os.environ["INSPECTION_QA_WORKERS"] = str(workers)
        from service.workers import run_workers

        run_workers(workers, host, port, settings.keep_alive_seconds)
        return 0
    from service.main import create_app

    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        timeout_keep_alive=settings.keep_alive_seconds,
    )
    return 0


def _hash_key(args: argparse.Namespace) -> int:
    from service.security import hash_key, new_key

    key = args.key or new_key()
    if not args.key:
        print(f"key (give it to the client; it is not stored): {key}")
    print(f"hash (stored at rest): {hash_key(key)}")
    print("set it as a JSON list, e.g. INSPECTION_QA_API_KEY_HASHES='[\"<hash>\", ...]'")
    return 0


def _ask(args: argparse.Namespace) -> int:
    from index.qa import QAEngine

    settings = get_settings()
    engine = QAEngine.open(settings, Path(args.index) if args.index else None)
    answer = engine.ask(args.question, history=args.history or None)
    if args.json:
        from service.convert import ask_response

        response = ask_response(answer, "cli", engine.documents)
        print(json.dumps(response.model_dump(), indent=2, ensure_ascii=False))
        return 0
    print(answer.answer)
    for c in answer.citations:
        where = f", p.{c.page}" if c.page else ""
        print(
            f"\n[{c.n}] {c.title} — {c.authority or 'no authority'}, {c.date or 'undated'}"
            f"{where}\n    “{c.quote}”"
        )
    return 0


def _feedback_store(args: argparse.Namespace) -> "FeedbackStore":
    from service.feedback import FeedbackStore

    db = Path(args.db) if args.db else get_service_settings().conversations_db
    if not db.is_file():
        raise BadQuery(f"no feedback yet: {db} does not exist (the server makes it)")
    return FeedbackStore(db)


def _feedback_export(args: argparse.Namespace) -> int:
    since = None
    if args.since:
        try:
            since = datetime.combine(date.fromisoformat(args.since), datetime.min.time(), UTC)
        except ValueError:
            raise BadQuery(f"--since {args.since!r} is not a date: use YYYY-MM-DD") from None
    items = _feedback_store(args).items(since=since, rating=args.rating)
    lines = [json.dumps(i.gold_candidate(), ensure_ascii=False) for i in items]
    text = "".join(line + "\n" for line in lines)
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{len(lines)} gold-set candidate(s) written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _eval(args: argparse.Namespace) -> int:
    from eval.cli import run_eval

    # The ratings staff gave, beside the metrics (none when the server never ran here).
    db = get_service_settings().conversations_db
    if db.is_file():
        from service.feedback import FeedbackStore

        args.feedback = FeedbackStore(db).counts()
    return run_eval(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="inspection-qa", description=__doc__)
    top.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = top.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="ingest the corpus and write the index atomically")
    build.add_argument("--corpus", action="append", help="corpus directory (repeatable)")
    build.add_argument("--index", help="index directory")
    build.add_argument("--quiet", action="store_true", help="no progress bars")
    build.add_argument(
        "--executor", choices=("local", "ray"), default="local", help="where to read and embed"
    )
    build.add_argument("--ray-address", help="join this Ray cluster (default: start a local Ray)")
    build.add_argument("--embed-actors", type=int, default=2, help="Ray embedding actors")
    build.add_argument(
        "--watch", action="store_true", help="rebuild incrementally whenever the corpus changes"
    )
    build.set_defaults(func=_build)

    from index.tuning import PAIR_KINDS

    tn = sub.add_parser(
        "tune", help="fine-tune the encoder on pairs mined from a built index (CPU, no network)"
    )
    tn.add_argument("--index", help="built index whose passages to learn from")
    tn.add_argument("--output", help="directory for the tuned weights (default: var/models/tuned)")
    tn.add_argument("--steps", type=int, default=150, help="optimiser steps")
    tn.add_argument(
        "--batch-size", type=int, default=32, help="pairs per step (in-batch negatives)"
    )
    tn.add_argument("--learning-rate", type=float, default=2e-5)
    tn.add_argument("--max-seq-length", type=int, default=128, help="tokens per text in training")
    tn.add_argument("--seed", type=int, default=0)
    tn.add_argument(
        "--kinds", default=",".join(PAIR_KINDS), help=f"pair kinds, of {','.join(PAIR_KINDS)}"
    )
    tn.add_argument(
        "--hard-negatives",
        action="store_true",
        help="add a passage of the same heading from another authority to each pair",
    )
    tn.add_argument("--max-minutes", type=float, help="stop after this long (wall time)")
    tn.add_argument(
        "--gold",
        action="append",
        default=[],
        help="development gold file whose questions → evidence passages join the pairs "
        "(repeatable; never the blind set)",
    )
    tn.add_argument(
        "--answer-setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a cosine bar measured for these weights, kept beside them and used wherever "
        "they are (repeatable: gate_unless_cosine, abstain_unless_cosine, abstain_min_dense)",
    )
    tn.add_argument("--threads", type=int, default=0, help="torch threads (0 = every core)")
    tn.set_defaults(func=_tune)

    serve = sub.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--index")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, help="worker processes (default: settings)")
    serve.add_argument("--replicas", type=int, help="Ray Serve replicas behind one port")
    serve.add_argument("--ray-address", help="join this Ray cluster (default: start a local Ray)")
    serve.set_defaults(func=_serve)

    hk = sub.add_parser("hash-key", help="make an API key and the hash to store for it")
    hk.add_argument("--key", help="hash this key instead of making a new one")
    hk.set_defaults(func=_hash_key)

    ask = sub.add_parser("ask", help="answer one question in the terminal")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the API's JSON")
    ask.add_argument("--index")
    ask.add_argument("--history", action="append", help="an earlier question (repeatable)")
    ask.set_defaults(func=_ask)

    ev = sub.add_parser("eval", help="run a gold question set and report metrics")
    add_eval_arguments(ev)
    ev.set_defaults(func=_eval)

    fb = sub.add_parser("feedback", help="answer ratings given in the chat page and widget")
    fb_sub = fb.add_subparsers(dest="feedback_command", required=True)
    export = fb_sub.add_parser(
        "export", help="write rated answers as gold-set candidates (gold JSONL) for review"
    )
    export.add_argument("--since", metavar="YYYY-MM-DD", help="only ratings from this day on")
    export.add_argument("--rating", choices=("up", "down"), help="only this rating")
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    export.add_argument("--db", help="the conversations database (default: settings)")
    export.set_defaults(func=_feedback_export)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.func(args)
    except InspectionQAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
