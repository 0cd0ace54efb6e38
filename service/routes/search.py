"""POST /v1/search: ranked passages without an answer."""

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from index.types import Filters
from service.convert import filters_dict, search_results
from service.deps import EngineDep
from service.schemas import ErrorBody, SearchRequest, SearchResponse

router = APIRouter(prefix="/v1", tags=["search"])


@router.post(
    "/search",
    response_model=SearchResponse,
    responses={422: {"model": ErrorBody}, 503: {"model": ErrorBody}},
    summary="Search passages",
)
async def search(body: SearchRequest, engine: EngineDep) -> SearchResponse:
    filters = body.filters.to_filters() if body.filters else Filters()
    result = await run_in_threadpool(engine.search, body.query, filters, body.top_k)
    return SearchResponse(
        results=search_results(result, engine.documents),
        filters=filters_dict(filters),
        timings_ms=result.timings_ms,
    )
