"""POST /v1/feedback, and `inspection-qa feedback export` turning ratings into gold lines."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eval.goldset import parse_line
from index.settings import REPO_ROOT
from service.main import create_app
from service.settings import ServiceSettings

HERTS = "Who owns the action on foster carers' views in Hertfordshire?"


def ask(client, question: str, conversation_id: str | None = None) -> dict:
    body = {"question": question, "conversation_id": conversation_id}
    response = client.post("/v1/ask", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def rate(client, conversation_id: str, turn: int, rating: str, note: str | None = None):
    body = {"conversation_id": conversation_id, "turn": turn, "rating": rating, "note": note}
    return client.post("/v1/feedback", json=body)


def export(db: Path, *args: str) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "service.cli", "feedback", "export", "--db", str(db), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_each_answer_has_a_turn_number_and_a_rating_is_stored(client) -> None:
    first = ask(client, "What did Ofsted say about care leavers in Calderdale?")
    second = ask(client, "and Hertfordshire?", first["conversation_id"])
    assert (first["turn"], second["turn"]) == (1, 2)
    response = rate(client, second["conversation_id"], 2, "down", "wrong authority?")
    assert response.status_code == 201
    assert response.json() == {
        "conversation_id": second["conversation_id"],
        "turn": 2,
        "rating": "down",
        "note": "wrong authority?",
    }


@pytest.mark.parametrize(
    ("change", "status", "word"),
    [
        ({"conversation_id": "no-such-conversation"}, 404, "conversation"),
        ({"turn": 99}, 404, "turn"),
        ({"rating": "meh"}, 422, "rating"),
        ({"turn": 0}, 422, "turn"),
        ({"note": "x" * 2001}, 422, "note"),
        ({"extra": 1}, 422, "extra"),
    ],
)
def test_feedback_on_nothing_or_with_bad_fields_gets_a_4xx_that_says_why(
    client, change: dict, status: int, word: str
) -> None:
    answered = ask(client, HERTS)
    body = {"conversation_id": answered["conversation_id"], "turn": 1, "rating": "up", **change}
    response = client.post("/v1/feedback", json=body)
    assert response.status_code == status, response.text
    error = response.json()
    assert word in (error["message"] + json.dumps(error.get("detail"))).lower()


def test_a_thumbs_down_is_exported_as_a_valid_gold_line_with_the_cited_quotes(
    client, server_dir: Path, engine
) -> None:
    answered = ask(client, HERTS)
    assert rate(client, answered["conversation_id"], 1, "down", "too vague").status_code == 201
    lines = export(server_dir / "c.sqlite3", "--rating", "down")
    mine = [g for g in lines if g["id"] == f"feedback-{answered['conversation_id']}-1"]
    assert len(mine) == 1
    gold = mine[0]
    parse_line(gold, "export")  # the eval loader's own check of the gold format
    assert gold["question"] == HERTS and gold["answer"] == answered["answer"]
    assert gold["rating"] == "down" and gold["note"] == "too vague" and gold["history"] == []
    assert gold["answerable"] is True and gold["key_terms"] == []
    assert [e["doc_id"] for e in gold["evidence"]] == [c["doc_id"] for c in answered["citations"]]
    for evidence in gold["evidence"]:  # quotes are verbatim in the stored documents
        assert evidence["quote"] in engine.index.documents[evidence["doc_id"]].text
    assert all(g["rating"] == "down" for g in lines)


def test_export_keeps_the_history_of_a_follow_up_and_filters_by_date(
    client, server_dir: Path
) -> None:
    first = ask(client, "What did Ofsted say about care leavers in Calderdale?")
    second = ask(client, "and Hertfordshire?", first["conversation_id"])
    assert rate(client, first["conversation_id"], 2, "up").status_code == 201
    ups = export(server_dir / "c.sqlite3", "--rating", "up", "--since", "2000-01-01")
    gold = next(g for g in ups if g["id"] == f"feedback-{second['conversation_id']}-2")
    assert gold["history"] == ["What did Ofsted say about care leavers in Calderdale?"]
    assert export(server_dir / "c.sqlite3", "--since", "2999-01-01") == []


def test_a_bad_since_date_is_a_clear_error(server_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "service.cli", "feedback", "export", "--since", "last week",
         "--db", str(server_dir / "c.sqlite3")],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


def test_feedback_is_rate_limited_like_every_v1_route(built_index: Path) -> None:
    settings = ServiceSettings(
        index_dir=built_index,
        corpus_dir=REPO_ROOT / "corpus",
        reload_poll_seconds=0,
        conversations_db=Path(tempfile.mkdtemp()) / "c.sqlite3",
        rate_limit_per_second=0.01,
        rate_limit_burst=3,
    )
    with TestClient(create_app(settings)) as app:
        answered = ask(app, HERTS)
        statuses = [rate(app, answered["conversation_id"], 1, "up").status_code for _ in range(3)]
    assert statuses[:2] == [201, 201] and statuses[2] == 429
