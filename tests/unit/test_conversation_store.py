"""The conversation store: survives reopening, refuses unknown or expired ids, stays bounded."""

import time
from pathlib import Path

import pytest

from index.errors import ConversationNotFound
from service.conversations import ConversationStore


def _store(path: Path, **kw: float) -> ConversationStore:
    return ConversationStore(
        path,
        int(kw.get("max_conversations", 100)),
        int(kw.get("max_turns", 20)),
        kw.get("ttl", 3600.0),
    )


def test_turns_survive_reopening_the_store(tmp_path: Path) -> None:
    store = _store(tmp_path / "c.sqlite3")
    cid = store.start()
    store.add_turn(cid, "care leavers in Calderdale?", "care leavers in Calderdale?")
    store.add_turn(cid, "and Hertfordshire?", "care leavers in Hertfordshire?")
    reopened = _store(tmp_path / "c.sqlite3")
    assert [t.question for t in reopened.turns(cid)] == [
        "care leavers in Calderdale?",
        "and Hertfordshire?",
    ]


def test_an_unknown_or_expired_id_is_refused_with_what_to_do(tmp_path: Path) -> None:
    store = _store(tmp_path / "c.sqlite3", ttl=0.2)
    with pytest.raises(ConversationNotFound, match="omit conversation_id"):
        store.turns("no-such-id")
    cid = store.start()
    time.sleep(0.3)
    with pytest.raises(ConversationNotFound):
        store.turns(cid)


def test_the_store_keeps_only_the_newest_conversations_and_turns(tmp_path: Path) -> None:
    store = _store(tmp_path / "c.sqlite3", max_conversations=3, max_turns=2)
    ids = [store.start() for _ in range(5)]
    for cid in ids[:2]:
        with pytest.raises(ConversationNotFound):
            store.turns(cid)
    for n in range(4):
        store.add_turn(ids[-1], f"q{n}", f"q{n}")
    assert [t.question for t in store.turns(ids[-1])] == ["q2", "q3"]


def test_a_store_from_an_earlier_version_is_upgraded_in_place(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE conversations (id TEXT PRIMARY KEY, created REAL, updated REAL);"
            "CREATE TABLE turns (conversation_id TEXT, seq INTEGER, question TEXT,"
            " resolved_query TEXT, PRIMARY KEY (conversation_id, seq));"
        )
    store = _store(path)
    cid = store.start()
    store.add_turn(cid, "q", "q", ("doc-a",), False)
    assert store.turns(cid)[0].doc_ids == ("doc-a",)
