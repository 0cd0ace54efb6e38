"""Questions about a whole inspection ("what did Ofsted find in Leicester's latest
inspection?", "summarise Calderdale's 2018 inspection") are answered with the report's own
summary: its overall judgement and the opening of the prose that follows its judgements.

They name no topic, so no sentence of the report shares their words: the composer found
nothing better than the report's dates line, or nothing at all.
"""

import re
from collections.abc import Sequence

import numpy as np

from index.answering.answer import Composed
from index.answering.by_inspection import inspection_label
from index.answering.judgement_answers import Citer, labelled
from index.answering.judgement_table import JudgementTable
from index.ingest.judgements import Evidence, InspectionRecord
from index.retrieval.lexical import tokenize
from index.text import sentence_spans
from index.types import Document, Passage
from index.understanding.lexicon import MONTH_NUMBERS
from index.understanding.question import Question

# Words that ask for the whole rather than name a topic of it ("sum up", "how did it go?",
# "what did Ofsted make of …", "how did it turn out?"), and the words naming any report.
_SUMMARY_WORDS = frozenset(
    tokenize(
        [
            "main key headline headlines findings finding message messages overview overall "
            "summary summarise summarize summarised sum gist conclusion conclusions verdict "
            "result results outcome points general brief briefly tell go went gone goes get got "
            "make made think thought turn turned fare fared "
            "children services service report inspection ofsted council published publish "
            + " ".join(MONTH_NUMBERS)
        ]
    )[0]
)
SENTENCES = 3  # of the summary's opening
MIN_WORDS = 25  # a summary paragraph, not a label or a caption
# The report's cover and judgement lines, which lead its text but summarise nothing.
_NOT_SUMMARY = re.compile(
    r"^\s*(?:Judgement:|Inspection dates?|Report published|Lead inspector|Inspection of\b)", re.I
)


def asks_for_summary(question: Question) -> bool:
    """A question about one authority's inspection that names no topic of it."""
    return (
        len(question.authorities) == 1
        and question.answer_kind is None
        and question.grades is None
        and not question.sources
        and not question.sections
        and not [t for t in question.topic_terms if t not in _SUMMARY_WORDS and not t.isdigit()]
    )


def compose_summary(
    question: Question,
    table: JudgementTable,
    passages: Sequence[Passage],
    passage_by_id: dict[str, Passage],
    boilerplate: np.ndarray | None,
    documents: dict[str, Document],
) -> Composed | None:
    """The report's overall judgement and the opening sentences of its summary; None when the
    authority has no report of the time asked, or the report no summary paragraph. Each is
    cited with the passage that holds it (``passage_by_id``), as every answer's are."""
    record = _report_asked(question, table)
    if record is None:
        return None
    found = summary_passage(record.doc_id, passages, boilerplate)
    if found is None:
        return None
    summary = found[1]
    spans = sentence_spans(summary.text)[:SENTENCES]
    quote = summary.text[spans[0][0] : spans[-1][1]]
    start = summary.start + spans[0][0]
    opening = Evidence(summary.doc_id, summary.passage_id, start, start + len(quote), quote)
    said = [(f"{' '.join(quote.split())}", opening)]
    overall = record.grade_for("overall")
    if overall is not None:
        said.insert(0, (labelled(overall), overall.evidence))
    label, dates = inspection_label(record.doc_id, record, documents)
    citer = Citer(passage_by_id, documents)
    statements = []
    for k, (words, evidence) in enumerate(said):
        statements.append(f"{words} [{citer.cite(evidence)}]")
        if k == 0 and dates is not None:
            # The dates line after the first statement, as an answer per inspection cites it.
            statements[-1] += f" [{citer.cite(dates)}]"
    text = " ".join(statements)
    return Composed(f"{label}: {text}" if label else text, False, citer.citations)


def _report_asked(question: Question, table: JudgementTable) -> InspectionRecord | None:
    """The authority's report of the year asked, the one before the year given ("before
    2018"), or its latest."""
    reports = table.for_authority(question.authorities[0], reports_only=True)
    when = question.when
    if when and when.years:
        reports = [r for r in reports if any(when.covers(d) for d in _dates(r))]
    elif when and when.before:
        reports = [r for r in reports if (r.when or "") < when.before]
    return reports[-1] if reports else None


def _dates(record: InspectionRecord) -> list[str]:
    return [d for d in (record.when, record.published) if d]


def summary_passage(
    doc_id: str, passages: Sequence[Passage], boilerplate: np.ndarray | None = None
) -> tuple[int, Passage] | None:
    """The report's first prose paragraph after its cover and judgement lines."""
    for row, passage in enumerate(passages):
        if passage.doc_id != doc_id or passage.kind != "text":
            continue
        if boilerplate is not None and boilerplate[row]:
            continue
        if _NOT_SUMMARY.match(passage.text) or len(passage.text.split()) < MIN_WORDS:
            continue
        return row, passage
    return None
