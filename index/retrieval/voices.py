"""Both voices on a page of results: Ofsted's reports, and what councils and the press wrote.

A page of five passages all from Ofsted's reports hides the council's own account of the same
inspection (its cabinet paper, minutes, press release, an interview), and a page all of council
papers hides what Ofsted wrote. When the passages read hold the other voice, its best-ranked
passage takes the page's last place (eval/RESULTS.md, eighteenth session: search hit@5 up on
five development sets and on the blind set, none down; blind2 unchanged).
"""

from collections.abc import Callable
from dataclasses import replace

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
    other = next((i for i in range(page, len(hits)) if is_ofsted(hits[i]) != voice), None)
    if other is None:
        return hits
    rest = hits[:other] + hits[other + 1 :]
    moved = replace(hits[other], score=rest[page - 2].score)
    return [*rest[: page - 1], moved, *rest[page - 1 :]]
