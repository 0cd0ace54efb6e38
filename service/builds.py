"""Incremental builds started by uploads, run one at a time on a background thread.

Uploads that arrive while a build runs wait in one queued build: it starts when the running
one ends and picks up every file added meanwhile, so N uploads during a build cost one more
build, not N. When a build commits, the served engine is swapped as on /v1/admin/reload.
"""

import logging
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Literal

from index.build import build_index
from index.errors import InspectionQAError
from service.deps import EngineHolder
from service.lifecycle import reload_engine
from service.metrics import ServiceMetrics

log = logging.getLogger(__name__)

State = Literal["queued", "running", "done", "failed"]
KEEP_JOBS = 100  # statuses kept for GET /v1/admin/builds/{id}; the oldest are forgotten


@dataclass
class BuildJob:
    id: str
    state: State = "queued"
    phase: str = "waiting for the running build to end"
    files: list[str] = field(default_factory=list)  # the uploads this build takes in
    queued_at: float = field(default_factory=time.time)
    started_at: float | None = None
    finished_at: float | None = None
    documents: int | None = None
    passages: int | None = None
    embedded: int | None = None
    reused: int | None = None
    skipped: list[dict[str, str]] = field(default_factory=list)
    index_version: str | None = None
    error: str | None = None


class BuildQueue:
    """At most one build running and one queued; thread-safe."""

    def __init__(self, holder: EngineHolder, metrics: ServiceMetrics | None = None) -> None:
        self.holder = holder
        self.metrics = metrics
        self._jobs: OrderedDict[str, BuildJob] = OrderedDict()
        self._queued: BuildJob | None = None
        self._running: BuildJob | None = None
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._stop = False
        self._thread: threading.Thread | None = None

    def submit(self, file: str) -> BuildJob:
        """Queue a build that takes in ``file`` (joining the queued build if there is one)."""
        with self._lock:
            if self._stop:
                raise RuntimeError("the build queue is shut down")
            job = self._queued
            if job is None:
                job = BuildJob(secrets.token_hex(8))
                if self._running is None:
                    job.phase = "starting"
                self._queued = job
                self._jobs[job.id] = job
                while len(self._jobs) > KEEP_JOBS:
                    self._jobs.popitem(last=False)
            job.files.append(file)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="builds", daemon=True)
                self._thread.start()
            self._wake.notify()
            return job

    def get(self, job_id: str) -> BuildJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop taking builds; a running build is left to finish on its daemon thread."""
        with self._lock:
            self._stop = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                # Waits are bounded so a lost wake-up costs a second, never a hang.
                while self._queued is None and not self._stop:
                    self._wake.wait(timeout=1.0)
                if self._stop:
                    return
                job, self._queued = self._queued, None
                self._running = job
                job.state, job.phase = "running", "reading and embedding"
                job.started_at = time.time()
            try:
                self._build(job)
            finally:
                with self._lock:
                    self._running = None
                    if self._queued is not None:
                        self._queued.phase = "starting"

    def _build(self, job: BuildJob) -> None:
        settings = self.holder.settings
        try:
            report = build_index([settings.corpus_dir], settings.index_dir, settings, False)
            job.documents, job.passages = report.documents, report.passages
            job.embedded, job.reused = report.embedded, report.reused
            job.skipped = [{"path": s.path, "reason": s.reason} for s in report.skipped]
            job.phase = "loading the new index"
            result = reload_engine(self.holder)
            job.index_version = result.version
            job.state, job.phase = "done", "done"
        except InspectionQAError as exc:
            job.state, job.phase, job.error = "failed", "failed", str(exc)
            log.error("build %s failed: %s", job.id, exc)
        except Exception as exc:  # a thread must not die silently; the status says why
            job.state, job.phase, job.error = "failed", "failed", f"{type(exc).__name__}: {exc}"
            log.exception("build %s failed", job.id)
        job.finished_at = time.time()
        if self.metrics is not None:
            self.metrics.builds.labels(job.state).inc()
            self.metrics.build_seconds.observe(job.finished_at - (job.started_at or 0))
            self.metrics.embedded.inc(job.embedded or 0)
