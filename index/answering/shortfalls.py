"""What held a grade back: "why was help and protection only good?" is answered by what the
section says fell short ("Some children live with neglect for too long …"), not by its
opening, which praises what went well before the "however"."""

import re

from index.text import sentences_of
from index.types import Hit
from index.understanding.lexicon import GRADE

# Asking what fell short: "only good", "why not good?", "why did it drop?", "what stopped care
# leavers getting outstanding?", "what went wrong?".
_SHORT_ASKED = re.compile(
    r"\b(?:only|not|never|drop\w*|fell|fall\w*|declin\w*|wors\w*|slipp\w*|stopp\w*|"
    r"prevent\w*|held|short|wrong|lower\w*|downgrad\w*|down|pull\w*|dragg\w*|let)\b|n['’]t\b"
    # "how come H&P wasnt?": typed without its apostrophe.
    r"|\b(?:was|were|is|are|did|does|do|has|have|had)nt\b",
    re.I,
)
_GRADE_WORD = re.compile(rf"\b(?:{GRADE})\b", re.I)
# Asking what went well: "why did it improve?", "how did they get better?".
_BETTER_ASKED = re.compile(r"\b(?:improv\w*|better|rise|rose|up|upgrad\w*|progress\w*)\b", re.I)
# The words a report marks a shortfall with: "however", "not always", "too long", "a small
# number of children", "inconsistent", "delay". Not "not" alone: "care leavers not in
# education" is a count, not a criticism.
_SHORTFALL = re.compile(
    r"\b(?:however|but|although|insufficient\w*|inconsisten\w*|variab\w*|delay\w*|weak\w*|"
    r"poor\w*|lack\w*|gaps?|limited|fail\w*|drift|shortfall\w*|deteriorat\w*|declin\w*|"
    r"fewer|minority|small\s+number|too\s+(?:long|many|few|slow\w*|late|often|much|"
    r"variable|early)|not\s+(?:always|yet|consistently|all|sufficiently|enough|well|as|routinely|"
    r"fully|robust\w*|timely|effective\w*|clear\w*|good|strong|been|being|received?|"
    r"prompt\w*|regular\w*|responsive|considered|understood)|"
    # "… who are not in education, training or employment" counts them.
    r"(?:do|does|did|is|are|was|were|has|have|had)\s+not(?!\s+in\s+(?:education|employment))|"
    r"(?:do|does|is|are|has|have)n['’]t)\b",
    re.I,
)


def asks_what_fell_short(question: str) -> bool:
    """Whether a why-question asks what held a grade back ("only good", "why not?", "why did
    it drop?"), not what raised it ("why did it improve?"). A plain "why?" of a low grade is
    answered by the section's own opening, which sums up its shortfalls."""
    # "drop to requires improvement": the grade's own word is no rise.
    question = _GRADE_WORD.sub(" ", question)
    return bool(_SHORT_ASKED.search(question)) and not _BETTER_ASKED.search(question)


def _short_sentences(text: str) -> list[int]:
    """Where the sentences of ``text`` that mark a shortfall begin."""
    return [start for start, end in sentences_of(text) if _SHORTFALL.search(text[start:end])]


def shortfalls_first(
    hits: list[Hit], opening: tuple[Hit, int] | None = None
) -> tuple[list[Hit], int]:
    """``hits`` ordered by how much each says fell short (in their order where alike), and
    where the first's first such sentence begins. The report's opening sentence on the area
    (``opening``: its passage and where it begins) leads, from that sentence, where its
    paragraph names a shortfall: that is the headline reason."""
    said = {id(h): _short_sentences(h.passage.text) for h in hits}
    ordered = sorted(hits, key=lambda h: -len(said[id(h)]))
    if opening is not None:
        hit, start = opening
        end = hit.passage.text.find("\n\n", start)
        end = end if end >= 0 else len(hit.passage.text)
        if any(start <= s < end for s in _short_sentences(hit.passage.text)):
            # From the opening sentence: it says the grade the shortfalls explain.
            return [hit, *ordered], start
    if not ordered or not said[id(ordered[0])]:
        return hits, 0
    return ordered, said[id(ordered[0])][0]
