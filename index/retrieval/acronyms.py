"""Acronyms the corpus defines for itself: "female genital mutilation (FGM)".

Reports spell an acronym out at its first use and write it short after that, and staff ask in
either form ("did they recognise the risk of FGM?"). The lexicon file holds the common ones;
this finds every other one the documents define, so that a question in one form finds and
answers from a passage in the other. A definition counts when the initials of the words
before the brackets spell the acronym (small words such as "and" and "of" may be skipped);
an acronym defined more than one way ("FGM": female genital mutilation, family group
meetings) takes its usual long form, and one with no usual form is left out.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from index.understanding.lexicon import FRAMEWORKS

# "(FGM)", "(IROs)", "(DfE)", "(H&WB)": a capital, then up to seven letters or "&".
_DEFINED = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# Words a long form may hold without their initial in the acronym.
_SMALL = frozenset({"a", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"})
# How far back the long form may start: a few small words beyond one word per letter.
_SLACK = 3
_BEFORE_CHARS = 160
_FRAMEWORKS = frozenset(name for name, _ in FRAMEWORKS)


def defined_acronyms(
    texts: Iterable[str], min_uses: int = 2, min_share: float = 0.6
) -> list[list[str]]:
    """[long form, acronym, …] for every acronym ``texts`` define at least ``min_uses`` times,
    its usual long form taking at least ``min_share`` of its definitions; two acronyms of one
    long form ("HWB", "H&WB") are one group. Frameworks are not among them: the question's
    framework is read as such (understanding/lexicon.FRAMEWORKS), not searched for."""
    return _grouped(_definitions(texts), min_uses, min_share)


def acronyms_by_use(
    texts: Iterable[str], min_share: float = 0.6
) -> tuple[list[list[str]], list[list[str]]]:
    """``defined_acronyms``' groups of acronyms defined at least twice, and the other groups
    of those defined at least once, from one reading of ``texts``."""
    forms = _definitions(texts)
    usual = _grouped(forms, 2, min_share)
    return usual, [g for g in _grouped(forms, 1, min_share) if g not in usual]


def _definitions(texts: Iterable[str]) -> dict[str, Counter[str]]:
    """Each acronym ``texts`` define, with how often each long form defines it."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for match in _DEFINED.finditer(text):
            acronym = _singular(match.group(1))
            letters = "".join(c for c in acronym if c.isupper())
            if len(letters) < 2:
                continue
            before = text[max(0, match.start() - _BEFORE_CHARS) : match.start()]
            long_form = _spelled_out(letters, _WORD.findall(before.split("\n")[-1]))
            if long_form:
                forms[acronym][long_form] += 1
    return forms


def _grouped(forms: dict[str, Counter[str]], min_uses: int, min_share: float) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for acronym, counts in sorted(forms.items()):
        long_form, uses = counts.most_common(1)[0]
        if acronym in _FRAMEWORKS:
            continue
        if uses >= min_uses and uses >= min_share * sum(counts.values()):
            groups.setdefault(long_form, [long_form]).append(acronym)
    return list(groups.values())


def _spelled_out(letters: str, words: list[str]) -> str | None:
    """The shortest run of the last ``words`` whose initials, small words aside, are
    ``letters``; lower-cased, without a trailing possessive."""
    for size in range(len(letters), min(len(words), len(letters) + _SLACK) + 1):
        run = words[-size:]
        initials = "".join(w[0] for w in run if w.lower() not in _SMALL).upper()
        if initials == letters and run[0].lower() not in _SMALL:
            words_out = [w.lower().replace("’", "'") for w in run]
            words_out[-1] = re.sub(r"'s$", "", words_out[-1])
            return " ".join(words_out)
    return None


def _singular(acronym: str) -> str:
    """ "IROs" → "IRO": the plural of an acronym is the same name."""
    if len(acronym) > 2 and acronym.endswith("s") and acronym[:-1].isupper():
        return acronym[:-1]
    return acronym


class TypedInLowerCase:
    """Acronyms staff type in lower case ("lado", "cic", "ehcps"), read as the documents write
    them ("LADO", "CiC", "EHCPs") where the documents never use the lower-case form as a word
    of their own: "send" and "it" stay words, "lado" is the LADO. Everything after reads the
    acronym by its capitals (the lexicon, the long form the encoder reads beside it)."""

    # A lower-case use or two is a typing slip in a report ("the mash"); more is a word.
    _SLIPS = 1

    def __init__(
        self, acronyms: Iterable[str], texts_holding: Callable[[str], Iterable[str] | None]
    ) -> None:
        """``acronyms`` in order of preference where two share a lower case ("CIC", "CiC").
        ``texts_holding``: the texts that hold a word in any case (its or its plural's
        passages), or None for a word no text is searched for (a stopword: "it", "as")."""
        self._as_written: dict[str, str] = {}
        for acronym in acronyms:
            if not acronym.islower():
                self._as_written.setdefault(acronym.lower(), acronym)
        self._texts_holding = texts_holding
        # Worked out when a question first types the word (its passages read, a few ms).
        self._read: dict[str, str | None] = {}

    def cased(self, text: str) -> str:
        """``text`` with each acronym typed in lower case written as the documents write it."""
        return _LOWER_WORD.sub(lambda m: self._acronym(m.group(0)) or m.group(0), text)

    def _acronym(self, word: str) -> str | None:
        singular = word[:-1] if word.endswith("s") and word not in self._as_written else word
        acronym = self._as_written.get(singular)
        if acronym is None:
            return None
        # Only an acronym's lower case is remembered: the cache holds a few hundred at most.
        if word not in self._read:
            used = self._used_as_a_word(singular)
            self._read[word] = None if used else acronym + word[len(singular) :]
        return self._read[word]

    def _used_as_a_word(self, word: str) -> bool:
        """Whether the documents write ``word`` (or its plural) in lower case more than a slip."""
        texts = self._texts_holding(word)
        if texts is None:
            return True
        pattern = re.compile(rf"(?<![\w&]){re.escape(word)}s?(?![\w&])")
        uses = 0
        for text in texts:
            if word in text:
                for _ in pattern.finditer(text):
                    uses += 1
                    if uses > self._SLIPS:
                        return True
        return False


_LOWER_WORD = re.compile(r"(?<![\w&])[a-z][a-z&]*(?![\w&])")
