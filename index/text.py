"""Small text helpers shared by loaders, chunking and answering: sentences, words, slugs."""

import re
import unicodedata
from functools import lru_cache

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "no",
    "nos",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "cf",
    "approx",
    "dept",
    "govt",
    "cllr",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "para",
    "paras",
    "fig",
    "ref",
    "incl",
}
# A sentence ends at . ! or ? (optionally followed by closing quotes or brackets) before
# whitespace and a capital, digit, quote or bullet; or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[A-Z0-9•\-])|\n+")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences, as (start, end) offsets into ``text``.

    Spans are trimmed of surrounding whitespace; abbreviations and decimals do not end one.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end() if match.group().strip() else match.start()
        if match.group()[0] == ".":
            prev = re.search(r"([A-Za-z.]+)\.$", text[cursor : match.start() + 1])
            if prev and prev.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if text[cursor : match.start()].strip().isdigit():
                continue  # "1." at the start of a numbered paragraph is a label
        _append_trimmed(text, cursor, stop, spans)
        cursor = match.end()
    _append_trimmed(text, cursor, end, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def words(text: str) -> list[str]:
    """Lowercased word tokens with apostrophes folded, for overlap measures."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def slugify(value: str) -> str:
    """A stable, URL-safe identifier: lowercase ascii, digits, underscores and hyphens."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^A-Za-z0-9_]+", "-", value).strip("-").lower()
    return re.sub(r"-{2,}", "-", value)


def normalise_whitespace(text: str) -> str:
    """Collapse runs of spaces and tabs, keep line structure, drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text)


# Standard English function words, left out of lexical matching.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further had hadn't has hasn't have
    haven't having he he'd he'll he's her here here's hers herself him himself his how how's i
    i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my
    myself no nor not of off on once only or other ought our ours ourselves out over own same
    shan't she she'd she'll she's should shouldn't so some such than that that's the their
    theirs them themselves then there there's these they they'd they'll they're they've this
    those through to too under until up very was wasn't we we'd we'll we're we've were weren't
    what what's when when's where where's which while who who's whom why why's will with won't
    would wouldn't you you'd you'll you're you've your yours yourself yourselves also please
    tell me us any anything much many re""".split()
)


def passage_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences a passage is embedded as, one vector each (the whole text when it has
    none): the build and the queries must split a passage alike."""
    return sentences_of(text) or ((0, len(text)),)


@lru_cache(maxsize=65536)  # above the archive's passages: the server splits each once
def sentences_of(text: str) -> tuple[tuple[int, int], ...]:
    """``sentence_spans(text)``, kept: the search, the sentence cosines and the answer split
    the same passages again and again."""
    return tuple(sentence_spans(text))
