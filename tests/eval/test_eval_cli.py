"""`inspection-qa eval` end to end: the table, the report files, --compare, and --url mode."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eval.cli import DEFAULT_GOLD
from eval.goldset import load_gold
from eval.report import markdown
from eval.runner import EngineBackend, HttpBackend, prepare, run
from index.settings import REPO_ROOT
from service.cli import main

# A handful of seed questions: a table row, a follow-up, a trap, an unanswerable one.
SAMPLE = ("s004-foster-owner", "fu-foster-date", "s003-get-safe", "trap-lester-hertfordshire")


@pytest.fixture(scope="module")
def sample_gold(tmp_path_factory) -> Path:
    lines = [
        line for line in DEFAULT_GOLD.read_text().splitlines() if json.loads(line)["id"] in SAMPLE
    ]
    path = tmp_path_factory.mktemp("gold") / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def baseline_report(built_index, sample_gold, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("report")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "service.cli",
            "eval",
            "--gold",
            str(sample_gold),
            "--index",
            str(built_index),
            "--baselines",
            "--report",
            str(out),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out, proc.stdout


def test_baselines_print_one_table_with_hybrid_lexical_and_dense_side_by_side(baseline_report):
    _, stdout = baseline_report
    header = next(line for line in stdout.splitlines() if line.startswith("metric"))
    assert header.split() == ["metric", "hybrid", "lexical", "dense"]
    for metric in ("hit@5", "mrr@10", "key_term_recall", "abstain_recall", "latency_p95_ms"):
        assert any(line.startswith(metric) for line in stdout.splitlines())


def test_report_lists_the_worst_questions_with_evidence_retrieval_and_answer(baseline_report):
    out, _ = baseline_report
    report = json.loads((out / "report.json").read_text())
    assert set(report["runs"]) == {"hybrid", "lexical", "dense"}
    question = report["runs"]["hybrid"]["questions"][0]
    assert {"expected", "retrieved", "answer", "first_hit", "key_term_recall"} <= set(question)
    md = (out / "report.md").read_text()
    assert "## Worst questions" in md
    # Each question listed shows its evidence, what was retrieved and the answer (one made
    # bad here: the sample may all be answered perfectly).
    question["badness"] = 1.0
    listed = markdown(report)
    assert "expected [" in listed and "retrieved 1" in listed and "- answer: " in listed


def test_compare_prints_the_change_per_metric(baseline_report, tmp_path, capsys):
    out, _ = baseline_report
    report = json.loads((out / "report.json").read_text())
    report["runs"]["hybrid"]["metrics"]["hit@5"] = 0.0
    worse = tmp_path / "worse.json"
    worse.write_text(json.dumps(report))
    assert main(["eval", "--compare", str(out / "report.json"), str(worse)]) == 0
    lines = capsys.readouterr().out.splitlines()
    hit5 = next(line for line in lines if line.startswith("hit@5"))
    assert "worse" in hit5 and "-" in hit5.split()[3]


def test_an_unknown_config_key_is_refused_with_a_message(sample_gold, capsys):
    assert main(["eval", "--gold", str(sample_gold), "--config", "rrf=3"]) == 2
    assert "unknown setting" in capsys.readouterr().err


def test_url_mode_scores_a_running_server_as_the_engine_does(engine, server, sample_gold):
    questions = load_gold([sample_gold])
    local, remote = EngineBackend(engine), HttpBackend(server)
    assert prepare(questions, remote) == []
    over_http = run(questions, remote)
    prepare(questions, local)
    in_process = run(questions, local)
    for a, b in zip(over_http, in_process, strict=True):
        assert a.outcome.error is None
        assert (a.outcome.answer, a.outcome.abstained) == (b.outcome.answer, b.outcome.abstained)
        assert a.first_hit == b.first_hit


def test_eval_reports_the_feedback_counts_beside_the_metrics(server, sample_gold, tmp_path):
    from service.conversations import ConversationStore
    from service.feedback import FeedbackStore

    db = tmp_path / "c.sqlite3"
    conversations = ConversationStore(db, 10, 10, 3600)
    feedback = FeedbackStore(db, conversations)
    for rating in ("up", "down", "down"):
        conversation = conversations.start()
        turn = conversations.add_turn(conversation, "a question", "a question")
        feedback.add(conversation, turn, rating)
    out = tmp_path / "report"
    proc = subprocess.run(
        [sys.executable, "-m", "service.cli", "eval", "--gold", str(sample_gold),
         "--url", server, "--report", str(out)],
        cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", "INSPECTION_QA_CONVERSATIONS_DB": str(db)},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "feedback from staff: 1 👍, 2 👎" in proc.stdout
    assert json.loads((out / "report.json").read_text())["feedback"] == {"up": 1, "down": 2}
