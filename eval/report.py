"""Reports: the terminal table, report.json (diffable) and report.md (readable), and compare."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.metrics import (
    QuestionResult,
    badness,
    is_hit,
    normalise,
    summarise,
)

# Metrics in table order; True where higher is better.
METRICS: list[tuple[str, bool]] = [
    ("hit@1", True),
    ("hit@5", True),
    ("mrr@10", True),
    ("search_hit@1", True),
    ("search_hit@5", True),
    ("cited_evidence", True),
    ("key_term_recall", True),
    ("grounding", True),
    ("abstain_precision", True),
    ("abstain_recall", True),
    ("false_abstention", False),
    ("authority_accuracy", True),
    ("traps", True),
    ("errors", False),
    ("latency_p50_ms", False),
    ("latency_p95_ms", False),
]
COUNTS = ("questions", "answerable", "unanswerable")
WORST = 10


def _fmt(value: Any, name: str) -> str:
    if value is None:
        return "–"
    if name.endswith("_ms"):
        return f"{value:.1f}"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def table(runs: dict[str, dict[str, Any]]) -> str:
    """One plain-text table: a row per metric, a column per run."""
    names = list(runs)
    rows = [["metric", *names]]
    for metric in (*COUNTS, *(m for m, _ in METRICS)):
        rows.append([metric, *(_fmt(runs[n]["metrics"].get(metric), metric) for n in names)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def question_record(r: QuestionResult) -> dict[str, Any]:
    q, o = r.question, r.outcome
    said = normalise(o.answer)
    return {
        "id": q.id,
        "question": q.question,
        "history": q.history,
        "answerable": q.answerable,
        "tags": q.tags,
        "kind": q.kind,
        "expected": [
            {"doc_id": e.doc_id, "authority": e.authority, "quote": e.quote, "start": e.start}
            for e in q.evidence
        ],
        "key_terms": q.key_terms,
        "missing_terms": [t for t in q.key_terms if normalise(t) not in said]
        if q.answerable
        else [],
        "abstained": o.abstained,
        "answer": o.answer,
        "resolved_query": o.resolved_query,
        "citations": [
            {"n": c.n, "doc_id": c.doc_id, "authority": c.authority, "quote": c.quote}
            for c in o.citations
        ],
        "retrieved": [
            {
                "rank": i,
                "doc_id": p.doc_id,
                "authority": p.authority,
                "section": p.section,
                "start": p.start,
                "hit": any(is_hit(p, e) for e in q.evidence),
                "text": p.text[:300],
            }
            for i, p in enumerate(o.retrieved[:5], start=1)
        ],
        "first_hit": r.first_hit,
        "search_first_hit": r.search_first_hit,
        "searched": [
            {"rank": i, "doc_id": p.doc_id, "section": p.section, "text": p.text[:200]}
            for i, p in enumerate((o.searched or [])[:3], start=1)
        ],
        "key_term_recall": r.key_term_recall,
        "grounding": r.grounding,
        "authority_ok": r.authority_ok,
        "latency_ms": round(o.latency_ms, 2),
        "error": o.error,
        "badness": round(badness(r), 3),
    }


def run_record(results: list[QuestionResult]) -> dict[str, Any]:
    groups = sorted({g for r in results for g in r.question.groups})
    return {
        "metrics": summarise(results),
        "by_group": {g: summarise([r for r in results if g in r.question.groups]) for g in groups},
        "questions": [question_record(r) for r in results],
    }


def build_report(
    runs: dict[str, list[QuestionResult]], meta: dict[str, Any], problems: list[str]
) -> dict[str, Any]:
    return {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        **meta,
        "gold_problems": problems,
        "primary": next(iter(runs)),
        "runs": {name: run_record(results) for name, results in runs.items()},
    }


def worst(run: dict[str, Any], n: int = WORST) -> list[dict[str, Any]]:
    bad = [q for q in run["questions"] if q["badness"] > 0]
    return sorted(bad, key=lambda q: -q["badness"])[:n]


def markdown(report: dict[str, Any]) -> str:
    runs = report["runs"]
    out = [
        "# Evaluation report",
        "",
        f"- created: {report['created']}",
        f"- gold: {', '.join(report.get('gold', []))}",
        f"- against: {report.get('against', '')}",
        f"- settings overrides: {json.dumps(report.get('config', {}))}",
        "",
        "```",
        table(runs),
        "```",
        "",
    ]
    if report["gold_problems"]:
        out += ["## Gold problems", "", *(f"- {p}" for p in report["gold_problems"]), ""]
    primary = runs[report["primary"]]
    if primary["by_group"]:
        out += ["## By tag and kind (" + report["primary"] + ")", "", "```"]
        out.append(table({t: {"metrics": m} for t, m in primary["by_group"].items()}))
        out += ["```", ""]
    out += [f"## Worst questions ({report['primary']})", ""]
    for q in worst(primary):
        out.append(f"### {q['id']}: {q['question']}")
        if q["history"]:
            out.append(f"- history: {' / '.join(q['history'])}")
        out.append(
            f"- answerable: {q['answerable']}; abstained: {q['abstained']}; first hit: "
            f"{q['first_hit']}; key terms missing: {q['missing_terms']}; "
            f"grounding: {q['grounding']}; authority ok: {q['authority_ok']}"
        )
        for e in q["expected"]:
            out.append(f"- expected [{e['doc_id']}, {e['authority']}]: “{e['quote'][:200]}”")
        out.append(f"- resolved query: {q['resolved_query']}")
        for p in q["retrieved"][:3]:
            mark = "HIT" if p["hit"] else "   "
            snippet = " ".join(p["text"].split())[:160]
            out.append(
                f"- retrieved {p['rank']} {mark} [{p['doc_id']}, {p['authority']}] {snippet}"
            )
        out.append(
            f"- answer: {q['answer'] or '(none)'}{'  ERROR: ' + q['error'] if q['error'] else ''}"
        )
        out.append("")
    return "\n".join(out)


def write_report(report: dict[str, Any], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    (directory / "report.md").write_text(markdown(report), encoding="utf-8")


def _load(path: Path) -> dict[str, Any]:
    if path.is_dir():
        path = path / "report.json"
    return json.loads(path.read_text(encoding="utf-8"))


def compare(a: Path, b: Path) -> str:
    """Per-metric change from report A to report B, run by run (runs present in both)."""
    ra, rb = _load(a), _load(b)
    names = [n for n in ra["runs"] if n in rb["runs"]] or [ra["primary"]]
    out = []
    for name in names:
        ma = ra["runs"].get(name, ra["runs"][ra["primary"]])["metrics"]
        mb = rb["runs"].get(name, rb["runs"][rb["primary"]])["metrics"]
        rows = [["metric", "A", "B", "change", ""]]
        for metric, higher_better in METRICS:
            va, vb = ma.get(metric), mb.get(metric)
            change, verdict = "–", ""
            if isinstance(va, int | float) and isinstance(vb, int | float):
                delta = vb - va
                change = f"{delta:+.1f}" if metric.endswith("_ms") else f"{delta:+.3f}"
                if abs(delta) > 1e-9:
                    verdict = "better" if (delta > 0) == higher_better else "worse"
            rows.append([metric, _fmt(va, metric), _fmt(vb, metric), change, verdict])
        widths = [max(len(r[i]) for r in rows) for i in range(5)]
        out.append(f"run: {name}")
        out += [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
        ]
        out.append("")
    return "\n".join(out).rstrip()
