"""POST /v1/ask: a short cited answer; POST /v1/ask/stream: the same as Server-Sent Events."""

import json
import re
from collections.abc import AsyncIterator
from typing import NamedTuple

import orjson
from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from sse_starlette.sse import EventSourceResponse

from index.errors import InspectionQAError
from index.qa import QAEngine
from index.types import Answer, Filters
from service.asklog import record_ask
from service.conversations import ConversationStore, Turn
from service.convert import ask_payload, ask_response
from service.deps import EngineDep
from service.schemas import AskRequest, AskResponse, ErrorBody

router = APIRouter(prefix="/v1", tags=["answers"])

# An answer streams sentence by sentence: each chunk ends after a citation marker.
_CHUNK = re.compile(r".*?\[\d+\]\s*|.+$", re.S)


def _store(request: Request) -> ConversationStore:
    return request.app.state.conversations


def _last_cited(turns: list[Turn]) -> tuple[str, ...] | None:
    """The documents the conversation's last answer cited (none if it abstained); None in a
    new conversation, where the engine reads them from the request's own history."""
    if not turns:
        return None
    return () if turns[-1].abstained else turns[-1].doc_ids


class Conversation(NamedTuple):
    conversation_id: str
    turns: list[Turn]


def open_conversation(store: ConversationStore, conversation_id: str | None) -> Conversation:
    """The named conversation's turns (404 when unknown or expired), or a new conversation."""
    if conversation_id:
        return Conversation(conversation_id, store.turns(conversation_id))
    return Conversation(store.start(), [])


class Answered(NamedTuple):
    answer: Answer
    conversation_id: str
    turn: int


def answer_turn(
    engine: QAEngine, store: ConversationStore, body: AskRequest, conversation: Conversation
) -> Answered:
    """Answer ``body`` as the next turn of ``conversation``: the authority and topic carry over
    through the earlier questions, the document through the earlier answer's citations."""
    conversation_id, turns = conversation
    history = body.history if body.history is not None else [t.question for t in turns]
    filters = body.filters.to_filters() if body.filters else Filters()
    # A follow-up asking what "it" says stays on the one document the last answer cited while
    # that document answers; the authority and topic carry through the history either way.
    answer = engine.ask(body.question, filters, body.top_k, history, last_cited=_last_cited(turns))
    cited = tuple(sorted({c.doc_id for c in answer.citations}))
    quotes = [  # kept so feedback on this turn can become a gold-set candidate
        {"n": c.n, "doc_id": c.doc_id, "passage_id": c.passage_id, "quote": c.quote}
        for c in answer.citations
    ]
    turn = store.add_turn(
        conversation_id,
        body.question,
        answer.resolved_query,
        cited,
        answer.abstained,
        answer.answer,
        quotes,
    )
    return Answered(answer, conversation_id, turn)


def _ask(engine: QAEngine, store: ConversationStore, body: AskRequest) -> tuple[bytes, Answered]:
    """The whole ask in one worker-thread hop: conversation, answer, turn, JSON bytes."""
    conversation = open_conversation(store, body.conversation_id)
    answered = answer_turn(engine, store, body, conversation)
    payload = ask_payload(
        answered.answer, answered.conversation_id, engine.documents, answered.turn
    )
    return orjson.dumps(payload, option=orjson.OPT_SERIALIZE_NUMPY), answered


@router.post(
    "/ask",
    response_model=AskResponse,
    responses={404: {"model": ErrorBody}, 422: {"model": ErrorBody}, 503: {"model": ErrorBody}},
    summary="Answer a question with citations",
)
async def ask(body: AskRequest, engine: EngineDep, request: Request) -> Response:
    """Every sentence of the answer ends with ``[n]``, the ``n`` of a citation. Send the
    returned ``conversation_id`` with a follow-up ("and Hertfordshire?") to continue the
    conversation; ``resolved_query`` shows the standalone question that was searched."""
    # The body is built as AskResponse's fields and written by orjson (response_model above
    # documents it; tests check responses against it).
    content, answered = await run_in_threadpool(_ask, engine, _store(request), body)
    record_ask(request, engine.index.version, body.question, *answered)
    return Response(content, media_type="application/json")


@router.post(
    "/ask/stream",
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "Events: `citations` (JSON: citations, conversation_id, "
            "resolved_query, abstained), `answer` (text chunks), `done` (the whole /v1/ask "
            "response as JSON), or `error` (JSON error body)",
        },
        404: {"model": ErrorBody},
        422: {"model": ErrorBody},
        503: {"model": ErrorBody},
    },
    summary="The same answer as /v1/ask, streamed as Server-Sent Events",
)
async def ask_stream(body: AskRequest, engine: EngineDep, request: Request) -> EventSourceResponse:
    store = _store(request)
    # Opened before streaming, so an unknown id is a plain 404 rather than an error event.
    conversation = await run_in_threadpool(open_conversation, store, body.conversation_id)

    async def events() -> AsyncIterator[dict[str, str]]:
        try:
            answered = await run_in_threadpool(answer_turn, engine, store, body, conversation)
        except InspectionQAError as exc:
            error = {"error": "bad_query", "message": str(exc)}
            yield {"event": "error", "data": json.dumps(error)}
            return
        record_ask(request, engine.index.version, body.question, *answered)
        response = ask_response(
            answered.answer, answered.conversation_id, engine.documents, answered.turn
        )
        head = {
            "conversation_id": response.conversation_id,
            "resolved_query": response.resolved_query,
            "abstained": response.abstained,
            "citations": [c.model_dump() for c in response.citations],
        }
        yield {"event": "citations", "data": json.dumps(head)}
        for chunk in _CHUNK.findall(response.answer):
            yield {"event": "answer", "data": json.dumps(chunk)}
        yield {"event": "done", "data": response.model_dump_json()}

    return EventSourceResponse(events(), ping=15)
