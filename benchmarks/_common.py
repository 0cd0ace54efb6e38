"""Helpers the benchmarks share: a real server on 127.0.0.1, RSS, percentiles, questions."""

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from index.retrieval.store import current_version  # noqa: E402
from index.settings import Settings  # noqa: E402
from index.text import STOPWORDS  # noqa: E402
from service.readiness import NotReady, free_port, wait_until_ready  # noqa: E402

SHARED_INDEX = Path("/work/indexes/ilacs-all")  # the lead's whole-archive index
# From a worktree in /work/wt/<name> or /work/<name> (the settings' default covers the latter).
SHARED_ILACS = next(
    (
        p
        for p in (REPO.parent / "shared" / "ilacs", REPO.parent.parent / "shared" / "ilacs")
        if p.is_dir()
    ),
    REPO.parent / "shared" / "ilacs",
)


def default_index() -> Path:
    """The whole-archive index when it has been built, else the settings' index."""
    if (SHARED_INDEX / "CURRENT").is_file():
        return SHARED_INDEX
    return Settings().index_dir


@dataclass
class Server:
    proc: subprocess.Popen
    url: str
    ready_seconds: float  # process start to /readyz answering 200

    def rss_mb(self) -> float:
        return rss_mb(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def start_server(
    index_dir: Path,
    env: dict[str, str] | None = None,
    timeout: float = 180,
    extra_args: Sequence[str] = (),
    cores: int = 0,
) -> Server:
    """``inspection-qa serve`` on a random 127.0.0.1 port; returns once it is ready.
    ``cores`` > 0 confines the server (all its workers) to that many CPUs (taskset)."""
    port = free_port()
    full_env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO),
        "HF_HUB_OFFLINE": "1",
        "INSPECTION_QA_INDEX_DIR": str(index_dir),
        "INSPECTION_QA_RELOAD_POLL_SECONDS": "0",
        **(env or {}),
    }
    started = time.perf_counter()
    # The server writes a JSON line per ask to stderr: a pipe nobody reads would fill and
    # stall it mid-benchmark (warm-up timed out so), so its log goes to a file.
    log_path = Path(tempfile.gettempdir()) / f"inspection-qa-bench-{port}.log"
    pinned = ["taskset", "-c", f"0-{cores - 1}"] if cores else []
    proc = subprocess.Popen(
        [
            *pinned,
            sys.executable,
            "-m",
            "service.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *extra_args,
        ],
        cwd=REPO,
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=log_path.open("wb"),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, proc, timeout, interval=0.05)
    except NotReady:
        proc.kill()
        print(log_path.read_text(errors="replace")[-2000:], file=sys.stderr)
        raise
    return Server(proc, url, time.perf_counter() - started)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds ``pid`` has used (its threads included), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentiles(values: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max of ``values`` (same units), nearest-rank."""
    ordered = sorted(values)
    if not ordered:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0}

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)

    return {"p50": pick(0.5), "p95": pick(0.95), "p99": pick(0.99), "max": ordered[-1]}


def fmt(p: dict[str, float]) -> str:
    return f"p50 {p['p50']:7.2f}  p95 {p['p95']:7.2f}  p99 {p['p99']:7.2f}"


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_TEMPLATES = (
    "What did Ofsted say about {topic} in {authority}?",
    "How effective is {topic} in {authority}?",
    "What does the report say about {topic}?",
    "{topic} in {authority}",
    "Is {topic} improving in {authority}?",
    "What did inspectors find on {topic}?",
    "How well are children helped by {topic} in {authority}?",
    "Tell me about {topic}",
)


def questions_from_gold(paths: list[Path], count: int) -> list[str]:
    """Up to ``count`` distinct first-turn questions of these gold sets, in file order (a
    follow-up needs its conversation, which a latency run does not keep)."""
    out: dict[str, None] = {}
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if line.strip() and not record.get("history"):
                    out[record["question"]] = None
    return list(out)[:count]


def questions_from_index(index_dir: Path, count: int, seed: int = 7) -> list[str]:
    """``count`` distinct questions whose topics are word runs of real, randomly drawn passages
    and whose authorities are the ones the index holds (some questions name none)."""
    version = current_version(index_dir)
    authorities: dict[str, str] = {}
    texts: dict[str, str] = {}
    with (version / "documents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts[record["meta"]["doc_id"]] = record["text"]
            authorities[record["meta"]["doc_id"]] = record["meta"]["authority"] or ""
    spans: list[tuple[str, int, int]] = []
    with (version / "passages.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            spans.append((record["doc_id"], record["start"], record["end"]))
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < count:
        doc_id, start, end = rng.choice(spans)
        words = [w.lower() for w in _WORD.findall(texts[doc_id][start:end])]
        words = [w for w in words if w not in STOPWORDS]
        if len(words) < 4:
            continue
        n = rng.choice((1, 2, 2, 3))
        at = rng.randrange(0, len(words) - n)
        topic = " ".join(words[at : at + n])
        authority = authorities[doc_id] or "England"
        out[rng.choice(_TEMPLATES).format(topic=topic, authority=authority)] = None
    return list(out)
