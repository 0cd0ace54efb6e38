"""Query expansion from a small Ofsted lexicon of synonyms: the names one thing goes by in
reports and council papers ("children in care", "looked after children", "CLA").

The lexicon is data (``index/data/lexicon.tsv``), one group of names a line. A question that
names one of a group also searches for the others; matching is on the lexical index's stemmed
words, so "care leaver" matches "care leavers". A name written in capitals is an acronym and
matches only in capitals: "send" the verb is not SEND.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.retrieval.lexical import stem_words, tokenize

LEXICON_FILE = Path(__file__).resolve().parent.parent / "data" / "lexicon.tsv"


@dataclass(frozen=True)
class Name:
    """One name of a group: its text, its stemmed words, and whether it is an acronym."""

    text: str
    stems: tuple[str, ...]
    acronym: bool


@dataclass(frozen=True)
class Expansion:
    """The other names of every group a query names, and their stems not already in it."""

    names: tuple[str, ...]
    stems: tuple[str, ...]


@dataclass(frozen=True)
class Alternatives:
    """A name's index tokens, and those of the other names of its group."""

    tokens: tuple[str, ...]
    others: list[tuple[str, ...]]


class Lexicon:
    """Groups of interchangeable names, read from a tab-separated file."""

    def __init__(self, groups: list[list[str]], by_acronym_only: Iterable[int] = ()) -> None:
        """``by_acronym_only``: the groups (by position) that only their acronyms name."""
        self.groups = [[Name(t, tuple(_words(t)), _is_acronym(t)) for t in g] for g in groups if g]
        self._by_acronym_only = frozenset(by_acronym_only)
        self._tokens = [[tuple(tokenize([n.text])[0]) for n in g] for g in self.groups]
        self._lengths = frozenset(len(n.stems) for g in self.groups for n in g if n.stems)
        # Which groups each name as written or stemmed, and which names hold each token: a
        # query is looked up in them rather than tested against every name (hundreds, with
        # the corpus's acronyms), twice per question.
        self._by_acronym: dict[str, list[int]] = {}
        self._by_stems: dict[tuple[str, ...], list[int]] = {}
        for k, group in enumerate(self.groups):
            for n in group:
                if n.acronym:
                    self._by_acronym.setdefault(n.text, []).append(k)
                elif n.stems and k not in self._by_acronym_only:
                    self._by_stems.setdefault(n.stems, []).append(k)
        # An acronym's plural is often another token than its singular ("SGOs" → "sgos",
        # "SGO" → "sgo"): a question typing either names it.
        self._plurals = {
            (k, j): plural
            for k, group in enumerate(self.groups)
            for j, n in enumerate(group)
            if n.acronym
            and (plural := tuple(tokenize([f"{n.text}s"])[0]))
            # Not when the group names the plural itself ("PA", "PAs").
            and plural not in self._tokens[k]
        }
        self._by_token: dict[str, list[tuple[int, int]]] = {}
        for k, tokens in enumerate(self._tokens):
            for j, name in enumerate(tokens):
                for token in dict.fromkeys((*name, *self._plurals.get((k, j), ()))):
                    self._by_token.setdefault(token, []).append((k, j))

    @classmethod
    def read(cls, path: Path = LEXICON_FILE) -> "Lexicon":
        """One group a line; a line opening with ">" is named by its acronyms only."""
        groups: list[list[str]] = []
        only: list[int] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                if line.startswith(">"):
                    only.append(len(groups))
                    line = line[1:]
                groups.append([n.strip() for n in line.split("\t") if n.strip()])
        return cls(groups, only)

    def with_groups(
        self, groups: Iterable[Sequence[str]], by_acronym_only: bool = False
    ) -> "Lexicon":
        """This lexicon and those of ``groups`` naming nothing it names already (a name of
        the file's keeps the file's group). ``by_acronym_only``: the added groups are named
        by their acronyms alone, their long forms naming nothing to expand."""
        texts = {n.text for g in self.groups for n in g}
        stems = {n.stems for g in self.groups for n in g}
        added = [
            list(g) for g in groups if not any(n in texts or tuple(_words(n)) in stems for n in g)
        ]
        first = len(self.groups)
        only = set(self._by_acronym_only)
        if by_acronym_only:
            only.update(range(first, first + len(added)))
        return Lexicon([[n.text for n in g] for g in self.groups] + added, only)

    def expand(self, query: str) -> Expansion:
        """What ``query`` should also search for: the other names of the groups it names."""
        said = _Said.of(query, self._lengths)
        named: set[int] = set()
        for word in said.written:
            # An acronym is said as written or with a plural "s" ("LACs").
            for text in (word, word[:-1]) if word.endswith("s") else (word,):
                named.update(self._by_acronym.get(text, ()))
        for run in said.runs:
            named.update(self._by_stems.get(run, ()))
        names: list[str] = []
        for k in sorted(named):
            names.extend(n.text for n in self.groups[k] if not said.names(n))
        present = set(tokenize([query])[0])
        extra = dict.fromkeys(s for n in names for s in tokenize([n])[0] if s not in present)
        return Expansion(tuple(names), tuple(extra))

    def spelled_out(self, query: str) -> str:
        """``query`` with every acronym it writes followed by its group's first long form
        ("IROs (independent reviewing officers)"): the encoder knows words, not acronyms, and
        the acronym stays for the reports that write it."""

        def long_form(m: re.Match[str]) -> str:
            word = m.group(0)
            plural = word.endswith("s") and word not in self._by_acronym
            groups = self._by_acronym.get(word[:-1] if plural else word)
            if not groups:
                return word
            long = next((n.text for n in self.groups[groups[0]] if not n.acronym), None)
            if long is None:
                return word
            long = f"{long}s" if plural and not long.endswith("s") else long
            return f"{word} ({long})"

        return re.sub(r"[\w&]+", long_form, query)

    def names_within(self, terms: set[str] | frozenset[str]) -> list[Alternatives]:
        """Every name whose index tokens are all among ``terms``, with its group's other
        names: "front door" in a question whose terms hold "front" and "door" is also
        "multi-agency safeguarding hub" and "MASH"."""
        out = []
        held = sorted({kj for t in terms for kj in self._by_token.get(t, ())})
        for k, j in held:
            tokens = self._tokens[k]
            name = tokens[j]
            for form in (name, self._plurals.get((k, j), ())):
                if form and set(form) <= terms:
                    out.append(Alternatives(form, [t for t in tokens if t and t != name]))
                    break
        return out


def _words(text: str) -> list[str]:
    """Every word of ``text``, lowercased and stemmed, stopwords kept."""
    return stem_words(re.findall(r"\w+", text.lower().replace("’", "'")))


def _is_acronym(text: str) -> bool:
    """ "SEND", "H&WB", and mixed-case "EqIA", "DfE", "SoS" (read as written: "sos" is
    not SoS); an upper-case plural ("PAs") is a word, as it was before."""
    if " " in text:
        return False
    return text.isupper() or (sum(c.isupper() for c in text) >= 2 and not text[:-1].isupper())


@dataclass(frozen=True)
class _Said:
    """A query's words as written (for acronyms: "SEND", "H&WB", "LACs") and its runs of
    stemmed words (for names of words), worked out once for every name of the lexicon."""

    written: frozenset[str]
    runs: frozenset[tuple[str, ...]]

    @classmethod
    def of(cls, query: str, lengths: frozenset[int]) -> "_Said":
        """``lengths``: how many words the lexicon's names have (its runs are those)."""
        words = _words(query)
        runs = {tuple(words[i : i + n]) for n in lengths for i in range(len(words) - n + 1)}
        return cls(frozenset(re.findall(r"[\w&]+", query)), frozenset(runs))

    def names(self, name: Name) -> bool:
        if name.acronym:
            return name.text in self.written or f"{name.text}s" in self.written
        return bool(name.stems) and name.stems in self.runs


@lru_cache(maxsize=2)
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """The lexicon file, read once per process."""
    return Lexicon.read(path)
