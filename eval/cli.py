"""``inspection-qa eval``: run gold sets, print the table, write the report, compare reports."""

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from eval.goldset import load_gold
from eval.report import build_report, compare, table, write_report
from eval.runner import EngineBackend, HttpBackend, prepare, run
from index.errors import BadQuery
from index.settings import REPO_ROOT, Settings, get_settings

DEFAULT_GOLD = REPO_ROOT / "eval" / "gold" / "seeds.jsonl"
BASELINES = ("hybrid", "lexical", "dense")


def parse_overrides(items: list[str] | None) -> dict[str, Any]:
    """``KEY=VALUE`` pairs (or a JSON file of them) → Settings field overrides."""
    overrides: dict[str, Any] = {}
    for item in items or []:
        if "=" in item:
            key, value = item.split("=", 1)
            overrides[key.strip()] = value.strip()
        elif Path(item).is_file():
            overrides.update(json.loads(Path(item).read_text()))
        else:
            raise BadQuery(f"--config {item!r}: expected KEY=VALUE or a JSON file")
    unknown = sorted(set(overrides) - set(Settings.model_fields))
    if unknown:
        raise BadQuery(f"--config: unknown setting(s) {unknown}; see index/settings.py")
    return overrides


def configured_settings(overrides: dict[str, Any]) -> Settings:
    """The process settings with overrides applied and validated."""
    base = get_settings().model_dump()
    try:
        return Settings(**{**base, **overrides})
    except ValueError as exc:
        raise BadQuery(f"--config: {exc}") from None


def corpus_cache_dir(corpus_dirs: list[Path]) -> Path:
    """An index directory under var/ keyed by the (resolved) corpus paths."""
    key = "\n".join(sorted(str(p.resolve()) for p in corpus_dirs))
    return REPO_ROOT / "var" / "eval-index" / hashlib.sha256(key.encode()).hexdigest()[:16]


def _index_dir(args: argparse.Namespace, settings: Settings) -> Path:
    if args.index:
        return Path(args.index)
    from index.build import build_index

    corpus = [Path(c) for c in (args.corpus or [settings.corpus_dir])]
    index_dir = corpus_cache_dir(corpus)
    print(f"index for {', '.join(map(str, corpus))} → {index_dir}", file=sys.stderr)
    build_index(corpus, index_dir, settings, progress=True)  # incremental: a no-op if unchanged
    return index_dir


def _progress(name: str):
    def show(i: int, total: int) -> None:
        if sys.stderr.isatty() and (i % 10 == 0 or i == total):
            print(f"\r{name}: {i}/{total}", end="\n" if i == total else "", file=sys.stderr)

    return show


def run_eval(args: argparse.Namespace) -> int:
    if args.compare:
        print(compare(Path(args.compare[0]), Path(args.compare[1])))
        return 0
    gold_paths = [Path(g) for g in (args.gold or [DEFAULT_GOLD])]
    questions = load_gold(gold_paths)
    overrides = parse_overrides(args.config)
    if args.url:
        if args.baselines or overrides:
            raise BadQuery("--url evaluates the server as configured: no --baselines or --config")
        backends = [HttpBackend(args.url)]
        against = args.url
    else:
        from index.qa import QAEngine

        settings = configured_settings(overrides)
        index_dir = _index_dir(args, settings)
        engine = QAEngine.open(settings, index_dir)
        modes = BASELINES if args.baselines else (None,)
        backends = [EngineBackend(engine, m) for m in modes]
        if not args.baselines:
            backends[0].name = {"rrf": "hybrid"}.get(settings.fusion, settings.fusion)
        against = str(index_dir)
    if getattr(args, "skip_missing", False):
        kept = [q for q in questions if all(backends[0].text(e.doc_id) for e in q.evidence)]
        print(
            f"{len(questions) - len(kept)} question(s) left out: evidence not in the index",
            file=sys.stderr,
        )
        questions = kept
    problems = prepare(questions, backends[0])
    for p in problems:
        print(f"gold problem: {p}", file=sys.stderr)
    runs = {b.name: run(questions, b, _progress(b.name)) for b in backends}
    report = build_report(
        runs,
        {"gold": [str(p) for p in gold_paths], "against": against, "config": overrides},
        problems,
    )
    feedback = getattr(args, "feedback", None)
    if feedback is not None:
        report["feedback"] = feedback  # staff ratings of served answers (service.feedback)
    print(table(report["runs"]))
    if feedback is not None:
        print(f"\nfeedback from staff: {feedback['up']} 👍, {feedback['down']} 👎")
    groups = report["runs"][report["primary"]]["by_group"]
    if groups:
        print(f"\nby tag and kind ({report['primary']}):")
        print(table({g: {"metrics": m} for g, m in groups.items()}))
    if args.report:
        write_report(report, Path(args.report))
        print(f"\nreport: {Path(args.report) / 'report.md'} and report.json")
    return 0
