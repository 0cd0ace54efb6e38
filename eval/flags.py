"""The evaluation's command-line flags, owned by eval and mounted by `inspection-qa eval`.

Kept apart from eval/cli.py so the CLI can list them without importing the runner (and with
it the model and FAISS).
"""

import argparse


def add_arguments(ev: argparse.ArgumentParser) -> None:
    """Add the evaluation's flags to ``ev``."""
    ev.add_argument("--gold", action="append", help="gold JSONL file (repeatable)")
    ev.add_argument("--corpus", action="append")
    ev.add_argument("--index")
    ev.add_argument(
        "--config",
        action="extend",
        nargs="+",
        metavar="KEY=VALUE",
        help="override a setting, e.g. rrf_k=30 (repeatable; or a JSON file of overrides)",
    )
    ev.add_argument("--report", help="directory for report.md and report.json")
    ev.add_argument("--url", help="evaluate a running server instead")
    ev.add_argument("--compare", nargs=2, metavar=("A", "B"), help="diff two report.json files")
    ev.add_argument(
        "--baselines", action="store_true", help="hybrid, lexical-only and dense-only side by side"
    )
    ev.add_argument(
        "--skip-missing",
        action="store_true",
        help="leave out questions whose evidence documents are not in the index (subset runs)",
    )
