"""The writers' checker of a development or blind set: copied beside the writers' documents
as ``/work/devN/check.py`` (their texts in ``docs/`` next to it), run as
``python3 /work/devN/check.py FILE``. Prints every problem. dev5, dev6 and dev7 were checked
with it; it needs nothing from this repository."""

import json
import re
import sys
from pathlib import Path

KINDS = {
    "grade",
    "inspector",
    "dates",
    "finding",
    "strength",
    "improve",
    "person",
    "date",
    "amount",
    "source",
    "comparison",
    "negative",
    "follow_up",
    "unanswerable",
}
DOCS = Path(__file__).resolve().parent / "docs"
problems = 0
ids = set()


def bad(n, msg):
    global problems
    problems += 1
    print(f"line {n}: {msg}")


def words(s):
    return re.findall(r"[a-z0-9]+", s.lower())


for n, line in enumerate(Path(sys.argv[1]).read_text(encoding="utf-8").splitlines(), 1):
    if not line.strip():
        continue
    try:
        q = json.loads(line)
    except Exception as e:
        bad(n, f"not JSON: {e}")
        continue
    for k in ("id", "question", "answerable", "evidence", "key_terms", "kind"):
        if k not in q:
            bad(n, f"missing {k}")
    if q.get("id") in ids:
        bad(n, f"duplicate id {q.get('id')}")
    ids.add(q.get("id"))
    if q.get("kind") not in KINDS:
        bad(n, f"kind {q.get('kind')!r} not one of {sorted(KINDS)}")
    if not str(q.get("question", "")).strip():
        bad(n, "empty question")
    if q.get("kind") == "follow_up" and not q.get("history"):
        bad(n, "follow_up without history")
    if q.get("kind") != "follow_up" and q.get("history"):
        bad(n, "history on a question that is not a follow_up")
    if q.get("answerable") is False:
        if q.get("evidence") or q.get("key_terms"):
            bad(n, "unanswerable must have evidence [] and key_terms []")
        if q.get("kind") != "unanswerable":
            bad(n, "answerable false but kind is not unanswerable")
        continue
    if q.get("kind") == "unanswerable":
        bad(n, "kind unanswerable but answerable is true")
    ev = q.get("evidence") or []
    if not ev:
        bad(n, "answerable with no evidence")
    quotes = []
    for e in ev:
        p = DOCS / f"{e.get('doc_id')}.txt"
        if not p.is_file():
            bad(n, f"no document {e.get('doc_id')!r}")
            continue
        text = p.read_text(encoding="utf-8")
        quote = e.get("quote") or ""
        if len(quote) < 15:
            bad(n, "quote shorter than 15 characters")
        if quote not in text:
            bad(n, f"quote not verbatim in {e.get('doc_id')}: {quote[:80]!r}")
        quotes.append(quote.lower())
    terms = q.get("key_terms") or []
    if not 1 <= len(terms) <= 3:
        bad(n, "key_terms must hold 1 to 3 terms")
    for t in terms:
        if not any(t.lower() in qt for qt in quotes):
            bad(n, f"key term {t!r} not in any quote")
    qw, joined = words(q.get("question", "")), " ".join(words(" ".join(quotes)))
    for i in range(len(qw) - 5):
        span = " ".join(qw[i : i + 6])
        if f" {span} " in f" {joined} ":
            bad(n, f"question copies the quote's wording: {span!r}")
            break
print(f"{len(ids)} questions, {problems} problems")
