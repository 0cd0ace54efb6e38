"""Answers to "why?" after a grade: the report's findings under that judgement's heading.

"How was Calderdale rated for children in care in 2018?" — "outstanding". "Why?" is answered by
what the 2018 report says under "The experiences and progress of children in care and care
leavers: outstanding", not by whichever passages share the carried words.
"""

import re
from collections.abc import Sequence
from dataclasses import replace

from index.answering.answer import Composed
from index.answering.judgement_answers import graded
from index.answering.judgement_table import JudgementTable
from index.retrieval.lexical import tokenize
from index.text import sentence_spans
from index.types import Citation, Document, Hit, Passage
from index.understanding.grade_request import areas_named
from index.understanding.query import asks_why
from index.understanding.question import Question, parse_question

MAX_PASSAGES = 6  # the section's first passages: its summary and first findings
SUMMARY_SENTENCES = 3  # quoted from the first: a report opens a judgement with its reasons
# The overall judgement has no heading of its own: the report's summary stands under its
# cover line ("… Inspection dates: …") in the ILACS framework, "Summary"/"Executive summary"
# in the SIF.
_SUMMARY = re.compile(r"inspection dates?:|\bsummary\b", re.I)


def findings_behind_grade(
    question: Question,
    history: list[str] | None,
    table: JudgementTable,
    passages: Sequence[Passage],
    documents: dict[str, Document],
) -> list[Hit]:
    """The passages under the judgement the last question asked about, when ``question``
    asks why; empty otherwise."""
    if not history or not asks_why(question.text):
        return []
    last = parse_question(history[-1], history[:-1])
    if last.grades is None or last.grades.kind != "grade" or not last.authorities:
        return []
    # "Why was help and protection only good then?" after the overall grade: that area.
    asked = areas_named(question.text)
    request = replace(last.grades, areas=asked) if asked else last.grades
    grade = graded(request, last.authorities[0], table)
    if grade is None:
        return []
    doc_id = grade.evidence.doc_id
    # The heading may word the area a little otherwise ("the experience and progress of care
    # leavers is that it requires improvement"): all its stemmed words, in any form.
    label = set(tokenize([grade.label])[0])
    found: list[Hit] = []
    for row, passage in enumerate(passages):
        if passage.doc_id != doc_id or passage.kind == "row" or passage.start == 0:
            continue
        heading = passage.section.split(" › ")[0]
        if grade.area == "overall":
            under = bool(_SUMMARY.search(heading))
        else:
            under = bool(label) and label <= set(tokenize([heading])[0])
        if under:
            found.append(Hit(passage, 1.0 - 0.01 * len(found), row=row))
            if len(found) >= MAX_PASSAGES:
                break
    return found


def summary_of(found: list[Hit], documents: dict[str, Document]) -> Composed | None:
    """The first sentences under the judgement's heading, quoted and cited: each judgement's
    section opens with the reasons for it."""
    if not found:
        return None
    passage = found[0].passage
    spans = [s for s in sentence_spans(passage.text) if s[1] - s[0] >= 12][:SUMMARY_SENTENCES]
    if not spans:
        return None
    quote = passage.text[spans[0][0] : spans[-1][1]]
    meta = documents[passage.doc_id].meta
    citation = Citation.from_passage(1, passage, meta, quote, found[0].score)
    return Composed(f"{' '.join(quote.split())} [1]", False, [citation])
