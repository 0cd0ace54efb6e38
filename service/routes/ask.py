"""POST /v1/ask: a short cited answer."""

import uuid

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from service.convert import ask_response
from service.deps import EngineDep
from service.schemas import AskRequest, AskResponse, ErrorBody

router = APIRouter(prefix="/v1", tags=["answers"])


@router.post(
    "/ask",
    response_model=AskResponse,
    responses={422: {"model": ErrorBody}, 503: {"model": ErrorBody}},
    summary="Answer a question with citations",
)
async def ask(body: AskRequest, engine: EngineDep) -> AskResponse:
    """Every sentence of the answer ends with ``[n]``, the ``n`` of a citation."""
    filters = body.filters.to_filters() if body.filters else None
    answer = await run_in_threadpool(engine.ask, body.question, filters, body.top_k, body.history)
    return ask_response(answer, body.conversation_id or uuid.uuid4().hex)
