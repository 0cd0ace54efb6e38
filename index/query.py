"""Understanding a question: the authorities it names, and follow-ups resolved from history."""

import re
from dataclasses import dataclass

from index.gazetteer import find_authorities, find_authority_spans

_FOLLOW_UP = re.compile(
    r"^\s*(and|what about|how about|what of|and what about|same for|also)\b", re.I
)
_FILLER = re.compile(
    r"\b(and|what|about|how|of|the|for|same|also|did|does|do|it|they|that|this|there|say|said|"
    r"ofsted|is|was|were|are)\b",
    re.I,
)


_BACK_REFERENCE = re.compile(r"\b(it|its|they|them|their|this|that|these|those)\b", re.I)


_YEAR = re.compile(r"\b(?:19[89]\d|20\d\d)\b")
_LATEST = re.compile(r"\b(latest|most recent(ly)?|newest|current(ly)?)\b", re.I)


@dataclass(frozen=True)
class When:
    """The time a question asks about: inspection years named, or the most recent."""

    years: tuple[str, ...] = ()
    latest: bool = False


def when_asked(text: str) -> When | None:
    """``When`` for "in its 2018 inspection" or "most recently"; None when no time is asked."""
    years = tuple(dict.fromkeys(_YEAR.findall(text)))
    if years:
        return When(years=years)
    return When(latest=True) if _LATEST.search(text) else None


@dataclass(frozen=True)
class ResolvedQuestion:
    """The standalone query actually searched, and the authorities it is about."""

    query: str
    authorities: tuple[str, ...]
    from_history: bool


def strip_authorities(text: str) -> str:
    """``text`` without the authority names in it (what is left is the topic)."""
    out, last = [], 0
    for start, end, _name in find_authority_spans(text):
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return re.sub(r"\s{2,}", " ", "".join(out)).strip()


def _topic_words(text: str) -> str:
    stripped = strip_authorities(text)
    stripped = re.sub(r"[^\w\s'’-]", " ", stripped)
    return _FILLER.sub(" ", stripped).strip()


def resolve(question: str, history: list[str] | None = None) -> ResolvedQuestion:
    """Rewrite a follow-up into a standalone query, carrying authority and topic over.

    "and Hertfordshire?" after "what did Ofsted say about care leavers in Calderdale?"
    becomes "what did Ofsted say about care leavers in Hertfordshire?"; "what about
    leadership?" keeps the earlier authority.
    """
    authorities = tuple(find_authorities(question))
    history = [h for h in (history or []) if h and h.strip()]
    if not history:
        return ResolvedQuestion(question.strip(), authorities, False)
    previous = resolve(history[-1], history[:-1])
    query = question.strip()
    carried = False
    topic_missing = len(_topic_words(question).split()) == 0
    if topic_missing and previous.query:
        # Only an authority (or nothing) was given: ask the previous question of it.
        base = re.sub(
            r"\s+\b(in|for|at|of|by|from)$", "", strip_authorities(previous.query).rstrip(" ?.")
        )
        names = " and ".join(authorities or previous.authorities)
        query = f"{base} in {names}?" if names else previous.query
        carried = True
    elif not authorities and previous.authorities:
        suffix = " and ".join(previous.authorities)
        bare = re.sub(r"^(and|also)\s+", "", query, flags=re.I).rstrip(" ?.")
        if _BACK_REFERENCE.search(bare):
            # "when is it due?" after "who owns the foster carers action?": "it" is that topic.
            topic = re.sub(
                r"\s+\b(in|for|at|of|by|from)$", "", " ".join(_topic_words(previous.query).split())
            )
            bare = f"{bare}, {topic}"
        elif not _YEAR.search(bare) and (years := _YEAR.findall(previous.query)):
            # The conversation keeps its time as it keeps its authority.
            bare = f"{bare} in {' and '.join(dict.fromkeys(years))}"
        query = f"{bare} in {suffix}?"
        authorities = previous.authorities
        carried = True
    elif _FOLLOW_UP.match(query):
        query = re.sub(r"^\s*(and|also)\s+", "", query, flags=re.I)
    return ResolvedQuestion(query, authorities or previous.authorities, carried)
