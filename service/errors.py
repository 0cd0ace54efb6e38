"""Domain errors mapped to HTTP once: every error is JSON with a message a person can act on."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from index.errors import (
    BadQuery,
    ConversationNotFound,
    CorpusError,
    DocumentNotFound,
    IndexCorrupt,
    IndexNotFound,
    InspectionQAError,
)

log = logging.getLogger(__name__)

_STATUS: list[tuple[type[InspectionQAError], int, str]] = [
    (BadQuery, 422, "bad_query"),
    (DocumentNotFound, 404, "not_found"),
    (ConversationNotFound, 404, "conversation_not_found"),
    (IndexNotFound, 503, "index_unavailable"),
    (IndexCorrupt, 503, "index_unavailable"),
    (CorpusError, 500, "corpus_error"),
]


def error_response(status: int, kind: str, message: str, detail: object = None) -> JSONResponse:
    body: dict[str, object] = {"error": kind, "message": message}
    if detail is not None:
        body["detail"] = detail
    return JSONResponse(status_code=status, content=body)


def _describe_validation(exc: RequestValidationError) -> tuple[str, list[dict[str, object]]]:
    problems = []
    for err in exc.errors():
        location = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        problems.append(
            {"field": location, "problem": err.get("msg", "invalid"), "type": err.get("type")}
        )
    first = problems[0] if problems else {"field": "body", "problem": "invalid"}
    if first.get("type") == "json_invalid":
        return "the request body is not valid JSON", problems
    return f"{first['field']}: {first['problem']}", problems


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InspectionQAError)
    async def domain_error(_: Request, exc: InspectionQAError) -> JSONResponse:
        for kind_type, status, kind in _STATUS:
            if isinstance(exc, kind_type):
                return error_response(status, kind, str(exc))
        return error_response(400, "bad_request", str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        message, problems = _describe_validation(exc)
        return error_response(422, "invalid_request", message, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):
            # Starlette's wording for a body it cannot decode: same answer as invalid JSON.
            return error_response(422, "invalid_request", "the request body is not valid JSON")
        kind = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            exc.status_code, "http_error"
        )
        response = error_response(exc.status_code, kind, str(exc.detail))
        response.headers.update(exc.headers or {})  # e.g. Allow on a 405
        return response

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return error_response(500, "internal_error", "an unexpected error occurred; it was logged")
