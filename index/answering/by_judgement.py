"""Answers to "why?" after a grade: the report's findings under that judgement's heading.

"How was Calderdale rated for children in care in 2018?" — "outstanding". "Why?" is answered by
what the 2018 report says under "The experiences and progress of children in care and care
leavers: outstanding", not by whichever passages share the carried words.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from index.answering.answer import Composed
from index.answering.by_summary import summary_passage
from index.answering.judgement_answers import graded
from index.answering.judgement_table import JudgementTable
from index.answering.shortfalls import asks_what_fell_short, shortfalls_first
from index.retrieval.lexical import tokenize
from index.text import sentences_of
from index.types import Citation, Document, Hit, Passage
from index.understanding.grade_request import areas_named
from index.understanding.lexicon import AREAS, GRADE
from index.understanding.query import asks_why, without_concession, without_why
from index.understanding.question import Question, parse_question

MAX_PASSAGES = 6  # the section's first passages: its summary and first findings
SUMMARY_SENTENCES = 3  # quoted from the first: a report opens a judgement with its reasons
# The overall judgement has no heading of its own: the report's summary stands under its
# cover line ("… Inspection dates: …") in the ILACS framework, "Summary"/"Executive summary"
# in the SIF.
_SUMMARY = re.compile(r"inspection dates?:|\bsummary\b", re.I)
_NUMBERED = re.compile(r"\s*\d+(?:\.\d+)?\.?\s")
_GRADE_WORD = re.compile(rf"\b(?:{GRADE})\b", re.I)
# A sentence that judges: a grade, or the words reports grade with.
_GRADED = re.compile(
    rf"\b(?:{GRADE})\b|\b(?:strong|strength|weak|effective|consistently|well)\b", re.I
)


@dataclass(frozen=True)
class Findings:
    """The passages behind a grade, and where in the first the reasons begin."""

    hits: list[Hit]
    start: int = 0


def findings_behind_grade(
    question: Question,
    history: list[str] | None,
    table: JudgementTable,
    passages: Sequence[Passage],
    documents: dict[str, Document],
) -> Findings:
    """The passages under the judgement the last question asked about, when ``question``
    asks why (the report's opening sentence on that area first, where it has one); none
    otherwise."""
    if not asks_why(question.text):
        return Findings([])
    # "… when help and protection were good": what the why is asked against, not about.
    text = without_concession(question.text)
    # "Why was help and protection only good then?" after the overall grade: that area; "why
    # weren't care leavers judged good?" after every area's grades: that one.
    asked = areas_named(text)
    own = None
    if history and asked and _GRADE_WORD.search(text):
        # "Why were care leavers judged inadequate back in 2016?" after a question on a press
        # release: the judgement and grade its own words name, of the council talked about.
        own = parse_question(without_why(without_concession(question.query)))
        if not (own.grades and own.grades.area_named and own.grades.grades and own.authorities):
            own = None
    # After a grade question, that question's grade; asked alone ("why, care leavers in 2025
    # in Wakefield?", as a follow-up reads when searched), the grade its own words ask for.
    last = own or (
        parse_question(history[-1], history[:-1]) if history else parse_question(without_why(text))
    )
    if not history and (last.beyond_grades or last.sources or question.sources):
        # "Why was Rotherham judged failing back in 2014?", "why did the director tell the
        # committee …?": more than the grade's reasons, which the text answers.
        return Findings([])
    grades = last.grades
    if grades is None or not last.authorities:
        return Findings([])
    if grades.kind not in ("grade", "change") and not (grades.kind == "areas" and asked):
        return Findings([])
    one = "grade" if grades.kind == "areas" else grades.kind
    request = replace(grades, kind=one, areas=asked) if asked else grades
    grade = graded(request, last.authorities[0], table)
    if grade is None:
        return Findings([])
    doc_id = grade.evidence.doc_id
    # The report's own passages, in order (tables' rows are not its prose).
    report = [(row, p) for row, p in enumerate(passages) if p.doc_id == doc_id and p.kind != "row"]
    opening = _said_up_front(grade.area, report)
    # The heading may word the area a little otherwise ("the experience and progress of care
    # leavers is that it requires improvement"): all its stemmed words, in any form.
    label = set(tokenize([grade.label])[0])
    # "Why was help and protection only good?": what fell short, from anywhere in the section.
    # The overall judgement's summary opens with what held it back.
    # An outstanding grade has nothing that fell short ("what went wrong?" is its reasons).
    short = grade.area != "overall" and grade.grade != "outstanding" and asks_what_fell_short(text)
    wanted = 2 * MAX_PASSAGES if short else MAX_PASSAGES
    found: list[Hit] = []
    for row, passage in report:
        if passage.start == 0:
            continue
        heading = passage.section.split(" › ")[0]
        if grade.area == "overall":
            under = bool(_SUMMARY.search(heading))
        else:
            under = bool(label) and label <= set(tokenize([heading])[0])
        if under:
            found.append(Hit(passage, 1.0 - 0.01 * len(found), row=row))
            if len(found) >= wanted:
                break
    if not found and grade.area == "overall" and (summary := summary_passage(doc_id, passages)):
        # No "Summary" heading (a newer report opens its prose under its title): the prose
        # after its judgements is the summary that gives the overall judgement's reasons.
        opening = Hit(summary[1], 1.0, row=summary[0]), 0
    if short:
        ordered, start = shortfalls_first(found, opening)
        return Findings(ordered[:MAX_PASSAGES], start)
    if opening:
        # The summary's paragraph may run on into the document's next passage.
        hit, start = opening
        following = passages[hit.row + 1] if hit.row + 1 < len(passages) else None
        if following is not None and following.doc_id == doc_id and following.kind != "row":
            return Findings([hit, Hit(following, 1.0, row=hit.row + 1), *found], start)
        return Findings([hit, *found], start)
    return Findings(found)


def _said_up_front(area: str, report: list[tuple[int, Passage]]) -> tuple[Hit, int] | None:
    """The passage of the report's opening summary that gives the area's judgement in a
    sentence ("Children in care and care leavers receive an outstanding service."): the
    headline reason, ahead of the section's own findings."""
    pattern = next((p for a, p in AREAS if a == area), None)
    if pattern is None or area == "overall":
        return None
    names = re.compile(rf"\b(?:{pattern})\b", re.I)
    for row, passage in report:
        if areas_named(passage.section.split(" › ")[0]):
            return None  # the judgements' own sections have begun
        for start, end in sentences_of(passage.text):
            sentence = passage.text[start:end]
            # Not the cover's list of judgements ("1. Children who need help and protection
            # Good 2. …"): a sentence of its own.
            listed = _NUMBERED.match(sentence) or len(_GRADE_WORD.findall(sentence)) > 1
            if names.search(sentence[:80]) and _GRADED.search(sentence) and not listed:
                return Hit(passage, 1.0, row=row), start
    return None


def summary_of(findings: Findings, documents: dict[str, Document]) -> Composed | None:
    """The first sentences of the reasons, quoted and cited: each judgement's section (and a
    report's opening sentence on an area) opens with the reasons for it. A short opening
    runs on into the next passage found (the section's own first findings)."""
    parts: list[str] = []
    citations: list[Citation] = []
    left = SUMMARY_SENTENCES
    for k, hit in enumerate(findings.hits[:2]):
        start = findings.start if k == 0 else 0
        spans = [s for s in sentences_of(hit.passage.text) if s[1] - s[0] >= 12 and s[0] >= start][
            :left
        ]
        if not spans:
            break
        quote = hit.passage.text[spans[0][0] : spans[-1][1]]
        meta = documents[hit.passage.doc_id].meta
        n = len(citations) + 1
        citations.append(Citation.from_passage(n, hit.passage, meta, quote, hit.score))
        parts.append(f"{' '.join(quote.split())} [{n}]")
        left -= len(spans)
        if left <= 0:
            break
    if not citations:
        return None
    return Composed(" ".join(parts), False, citations)
