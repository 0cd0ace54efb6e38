"""Library results → response models."""

from dataclasses import asdict

from index.retrieval.search import SearchResult
from index.types import Answer, Document, Filters, Hit
from service.schemas import AskResponse, CitationOut, DocumentFull, DocumentOut, PassageOut


def filters_dict(filters: Filters) -> dict[str, object]:
    out = asdict(filters)
    return {
        k: (list(v) if isinstance(v, tuple) else (v.isoformat() if hasattr(v, "isoformat") else v))
        for k, v in out.items()
        if v
    }


_CITATION_FIELDS = tuple(CitationOut.model_fields)


def ask_payload(
    answer: Answer, conversation_id: str, documents: dict[str, Document], turn: int | None = None
) -> dict[str, object]:
    """The /v1/ask body (the AskResponse schema) as plain data, for orjson to write directly:
    validating our own dataclasses through pydantic again cost more than the answer step."""
    citations = []
    for c in answer.citations:
        row = c.to_dict()
        citations.append({name: row.get(name) for name in _CITATION_FIELDS})
    return {
        "answer": answer.answer,
        "abstained": answer.abstained,
        "citations": citations,
        "sources": [_passage_row(h, documents) for h in answer.sources],
        "conversation_id": conversation_id,
        "turn": turn,
        "resolved_query": answer.resolved_query,
        "filters": filters_dict(answer.filters),
        "timings_ms": answer.timings_ms,
    }


def ask_response(
    answer: Answer, conversation_id: str, documents: dict[str, Document], turn: int | None = None
) -> AskResponse:
    return AskResponse(
        answer=answer.answer,
        abstained=answer.abstained,
        citations=[CitationOut(**c.to_dict()) for c in answer.citations],
        sources=[passage_out(h, documents) for h in answer.sources],
        conversation_id=conversation_id,
        turn=turn,
        resolved_query=answer.resolved_query,
        filters=filters_dict(answer.filters),
        timings_ms=answer.timings_ms,
    )


def _passage_row(hit: Hit, documents: dict[str, Document]) -> dict[str, object]:
    """A retrieved passage with its document's metadata, as PassageOut's fields."""
    p = hit.passage
    meta = documents[p.doc_id].meta
    return {
        "passage_id": p.passage_id,
        "doc_id": p.doc_id,
        "title": meta.title,
        "authority": meta.authority,
        "date": meta.date,
        "doc_type": meta.doc_type,
        "section": p.section,
        "text": p.text,
        "start": p.start,
        "end": p.end,
        "page": p.page,
        "score": round(hit.score, 6),
        "dense_score": None if hit.dense_score is None else round(hit.dense_score, 6),
        "lexical_score": None if hit.lexical_score is None else round(hit.lexical_score, 6),
    }


def passage_out(hit: Hit, documents: dict[str, Document]) -> PassageOut:
    return PassageOut(**_passage_row(hit, documents))


def search_results(result: SearchResult, documents: dict[str, Document]) -> list[PassageOut]:
    return [passage_out(h, documents) for h in result.hits]


def document_out(doc: Document) -> DocumentOut:
    return DocumentOut(**doc.meta.to_dict())


def document_full(doc: Document) -> DocumentFull:
    return DocumentFull(**doc.meta.to_dict(), text=doc.text, page_starts=doc.page_starts)
