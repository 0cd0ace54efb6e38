"""Answer feedback (👍/👎 and a note), kept in the conversations' SQLite file, and its export
as gold-set candidates an evaluator confirms (eval/gold/README.md).

Each rating keeps a copy of the turn it rates (question, earlier questions, answer, cited
quotes): conversations expire and drop old turns, feedback must outlive them.
"""

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from index.errors import ConversationNotFound
from service.conversations import ConversationStore

Rating = Literal["up", "down"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    conversation_id TEXT NOT NULL,
    turn INTEGER NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    note TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    question TEXT NOT NULL,
    history TEXT NOT NULL,
    resolved_query TEXT NOT NULL,
    answer TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    citations TEXT NOT NULL,
    PRIMARY KEY (conversation_id, turn)
);
CREATE INDEX IF NOT EXISTS feedback_by_time ON feedback(created);
"""


class TurnNotFound(ConversationNotFound):
    """The conversation exists but has no such turn (never asked, or dropped as too old)."""


@dataclass(frozen=True)
class Feedback:
    conversation_id: str
    turn: int
    rating: Rating
    note: str
    created: float
    question: str
    history: list[str]
    resolved_query: str
    answer: str
    abstained: bool
    citations: list[dict[str, object]]

    def gold_candidate(self) -> dict[str, object]:
        """A line in the gold JSONL format; the evaluator confirms the evidence and key terms.

        The cited quotes are only candidate evidence: a 👎 often means they were the wrong
        passages. ``answerable`` follows the answer (an abstention rated 👎 may well have been
        answerable: the evaluator decides).
        """
        evidence = [
            {"doc_id": str(c["doc_id"]), "quote": str(c["quote"])}
            for c in self.citations
            if c.get("doc_id") and c.get("quote")
        ]
        return {
            "id": f"feedback-{self.conversation_id}-{self.turn}",
            "question": self.question,
            "answerable": bool(evidence) and not self.abstained,
            "evidence": evidence,
            "key_terms": [],
            "history": self.history,
            "kind": "feedback",
            "tags": ["feedback", f"rated-{self.rating}"],
            "answer": self.answer,
            "rating": self.rating,
            "note": self.note,
            "rated_at": datetime.fromtimestamp(self.created, UTC).isoformat(timespec="seconds"),
        }


class FeedbackStore:
    """Ratings keyed by (conversation, turn); rating the same turn again replaces the rating."""

    def __init__(self, path: Path, conversations: ConversationStore | None = None) -> None:
        self.path = path
        self.conversations = conversations
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            with db:
                yield db
        finally:
            db.close()

    def add(self, conversation_id: str, turn: int, rating: Rating, note: str = "") -> Feedback:
        """Rate a turn; ConversationNotFound / TurnNotFound when there is nothing to rate."""
        if self.conversations is None:
            raise RuntimeError("a FeedbackStore opened for export cannot take ratings")
        turns = self.conversations.turns(conversation_id)
        rated = next((t for t in turns if t.seq == turn), None)
        if rated is None:
            raise TurnNotFound(
                f"conversation {conversation_id!r} has no turn {turn}: turns are numbered from "
                f"1 and this one has {turns[-1].seq if turns else 0}"
            )
        history = [t.question for t in turns if t.seq < turn]
        item = Feedback(
            conversation_id,
            turn,
            rating,
            note.strip(),
            time.time(),
            rated.question,
            history,
            rated.resolved_query,
            rated.answer,
            rated.abstained,
            list(rated.citations),
        )
        with self._lock, self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO feedback VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item.conversation_id,
                    item.turn,
                    item.rating,
                    item.note,
                    item.created,
                    item.question,
                    json.dumps(item.history),
                    item.resolved_query,
                    item.answer,
                    item.abstained,
                    json.dumps(item.citations),
                ),
            )
        return item

    def items(self, since: datetime | None = None, rating: Rating | None = None) -> list[Feedback]:
        """Ratings oldest first, optionally from ``since`` on and of one kind."""
        query = "SELECT * FROM feedback WHERE created >= ?"
        params: list[object] = [since.timestamp() if since else 0.0]
        if rating:
            query += " AND rating = ?"
            params.append(rating)
        with self._lock, self._connect() as db:
            rows = db.execute(query + " ORDER BY created", params).fetchall()
        return [
            Feedback(c, t, r, n, cr, q, json.loads(h), rq, a, bool(ab), json.loads(ci))
            for c, t, r, n, cr, q, h, rq, a, ab, ci in rows
        ]

    def counts(self) -> dict[str, int]:
        """How many answers were rated up and down."""
        with self._lock, self._connect() as db:
            rows = dict(db.execute("SELECT rating, COUNT(*) FROM feedback GROUP BY rating"))
        return {"up": rows.get("up", 0), "down": rows.get("down", 0)}
