"""POST /v1/admin/reload: serve the newest built index without dropping a request."""

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from service.deps import HolderDep
from service.errors import error_response
from service.lifecycle import reload_engine
from service.schemas import ErrorBody
from service.security import check_admin_key

router = APIRouter(prefix="/v1/admin", tags=["admin"])


class ReloadOut(BaseModel):
    reloaded: bool
    version: str | None
    previous: str | None
    message: str


@router.post(
    "/reload",
    response_model=ReloadOut,
    responses={
        401: {"model": ErrorBody},
        403: {"model": ErrorBody},
        503: {"model": ErrorBody},
    },
    summary="Load the index the last build committed (needs X-Admin-Key)",
)
async def reload(request: Request, holder: HolderDep) -> JSONResponse:
    """The old index serves until the new one is fully loaded; a damaged one is refused (503)."""
    refusal = check_admin_key(request, holder.settings)
    if refusal:
        status, message = refusal
        return error_response(status, "unauthorized", message)
    result = await run_in_threadpool(reload_engine, holder, True)
    return JSONResponse(ReloadOut(**result.__dict__).model_dump())
