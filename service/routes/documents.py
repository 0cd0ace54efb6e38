"""GET /v1/documents and /v1/documents/{doc_id}: metadata and full stored text."""

from typing import Annotated

from fastapi import APIRouter, Path

from service.convert import document_full, document_out
from service.deps import EngineDep
from service.schemas import DocumentFull, DocumentList, ErrorBody

router = APIRouter(prefix="/v1", tags=["documents"])


@router.get("/documents", response_model=DocumentList, summary="List documents")
async def list_documents(engine: EngineDep) -> DocumentList:
    docs = sorted(engine.documents.values(), key=lambda d: d.meta.doc_id)
    return DocumentList(documents=[document_out(d) for d in docs], count=len(docs))


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentFull,
    responses={404: {"model": ErrorBody}},
    summary="One document with its stored text",
)
async def get_document(
    doc_id: Annotated[str, Path(max_length=300, examples=["000_32b057dbc3e2b5e6"])],
    engine: EngineDep,
) -> DocumentFull:
    return document_full(engine.document(doc_id))
