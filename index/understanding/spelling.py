"""Names as staff type them: authorities in lower case or misspelt ("hertfordshre",
"Middlesborough"), grades misspelt or shortened ("inadequte", "RI"). Written as the gazetteer
and the reports spell them before a question is read, so the authority filter, follow-ups and
grade answers see what was meant."""

import re
from collections.abc import Callable
from functools import cache

from index.gazetteer import (
    AUTHORITIES,
    LOWER_CASE_NAMES,
    WORDS_AS_NAMES,
    canonical_authority,
    find_authority_spans,
    one_word_names,
)
from index.ingest.judgements import GRADES
from index.retrieval.lexical import stem_words

_WORD = re.compile(r"[A-Za-z]+")
# Shorter names have everyday words one letter away ("Harrow"/"narrow", "Leeds"/"needs").
_SHORTEST_MISSPELT = 7
# Down to five letters ("harow", "luten") a misspelt name keeps its first two letters; an
# everyday word the documents use is read as that word.
_SHORTEST_NAME_MISSPELT = 5
# "Was Wakefield RI in 2018?": staff shorthand for the grade (in capitals: "ri" is no word).
_RI = re.compile(r"\bRI\b")
# "whats the CiC grade …": a question word's contraction typed without its apostrophe.
_NO_APOSTROPHE = re.compile(r"\b(what|how|who|where)s\b", re.I)
# Words of an inspection, which make a name that is also a word ("bury", "hull") the name.
_INSPECTION_WORDS = (
    r"ilacs|ofsted|(?:re-?)?inspect\w*|reports?|judged|rated|graded|lscb|monitoring\s+visits?|"
    r"focused\s+visits?|jtai|(?:19|20)\d\d"
)
# Right after the name ("bury judged inadequate", "hull's 2023 report", "stoke council").
_NAME_CUE_AFTER = re.compile(
    # "same q for stoke in the 2022 report": its inspection, said after "in (the)".
    rf"(?:['’]s)?[\s,:-]+(?:in\s+(?:the\s+|its\s+)?)?(?:{_INSPECTION_WORDS}|council|cc|"
    r"children['’]?s\s+services|"
    r"grades?|ratings?|safeguarding)\b",
    re.I,
)
# "hull front door ofsted visit feb 2018": a question opening on a name that is a word, about
# an inspection further on, names the authority (no question opens on the word "hull").
_NAME_CUE_LATER = re.compile(rf"\b(?:{_INSPECTION_WORDS})\b", re.I)
# "the leaving care grant in stoke?", "what happened at hull": a name that is a word, after
# "in" or "at" and closing the question (or its clause), is the place. "In reading" is the
# subject.
_PLACE_BEFORE = re.compile(r"\b(?:in|at)\s+$", re.I)
_PLACE_AFTER = re.compile(r"(?:['’]s)?\s*(?:[?.!,;:]|$)")
# Initials joined by "&" ("b&nes", "h&f") spell no word: in any case they are the name.
_AMPERSAND_INITIALS = re.compile(r"(?<![\w&])[a-z]{1,3}&[a-z]{1,4}(?![\w&])", re.I)
# Of the names that are words, the one a question may open on as the word ("reading age of
# children in care ofsted"); "hull front door ofsted visit" opens on the name.
_OPENS_QUESTIONS_AS_A_WORD = {"reading"}
# The one-word grades a misspelling is compared with ("inadequte"). Not "requires" nor
# "improvement": "required", "improvements" are words of their own.
_GRADE_WORDS = {g: g for g in GRADES if " " not in g and len(g) >= _SHORTEST_MISSPELT}


def _distance(a: str, b: str, bound: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from ``a`` to ``b``; anything
    over ``bound`` is ``bound + 1``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] and before:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > bound:
            return bound + 1
        before, row = row, current
    return min(row[-1], bound + 1)


def _meant(word: str, names: dict[str, str], shortest: int = _SHORTEST_MISSPELT) -> str | None:
    """The one name (of ``names``: spelling → name, of ``shortest`` letters or more) that
    ``word`` misspells, if it is closer to one than to any other: one edit away for up to 9
    letters, two beyond."""
    bound = 1 if len(word) <= 9 else 2
    # Typos keep the first letter ("Stafford", a town, is not "Salford"); a short name's
    # first two, and a letter left out, doubled or swapped, not another letter in its place
    # (which makes words: "lends", "devin", "boston").
    short = len(word) < _SHORTEST_MISSPELT
    kept = 2 if short else 1
    scored = sorted(
        (_distance(word, variant, bound), name)
        for variant, name in names.items()
        if len(variant) >= shortest
        and variant[:kept] == word[:kept]
        and not (short and len(variant) == len(word) and sorted(variant) != sorted(word))
    )
    close = [(d, name) for d, name in scored if d <= bound]
    if not close:
        return None
    best = close[0][0]
    meant = {name for d, name in close if d == best}
    return meant.pop() if len(meant) == 1 else None


# "peterboro", "wolverhamp": a long name cut short, as staff type it.
_SHORTEST_CUT = 7


def _cut_short(word: str, names: dict[str, str]) -> str | None:
    """The one name that begins with ``word`` (of _SHORTEST_CUT letters or more), two letters
    or more longer than it."""
    if len(word) < _SHORTEST_CUT:
        return None
    begun = {n for v, n in names.items() if v.startswith(word) and len(v) >= len(word) + 2}
    return begun.pop() if len(begun) == 1 else None


@cache
def _names_by_stem() -> dict[str, tuple[str, str]]:
    """Each one-word name's stem (as the index stores it) → the name as said, and the
    authority it names."""
    return {stem_words([v])[0]: (v, name) for v, name in one_word_names().items()}


def _name_stemmed_as(word: str) -> str | None:
    """The name ``word`` is one edit from and shares its stem with ("solihul": Solihull,
    "southends": Southend-on-Sea; not "reads", three from Reading)."""
    said, name = _names_by_stem().get(stem_words([word])[0], ("", ""))
    return name if name and _distance(word, said, 1) <= 1 else None


def spelled(text: str, is_word: Callable[[str], bool]) -> str:
    """``text`` with authorities and grades written as the documents write them."""
    text = _NO_APOSTROPHE.sub(lambda m: f"{m.group(1)}'s", text)
    return grades_spelled(authorities_spelled(text, is_word), is_word)


def grades_spelled(text: str, is_word: Callable[[str], bool]) -> str:
    """``text`` with a grade shortened ("RI") or misspelt ("inadequte") written in full."""
    text = _RI.sub("requires improvement", text)

    def written(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if (
            len(low) < _SHORTEST_MISSPELT
            or any(low.startswith(g) for g in _GRADE_WORDS)  # "inadequately" is a word
            or is_word(low)
        ):
            return word
        return _meant(low, _GRADE_WORDS) or word

    return _WORD.sub(written, text)


def _several_word_names() -> dict[int, dict[str, str]]:
    """The authorities named in several words ("Tower Hamlets", "Stoke-on-Trent"), by how many,
    each as its lower-cased words joined by spaces → the name."""
    out: dict[int, dict[str, str]] = {}
    for name in AUTHORITIES:
        words = _WORD.findall(name.lower())
        if len(words) > 1:
            out.setdefault(len(words), {})[" ".join(words)] = name
    return out


_SEVERAL_WORD_NAMES = _several_word_names()


def _several_words_spelled(text: str, is_word: Callable[[str], bool]) -> str:
    """``text`` with an authority of several words misspelt in one of them ("Tower Hamlts",
    "milton keyns") written as its name."""
    taken = [(a, b) for a, b, _ in find_authority_spans(text)]
    words = list(_WORD.finditer(text))
    out: list[str] = []
    last = 0
    i = 0
    while i < len(words):
        for n, names in sorted(_SEVERAL_WORD_NAMES.items(), reverse=True):
            window = words[i : i + n]
            start, end = window[0].start(), window[-1].end()
            said = [w.group(0).lower() for w in window]
            if (
                len(window) < n
                or any(a < end and start < b for a, b in taken)
                or all(is_word(w) for w in said)
            ):
                continue
            if (name := _meant(" ".join(said), names)) is not None:
                out.append(text[last:start] + name)
                last = end
                i += n - 1
                break
        i += 1
    return "".join(out) + text[last:] if out else text


def _initials_named(match: re.Match[str]) -> str:
    """The gazetteer's own spelling of initials typed in another case ("b&nes": "B&NES")."""
    name = canonical_authority(match.group(0))
    if name is None:
        return match.group(0)
    said = next((a for a in AUTHORITIES[name] if a.lower() == match.group(0).lower()), None)
    return said or match.group(0)


def authorities_spelled(text: str, is_word: Callable[[str], bool]) -> str:
    """``text`` with each authority typed in lower case or misspelt written as its name.
    ``is_word``: whether a lower-cased word is one the documents use (not a misspelling)."""
    text = _AMPERSAND_INITIALS.sub(_initials_named, _several_words_spelled(text, is_word))
    taken = [(a, b) for a, b, _ in find_authority_spans(text)]
    names = one_word_names()
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        if any(a < end and start < b for a, b in taken):
            continue
        word = match.group(0).lower()
        name = LOWER_CASE_NAMES.get(word) if match.group(0).islower() else None
        if (
            name is None
            and word in WORDS_AS_NAMES
            and (
                _NAME_CUE_AFTER.match(text, end)
                or (
                    not text[:start].strip()
                    and word not in _OPENS_QUESTIONS_AS_A_WORD
                    and _NAME_CUE_LATER.search(text, end)
                )
                or (
                    word not in _OPENS_QUESTIONS_AS_A_WORD
                    and _PLACE_BEFORE.search(text, 0, start)
                    and _PLACE_AFTER.match(text, end)
                )
            )
        ):
            name = WORDS_AS_NAMES[word]
        if name is None and len(word) >= _SHORTEST_NAME_MISSPELT and word not in names:
            if not is_word(word):
                name = _meant(word, names, _SHORTEST_NAME_MISSPELT) or _cut_short(word, names)
            else:
                # A word the documents use is that word, unless it is a name's own stem
                # ("solihul" is how the index stores "Solihull").
                name = _name_stemmed_as(word)
        if name is not None:
            out.append(text[last:start] + name)
            last = end
    return "".join(out) + text[last:] if out else text
