"""The FastAPI application: routes under /v1, the index loaded once at start-up."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool

from index.settings import Settings, get_settings
from service.conversations import ConversationStore
from service.deps import EngineHolder
from service.errors import error_response, install_error_handlers
from service.lifecycle import configure_threads, watch_index
from service.pages import router as pages_router
from service.routes import admin, ask, documents, health, judgements, search
from service.schemas import ERROR_RESPONSES
from service.security import Precheck, install_cors, install_security

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
        configure_threads(settings.torch_threads, settings.workers)
        await run_in_threadpool(holder.load)
        watcher = (
            asyncio.create_task(watch_index(holder, settings.reload_poll_seconds))
            if settings.reload_poll_seconds > 0
            else None
        )
        yield
        if watcher:
            watcher.cancel()

    app = FastAPI(
        title="Inspection QA",
        version="1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.holder = holder
    app.state.conversations = ConversationStore(
        settings.conversations_db,
        settings.conversation_max,
        settings.conversation_max_turns,
        settings.conversation_ttl_seconds,
    )
    install_error_handlers(app)
    install_security(app, settings)

    async def limit_body_size(request: Request) -> Response | None:
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return error_response(
                413, "too_large", f"request body over {MAX_BODY_BYTES // 1024} kB; send less"
            )
        return None

    app.add_middleware(Precheck, check=limit_body_size)

    for module in (health, ask, search, documents, judgements, admin):
        app.include_router(module.router, responses=ERROR_RESPONSES)
    app.include_router(pages_router)
    install_cors(app, settings)
    return app
