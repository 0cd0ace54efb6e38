"""Both voices on a page of results: Ofsted's reports, and what councils and the press wrote.

A page of five passages all from Ofsted's reports hides the council's own account of the same
inspection (its cabinet paper, minutes, press release, an interview), and a page all of council
papers hides what Ofsted wrote. When the passages read hold the other voice, its best-ranked
passage takes the page's last place (eval/RESULTS.md, eighteenth session: search hit@5 up on
five development sets and on the blind set, none down; blind2 unchanged). A passage of the
other voice retelling one on the page word for word (the council's interview quoting the
report's finding) goes just before it (twentieth session).
"""

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import numpy as np

from index.types import Hit


def with_other_voice(hits: list[Hit], page: int, is_ofsted: Callable[[Hit], bool]) -> list[Hit]:
    """``hits`` with the other voice's best passage moved to the last place of the first
    ``page``, when those are all of one voice; unchanged otherwise. It is scored as the place
    before it, so scores stay in order."""
    if page < 2 or len(hits) <= page:
        return hits
    voices = {is_ofsted(h) for h in hits[:page]}
    if len(voices) != 1:
        return hits
    (voice,) = voices
    others = [i for i in range(page, len(hits)) if is_ofsted(hits[i]) != voice]
    if not others:
        return hits
    # The other voice's passage retelling one on the page (a council paper quoting the
    # report's finding) joins its best-ranked one, the place before it.
    on_page = [_runs(hits[i].passage.text) for i in range(page)]
    retelling = next(
        (i for i in others[1:] if any(_runs(hits[i].passage.text) & r for r in on_page)), None
    )
    chosen = [others[0]] if retelling is None or page < 3 else [retelling, others[0]]
    rest = [h for i, h in enumerate(hits) if i not in chosen]
    keep = page - len(chosen)
    moved = [replace(hits[i], score=rest[keep - 1].score) for i in chosen]
    return [*rest[:keep], *moved, *rest[keep:]]


def with_retellings(
    hits: list[Hit], page: int, is_ofsted: Callable[[Hit], bool], most: int
) -> list[Hit]:
    """``hits`` with each passage on the first ``page`` followed by the other voice's
    best-ranked passage retelling it word for word (the council's interview quoting the
    report's finding, the report's line a cabinet paper repeats), at most ``most`` of them;
    what they push off the page goes back among the rest in its order. Moved passages are
    scored as the one they follow, so scores stay in order."""
    if page < 2 or len(hits) <= page or most < 1:
        return hits
    order = list(range(page))
    on_page = {hits[i].passage.doc_id for i in order}
    # A document already on the page is heard there: its retelling would only push one off.
    pool = [j for j in range(page, len(hits)) if hits[j].passage.doc_id not in on_page]
    added = 0
    for source in range(page):
        if added == most or order.index(source) >= page - 1:
            break
        told = _runs(_finding(hits[source]))
        voice = is_ofsted(hits[source])
        match = next(
            (j for j in pool if is_ofsted(hits[j]) != voice and _runs(_finding(hits[j])) & told),
            None,
        )
        if match is None:
            continue
        pool.remove(match)
        order.insert(order.index(source) + 1, match)
        added += 1
    if not added:
        return hits
    kept = order[:page]
    out = [hits[kept[0]]]
    for i in kept[1:]:
        moved = i >= page
        out.append(replace(hits[i], score=out[-1].score) if moved else hits[i])
    shown = set(kept)
    return [*out, *(hits[i] for i in range(len(hits)) if i not in shown)]


def _finding(hit: Hit) -> str:
    """What a passage says, less a judgement row's area title: rows share their area's title
    ("The experiences and progress of children in care …") with whatever restates a grade, a
    heading rather than a finding retold. A table row ("Judgement: … | Grade: …") says none."""
    passage = hit.passage
    if passage.kind != "row":
        return passage.text
    title, colon, said = passage.text.partition(":")
    return said if colon and title.strip().lower() != "judgement" else ""


# Words in a row two passages must share to be one retelling the other: a finding's clause,
# longer than the phrases every report repeats ("the experiences and progress of children").
_RUN = 8
_WORD = re.compile(r"\w+")


# Each window's hash is its words' hashes weighed by these odd numbers, summed (wrapping):
# eight vector products per passage, not a tuple of words per window (~0.1 ms, not ~0.3).
_WEIGHTS = np.array([(2 * k + 1) * 0x9E3779B97F4A7C15 % 2**63 for k in range(_RUN)], np.int64)


@lru_cache(maxsize=4096)
def _runs(text: str) -> frozenset[int]:
    """Hashes of every ``_RUN`` words in a row of ``text`` (lowercased)."""
    words = _WORD.findall(text.lower())
    if len(words) < _RUN:
        return frozenset()
    ids = np.fromiter((hash(w) for w in words), dtype=np.int64, count=len(words))
    n = len(words) - _RUN + 1
    windows = ids[:n] * _WEIGHTS[0]
    for k in range(1, _RUN):
        windows += ids[k : k + n] * _WEIGHTS[k]  # int64 arithmetic wraps: a hash, no overflow
    return frozenset(windows.tolist())
