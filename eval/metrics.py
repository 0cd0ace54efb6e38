"""Per-question and overall metrics: retrieval, answer quality, abstention, latency."""

import math
import re
from dataclasses import dataclass, field
from typing import Any

from eval.goldset import Evidence, GoldQuestion

# A passage "substantially overlaps" a quote when the shared span covers at least this
# share of the shorter of the two (a quote split across two passages still scores).
MIN_OVERLAP = 0.5
RANK_DEPTH = 10


@dataclass(frozen=True)
class Retrieved:
    """A retrieved passage, reduced to what scoring needs."""

    doc_id: str
    start: int
    end: int
    authority: str | None
    text: str
    section: str = ""


@dataclass(frozen=True)
class Cited:
    n: int
    doc_id: str
    authority: str | None
    text: str  # the cited passage
    quote: str
    start: int = -1  # the passage's offsets in its document (-1: unknown)
    end: int = -1


@dataclass
class Outcome:
    """What the system did with one question."""

    answer: str
    abstained: bool
    citations: list[Cited]
    retrieved: list[Retrieved]
    resolved_query: str
    latency_ms: float
    error: str | None = None
    # The /v1/search ranking for the same (resolved) question, when the backend ran it: the
    # answer should never lose what retrieval found.
    searched: list[Retrieved] | None = None


@dataclass
class QuestionResult:
    question: GoldQuestion
    outcome: Outcome
    first_hit: int | None  # 1-based rank of the first passage matching evidence, within depth
    key_term_recall: float | None  # None for unanswerable questions
    grounding: float | None  # None when nothing was answered
    authority_ok: bool | None  # None when there is nothing to check
    scores: dict[str, Any] = field(default_factory=dict)
    search_first_hit: int | None = None  # the same rank in the /v1/search ranking
    cited_evidence: bool = False  # a citation's passage holds the evidence

    @property
    def correct_abstention(self) -> bool:
        return self.outcome.abstained == (not self.question.answerable)


def is_hit(passage: Retrieved, evidence: Evidence) -> bool:
    """Same document and the spans overlap by at least ``MIN_OVERLAP`` of the shorter."""
    if passage.doc_id != evidence.doc_id or evidence.start < 0:
        return False
    shared = min(passage.end, evidence.end) - max(passage.start, evidence.start)
    shortest = min(passage.end - passage.start, evidence.end - evidence.start)
    return shared > 0 and shared >= MIN_OVERLAP * max(shortest, 1)


def first_hit_rank(retrieved: list[Retrieved], evidence: list[Evidence]) -> int | None:
    for rank, passage in enumerate(retrieved[:RANK_DEPTH], start=1):
        if any(is_hit(passage, ev) for ev in evidence):
            return rank
    return None


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def key_term_recall(answer: str, key_terms: list[str]) -> float:
    """Share of key terms found in the answer, case- and whitespace-insensitive."""
    if not key_terms:
        return 1.0
    said = normalise(answer)
    return sum(normalise(t) in said for t in key_terms) / len(key_terms)


_MARKED = re.compile(r"(.+?)((?:\s*\[\d+\])+)", re.S)


_GRADE = re.compile(
    r"requires improvement(?: to be good)?|outstanding|inadequate|good|adequate", re.I
)
_LABELS = {"judgement", "grade", "inspection", "dates", "date"}
_STOP = {"the", "of", "and", "a", "an", "in", "for", "to", "was", "were", "is", "by", "on", "at"}


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", normalise(text)) if w not in _STOP}


def faithful(claim: str, cited: list[Cited], sentence: str = "") -> bool:
    """A restated claim (a judgement-table answer) is faithful to its citation when it states
    no grade the cited text lacks and carries most of the cited quote's words. The inspection
    dates such a claim names come from the same report's dates line, not the cited row."""
    text = " ".join(normalise(f"{c.text} {c.quote}") for c in cited)
    if not text:
        return False
    said = normalise(claim)
    if any(g.lower() not in text for g in _GRADE.findall(said)):
        return False
    # The row's label may be said once for a list of steps ("…'s judgement for X was A [1],
    # then B [2]"), so the words are looked for in the whole sentence.
    words = _content_words(f"{sentence} {claim}")
    for c in cited:
        quoted = _content_words(c.quote) - _LABELS
        if quoted and len(quoted & words) >= 0.6 * len(quoted):
            return True
    return False


def grounding(answer: str, citations: list[Cited]) -> float:
    """Share of answer sentences found verbatim (whitespace aside) in a passage they cite, or,
    for a claim restating a table row, faithful to it (PRODUCT.md: "or as a faithful span")."""
    by_n = {c.n: c for c in citations}
    claims = _MARKED.findall(answer)
    if not claims:
        return 0.0
    grounded = 0
    sentence = ""
    for claim, markers in claims:
        if claim.lstrip().startswith("."):
            sentence = ""  # the previous claim ended its sentence
        cited = [by_n[int(n)] for n in re.findall(r"\d+", markers) if int(n) in by_n]
        text = normalise(claim.lstrip(" ."))
        verbatim = bool(text) and any(text in normalise(c.text) for c in cited)
        grounded += verbatim or faithful(claim, cited, sentence)
        sentence += claim
    return grounded / len(claims)


def score_question(q: GoldQuestion, outcome: Outcome) -> QuestionResult:
    first = first_hit_rank(outcome.retrieved, q.evidence) if q.evidence else None
    answered = not outcome.abstained and not outcome.error
    recall = None
    if q.answerable:
        recall = key_term_recall(outcome.answer, q.key_terms) if answered else 0.0
    ground = grounding(outcome.answer, outcome.citations) if answered else None
    wanted = {(ev.authority or "").lower() for ev in q.evidence if ev.authority}
    authority_ok = None
    if wanted and outcome.citations:
        authority_ok = all((c.authority or "").lower() in wanted for c in outcome.citations)
    searched = None
    if q.evidence and outcome.searched is not None:
        searched = first_hit_rank(outcome.searched, q.evidence)
    cited = answered and any(
        is_hit(Retrieved(c.doc_id, c.start, c.end, c.authority, c.text), ev)
        for c in outcome.citations
        for ev in q.evidence
    )
    return QuestionResult(q, outcome, first, recall, ground, authority_ok, {}, searched, cited)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def trap_correct(r: QuestionResult) -> bool:
    """A namesake trap is passed when nothing is cited from another authority than the
    evidence's, and, when there is no evidence (the namesake has no document), by abstaining."""
    if not r.question.answerable:
        return r.outcome.abstained
    return r.authority_ok is not False


def summarise(results: list[QuestionResult]) -> dict[str, float | int | None]:
    """Overall figures; each is over the questions it applies to (see the report's notes)."""
    with_evidence = [r for r in results if r.question.answerable and r.question.evidence]
    answerable = [r for r in results if r.question.answerable]
    unanswerable = [r for r in results if not r.question.answerable]
    abstained = [r for r in results if r.outcome.abstained]
    answered = [r for r in results if r.grounding is not None]
    traps = [r for r in results if r.question.is_trap]
    checked = [r for r in results if r.authority_ok is not None]
    latencies = [r.outcome.latency_ms for r in results if not r.outcome.error]
    true_abstentions = sum(not r.question.answerable for r in abstained)
    return {
        "questions": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "hit@1": _mean([r.first_hit == 1 for r in with_evidence]),
        "hit@5": _mean([r.first_hit is not None and r.first_hit <= 5 for r in with_evidence]),
        "mrr@10": _mean([1 / r.first_hit if r.first_hit else 0.0 for r in with_evidence]),
        "search_hit@1": _mean(
            [r.search_first_hit == 1 for r in with_evidence if r.outcome.searched is not None]
        ),
        "search_hit@5": _mean(
            [
                r.search_first_hit is not None and r.search_first_hit <= 5
                for r in with_evidence
                if r.outcome.searched is not None
            ]
        ),
        "cited_evidence": _mean([r.cited_evidence for r in with_evidence]),
        "key_term_recall": _mean([r.key_term_recall for r in answerable]),
        "grounding": _mean([r.grounding for r in answered]),
        "abstain_precision": true_abstentions / len(abstained) if abstained else None,
        "abstain_recall": true_abstentions / len(unanswerable) if unanswerable else None,
        "false_abstention": _mean([r.outcome.abstained for r in answerable]),
        "authority_accuracy": _mean([bool(r.authority_ok) for r in checked]),
        "traps": _mean([trap_correct(r) for r in traps]),
        "errors": sum(bool(r.outcome.error) for r in results),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }


def badness(r: QuestionResult) -> float:
    """How badly a question went, for listing the worst first."""
    bad = 3.0 if r.outcome.error else 0.0
    if not r.correct_abstention:
        bad += 2.0
    if r.question.answerable:
        bad += 1.0 - (r.key_term_recall or 0.0)
        bad += 0.0 if r.first_hit else 1.0
        bad += 0.5 * (1 - 1 / r.first_hit) if r.first_hit else 0.0
    if r.authority_ok is False:
        bad += 2.0
    if r.grounding is not None:
        bad += 1.0 - r.grounding
    return bad
