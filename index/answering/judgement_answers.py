"""Answers to judgement questions, read from the judgements table and cited to the report.

"How was Calderdale judged for care leavers?", "when was Hertfordshire last inspected and by
whom?", "how have Calderdale's grades changed?", "which authorities were judged outstanding
for care leavers in 2023?". Anything else returns None and takes the retrieval path.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date
from itertools import pairwise

from index.answering.answer import ABSTAIN_MESSAGE, Composed
from index.answering.inspection_team import team_evidence
from index.answering.judgement_table import JudgementRow, JudgementTable
from index.ingest.judgements import (
    AREA_LABELS,
    GRADES,
    REPORT_TYPES,
    Evidence,
    Fact,
    Grade,
    InspectionRecord,
)
from index.text import sentence_spans
from index.types import Citation, Document, Passage
from index.understanding.grade_request import BEFORE_FIRST, GradeRequest
from index.understanding.query import When

# A report's sentence that gives a grade: "Children's services in X require improvement to be
# good", "… are outstanding" (not a table row, not a numbered judgement line).
_GRADED_SENTENCE = re.compile(
    r"[A-Z][^|:]*\b(?:is|are|requires?)\s+(?:outstanding|good|inadequate|improvement to be good)$"
)

LIST_LIMIT = 25


def labelled(grade: Grade) -> str:
    """A grade said under the report's own label for its area ("The experiences and progress
    of care leavers: good.")."""
    return f"{grade.label.strip().rstrip(':')}: {grade.worded}."


class Citer:
    """Numbers citations as statements are written; one number per evidence span."""

    def __init__(self, passages: dict[str, Passage], documents: dict[str, Document]) -> None:
        self.passages = passages
        self.documents = documents
        self.citations: list[Citation] = []
        self._seen: dict[tuple[str, int, int], int] = {}

    def cite(self, evidence: Evidence) -> int:
        key = (evidence.doc_id, evidence.start, evidence.end)
        if key in self._seen:
            return self._seen[key]
        doc = self.documents[evidence.doc_id]
        passage = self.passages.get(evidence.passage_id or "")
        n = len(self.citations) + 1
        if passage is not None:
            citation = Citation.from_passage(n, passage, doc.meta, evidence.quote, 1.0)
        else:
            citation = Citation(
                n=n,
                passage_id=f"{evidence.doc_id}@{evidence.start}",
                doc_id=evidence.doc_id,
                title=doc.meta.title,
                authority=doc.meta.authority,
                date=doc.meta.date,
                doc_type=doc.meta.doc_type,
                section="",
                text=doc.text[evidence.start : evidence.end],
                quote=evidence.quote,
                start=evidence.start,
                end=evidence.end,
                score=1.0,
                page=doc.page_at(evidence.start),
            )
        self.citations.append(citation)
        self._seen[key] = n
        return n


def _nice_date(iso: str) -> str:
    if len(iso) < 10:  # a document dated only by year or month
        return iso if len(iso) == 4 else date.fromisoformat(f"{iso}-01").strftime("%B %Y")
    d = date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B %Y')}"


def date_range(start: str, end: str) -> str:
    """'23 to 27 January 2023', '30 September to 11 October 2019', or both dates in full."""
    a, b = date.fromisoformat(start), date.fromisoformat(end)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day} to {_nice_date(end)}"
    if a.year == b.year:
        return f"{a.day} {a.strftime('%B')} to {_nice_date(end)}"
    return f"{_nice_date(start)} to {_nice_date(end)}"


def written_dates(start: Fact, end: Fact) -> str:
    """The inspection dates in the report's own words ("9 July 2018 to 20 July 2018"): a
    reader checks them against the quote, and one rewritten ("9 to 20 July 2018") hides the
    words a search for them would find."""
    said = " ".join(start.evidence.quote.partition(":")[2].split()).rstrip(" .")
    return said or date_range(start.value, end.value)


def _dates_as_written(start: Fact, end: Fact) -> str:
    said = written_dates(start, end)
    return f"from {said}" if " to " in said else f"on {said}"


# What a report's cover calls the inspection: "Re-inspection of services for children in need
# of help and protection …", "Review of the effectiveness of the Local Safeguarding Children
# Board", "Inspection of Brent local authority children's services" (before its dates).
_COVER_TITLE = re.compile(
    r"^(?:re-)?(?:inspection|review)\s+of\b[^\n]*?(?=\s*inspection\s+dates?:|\s*\n|\Z)",
    re.I | re.M,
)
_COVER_CHARS = 1000  # the title is on the cover, before the judgements


def _cover_title(record: InspectionRecord, documents: dict[str, Document]) -> re.Match[str] | None:
    """What ``record``'s report cover calls the inspection, found in its document's text."""
    doc = documents.get(record.doc_id)
    return _COVER_TITLE.search(doc.text[:_COVER_CHARS]) if doc is not None else None


def _reinspected(record: InspectionRecord, documents: dict[str, Document]) -> bool:
    """Whether ``record``'s report calls itself a re-inspection on its cover."""
    found = _cover_title(record, documents)
    return found is not None and found.group(0).lower().startswith("re-")


def _kind_told(record: InspectionRecord, citer: Citer) -> str:
    """The kind of inspection ``record`` is, in its cover's words and cited ("a re-inspection
    of services for children in need of help and protection … [1]"); "" when no title is
    found."""
    found = _cover_title(record, citer.documents)
    if found is None:
        return ""
    title = re.sub(r"(?<=[a-z])\d+$", "", found.group(0))  # a footnote's mark ("Board1")
    cover = citer.passages.get(f"{record.doc_id}#0")
    held = cover is not None and cover.start <= found.start() and found.end() <= cover.end
    evidence = Evidence(
        record.doc_id,
        cover.passage_id if held and cover else None,
        found.start(),
        found.start() + len(title),
        title,
    )
    article = "an" if title[0].lower() in "aeiou" else "a"
    return f"{article} {title[0].lower()}{title[1:]} [{citer.cite(evidence)}]"


def _inspection_phrase(record: InspectionRecord | JudgementRow) -> str:
    if isinstance(record, JudgementRow):
        start, end = record.inspection_start, record.inspection_end
        published, is_report = record.published, record.doc_type in ("inspection report",)
    else:
        start = record.start_date.value if record.start_date else None
        end = record.end_date.value if record.end_date else None
        published, is_report = record.published, record.is_report
    if start and end:
        return f"the inspection of {date_range(start, end)}"
    if published:
        what = "the inspection report" if is_report else "a report"
        return f"{what} published {_nice_date(published)}"
    return "an undated report"


def _graded_sentence(grade: Grade) -> str | None:
    """The report's own sentence giving the grade, when its evidence is one ("Children's
    services in Lancashire require improvement to be good"): said as written, it needs no
    restating ("was judged require improvement" would not read)."""
    quote = " ".join(grade.evidence.quote.split()).rstrip(". ")
    return quote if _GRADED_SENTENCE.match(quote) else None


def graded(parsed: GradeRequest, authority: str, table: JudgementTable) -> Grade | None:
    """The grade a grade question asks about, as its report gave it (the newest of the year
    asked, or before the inspection named)."""
    for area in parsed.areas:
        record = _latest(table.for_authority(authority), area, parsed.year, parsed.before)
        if record is not None and record.is_report:
            return record.grade_for(area)
    return None


def _same_area_name(a: str, b: str) -> bool:
    """ "The experiences and progress of care leavers" and "experiences and progress of care
    leavers" name the area alike."""

    def bare(name: str) -> str:
        return re.sub(r"^the\s+", "", " ".join(name.lower().split()))

    return bare(a) == bare(b)


def _area_text(label: str, area: str) -> str:
    label = label.strip().rstrip(":")
    if not label:
        return AREA_LABELS[area]
    return label[0].lower() + label[1:]


def _latest(
    records: list[InspectionRecord], area: str, year: int | None, before: str = ""
) -> InspectionRecord | None:
    """The newest record grading ``area`` (of ``year``, or before ``before``); an inspection
    report wins over an article."""
    candidates = [r for r in records if r.grade_for(area)]
    if year:
        candidates = [r for r in candidates if _in_year(r, year)]
    if before:
        candidates = inspected_before(candidates, records, before)
    if not candidates:
        return None
    reports = [r for r in candidates if r.is_report]
    return (reports or candidates)[-1]


def _newest_graded(
    records: list[InspectionRecord], year: int | None, before: str = ""
) -> InspectionRecord | None:
    """The newest inspection report with any grade (of ``year``, or before ``before``): since
    2026 an inspection makes no overall effectiveness judgement, so the newest to grade
    "overall" may be an older one."""
    candidates = [r for r in records if r.is_report and r.grades]
    if year:
        candidates = [r for r in candidates if _in_year(r, year)]
    if before:
        candidates = inspected_before(candidates, records, before)
    return candidates[-1] if candidates else None


def _listed(grades: Iterable[Grade], citer: Citer) -> str:
    """Areas with their grades, each cited: "the impact of leaders … outstanding [1]; …"."""
    return "; ".join(
        f"{_area_text(g.label, g.area)} {g.worded} [{citer.cite(g.evidence)}]" for g in grades
    )


def _newer_without_overall(newest: InspectionRecord | None, than: InspectionRecord | None) -> bool:
    """Whether ``newest`` made no overall effectiveness judgement (as since 2026) and is newer
    than ``than``, the newest record that made one (None: there is none)."""
    return (
        newest is not None
        and not newest.grade_for("overall")
        and (than is None or (newest.when or "") > (than.when or ""))
    )


def _judged_without_overall(record: InspectionRecord, citer: Citer, where: str = "") -> str:
    """What an inspection that made no overall effectiveness judgement judged, each grade
    cited: "In the inspection of …, Ofsted made no overall effectiveness judgement; it judged
    … outstanding [1]; …"."""
    return (
        f"In {_inspection_phrase(record)}, Ofsted made no overall effectiveness judgement; "
        f"it judged {_listed(record.grades.values(), citer)}{where}."
    )


def _years(record: InspectionRecord) -> set[int]:
    """The years ``record`` is "the <year> inspection" of: on site, ended or published."""
    dates = (
        record.start_date.value if record.start_date else None,
        record.when,
        record.published,
    )
    return {int(d[:4]) for d in dates if d and d[:4].isdigit()}


def inspected_before(
    candidates: list[InspectionRecord], records: list[InspectionRecord], before: str
) -> list[InspectionRecord]:
    """The ``candidates`` inspected before ``before``: an ISO date, or a year naming one of
    ``records`` ("before its 2025 report": before the inspection on site, ended or published
    that year, though it began in 2024)."""
    if len(before) == 4 and before.isdigit():
        before = min(_inspected_in(records, int(before)), default=before)
    return [r for r in candidates if r.when and r.when < before]


def _in_year(record: InspectionRecord, year: int) -> bool:
    """Whether ``record`` is "the <year> inspection": on site, ended or published that year."""
    return year in _years(record)


def _between(years: tuple[int, ...], records: list[InspectionRecord]) -> list[InspectionRecord]:
    """The inspections a change asks about: from the first year named to the last ("between
    2023 and 2026"), or on from the one named ("better than in 2022"); all of them when fewer
    than two inspections fall there."""
    if not years:
        return records
    first, last = years[0], years[-1] if len(years) > 1 else math.inf
    inside = [r for r in records if any(first <= y <= last for y in _years(r))]
    return inside if len(inside) >= 2 else records


def _inspection_years(records: list[InspectionRecord]) -> list[str]:
    return sorted({r.when[:4] for r in records if r.is_report and r.when})


def _no_inspection_that_year(year: int, held: list[tuple[str, list[str]]]) -> str:
    """The abstention for a year with no inspection, naming the years the documents hold."""
    parts = [
        f"no {year} inspection of {authority} (they hold {', '.join(years)})"
        if years
        else f"no {year} inspection of {authority}"
        for authority, years in held
    ]
    return f"{ABSTAIN_MESSAGE} The documents hold " + "; ".join(parts) + "."


# "in 2020", "at the 2019 inspection", "in its 2016 report": the year something was said in,
# not "for 2013–14" or "since 2019".
_AT_A_YEAR = re.compile(
    r"\b(?:in|at|during)\s+(?:(?:the|its|their|it's)\s+)?(?:(?:\w+)\s+)?(?P<year>(?:19|20)\d\d)\b(?![–-])"
)


def no_inspection_in(
    question: str,
    when: When | None,
    authorities: tuple[str, ...],
    table: JudgementTable,
    documents: dict[str, Document],
) -> str | None:
    """The abstention for ``question`` "what did Ofsted say about X in <year>?" when no
    document of any authority named is of a year asked (``When.covers``: a report's first
    quarter after its inspection counts), naming the inspections the documents hold; None
    otherwise. A later report's passing mention of that year ("the 2017–2020 strategy") is
    not what inspectors said that year."""
    if not (when and when.years and authorities):
        return None
    if not {m.group("year") for m in _AT_A_YEAR.finditer(question)} & set(when.years):
        return None  # "adoptions for 2013–14" is of a time, not of an inspection then
    if any(
        doc.meta.authority in authorities and when.covers(doc.meta.date or "")
        for doc in documents.values()
    ):
        return None
    held = [(a, _inspection_years(table.for_authority(a))) for a in authorities]
    return _no_inspection_that_year(int(when.years[0]), held)


def answer_judgement_question(
    parsed: GradeRequest,
    authorities: tuple[str, ...],
    table: JudgementTable,
    passages: dict[str, Passage],
    documents: dict[str, Document],
    framework: str | None = None,
    reinspection: bool = False,
) -> Composed | None:
    """A cited answer from the judgements table, or None when the table cannot answer;
    ``framework`` (SIF or ILACS) limits it to inspections under that framework, and
    ``reinspection`` to the reports whose cover calls them a re-inspection, where any does."""
    citer = Citer(passages, documents)
    if parsed.kind in ("list", "transition"):
        sentences = _list_sentences(parsed, table, citer)
        if not sentences:  # the table was asked and holds no such row: say so, cite nothing
            return Composed(_none_found(parsed), True, [])
    else:
        sentences = []
        not_that_year: list[tuple[str, list[str]]] = []
        # A council's re-inspection since 2018 is a full inspection: its cover says none.
        # A year named says which (a 2022 re-inspection after a 2019 inadequate).
        reinspected = reinspection and not (parsed.year or parsed.years)
        # "Did she do St Helens as well?": the inspection that lead led, of those asked.
        lead = _lead_of(parsed.same_lead, table)
        for authority in authorities:
            every = table.for_authority(authority)
            framed = [r for r in every if _under(r, framework)]
            again = [r for r in framed if _reinspected(r, documents)] if reinspected else []
            framed = again or framed
            records = _records_asked(parsed, framed)
            if not any(r.grades for r in records):
                continue
            # "Hull's SIF": its newest under that framework need not be its newest.
            older = _newest_graded(framed, None) is not _newest_graded(every, None)
            said = _authority_sentences(parsed, authority, records, citer, older, lead)
            if not said and parsed.year and parsed.kind in ("grade", "inspection"):
                if any(_in_year(r, parsed.year) for r in records):
                    # That year's inspection is here without the grade asked ("not judged"
                    # for a council with no children in care): the report's text answers.
                    continue
                not_that_year.append((authority, _inspection_years(records)))
            sentences += said
        if not sentences and not_that_year:
            # Asked about an inspection year the documents do not have: say which they have
            # rather than answer from another year's report.
            message = _no_inspection_that_year(parsed.year, not_that_year)
            return Composed(message, True, [], text_may_answer=True)
        if sentences and not_that_year:
            # "How were Barnet and Haringey rated in 2018?": the one without a 2018 inspection
            # is said to have none, not left out.
            sentences.append(
                _no_inspection_that_year(parsed.year, not_that_year).removeprefix(
                    f"{ABSTAIN_MESSAGE} "
                )
            )
    if not sentences:
        return None
    # "When is the next inspection due?": not in the documents, which is said with what is.
    return Composed(" ".join(sentences), parsed.pick == "due", citer.citations)


def _inspections_counted(
    authority: str, dated: list[InspectionRecord], citer: Citer, since: int = 0
) -> str:
    """How many inspections of ``authority`` the documents hold (after ``since``, a year, when
    given), each with its dates (or its report's publication), oldest first."""
    said = []
    for record in dated:
        if record.start_date and record.end_date:
            when = written_dates(record.start_date, record.end_date)
            said.append(f"{when} [{citer.cite(record.start_date.evidence)}]")
        elif record.published:
            said.append(f"one reported on {_nice_date(record.published)}")
    listed = said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"
    n = len(dated)
    after = f" since {since}" if since else ""
    return (
        f"The documents hold {n} inspection{'s' if n != 1 else ''} of {authority}{after}: {listed}."
    )


def _under(record: InspectionRecord, framework: str | None) -> bool:
    """Whether ``record`` is of an inspection under ``framework`` (any when None); an
    article's grades are of whichever inspection it reports."""
    if framework is None or not record.is_report:
        return True
    return (record.framework == "SIF") == (framework == "SIF")


def _inspected_in(records: list[InspectionRecord], year: int) -> list[str]:
    """When each of ``records`` that is "the <year> inspection" was inspected (ISO)."""
    return [r.when for r in records if r.when and _in_year(r, year)]


def inspected_next(records: list[InspectionRecord], year: str) -> list[InspectionRecord]:
    """The first graded report inspected after the inspection of ``year`` (or after that
    year, when none was of it): "the inspection after 2013" is one inspection."""
    bound = max(_inspected_in(records, int(year)), default=f"{year}-12-31")
    later = [r for r in records if r.is_report and r.grades and r.when and r.when > bound]
    return later[:1]


def _publication_retold(authority: str, published: str, citer: Citer) -> Evidence | None:
    """A sentence of one of ``authority``'s other documents saying the report was published
    on that day ("Ofsted published their inspection report … on 19 November 2018")."""
    if len(published) < 10:
        return None
    day = date.fromisoformat(published)
    month = day.strftime("%B")
    said = re.compile(rf"\b{day.day}(?:st|nd|rd|th)?\s+(?:{month}|{month[:3]})\b", re.I)
    theirs = {
        d
        for d, doc in citer.documents.items()
        if doc.meta.authority == authority and doc.meta.doc_type not in REPORT_TYPES
    }
    for passage in citer.passages.values():
        if passage.doc_id not in theirs or not said.search(passage.text):
            continue
        for start, end in sentence_spans(passage.text):
            sentence = passage.text[start:end]
            if "publish" in sentence.lower() and said.search(sentence):
                at = passage.start + start
                return Evidence(
                    passage.doc_id, passage.passage_id, at, at + len(sentence), sentence
                )
    return None


def _picked(records: list[InspectionRecord], pick: str, few: int) -> list[InspectionRecord]:
    """The records of the inspection ``pick`` asks for: "previous" leaves out the newest graded
    report, "first" keeps the oldest alone, "last" the ``few`` newest; all when no pick."""
    reports = [r for r in records if r.is_report and r.grades]
    if pick == "previous":
        return [r for r in reports if r is not reports[-1]] if len(reports) > 1 else []
    if pick == "first":
        return reports[:1]
    if pick == BEFORE_FIRST:
        return []
    if pick == "last":
        return reports[-few:]
    return records


def _inspections_asked(
    parsed: GradeRequest, records: list[InspectionRecord]
) -> list[InspectionRecord]:
    """The reports of ``records`` an inspection request asks about, oldest first (its dates
    and lead inspector are said of the newest)."""
    dated = [r for r in records if r.is_report and (r.end_date or r.lead_inspector)]
    if parsed.year:
        dated = [r for r in dated if _in_year(r, parsed.year)]
    if parsed.before:
        dated = inspected_before(dated, records, parsed.before)
    if parsed.grades and not parsed.counted:
        # "When was Tower Hamlets' inadequate inspection?": the newest that gave that grade,
        # not the newest (judged outstanding).
        dated = [r for r in dated if _graded_as(r, parsed.areas or ("overall",), parsed.grades)]
    return dated


def _records_asked(parsed: GradeRequest, records: list[InspectionRecord]) -> list[InspectionRecord]:
    """``records`` (one authority's, oldest first) narrowed to the inspection ``parsed`` picks."""
    picked = _picked(records, parsed.pick, parsed.few)
    return inspected_next(picked, parsed.after) if parsed.after else picked


def _lead_of(talked_about: tuple[str, GradeRequest] | None, table: JudgementTable) -> str:
    """Who led the inspection ``talked_about`` (an authority and the request that asked for
    it), as compared; "" when nothing is talked about or the table names no lead."""
    if talked_about is None:
        return ""
    authority, request = talked_about
    asked = _inspections_asked(request, _records_asked(request, table.for_authority(authority)))
    lead = asked[-1].lead_inspector if asked else None
    return _person(lead.value) if lead else ""


def _led_by(records: list[InspectionRecord], lead: str) -> list[InspectionRecord]:
    """Those of ``records`` ``lead`` led; all of them when she led none (the answer then
    names whoever did)."""
    led = [r for r in records if r.lead_inspector and _person(r.lead_inspector.value) == lead]
    return led or records


def _person(name: str) -> str:
    """A lead inspector's name as compared: lower case, single spaces."""
    return " ".join(name.lower().split())


def _graded_as(record: InspectionRecord, areas: tuple[str, ...], grades: tuple[str, ...]) -> bool:
    """Whether ``record`` judged one of ``areas`` one of ``grades``."""
    return any((g := record.grade_for(a)) is not None and g.grade in grades for a in areas)


def _authority_sentences(
    parsed: GradeRequest,
    authority: str,
    records: list[InspectionRecord],
    citer: Citer,
    behind_newest: bool = False,
    lead: str = "",
) -> list[str]:
    """What the table says of ``authority`` for ``parsed``; ``behind_newest``: the newest of
    ``records`` (those of a framework named) is not the authority's newest inspection, so it is
    named by its date rather than as the most recent; ``lead``: of an inspection asked, the one
    that person led, where one was."""
    out: list[str] = []
    reports = [r for r in records if r.is_report and r.grades] or [r for r in records if r.grades]
    if parsed.kind == "inspection":
        dated = _inspections_asked(parsed, records)
        if lead:
            dated = _led_by(dated, lead)
        if not dated:
            return []
        if parsed.counted:
            since = parsed.years[0] if parsed.years else 0
            dated = [r for r in dated if not since or max(_years(r), default=0) > since]
            return [_inspections_counted(authority, dated, citer, since)] if dated else []
        last = dated[-1]
        which = (
            f"inspection reported on {_nice_date(last.published)}"
            if (parsed.names_its_inspection or parsed.grades or behind_newest)
            and last.published
            and parsed.pick != "due"
            else "most recent inspection in the documents"
        )
        dates = (
            _dates_as_written(last.start_date, last.end_date)
            if last.start_date and last.end_date
            else ""
        )
        who = last.lead_inspector.value if last.lead_inspector else ""
        lead, verb = ("lead inspectors", "were") if " and " in who else ("lead inspector", "was")
        took_place = f"{authority}'s {which} took place {dates}" if dates else ""
        if parsed.team_asked:
            # "How many inspectors did Ofsted send?": the report's own account, first; an
            # ILACS report names only its lead inspector.
            if team := team_evidence(last.doc_id, citer.passages):
                out.append(f"Of {authority}'s {which}, the report says:")
                out += [f"{e.quote.rstrip('.')} [{citer.cite(e)}]." for e in team]
                took_place = f"It took place {dates}" if dates else ""
            else:
                said = f"The report of {authority}'s {which} does not say how large its team was."
                out.append(said)
        if parsed.kind_asked and (kind := _kind_told(last, citer)):
            # "What sort of inspection was it?": what its cover calls it, then when it was.
            out.append(f"{authority}'s {which} was {kind}.")
            took_place = f"It took place {dates}" if dates else ""
        published = last.published_line.value if last.published_line else last.published
        if parsed.publication and published:
            # "When was the report published?": as its cover prints it, or a council paper or
            # article of the authority says it; else the document's own date, said as that
            # (the text's answers quoted other reports' covers).
            printed = last.published_line.evidence if last.published_line else None
            retold = printed or _publication_retold(authority, published, citer)
            cover = last.start_date.evidence if last.start_date else None
            if evidence := retold or cover:
                said = "was published on" if retold else "is dated"
                n = citer.cite(evidence)
                out.append(f"{authority}'s inspection report {said} {_nice_date(published)} [{n}].")
            took_place = f"The inspection took place {dates}" if dates else ""
        if parsed.pick == "due" and took_place:
            took_place = f"The documents do not say when the next inspection is due; {took_place}"
        lines = [
            (last.start_date, took_place),
            (last.lead_inspector, f"The {lead} {verb} {who}" if who else ""),
        ]
        if who and parsed.inspector_first:
            # "Who led …?": what was asked is said (and cited) first.
            lines = [
                (last.lead_inspector, f"The {lead} of {authority}'s {which} {verb} {who}"),
                (last.start_date, f"It took place {dates}" if dates else ""),
            ]
        for fact, sentence in lines:
            if fact is not None and sentence:
                out.append(f"{sentence} [{citer.cite(fact.evidence)}].")
        overall = last.grade_for("overall")
        if overall:
            n = citer.cite(overall.evidence)
            said = _graded_sentence(overall)
            out.append(
                f"{said} [{n}]."
                if said
                else f"Overall effectiveness was judged {overall.worded} [{n}]."
            )
        return out
    if parsed.kind == "areas":
        return _every_area(parsed, authority, records, citer)
    if parsed.kind == "ever":
        return _ever_judged(parsed, authority, reports, citer)
    for area in parsed.areas:
        if parsed.kind == "change":
            graded = _between(parsed.years, [r for r in reports if r.grade_for(area)])
            if not graded:
                continue
            steps = []
            label = _area_text(graded[-1].grade_for(area).label, area)  # type: ignore[union-attr]
            for record in graded:
                g = record.grade_for(area)
                assert g is not None
                # Frameworks named the areas differently ("children looked after and achieving
                # permanence" before 2018): a step graded under another name says so.
                own = _area_text(g.label, area)
                named = "" if _same_area_name(own, label) else f" for {own}"
                steps.append(
                    f"{g.worded}{named} in {_inspection_phrase(record)} [{citer.cite(g.evidence)}]"
                )
            out.append(f"{authority}'s judgement for {label} was " + ", then ".join(steps) + ".")
            newest = _newest_graded(records, None)
            if (
                area == "overall"
                and _newer_without_overall(newest, graded[-1])
                # One year named ("since 2018", "better than in 2022") is from it on.
                and (len(parsed.years) < 2 or max(parsed.years) >= min(_years(newest)))
            ):
                # The change goes on past the last overall grade: the newest inspection
                # judged the areas alone.
                out.append(_judged_without_overall(newest, citer))
            continue
        record = _latest(records, area, parsed.year, parsed.before)
        newest = _newest_graded(records, parsed.year, parsed.before)
        if area == "overall" and _newer_without_overall(newest, record):
            # Since 2026 an inspection makes no overall effectiveness judgement: "how was
            # Blackpool rated?" is its judgements, not the overall grade of the one before;
            # asked for the overall grade by name, that one follows.
            if record is None or not parsed.area_named:
                out.append(_judged_without_overall(newest, citer, f" in {authority}"))
                continue
            if newest.start_date:
                n = citer.cite(newest.start_date.evidence)
                out.append(
                    f"In {_inspection_phrase(newest)}, Ofsted made no overall effectiveness "
                    f"judgement [{n}]."
                )
        if record is None:
            continue
        g = record.grade_for(area)
        assert g is not None
        n = citer.cite(g.evidence)
        said = _graded_sentence(g)
        if record.is_report and said:
            out.append(f"In {_inspection_phrase(record)}: {said} [{n}].")
        elif record.is_report:
            out.append(
                f"In {_inspection_phrase(record)}, Ofsted judged {_area_text(g.label, area)} "
                f"in {authority} {g.worded} [{n}]."
            )
        else:
            out.append(
                f"{record.title} reports that {_area_text(g.label, area)} in {authority} "
                f"was judged {g.worded} [{n}]."
            )
    # Two areas asked may be one judgement ("looked-after children and care leavers" in the
    # 2018 framework's one area): said once.
    return list(dict.fromkeys(out))


def _every_area(
    parsed: GradeRequest, authority: str, records: list[InspectionRecord], citer: Citer
) -> list[str]:
    """Every area of one inspection, those judged the grade asked about first: "were any
    areas judged inadequate?" is answered by all of them, not by the overall grade."""
    record = _newest_graded(records, parsed.year, parsed.before) or _latest(
        records, "overall", parsed.year, parsed.before
    )
    if record is None or not record.grades:
        return []
    graded = list(record.grades.values())

    where = f"In {_inspection_phrase(record)}"
    if not parsed.grades and not parsed.ranked:
        # "What were its grades?": every judgement of that inspection, the overall one first.
        graded.sort(key=lambda g: g.area != "overall")
        return [f"{where}, Ofsted's judgements in {authority} were: {_listed(graded, citer)}."]
    if not parsed.grades:
        # "Which area scored lowest?": the areas of that grade first, then the others.
        lowest = parsed.ranked == "lowest"
        graded.sort(key=lambda g: _grade_rank(g.grade), reverse=lowest)
        hits = [g for g in graded if _grade_rank(g.grade) == _grade_rank(graded[0].grade)]
        rest = [g for g in graded if g not in hits]
        which = f"the {parsed.ranked} grade in {authority} was for"
        out = [f"{where}, {which} {_listed(hits, citer)}."]
        return out + ([f"The other judgements: {_listed(rest, citer)}."] if rest else [])
    asked = parsed.grades[0]
    hits = [g for g in graded if _is_grade(g.grade, asked)]
    rest = [g for g in graded if g not in hits]
    if not hits:
        return [f"{where}, no area in {authority} was judged {asked}: {_listed(graded, citer)}."]
    noun = "area" if len(hits) == 1 else "areas"
    count = f"{len(hits)} {noun} {asked}: " if parsed.counted else ""
    out = [f"{where}, Ofsted judged {count}{_listed(hits, citer)} in {authority}."]
    if rest:
        out.append(f"The other judgements: {_listed(rest, citer)}.")
    return out


def _ever_judged(
    parsed: GradeRequest, authority: str, reports: list[InspectionRecord], citer: Citer
) -> list[str]:
    """Every inspection that judged an area (the one named, or any) the grade asked about:
    "has Calderdale ever been rated outstanding?"; when none did, each overall grade."""
    asked = parsed.grades[0]
    found: list[str] = []
    for record in reports:
        hits = [
            g for g in _graded_areas(record, parsed) if g is not None and _is_grade(g.grade, asked)
        ]
        if hits:
            areas = "; ".join(
                f"{_area_text(g.label, g.area)} [{citer.cite(g.evidence)}]" for g in hits
            )
            found.append(
                f"In {_inspection_phrase(record)}, Ofsted judged {authority} {asked} for {areas}."
            )
    if found and parsed.counted:
        # "How many times …?": the count first, then each inspection.
        said = (
            f"Ofsted judged {authority} {asked} in {_in_words(len(found))} of the "
            f"{_in_words(len(reports))} inspections in the documents"
        )
        return [f"{said}.", *found]
    if found:
        return found
    # None did: each inspection's grade for the area asked about (overall when none is).
    area = parsed.areas[0] if parsed.area_named and parsed.areas else "overall"
    overall = [
        f"{g.worded} in {_inspection_phrase(r)} [{citer.cite(g.evidence)}]"
        for r in reports
        if (g := r.grade_for(area))
    ]
    if not overall:
        return []
    whose = f"{authority}'s {AREA_LABELS[area]}" if area != "overall" else authority
    return [
        f"No inspection in the documents judged {whose} {asked}; {AREA_LABELS[area]} was "
        + ", then ".join(overall)
        + "."
    ]


def _graded_areas(record: InspectionRecord, parsed: GradeRequest) -> list[Grade | None]:
    """The grades of ``record`` an "ever" question is about: the areas it names, each as the
    report judged it (care leavers under a combined "children in care and care leavers"
    judgement), or every area."""
    if not parsed.area_named:
        return list(record.grades.values())
    grades = [record.grade_for(area) for area in parsed.areas]
    unique = {id(g): g for g in grades if g is not None}
    return list(unique.values())


_NUMBER_WORDS = "no one two three four five six seven eight nine ten".split()


def _in_words(n: int) -> str:
    """A small number as prose writes it ("two of the three inspections")."""
    return _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)


def _grade_rank(grade: str) -> int:
    """0 for outstanding to 3 for inadequate (SIF's "requires improvement to be good" too)."""
    return next((k for k, g in enumerate(GRADES) if grade.lower().startswith(g)), len(GRADES))


def _is_grade(grade: str, asked: str) -> bool:
    """ "requires improvement" asks for the grade of that name, whatever its wording."""
    return grade.lower().startswith(asked.lower())


def _list_sentences(parsed: GradeRequest, table: JudgementTable, citer: Citer) -> list[str]:
    area = parsed.areas[0]
    label = AREA_LABELS[area]
    date_from = date(parsed.year, 1, 1) if parsed.year else None
    date_to = date(parsed.year, 12, 31) if parsed.year else None
    when = f" in {parsed.year}" if parsed.year else ""
    if parsed.kind == "transition":
        first, second = parsed.grades
        found: list[tuple[str, JudgementRow, JudgementRow]] = []
        by_authority: dict[str, list[JudgementRow]] = {}
        for row in table.rows(area=area, reports_only=True):
            by_authority.setdefault(row.authority or "", []).append(row)
        for authority, rows in sorted(by_authority.items()):
            for before, after in pairwise(rows):
                in_year = not parsed.year or (after.when or "").startswith(str(parsed.year))
                if before.grade == first and after.grade == second and in_year:
                    found.append((authority, before, after))
        if not found:
            return []
        parts = [
            f"{authority} ({first} in {_inspection_phrase(b)} [{citer.cite(b.evidence)}], "
            f"{second} in {_inspection_phrase(a)} [{citer.cite(a.evidence)}])"
            for authority, b, a in found[:LIST_LIMIT]
        ]
        more = f", and {len(found) - LIST_LIMIT} more" if len(found) > LIST_LIMIT else ""
        noun = "authority" if len(found) == 1 else "authorities"
        return [
            f"{len(found)} {noun} went from {first} to {second} for {label}{when}: "
            + "; ".join(parts)
            + more
            + "."
        ]
    grade = parsed.grades[0]
    if grade not in GRADES:
        return []
    rows = table.rows(
        area=area, grade=grade, date_from=date_from, date_to=date_to, reports_only=True
    )
    if parsed.pick == "latest":
        # Each authority's newest report, whatever it judged: an older report's grade is not
        # what it is rated now (nor is one its newest report made no judgement of).
        newest = {r.authority: r.when for r in table.records if r.is_report and r.grades}
        rows = [r for r in rows if r.when == newest.get(r.authority)]
    if not rows:
        return []
    whose = "its" if len(rows) == 1 else "their"
    latest = f" at {whose} latest inspection in the documents" if parsed.pick == "latest" else ""
    parts = [
        f"{row.authority} ({_inspection_phrase(row)}) [{citer.cite(row.evidence)}]"
        for row in rows[:LIST_LIMIT]
    ]
    more = f", and {len(rows) - LIST_LIMIT} more" if len(rows) > LIST_LIMIT else ""
    noun = "authority was" if len(rows) == 1 else "authorities were"
    return [
        f"{len(rows)} {noun} judged {grade} for {label}{when}{latest}: "
        + "; ".join(parts)
        + more
        + "."
    ]


def _none_found(parsed: GradeRequest) -> str:
    label = AREA_LABELS[parsed.areas[0]]
    when = f" in {parsed.year}" if parsed.year else ""
    if parsed.kind == "transition":
        first, second = parsed.grades
        change = f"went from {first} to {second}"
    else:
        change = f"was judged {parsed.grades[0]}"
    if parsed.pick == "latest":
        # Some may have been, at an earlier inspection: not what was asked.
        when += " at its latest inspection in the documents"
    return (
        f"No authority in the indexed inspection reports {change} for {label}{when}, "
        "so I cannot name one."
    )
