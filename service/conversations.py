"""Conversations: the earlier questions of each chat, kept in SQLite so follow-ups survive a
restart. Bounded in size (oldest conversations go first) and expired after a time to live.

A follow-up is resolved from the questions asked before it
(index.understanding.follow_ups.resolve). Each turn also keeps its answer and the quotes it
cited, so feedback on it (service.feedback) can be turned into a gold-set candidate without
asking again.
"""

import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from index.errors import ConversationNotFound

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    question TEXT NOT NULL,
    resolved_query TEXT NOT NULL,
    doc_ids TEXT NOT NULL DEFAULT '',
    abstained INTEGER NOT NULL DEFAULT 0,
    answer TEXT NOT NULL DEFAULT '',
    citations TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (conversation_id, seq)
);
CREATE INDEX IF NOT EXISTS conversations_by_update ON conversations(updated);
"""
_ADDED_COLUMNS = {
    "doc_ids": "TEXT NOT NULL DEFAULT ''",
    "abstained": "INTEGER NOT NULL DEFAULT 0",
    "answer": "TEXT NOT NULL DEFAULT ''",
    "citations": "TEXT NOT NULL DEFAULT '[]'",  # JSON: [{n, doc_id, passage_id, quote}]
}


@dataclass(frozen=True)
class Turn:
    question: str
    resolved_query: str
    doc_ids: tuple[str, ...] = ()  # the documents its answer cited
    abstained: bool = False
    seq: int = 0
    answer: str = ""
    citations: tuple[dict[str, object], ...] = ()


class ConversationStore:
    """Thread-safe: one connection, used under a lock (several processes may share the file)."""

    def __init__(
        self, path: Path, max_conversations: int, max_turns: int, ttl_seconds: float
    ) -> None:
        self.path = path
        self.max_conversations = max_conversations
        self.max_turns = max_turns
        self.ttl_seconds = ttl_seconds
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._starts = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(SCHEMA)
            # A store made by an earlier version lacks the later columns: add them in place.
            have = {row[1] for row in db.execute("PRAGMA table_info(turns)")}
            for column, ddl in _ADDED_COLUMNS.items():
                if column not in have:
                    db.execute(f"ALTER TABLE turns ADD COLUMN {column} {ddl}")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """The store's connection (callers hold ``_lock``), one transaction per use.

        Opening a connection per call cost more than the question's search (issue 16); a
        forked child opens its own. synchronous=NORMAL under WAL cannot corrupt the file; a
        power cut may lose the last turns, which only follow-ups need.
        """
        if self._db is None or self._pid != os.getpid():
            db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            self._db, self._pid = db, os.getpid()
        with self._db:
            yield self._db

    def start(self) -> str:
        """A new, empty conversation; returns its id."""
        conversation_id = secrets.token_urlsafe(16)
        now = time.time()
        with self._lock, self._connect() as db:
            db.execute(
                "INSERT INTO conversations (id, created, updated) VALUES (?, ?, ?)",
                (conversation_id, now, now),
            )
            # Pruning skips max_conversations rows of an index (~0.5 ms at 10,000) under the
            # write lock all workers share, so it runs once per 0.5 % of the bound: the store
            # exceeds its bound by at most that much.
            if self._starts % max(1, self.max_conversations // 200) == 0:
                self._prune(db, now)
            self._starts += 1
        return conversation_id

    def turns(self, conversation_id: str) -> list[Turn]:
        """The conversation's turns, oldest first; ConversationNotFound when unknown or expired."""
        with self._lock, self._connect() as db:
            row = db.execute(
                "SELECT updated FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if row is None or row[0] < time.time() - self.ttl_seconds:
                raise ConversationNotFound(
                    f"no conversation {conversation_id!r} (unknown or expired): "
                    "omit conversation_id to start a new one"
                )
            rows = db.execute(
                "SELECT question, resolved_query, doc_ids, abstained, seq, answer, citations "
                "FROM turns WHERE conversation_id = ? ORDER BY seq",
                (conversation_id,),
            ).fetchall()
        return [
            Turn(q, r, tuple(d.split("\n")) if d else (), bool(a), n, text, tuple(json.loads(c)))
            for q, r, d, a, n, text, c in rows
        ]

    def add_turn(
        self,
        conversation_id: str,
        question: str,
        resolved_query: str,
        doc_ids: tuple[str, ...] = (),
        abstained: bool = False,
        answer: str = "",
        citations: list[dict[str, object]] | None = None,
    ) -> int:
        """Append a turn; returns its number (1 for the first), which feedback refers to."""
        now = time.time()
        with self._lock, self._connect() as db:
            seq = db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE conversation_id = ?",
                (conversation_id,),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO turns (conversation_id, seq, question, resolved_query, doc_ids, "
                "abstained, answer, citations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    seq,
                    question,
                    resolved_query,
                    "\n".join(doc_ids),
                    abstained,
                    answer,
                    json.dumps(citations or []),
                ),
            )
            # Only the latest turns matter for resolving a follow-up.
            db.execute(
                "DELETE FROM turns WHERE conversation_id = ? AND seq <= ?",
                (conversation_id, seq - self.max_turns),
            )
            db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
        return seq

    def _prune(self, db: sqlite3.Connection, now: float) -> None:
        db.execute("DELETE FROM conversations WHERE updated < ?", (now - self.ttl_seconds,))
        db.execute(
            "DELETE FROM conversations WHERE id IN (SELECT id FROM conversations "
            "ORDER BY updated DESC LIMIT -1 OFFSET ?)",
            (self.max_conversations,),
        )
