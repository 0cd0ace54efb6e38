"""POST /v1/feedback: 👍/👎 (and an optional note) on one answer of a conversation."""

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from service.feedback import FeedbackStore
from service.schemas import ErrorBody, FeedbackIn, FeedbackOut

router = APIRouter(prefix="/v1", tags=["feedback"])


@router.post(
    "/feedback",
    response_model=FeedbackOut,
    status_code=201,
    responses={404: {"model": ErrorBody, "description": "No such conversation or turn"}},
    summary="Rate an answer 👍 or 👎, with an optional note",
)
async def give_feedback(body: FeedbackIn, request: Request) -> FeedbackOut:
    """Rates the answer given as turn ``turn`` (from the /v1/ask response) of the conversation.
    Rating the same turn again replaces the earlier rating. 👎 answers are exported as gold-set
    candidates by ``inspection-qa feedback export``."""
    store: FeedbackStore = request.app.state.feedback
    item = await run_in_threadpool(
        store.add, body.conversation_id, body.turn, body.rating, body.note or ""
    )
    metrics = getattr(request.app.state, "metrics", None)
    if metrics is not None:
        metrics.feedback.labels(item.rating).inc()
    return FeedbackOut(
        conversation_id=item.conversation_id, turn=item.turn, rating=item.rating, note=item.note
    )
