"""Gold question sets (JSON Lines, the PRODUCT.md format): load, validate, locate evidence.

A line is ``{"id", "question", "answerable", "evidence": [{"doc_id", "quote"}], "key_terms",
"history"?, "tags"?, "kind"?}``; other fields are ignored. Tags ``trap`` or ``namesake`` mark
namesake traps. ``quote`` must be a verbatim substring of the document's stored text
(the text every passage offset refers to), so a quote locates a character span in the document
and retrieval is scored by span overlap, independent of chunk boundaries.
"""

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import InspectionQAError
from index.ingest.loaders import corpus_folders, discover, fingerprint, load_document
from index.ingest.metadata import doc_id_for
from index.settings import Settings


class GoldError(InspectionQAError):
    """A gold file that cannot be used: bad JSON, missing fields, duplicate ids."""


@dataclass
class Evidence:
    doc_id: str
    quote: str
    start: int = -1  # offset of the quote in the document's stored text, once located
    authority: str | None = None
    length: int = -1  # of the located span, when a tolerant match made it differ from the quote
    repeat: bool = False  # a further place the document says the same (``locate_evidence``)

    @property
    def end(self) -> int:
        if self.start < 0:
            return -1
        return self.start + (self.length if self.length >= 0 else len(self.quote))


@dataclass
class GoldQuestion:
    id: str
    question: str
    answerable: bool
    evidence: list[Evidence]
    key_terms: list[str]
    history: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    kind: str | None = None  # optional grouping, e.g. "grade", "finding"
    source: str = ""  # file:line, for error messages

    @property
    def groups(self) -> list[str]:
        """The groups the report breaks figures down by: tags, and kind when given."""
        return [*self.tags, *([f"kind:{self.kind}"] if self.kind else [])]

    @property
    def is_trap(self) -> bool:
        return bool({"trap", "namesake"} & set(self.tags))


def _str_list(value: object, what: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldError(f"{where}: {what} must be a list of strings")
    return value


def parse_line(obj: object, where: str) -> GoldQuestion:
    """One JSON object → GoldQuestion, with a message naming the line when it is malformed."""
    if not isinstance(obj, dict):
        raise GoldError(f"{where}: expected a JSON object")
    for key, kind in (("id", str), ("question", str), ("answerable", bool)):
        if not isinstance(obj.get(key), kind):
            raise GoldError(f"{where}: {key!r} is missing or not a {kind.__name__}")
    if not obj["question"].strip():
        raise GoldError(f"{where}: empty question")
    evidence = []
    for i, ev in enumerate(obj.get("evidence") or []):
        if not (
            isinstance(ev, dict) and isinstance(ev.get("doc_id"), str) and ev.get("quote")
        ) or not isinstance(ev["quote"], str):
            raise GoldError(f"{where}: evidence[{i}] needs a doc_id and a non-empty quote")
        evidence.append(Evidence(ev["doc_id"], ev["quote"]))
    if obj["answerable"] and not evidence:
        raise GoldError(f"{where}: an answerable question needs evidence")
    return GoldQuestion(
        id=obj["id"],
        question=obj["question"],
        answerable=obj["answerable"],
        evidence=evidence,
        key_terms=_str_list(obj.get("key_terms"), "key_terms", where),
        history=_str_list(obj.get("history"), "history", where),
        tags=_str_list(obj.get("tags"), "tags", where),
        kind=obj["kind"] if isinstance(obj.get("kind"), str) else None,
        source=where,
    )


def load_gold(paths: Sequence[Path]) -> list[GoldQuestion]:
    """All questions of the given files, in order; ids must be unique across them."""
    questions: list[GoldQuestion] = []
    seen: dict[str, str] = {}
    for path in paths:
        if not path.is_file():
            raise GoldError(f"gold file {path} does not exist")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{where}: not valid JSON ({exc.msg})") from None
            q = parse_line(obj, where)
            if q.id in seen:
                raise GoldError(f"{where}: duplicate id {q.id!r} (first at {seen[q.id]})")
            seen[q.id] = where
            questions.append(q)
    if not questions:
        raise GoldError("the gold files hold no questions")
    return questions


# Characters PDF extractors render differently (issue 16): ligatures, quote marks, dashes.
_FOLD = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\ufffe": "-",
        "\u00ad": "",
    }
)
_folded_cache: dict[int, tuple[str, str, list[int]]] = {}


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace and with _FOLD applied, and each folded character's offset
    in ``text`` (cached per text: one document holds many quotes)."""
    cached = _folded_cache.get(id(text))
    if cached is not None and cached[0] is text:
        return cached[1], cached[2]
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for out in ch.translate(_FOLD):
            chars.append(out)
            offsets.append(i)
    folded = "".join(chars)
    if len(_folded_cache) > 64:
        _folded_cache.clear()
    _folded_cache[id(text)] = (text, folded, offsets)
    return folded, offsets


def locate_quote(text: str, quote: str) -> tuple[int, int]:
    """(start, length) of ``quote`` in ``text``, or (-1, -1).

    Verbatim first; then ignoring whitespace, ligatures, quote-mark and dash variants, mapped
    back to exact offsets in ``text``, so gold quotes written against one PDF extractor's
    text still locate their span in another's (the gold files are never rewritten).
    """
    start = text.find(quote)
    if start >= 0:
        return start, len(quote)
    needle = "".join(ch for ch in quote.translate(_FOLD) if not ch.isspace())
    if not needle:
        return -1, -1
    folded, offsets = _folded(text)
    at = folded.find(needle)
    if at < 0:
        return -1, -1
    first, last = offsets[at], offsets[at + len(needle) - 1]
    return first, last + 1 - first


def locate_evidence(
    questions: Iterable[GoldQuestion],
    text_of: Callable[[str], str | None],
    authority_of: Callable[[str], str | None] = lambda _doc_id: None,
) -> list[str]:
    """Set each quote's offset in its document; return one problem per quote not found."""
    problems = []
    for q in questions:
        located: list[Evidence] = []
        for ev in [ev for ev in q.evidence if not ev.repeat]:
            located.append(ev)
            text = text_of(ev.doc_id)
            if text is None:
                problems.append(f"{q.source} {q.id}: no document {ev.doc_id!r}")
                continue
            ev.start, ev.length = locate_quote(text, ev.quote)
            ev.authority = authority_of(ev.doc_id)
            if ev.start < 0:
                problems.append(
                    f"{q.source} {q.id}: quote not verbatim in {ev.doc_id}: {ev.quote[:80]!r}"
                )
            located += _repeated(ev, text)
        q.evidence = located
    return problems


# A quote this long found twice in a document is the same statement twice (a report's summary
# repeats its findings' first sentences): either place holds the evidence. A shorter one
# ("Good") would match places that say something else.
MIN_REPEATED_QUOTE = 40


def _repeated(ev: Evidence, text: str) -> list[Evidence]:
    """Evidence for each further verbatim occurrence of ``ev``'s quote in its document."""
    if ev.start < 0 or len(ev.quote) < MIN_REPEATED_QUOTE:
        return []
    found, at = [], text.find(ev.quote, ev.start + 1)
    while at >= 0:
        found.append(Evidence(ev.doc_id, ev.quote, at, ev.authority, len(ev.quote), repeat=True))
        at = text.find(ev.quote, at + 1)
    return found


class CorpusTexts:
    """Stored text of documents read straight from corpus directories, loaded on demand.

    Uses the index's own loader, so the text is the one passage offsets refer to; lets a
    gold file be checked without building an index.
    """

    def __init__(self, corpus_dirs: Sequence[Path], settings: Settings | None = None) -> None:
        settings = settings or Settings()
        self._paths: dict[str, tuple[Path, Path]] = {}
        self._max_bytes = settings.max_file_bytes
        self._cache: dict[str, tuple[str, str | None] | None] = {}
        for corpus in corpus_dirs:
            for folder in corpus_folders(corpus, settings.ilacs_reports)[0]:
                for path in discover(folder.folder):
                    doc_id = doc_id_for(path.relative_to(folder.root))
                    self._paths.setdefault(doc_id, (path, folder.root))

    def _load(self, doc_id: str) -> tuple[str, str | None] | None:
        if doc_id not in self._cache:
            found = self._paths.get(doc_id)
            if found is None:
                self._cache[doc_id] = None
            else:
                doc = load_document(fingerprint(found[0], found[1], self._max_bytes))
                self._cache[doc_id] = (doc.text, doc.meta.authority)
        return self._cache[doc_id]

    def text(self, doc_id: str) -> str | None:
        loaded = self._load(doc_id)
        return loaded[0] if loaded else None

    def authority(self, doc_id: str) -> str | None:
        loaded = self._load(doc_id)
        return loaded[1] if loaded else None
