"""The FastAPI application: routes under /v1, the index loaded once at start-up."""

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool

from index.settings import Settings, get_settings
from service.deps import EngineHolder
from service.errors import error_response, install_error_handlers
from service.routes import ask, documents, health, search

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024

DESCRIPTION = """
Ask free-text questions about Ofsted inspections of children's services and get a short
answer in which every sentence carries an `[n]` citation to the exact passage it came from.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    holder = EngineHolder(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(holder.load)
        yield

    app = FastAPI(
        title="Inspection QA",
        version="1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.holder = holder
    install_error_handlers(app)

    @app.middleware("http")
    async def limit_body_size(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return error_response(
                413, "too_large", f"request body over {MAX_BODY_BYTES // 1024} kB; send less"
            )
        return await call_next(request)

    for module in (health, ask, search, documents):
        app.include_router(module.router)
    return app
