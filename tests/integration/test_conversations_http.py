"""Conversations and streaming over the real server: follow-ups resolved against earlier
turns (shown in resolved_query), unknown ids refused, and the SSE stream equal to /v1/ask."""

import json

import httpx


def _ask(client: httpx.Client, question: str, conversation_id: str | None = None) -> dict:
    body = {"question": question}
    if conversation_id:
        body["conversation_id"] = conversation_id
    response = client.post("/v1/ask", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_three_turns_carry_the_authority_and_topic_and_never_cite_the_other(client) -> None:
    first = _ask(client, "What did Ofsted say about care leavers in Calderdale?")
    cid = first["conversation_id"]
    assert "calderdale" in first["resolved_query"].lower()
    assert {c["authority"] for c in first["citations"]} == {"Calderdale"}

    second = _ask(client, "and Hertfordshire?", cid)
    assert second["conversation_id"] == cid
    resolved = second["resolved_query"].lower()
    assert "hertfordshire" in resolved and "care leavers" in resolved
    assert "calderdale" not in resolved
    assert second["citations"] and {c["authority"] for c in second["citations"]} == {
        "Hertfordshire"
    }

    third = _ask(client, "what did it say about leadership?", cid)
    resolved = third["resolved_query"].lower()
    assert "hertfordshire" in resolved and "lead" in resolved
    assert all(c["authority"] == "Hertfordshire" for c in third["citations"])


def test_a_new_question_naming_another_authority_replaces_the_carried_one(client) -> None:
    first = _ask(client, "What did Ofsted say about care leavers in Calderdale?")
    second = _ask(
        client, "What did Ofsted say about leadership in Hertfordshire?", first["conversation_id"]
    )
    assert "calderdale" not in second["resolved_query"].lower()


def test_an_unknown_conversation_gets_a_clear_404(client) -> None:
    response = client.post(
        "/v1/ask", json={"question": "and Hertfordshire?", "conversation_id": "nope"}
    )
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "conversation_not_found" and "conversation" in body["message"]


def _stream(client: httpx.Client, body: dict) -> list[tuple[str, object]]:
    events, kind = [], None
    with client.stream("POST", "/v1/ask/stream", json=body) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                events.append((kind, json.loads(line.split(":", 1)[1].strip())))
    return events


def test_the_stream_delivers_the_same_answer_and_citations_as_ask(client) -> None:
    question = "What did Ofsted say about care leavers in Calderdale?"
    plain = _ask(client, question)
    events = _stream(client, {"question": question})
    kinds = [k for k, _ in events]
    assert kinds[0] == "citations" and kinds[-1] == "done" and "answer" in kinds
    head, done = events[0][1], events[-1][1]
    streamed = "".join(data for kind, data in events if kind == "answer")
    assert streamed == plain["answer"] == done["answer"]
    strip = lambda cs: [{k: c[k] for k in ("n", "passage_id", "start", "end", "quote")} for c in cs]  # noqa: E731
    assert strip(head["citations"]) == strip(plain["citations"]) == strip(done["citations"])


def test_the_stream_refuses_bad_input_before_streaming(client) -> None:
    assert client.post("/v1/ask/stream", json={"question": ""}).status_code == 422
    missing = client.post("/v1/ask/stream", json={"question": "x", "conversation_id": "nope"})
    assert missing.status_code == 404


def test_a_browser_on_an_unlisted_origin_is_refused_and_a_listed_one_allowed(
    client, intranet_origin: str
) -> None:
    refused = client.post(
        "/v1/ask", json={"question": "care leavers"}, headers={"Origin": "http://evil.example"}
    )
    assert refused.status_code == 403 and "not allowed" in refused.json()["message"]
    allowed = client.post(
        "/v1/ask", json={"question": "care leavers"}, headers={"Origin": intranet_origin}
    )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == intranet_origin
    preflight = client.options(
        "/v1/ask",
        headers={
            "Origin": intranet_origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200


def test_a_follow_up_about_that_action_stays_on_the_document_cited_before(client) -> None:
    first = _ask(client, "What progress has Hertfordshire made on its ILACS action plan?")
    docs = {c["doc_id"] for c in first["citations"]}
    second = _ask(client, "Who owns that action?", first["conversation_id"])
    assert not second["abstained"]
    assert {c["doc_id"] for c in second["citations"]} <= docs
    assert "Owner:" in second["answer"]


def test_is_it_any_better_now_leaves_the_document_cited_before(client) -> None:
    """ "It" here is the grade, and "now" the latest inspection: the conversation had kept
    the 2018 report (the one document the last answer cited) and answered from it."""
    first = _ask(client, "What was Calderdale's overall grade in 2018?")
    assert {c["date"][:4] for c in first["citations"]} == {"2018"}
    second = _ask(client, "is it any better now?", first["conversation_id"])
    assert not second["abstained"]
    assert "2024" in {c["date"][:4] for c in second["citations"]}, second["answer"]


def test_what_it_said_stays_on_the_document_with_the_history_sent_instead(client) -> None:
    """A request that brings its own history (no conversation kept) is answered as a kept
    conversation is: "it" is the 2018 report the last answer cited (its quotes had come from
    the 2015 report too)."""
    history = ["How was Calderdale rated in 2018?"]
    body = client.post(
        "/v1/ask", json={"question": "what did it say about the front door?", "history": history}
    ).json()
    assert not body["abstained"]
    assert {c["date"][:4] for c in body["citations"]} == {"2018"}, body["answer"]
