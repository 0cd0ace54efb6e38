"""One JSON line per answered question on the ``inspection_qa.asks`` logger (stderr).

Fields: ``event`` ("ask"), ``request_id``, ``latency_ms``, ``abstained``, ``citations`` (how
many), ``from_judgements``, ``index_version``, ``conversation_id``, ``turn`` and, only when
INSPECTION_QA_LOG_QUESTIONS=true, ``question``: staff ask about children, so questions stay
out of the log by default.
"""

import json
import logging
import re
import sys
import time
import uuid

from fastapi import FastAPI, Request
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from index.types import Answer
from service.settings import ServiceSettings

log = logging.getLogger("inspection_qa.asks")
REQUEST_ID_HEADER = "X-Request-ID"
# A caller's id is echoed into logs and headers: only a short, plain token is taken.
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


def _configure_logger() -> None:
    """JSON lines as they are, whatever the server's log format (uvicorn sets up only its own)."""
    log.setLevel(logging.INFO)
    log.propagate = False
    if not any(getattr(h, "ask_log", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.ask_log = True  # type: ignore[attr-defined]
        log.addHandler(handler)


def install_request_ids(app: FastAPI) -> None:
    """Every request gets an id (the caller's X-Request-ID when sane), echoed in the response."""
    _configure_logger()
    app.add_middleware(RequestIds)


class RequestIds:
    """Pure ASGI middleware (no BaseHTTPMiddleware task and stream on the ask path, issue 16):
    the id and start time go into the request's state, the id into the response's headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        request_id = sent if _CLIENT_ID.match(sent) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        state["started"] = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        await self.app(scope, receive, send_with_id)


def record_ask(
    request: Request,
    index_version: str,
    question: str,
    answer: Answer,
    conversation_id: str,
    turn: int | None,
) -> None:
    """Log the ask as one JSON line and move the answer counters."""
    settings: ServiceSettings = request.app.state.settings
    from_judgements = "judgements" in answer.timings_ms  # the stage QAEngine.ask timed
    metrics = getattr(request.app.state, "metrics", None)
    if metrics is not None:
        metrics.count_answer(answer.abstained, from_judgements)
    started = getattr(request.state, "started", None)
    line: dict[str, object] = {
        "event": "ask",
        "request_id": getattr(request.state, "request_id", None),
        "latency_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        "abstained": answer.abstained,
        "citations": len(answer.citations),
        "from_judgements": from_judgements,
        "index_version": index_version,
        "conversation_id": conversation_id,
        "turn": turn,
    }
    if settings.log_questions:
        line["question"] = question
    log.info(json.dumps(line, ensure_ascii=False))
