"""Run gold questions through the engine (the /v1/ask code path) or a running server."""

import logging
import time
from collections.abc import Callable
from typing import Protocol

import httpx

from eval.goldset import GoldQuestion, locate_evidence
from eval.metrics import RANK_DEPTH, Cited, Outcome, QuestionResult, Retrieved, score_question
from index.errors import DocumentNotFound, InspectionQAError
from index.qa import BY_INSPECTION, QAEngine
from index.types import Hit

log = logging.getLogger(__name__)


class Backend(Protocol):
    """Something that answers questions and holds the documents evidence points into."""

    name: str

    def ask(self, q: GoldQuestion) -> Outcome: ...

    def text(self, doc_id: str) -> str | None: ...

    def authority(self, doc_id: str) -> str | None: ...


class EngineBackend:
    """In-process: ``QAEngine.ask``, the call ``POST /v1/ask`` makes, in a chosen search mode."""

    def __init__(self, engine: QAEngine, mode: str | None = None) -> None:
        self.engine = engine
        self.mode = mode
        self.name = mode or "default"

    def ask(self, q: GoldQuestion) -> Outcome:
        started = time.perf_counter()
        # top_k only widens the hits returned for scoring MRR@10; the answer reads the same
        # passages whatever top_k is (QAEngine considers max(top_k, passages_considered)).
        answer = self.engine.ask(
            q.question, top_k=RANK_DEPTH, history=q.history or None, mode=self.mode
        )
        latency = (time.perf_counter() - started) * 1000
        searched = self.engine.search(answer.resolved_query, top_k=RANK_DEPTH, mode=self.mode)
        return Outcome(
            answer=answer.answer,
            abstained=answer.abstained,
            citations=[
                Cited(c.n, c.doc_id, c.authority, c.text, c.quote, c.start, c.end)
                for c in answer.citations
            ],
            retrieved=self._retrieved(answer.hits),
            resolved_query=answer.resolved_query,
            latency_ms=latency,
            searched=self._retrieved(searched.hits),
        )

    def _retrieved(self, hits: list[Hit]) -> list[Retrieved]:
        docs = self.engine.documents
        return [
            Retrieved(
                h.passage.doc_id,
                h.passage.start,
                h.passage.end,
                docs[h.passage.doc_id].meta.authority,
                h.passage.text,
                h.passage.section,
            )
            for h in hits
        ]

    def text(self, doc_id: str) -> str | None:
        try:
            return self.engine.document(doc_id).text
        except DocumentNotFound:
            return None

    def authority(self, doc_id: str) -> str | None:
        doc = self.engine.documents.get(doc_id)
        return doc.meta.authority if doc else None


class HttpBackend:
    """Against a running server: ``POST /v1/ask``, then ``POST /v1/search`` with the query and
    filters the answer was resolved to, for the ranking (latency is the ask round trip)."""

    name = "http"

    def __init__(self, url: str, timeout: float = 60.0, headers: dict[str, str] | None = None):
        self.client = httpx.Client(base_url=url.rstrip("/"), timeout=timeout, headers=headers)
        self._docs: dict[str, dict | None] = {}

    def ask(self, q: GoldQuestion) -> Outcome:
        body: dict = {"question": q.question, "top_k": RANK_DEPTH}
        if q.history:
            body["history"] = q.history
        started = time.perf_counter()
        r = self.client.post("/v1/ask", json=body)
        latency = (time.perf_counter() - started) * 1000
        if r.status_code != 200:
            return Outcome(
                "", True, [], [], "", latency, f"ask: HTTP {r.status_code} {r.text[:200]}"
            )
        data = r.json()
        search = {"query": data["resolved_query"], "top_k": RANK_DEPTH}
        if data.get("filters"):
            search["filters"] = data["filters"]
        s = self.client.post("/v1/search", json=search)
        results = s.json()["results"] if s.status_code == 200 else []
        return Outcome(
            answer=data["answer"],
            abstained=data["abstained"],
            citations=[
                Cited(
                    c["n"], c["doc_id"], c["authority"], c["text"], c["quote"], c["start"], c["end"]
                )
                for c in data["citations"]
            ],
            retrieved=_what_it_read(data, results),
            resolved_query=data["resolved_query"],
            latency_ms=latency,
            error=None if s.status_code == 200 else f"search: HTTP {s.status_code}",
        )

    def _doc(self, doc_id: str) -> dict | None:
        if doc_id not in self._docs:
            r = self.client.get(f"/v1/documents/{doc_id}")
            self._docs[doc_id] = r.json() if r.status_code == 200 else None
        return self._docs[doc_id]

    def text(self, doc_id: str) -> str | None:
        doc = self._doc(doc_id)
        return doc["text"] if doc else None

    def authority(self, doc_id: str) -> str | None:
        doc = self._doc(doc_id)
        return doc["authority"] if doc else None


def prepare(questions: list[GoldQuestion], backend: Backend) -> list[str]:
    """Locate every quote in the backend's stored text; the problems found, if any."""
    return locate_evidence(questions, backend.text, backend.authority)


def run(
    questions: list[GoldQuestion],
    backend: Backend,
    progress: Callable[[int, int], None] | None = None,
) -> list[QuestionResult]:
    """Ask every question once; a failure is recorded on its question, not raised."""
    results = []
    for i, q in enumerate(questions, start=1):
        try:
            outcome = backend.ask(q)
        except (InspectionQAError, httpx.HTTPError) as exc:
            log.warning("question %s failed: %s", q.id, exc)
            outcome = Outcome("", True, [], [], "", 0.0, f"{type(exc).__name__}: {exc}")
        results.append(score_question(q, outcome))
        if progress:
            progress(i, len(questions))
    return results


def _what_it_read(answer: dict, results: list[dict]) -> list[Retrieved]:
    """What an answer read, as the engine lists it (``index.qa.cited_first``): the passages
    it cites, in its order, then the search's others; an answer per inspection, the search's
    order."""
    passages = [] if BY_INSPECTION in answer.get("timings_ms", {}) else answer["citations"]
    passages = list({p["passage_id"]: p for p in passages}.values())
    cited = {p["passage_id"] for p in passages}
    passages += [p for p in results if p.get("passage_id") not in cited]
    return [
        Retrieved(p["doc_id"], p["start"], p["end"], p["authority"], p["text"], p["section"])
        for p in passages
    ]
