"""The FastAPI application: routes under /v1, the index loaded once at start-up."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool

from service.asklog import install_request_ids
from service.builds import BuildQueue
from service.conversations import ConversationStore
from service.deps import EngineHolder
from service.errors import error_response, install_error_handlers
from service.examples import install_examples
from service.feedback import FeedbackStore
from service.lifecycle import configure_threads, watch_index
from service.metrics import install_metrics
from service.pages import router as pages_router
from service.routes import admin, ask, documents, feedback, health, judgements, search, uploads
from service.schemas import ERROR_RESPONSES
from service.security import Precheck, install_cors, install_security
from service.settings import ServiceSettings, get_service_settings

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024
UPLOAD_PATH = "/v1/admin/documents"
MULTIPART_SLACK = 64 * 1024  # form fields and boundaries around the file

DESCRIPTION = """
Ask free-text questions about Ofsted inspections of children's services and get a short
answer in which every sentence carries an `[n]` citation to the exact passage it came from.
"""


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    settings = settings or get_service_settings()
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
        app.state.builds.shutdown()

    app = FastAPI(
        title="Inspection QA",
        version="1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.holder = holder
    app.state.settings = settings
    app.state.conversations = ConversationStore(
        settings.conversations_db,
        settings.conversation_max,
        settings.conversation_max_turns,
        settings.conversation_ttl_seconds,
    )
    app.state.feedback = FeedbackStore(settings.conversations_db, app.state.conversations)
    install_error_handlers(app)
    install_security(app, settings)

    async def limit_body_size(request: Request) -> Response | None:
        length = request.headers.get("content-length")
        if request.url.path == UPLOAD_PATH and request.method == "POST":
            # Uploads have their own limit; the length must be known before reading.
            limit = min(settings.upload_max_bytes, settings.max_file_bytes)
            if not length:
                return error_response(411, "length_required", "send a Content-Length header")
            if not length.isdigit() or int(length) > limit + MULTIPART_SLACK:
                return error_response(
                    413, "too_large", f"upload over the {limit:,} byte limit; send a smaller file"
                )
        elif length and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return error_response(
                413, "too_large", f"request body over {MAX_BODY_BYTES // 1024} kB; send less"
            )
        return None

    app.add_middleware(Precheck, check=limit_body_size)

    for module in (health, ask, search, documents, judgements, feedback, admin, uploads):
        app.include_router(module.router, responses=ERROR_RESPONSES)
    app.include_router(pages_router)
    app.state.metrics = install_metrics(app, settings, holder)
    app.state.builds = BuildQueue(holder, app.state.metrics)
    install_request_ids(app)
    install_examples(app)
    install_cors(app, settings)
    return app
