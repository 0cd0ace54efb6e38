"""Response examples for /docs, added to the OpenAPI schema in one place.

Request examples live on the request models and parameters; these show what comes back, so
a newcomer reading /docs sees a real answer without calling the API. They were copied from
the real service answering over the shipped corpus (trimmed).
"""

from typing import Any

from fastapi import FastAPI

_CITATION = {
    "n": 1,
    "passage_id": "calderdale-children-s-services-inspection-19-december-2018#3",
    "doc_id": "calderdale-children-s-services-inspection-19-december-2018",
    "title": "Ofsted inspection of Calderdale children's services (2018-12-19)",
    "authority": "Calderdale",
    "date": "2018-12-19",
    "doc_type": "inspection report",
    "section": "Her Majesty’s Inspector › Judgement Grade",
    "text": "Judgement: The experiences and progress of children in care and care leavers | "
    "Grade: Outstanding",
    "quote": "Judgement: The experiences and progress of children in care and care leavers | "
    "Grade: Outstanding",
    "start": 418,
    "end": 515,
    "score": 1.0,
    "page": 1,
}
_DOCUMENT = {
    "doc_id": "calderdale-children-s-services-inspection-19-december-2018",
    "title": "Ofsted inspection of Calderdale children's services (2018-12-19)",
    "authority": "Calderdale",
    "date": "2018-12-19",
    "doc_type": "inspection report",
    "source": "Ofsted",
    "path": "calderdale/calderdale-children-s-services-inspection-19-december-2018.pdf",
}
_BUILD = {
    "id": "3f9c2a7b1d0e4c55",
    "state": "done",
    "phase": "done",
    "files": ["uploads/zephyr-evaluation.md"],
    "queued_at": 1764620000.0,
    "started_at": 1764620000.1,
    "finished_at": 1764620012.4,
    "documents": 16,
    "passages": 799,
    "embedded": 4,
    "reused": 795,
    "skipped": [],
    "index_version": "20261201T201512-4242-123456",
    "error": None,
}

RESPONSES: dict[tuple[str, str], tuple[str, Any]] = {
    ("get", "/healthz"): ("200", {"status": "ok"}),
    ("get", "/readyz"): (
        "200",
        {
            "ready": True,
            "index_version": "20261201T195841-12699-940098",
            "documents": 15,
            "passages": 795,
            "detail": None,
        },
    ),
    ("post", "/v1/ask"): (
        "200",
        {
            "answer": "In the inspection of 12 to 23 November 2018, Ofsted judged the experiences "
            "and progress of children in care and care leavers in Calderdale outstanding [1].",
            "abstained": False,
            "citations": [_CITATION],
            "conversation_id": "IYvkgulG-wqxv-cACBN90g",
            "turn": 1,
            "resolved_query": "How was Calderdale judged for care leavers in 2018?",
            "filters": {"authority": ["Calderdale"]},
            "timings_ms": {"encode": 17.5, "judgements": 0.8, "total": 34.4},
        },
    ),
    ("post", "/v1/search"): (
        "200",
        {
            "results": [
                {
                    **{k: v for k, v in _CITATION.items() if k not in ("n", "quote")},
                    "dense_score": 0.61,
                    "lexical_score": 12.3,
                }
            ],
            "filters": {},
            "timings_ms": {"encode": 6.1, "total": 15.2},
        },
    ),
    ("get", "/v1/documents"): ("200", {"documents": [_DOCUMENT], "count": 1}),
    ("get", "/v1/documents/{doc_id}"): (
        "200",
        {**_DOCUMENT, "text": "Calderdale Metropolitan Borough Council … ", "page_starts": [0]},
    ),
    ("get", "/v1/judgements"): (
        "200",
        {
            "rows": [
                {
                    "authority": "Calderdale",
                    "area": "care_leavers",
                    "area_label": "The experiences and progress of children in care and care "
                    "leavers",
                    "grade": "outstanding",
                    "inspection_start": "2018-11-12",
                    "inspection_end": "2018-11-23",
                    "published": "2018-12-19",
                    "framework": "standard",
                    "lead_inspector": None,
                    "doc_id": _DOCUMENT["doc_id"],
                    "doc_type": "inspection report",
                    "title": _DOCUMENT["title"],
                    "citation": {
                        "doc_id": _DOCUMENT["doc_id"],
                        "passage_id": _CITATION["passage_id"],
                        "quote": _CITATION["quote"],
                        "start": 418,
                        "end": 515,
                    },
                }
            ],
            "count": 1,
            "note": None,
        },
    ),
    ("post", "/v1/feedback"): (
        "201",
        {"conversation_id": "IYvkgulG-wqxv-cACBN90g", "rating": "down", "note": ""},
    ),
    ("post", "/v1/admin/reload"): (
        "200",
        {
            "reloaded": True,
            "version": "20261201T201512-4242-123456",
            "previous": "20261201T195841-12699-940098",
            "message": "serving 20261201T201512-4242-123456",
        },
    ),
    ("post", "/v1/admin/documents"): (
        "202",
        {
            "doc_id": "uploads-zephyr-evaluation",
            "path": "uploads/zephyr-evaluation.md",
            "bytes": 731,
            "metadata": {"authority": "Calderdale", "date": "2025-06-30"},
            "build": {
                **_BUILD,
                "state": "queued",
                "phase": "starting",
                "started_at": None,
                "finished_at": None,
                "documents": None,
                "passages": None,
                "embedded": None,
                "reused": None,
                "index_version": None,
            },
        },
    ),
    ("get", "/v1/admin/builds/{build_id}"): ("200", _BUILD),
    ("post", "/v1/ask/stream"): (
        "200",
        'event: citations\ndata: {"conversation_id": "IYvkgulG-wqxv-cACBN90g", '
        '"abstained": false, "citations": [...]}\n\n'
        'event: answer\ndata: "In the inspection of 12 to 23 November 2018, … outstanding [1]."'
        "\n\nevent: done\ndata: {...the whole /v1/ask response...}\n\n",
    ),
    ("get", "/metrics"): (
        "200",
        "# TYPE http_requests_total counter\n"
        'http_requests_total{handler="/v1/ask",method="POST",status="200"} 42.0\n'
        "# TYPE inspection_qa_answers_abstained_total counter\n"
        "inspection_qa_answers_abstained_total 3.0\n",
    ),
}


def install_examples(app: FastAPI) -> None:
    """Add the response examples to the schema FastAPI generates (built once, then cached)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = generate()
        for (method, path), (status, example) in RESPONSES.items():
            operation = schema["paths"].get(path, {}).get(method)
            if operation is None:
                continue
            content = operation["responses"].setdefault(status, {}).setdefault("content", {})
            media = "application/json"
            if isinstance(example, str):
                media = "text/event-stream" if path.endswith("/stream") else "text/plain"
            content.setdefault(media, {})["example"] = example
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
