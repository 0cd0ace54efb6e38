"""POST /v1/admin/documents: add a document and build; GET /v1/admin/builds/{id}: its progress.

Both need the admin key (checked by service.security before the body is read).
"""

import datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi import Path as Path_
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from index.errors import DocumentNotFound
from service.builds import BuildJob, BuildQueue
from service.errors import error_response
from service.schemas import BuildOut, DocType, ErrorBody, UploadOut
from service.uploads import UploadRefused, check_content, plain_name, store_upload

router = APIRouter(prefix="/v1/admin", tags=["admin"])

UPLOAD_ERRORS = {
    401: {"model": ErrorBody, "description": "No admin key sent"},
    403: {"model": ErrorBody, "description": "Wrong admin key, or admin endpoints disabled"},
    409: {"model": ErrorBody, "description": "A document of that name exists (replace=true)"},
    411: {"model": ErrorBody, "description": "No Content-Length"},
    413: {"model": ErrorBody, "description": "Over the upload limit (50 MB by default)"},
    415: {"model": ErrorBody, "description": "Not a PDF/HTML/Markdown/text file, or the "
          "content is not what the name says"},
}  # fmt: skip


def build_out(job: BuildJob) -> BuildOut:
    return BuildOut(**vars(job))


@router.post(
    "/documents",
    response_model=UploadOut,
    status_code=202,
    responses=UPLOAD_ERRORS,
    summary="Add a document to the corpus and rebuild the index (needs X-Admin-Key)",
)
async def upload_document(
    request: Request,
    file: Annotated[UploadFile, File(description="A .pdf, .html, .htm, .md, .markdown or .txt")],
    authority: Annotated[
        str | None, Form(min_length=1, max_length=100, examples=["Calderdale"])
    ] = None,
    date: Annotated[datetime.date | None, Form(description="Publication date, YYYY-MM-DD")] = None,
    doc_type: Annotated[DocType | None, Form()] = None,
    title: Annotated[str | None, Form(min_length=1, max_length=300)] = None,
    source: Annotated[str | None, Form(min_length=1, max_length=300)] = None,
    replace: Annotated[bool, Form(description="Replace a document of the same name")] = False,
) -> JSONResponse:
    """Checks the file is what its name says, stores it as `uploads/<name>` in the corpus
    (with the metadata as its `.meta.json` sidecar), and starts an incremental build; a build
    already running makes this one wait. Poll `build.id` at /v1/admin/builds/{id}: the index
    served swaps to the new version when the build is done."""
    settings = request.app.state.settings
    try:
        name = plain_name(file.filename)
        limit = min(settings.upload_max_bytes, settings.max_file_bytes)
        if file.size is not None and file.size > limit:
            raise UploadRefused(413, "too_large", f"the file is over the {limit:,} byte limit")
        data = await file.read()
        if len(data) > limit:
            raise UploadRefused(413, "too_large", f"the file is over the {limit:,} byte limit")
        check_content(name, data)
        metadata = {
            k: v
            for k, v in {
                "authority": authority,
                "date": date.isoformat() if date else None,
                "doc_type": doc_type.value if doc_type else None,
                "title": title,
                "source": source,
            }.items()
            if v
        }
        stored = await run_in_threadpool(
            store_upload, settings.corpus_dir, name, data, metadata, replace
        )
    except UploadRefused as exc:
        return error_response(exc.status, exc.kind, exc.message)
    queue: BuildQueue = request.app.state.builds
    job = queue.submit(stored.relative_path)
    body = UploadOut(
        doc_id=stored.doc_id,
        path=stored.relative_path,
        bytes=stored.bytes,
        metadata=metadata,
        build=build_out(job),
    )
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=202,
        headers={"Location": f"/v1/admin/builds/{job.id}"},
    )


@router.get(
    "/builds/{build_id}",
    response_model=BuildOut,
    responses={404: {"model": ErrorBody}, 401: UPLOAD_ERRORS[401], 403: UPLOAD_ERRORS[403]},
    summary="Progress and result of an upload's build (needs X-Admin-Key)",
)
async def build_status(
    build_id: Annotated[str, Path_(max_length=64, examples=["3f9c2a7b1d0e4c55"])], request: Request
) -> BuildOut:
    """`state` goes queued → running → done (or failed, with `error`). When done, the index
    served is `index_version`; `skipped` lists files the build left out, with the reason."""
    job = request.app.state.builds.get(build_id)
    if job is None:
        raise DocumentNotFound(f"no build {build_id!r}: builds are kept for the last 100 uploads")
    return build_out(job)
