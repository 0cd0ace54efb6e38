"""Who inspected: a report's own account of its inspection team ("The inspection team
consisted of nine of Her Majesty's Inspectors (HMI) from Ofsted.", "Deputy lead inspector: …",
"Team inspectors: …"), which the judgements table does not hold. Template-like wording (every
2013–2017 report says it), so retrieval leaves its passage out; read here by the report asked."""

import itertools
import re

from index.ingest.chunking import passage_id
from index.ingest.judgements import Evidence
from index.types import Passage

_TEAM_SAID = re.compile(r"\bThe\s+inspection\s+team\s+(?:consisted|comprised|included)\b[^.]*\.")
_TEAM_LISTED = re.compile(
    r"^(?:Deputy\s+lead\s+inspectors?|Team\s+inspectors?|Shadow\s+inspectors?)\s*:[^\n]+",
    re.I | re.M,
)


def states_team(quote: str) -> bool:
    """Whether ``quote`` is a report's account of its inspection team."""
    return bool(_TEAM_SAID.search(quote) or _TEAM_LISTED.search(quote))


def team_evidence(doc_id: str, passages: dict[str, Passage]) -> list[Evidence]:
    """The sentence saying how many inspected ``doc_id``'s inspection and the lines naming its
    team besides the lead, in the report's order; empty when it says neither (ILACS reports
    name only their lead inspector)."""
    found: list[Evidence] = []
    for k in itertools.count():
        passage = passages.get(passage_id(doc_id, k))
        if passage is None:
            return sorted(found, key=lambda e: e.start)
        for pattern in (_TEAM_SAID, _TEAM_LISTED):
            for match in pattern.finditer(passage.text):
                quote = match.group(0).rstrip()
                start = passage.start + match.start()
                found.append(Evidence(doc_id, passage.passage_id, start, start + len(quote), quote))
