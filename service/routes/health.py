"""Liveness and readiness."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from service.deps import HolderDep
from service.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="The process is up")
async def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness}},
    summary="An index is loaded and answering",
)
async def readyz(holder: HolderDep) -> JSONResponse:
    engine = holder.engine
    if engine is None:
        body = Readiness(ready=False, detail=holder.error or "loading")
        return JSONResponse(status_code=503, content=body.model_dump())
    body = Readiness(
        ready=True,
        index_version=engine.index.version,
        documents=len(engine.index.documents),
        passages=len(engine.index.passages),
    )
    return JSONResponse(content=body.model_dump())
