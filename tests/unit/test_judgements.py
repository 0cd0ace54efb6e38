"""Judgement extraction on the seeds and on a sample of real Ofsted reports, and the answers
composed from the table. No model is needed: documents are loaded and chunked as in a build."""

import csv
import re
from datetime import datetime
from pathlib import Path

import pytest

from index.answering.judgement_answers import answer_judgement_question
from index.answering.judgement_table import JudgementTable, parse_area, parse_grade
from index.errors import BadQuery
from index.ingest.chunking import chunk_document
from index.ingest.judgements import GRADES, InspectionRecord, extract
from index.ingest.loaders import fingerprint, load_document
from index.settings import REPO_ROOT, Settings
from index.types import Document, Passage
from index.understanding.question import parse_question as parse

CORPUS = REPO_ROOT / "corpus"
ILACS = Settings().ilacs_dir
REPORTS = ILACS / "reports"
HERTS_SEED = CORPUS / "000_32b057dbc3e2b5e6.txt"
CALDERDALE_SEED = CORPUS / "002_0a2bc6d77ad37827.txt"
CALDERDALE_2018 = REPORTS / "calderdale/children's services inspection - 19 december 2018.pdf"
HERTS_2023 = REPORTS / "hertfordshire/children's services inspection - 10 march 2023.pdf"
# A spread of frameworks and years: standard and short ILACS, combined and separate care areas.
SAMPLE = (
    ("calderdale", "children's services inspection - 19 december 2018.pdf"),
    ("dorset", "children's services inspection - 09 may 2025.pdf"),
    ("bournemouth, christchurch & poole", "children's services inspection - 11 february 2022.pdf"),
    ("oldham", "children's services inspection - 04 march 2019.pdf"),
    ("hertfordshire", "children's services inspection - 10 march 2023.pdf"),
    ("norfolk", "children's services inspection - 13 january 2023.pdf"),
    ("norfolk", "children's services inspection - 18 may 2026.pdf"),
)
GRADE_COLUMNS = {
    "overall_effectiveness_grade": "overall",
    "impact_of_leaders_grade": "leaders",
    "help_and_protection_grade": "help_and_protection",
    "in_care_grade": "in_care",
    "care_leavers_grade": "care_leavers",
}


def load(path: Path, root: Path | None = None) -> tuple[Document, list[Passage]]:
    """A document as the index has it: an archive report named by its place in the archive."""
    root = root or (REPORTS if REPORTS in path.parents else CORPUS)
    doc = load_document(fingerprint(path, root, 50_000_000))
    return doc, chunk_document(doc)


def extracted(
    path: Path, root: Path | None = None
) -> tuple[Document, list[Passage], InspectionRecord]:
    doc, passages = load(path, root)
    record = extract(doc, passages)
    assert record is not None, f"no judgements read from {path.name}"
    return doc, passages, record


def assert_cited_verbatim(doc: Document, passages: list[Passage], record: InspectionRecord):
    by_id = {p.passage_id: p for p in passages}
    for grade in record.grades.values():
        ev = grade.evidence
        assert doc.text[ev.start : ev.end] == ev.quote
        assert grade.grade.split()[0] in ev.quote.lower()
        if ev.passage_id:
            passage = by_id[ev.passage_id]
            assert passage.start <= ev.start and ev.end <= passage.end


def test_hertfordshire_seed_table_gives_each_area_its_grade_quoted_from_the_article():
    doc, passages, record = extracted(HERTS_SEED)
    assert record.authority == "Hertfordshire"
    assert not record.is_report
    grades = {area: g.grade for area, g in record.grades.items()}
    assert grades == {
        "help_and_protection": "good",
        "in_care": "good",
        "leaders": "outstanding",
        "overall": "good",
    }
    assert record.combined_care  # 2018 framework: children in care and care leavers together
    assert_cited_verbatim(doc, passages, record)
    assert record.grades["leaders"].evidence.quote.startswith("The impact of leaders")


def test_calderdale_seed_gives_care_leavers_outstanding_through_the_combined_area():
    doc, passages, record = extracted(CALDERDALE_SEED)
    assert record.authority == "Calderdale"
    care_leavers = record.grade_for("care_leavers")
    assert care_leavers is not None and care_leavers.grade == "outstanding"
    assert "children in care and care leavers" in care_leavers.label.lower()
    assert_cited_verbatim(doc, passages, record)


def test_inspection_report_header_gives_dates_inspector_and_framework():
    doc, passages, record = extracted(CALDERDALE_2018)
    assert (record.start_date.value, record.end_date.value) == ("2018-11-12", "2018-11-23")
    assert record.lead_inspector.value == "Lisa Summers"
    assert record.framework == "standard"
    assert record.grades["help_and_protection"].grade == "requires improvement"
    assert record.grades["overall"].evidence.passage_id  # judgement rows are passages
    assert_cited_verbatim(doc, passages, record)
    _, _, herts = extracted(HERTS_2023)
    assert (herts.start_date.value, herts.end_date.value) == ("2023-01-23", "2023-01-27")
    assert herts.framework == "short" and herts.lead_inspector.value == "Sarah Canto"
    assert herts.grades["care_leavers"].grade == "good"
    assert herts.grades["in_care"].grade == "outstanding"


def test_the_safeguarding_board_is_a_judged_area_of_a_single_inspection_framework_report():
    doc, passages, record = extracted(
        REPORTS / "herefordshire" / "children's services inspection - 30 june 2014.pdf"
    )
    lscb = record.grades["lscb"]
    assert lscb.grade == "requires improvement"
    quote = lscb.evidence.quote
    assert quote == doc.text[lscb.evidence.start : lscb.evidence.end]
    assert quote.startswith("The effectiveness of the Local Safeguarding")
    assert quote.endswith("requires improvement")
    held = next(p for p in passages if p.passage_id == lscb.evidence.passage_id)
    assert quote in held.text
    _, _, ilacs = extracted(CALDERDALE_2018)  # the board was not judged after 2018
    assert "lscb" not in ilacs.grades


def test_two_lead_inspectors_are_both_named():
    root = ILACS / "reports"
    if not root.is_dir():
        pytest.skip(f"the ILACS archive is not at {ILACS} (set INSPECTION_QA_ILACS_DIR)")
    report = "children's services inspection - 25 november 2022.pdf"
    doc, passages, record = extracted(root / "stoke-on-trent" / report, root)
    assert record.lead_inspector.value == "Rebecca Quested and Matthew Reed"
    ev = record.lead_inspector.evidence
    quoted = doc.text[ev.start : ev.end]
    assert quoted.startswith("Lead inspectors:") and quoted.endswith("Matthew Reed")
    request = parse_question("Who led Stoke-on-Trent's 2022 inspection?", ("Stoke-on-Trent",))
    composed = answer_judgement_question(
        request,
        ("Stoke-on-Trent",),
        JudgementTable([record]),
        {p.passage_id: p for p in passages},
        {doc.meta.doc_id: doc},
    )
    # Asked who led: the inspectors first, then the dates.
    assert re.match(
        r"The lead inspectors of Stoke-on-Trent's .+? were Rebecca Quested and Matthew Reed \[1\]",
        composed.answer,
    ), composed.answer


def test_a_reports_grades_are_its_own_not_the_previous_inspections_it_recounts():
    """Knowsley's 2017 report recounts the 2014 inspection ("… help and protection were
    judged to be inadequate") above its body's headings; its own grades are the numbered
    summary on its first page."""
    root = ILACS / "reports"
    if not root.is_dir():
        pytest.skip(f"the ILACS archive is not at {ILACS} (set INSPECTION_QA_ILACS_DIR)")
    report = "children's services inspection - 13 june 2017.pdf"
    _, _, record = extracted(root / "knowsley" / report, root)
    graded = {area: g.grade for area, g in record.grades.items()}
    assert graded["help_and_protection"] == "requires improvement"
    assert graded["in_care"] == "requires improvement"
    quote = record.grades["help_and_protection"].evidence.quote
    assert quote.startswith("1. Children who need help and protection"), quote


def test_a_document_without_judgements_gives_no_record():
    doc, passages = load(CORPUS / "001_6eb892215e4cceed.txt")
    record = extract(doc, passages)
    assert record is None or not record.grades


@pytest.fixture(scope="module")
def sample() -> list[tuple[dict[str, str], Document, list[Passage], InspectionRecord]]:
    if not (ILACS / "judgements.csv").is_file():
        pytest.skip(f"the ILACS archive is not at {ILACS} (set INSPECTION_QA_ILACS_DIR)")
    published = {
        (r["local_authority"], r["pdf_filename"]): r
        for r in csv.DictReader((ILACS / "judgements.csv").open(encoding="utf-8"))
    }
    root = ILACS / "reports"
    out = []
    for key in SAMPLE:
        doc, passages, record = extracted(root / key[0] / key[1], root)
        out.append((published[key], doc, passages, record))
    return out


def test_real_reports_match_the_published_grades_dates_and_inspectors(sample):
    for row, doc, passages, record in sample:
        for column, area in GRADE_COLUMNS.items():
            want = row[column]
            got = record.grade_for(area)
            if want == "inspection_pre_dates_judgement":
                assert record.combined_care and area not in record.grades
            else:
                assert got is not None and got.grade == want, (row["pdf_filename"], area)
        start = datetime.strptime(row["inspection_start_date"], "%d/%m/%Y").date().isoformat()
        end = datetime.strptime(row["inspection_end_date"], "%d/%m/%Y").date().isoformat()
        assert (record.start_date.value, record.end_date.value) == (start, end)
        assert record.framework == row["inspection_framework"]
        assert record.lead_inspector.value.replace(" ", "") == row["inspector_name"].replace(
            " ", ""
        )
        assert_cited_verbatim(doc, passages, record)


def test_list_question_names_every_authority_with_that_grade_in_that_year(sample):
    records = [record for *_, record in sample]
    table = JudgementTable(records)
    documents = {doc.meta.doc_id: doc for _, doc, _, _ in sample}
    passages = {p.passage_id: p for _, _, ps, _ in sample for p in ps}
    # The expected names come from the published CSV, not from the extractor.
    row = next(r for r, *_ in sample if r["care_leavers_grade"] in GRADES)
    grade = row["care_leavers_grade"]
    year = datetime.strptime(row["inspection_end_date"], "%d/%m/%Y").year
    expected = {
        r["local_authority"]
        for r, *_ in sample
        if r["care_leavers_grade"] == grade and r["inspection_end_date"].endswith(str(year))
    }
    question = f"Which authorities were judged {grade} for care leavers in {year}?"
    request = parse(question).grades
    assert request is not None
    composed = answer_judgement_question(request, (), table, passages, documents)
    assert composed is not None and not composed.abstained
    named = {c.authority.lower() for c in composed.citations}
    assert named == expected
    assert composed.answer.count("[") == len(composed.citations)
    for citation in composed.citations:
        assert grade in citation.quote.lower() and "care leavers" in citation.quote.lower()
        assert citation.quote in citation.text


def parse_question(question: str, authorities: tuple[str, ...]):
    return parse(question, authorities=authorities).grades


def test_questions_that_are_not_about_judgements_are_left_to_retrieval():
    assert (
        parse_question("What did Ofsted say about care leavers in Calderdale?", ("Calderdale",))
        is None
    )
    assert parse_question("Who owns the foster carers action?", ("Hertfordshire",)) is None
    assert (
        parse_question("How was Calderdale judged for care leavers?", ("Calderdale",)).kind
        == "grade"
    )
    change = parse_question("How have Calderdale's grades changed?", ("Calderdale",))
    assert change.kind == "change"
    listing = parse_question("Which councils went from inadequate to good?", ())
    assert listing.kind == "transition" and listing.grades == ("inadequate", "good")
    # "experiences and progress of children …" names an area: a grade is asked, not a history.
    latest = parse_question(
        "What grade did Barnet receive for the experiences and progress of children in care "
        "at the most recent inspection?",
        ("Barnet",),
    )
    assert latest.kind == "grade" and latest.areas == ("in_care",)
    assert parse_question("How have Barnet's grades progressed?", ("Barnet",)).kind == "change"
    # The outcome of an inspection, what an authority got: its grade; not what it got done.
    outcome = parse_question("What was the result of Barnet's last inspection?", ("Barnet",))
    assert outcome.kind == "grade"
    for said in ("Barnet's last Ofsted result?", "What was Barnet's Ofsted outcome?"):
        assert parse_question(said, ("Barnet",)).kind == "grade"
    assert parse_question("What was the outcome for children in Barnet?", ("Barnet",)) is None
    assert parse_question("What did Barnet get in 2017?", ("Barnet",)).kind == "grade"
    assert parse_question("What did Barnet get from the DfE?", ("Barnet",)) is None
    assert parse_question("What support did Barnet get?", ("Barnet",)) is None
    # Lay words for a grade, and "now" for the latest inspection.
    assert parse_question("Was Barnet's 2017 inspection a fail?", ("Barnet",)).kind == "grade"
    now = parse("Is Barnet good now?", authorities=("Barnet",))
    assert now.grades is not None and now.beyond_grades == () and now.when and now.when.latest
    # "rate" the verb asks for a grade; "rate" the noun does not.
    assert parse_question("How did Ofsted rate Barnet?", ("Barnet",)).kind == "grade"
    assert parse_question("What is Barnet's household recycling rate?", ("Barnet",)) is None


def test_filter_values_are_checked_with_a_message_naming_the_choices():
    assert parse_area("care-leavers") == "care_leavers"
    assert parse_grade("requires_improvement") == "requires improvement"
    with pytest.raises(BadQuery, match="area must be one of"):
        parse_area("canteen")
    with pytest.raises(BadQuery, match="grade must be one of"):
        parse_grade("excellent")


def test_an_older_reports_overall_statement_is_quoted_from_where_it_starts():
    # The 2015 PDF runs "Report published: 27 November 2015" into the statement's line.
    doc, passages, record = extracted(
        REPORTS / "hertfordshire/children's services inspection - 27 november 2015.pdf"
    )
    overall = record.grades["overall"]
    assert overall.grade == "good"
    assert overall.evidence.quote.startswith("Children’s services in Hertfordshire are good")
    assert overall.label.lower().startswith("children")
    assert_cited_verbatim(doc, passages, record)


@pytest.fixture(scope="module")
def blackpool() -> tuple[JudgementTable, dict[str, Passage], dict[str, Document]]:
    """Blackpool's 2023 report (an overall grade) and its 2026 one (none: Ofsted no longer
    makes an overall effectiveness judgement)."""
    root = ILACS / "reports"
    if not root.is_dir():
        pytest.skip(f"the ILACS archive is not at {ILACS} (set INSPECTION_QA_ILACS_DIR)")
    records, passages, documents = [], {}, {}
    for name in ("01 february 2023", "28 july 2026"):
        path = root / "blackpool" / f"children's services inspection - {name}.pdf"
        doc, ps, record = extracted(path, root)
        records.append(record)
        passages.update({p.passage_id: p for p in ps})
        documents[doc.meta.doc_id] = doc
    return JudgementTable(records), passages, documents


def answer(question: str, table, passages, documents) -> str:
    request = parse_question(question, ("Blackpool",))
    composed = answer_judgement_question(request, ("Blackpool",), table, passages, documents)
    assert composed is not None and not composed.abstained
    assert composed.answer.count("[") == len(composed.citations)
    return composed.answer


def test_how_an_area_was_rated_after_an_inspection_without_an_overall_grade(blackpool):
    said = answer("How was Blackpool rated?", *blackpool)
    assert said.startswith("In the inspection of 8 to 19 June 2026, Ofsted made no overall")
    assert "outstanding" in said and "2022" not in said
    # Asked for the overall grade by name: the newest has none, the one before follows.
    said = answer("What is Blackpool's overall grade?", *blackpool)
    assert "made no overall effectiveness judgement" in said
    assert said.index("2026") < said.index("requires improvement to be good")
    # Which area was strongest is read from the newest inspection, though it has no overall.
    said = answer("Which area was Blackpool strongest in?", *blackpool)
    assert said.startswith("In the inspection of 8 to 19 June 2026, the highest grade")


def test_a_question_for_grades_in_the_plural_lists_every_judgement(blackpool):
    said = answer("What were Blackpool's grades at its 2023 inspection?", *blackpool)
    assert said.startswith("In the inspection of 5 to 16 December 2022")
    assert said.count("[") == 4 and said.index("overall effectiveness") < said.index("leaders")


def test_an_area_not_judged_at_an_inspection_held_that_year_is_left_to_the_text():
    """The Isles of Scilly had no children in care in 2016: that inspection judged no care
    area. The table must not claim there was no 2016 inspection (it is there)."""
    root = ILACS / "reports"
    if not root.is_dir():
        pytest.skip(f"the ILACS archive is not at {ILACS} (set INSPECTION_QA_ILACS_DIR)")
    path = root / "isles of scilly" / "children's services inspection - 27 june 2016.pdf"
    doc, ps, record = extracted(path, root)
    assert "in_care" not in record.grades and "overall" in record.grades
    table = JudgementTable([record])
    passages = {p.passage_id: p for p in ps}
    documents = {doc.meta.doc_id: doc}
    scilly = ("Isles of Scilly",)
    asked = "Did Ofsted give the Isles of Scilly a grade for looked after children in 2016?"
    composed = answer_judgement_question(
        parse_question(asked, scilly), scilly, table, passages, documents
    )
    assert composed is None or "no 2016 inspection" not in composed.answer
    # A year with no inspection is still said to have none.
    asked = "How was the Isles of Scilly rated in 2018?"
    composed = answer_judgement_question(
        parse_question(asked, scilly), scilly, table, passages, documents
    )
    assert composed is not None and "no 2018 inspection" in composed.answer


def test_an_overall_statement_whose_name_runs_over_a_line_is_read():
    # Kingston's 2015 report: "Children's services in the Royal Borough of Kingston upon\n
    # Thames are good". Unread, the table said Ofsted "made no overall effectiveness
    # judgement" of it (asked "what were they rated at the inspection before?" after 2019).
    root = ILACS / "reports"
    path = root / "kingston upon thames" / "children's services inspection - 03 august 2015.pdf"
    if not path.is_file():
        pytest.skip(f"the ILACS archive is not at {ILACS} (set INSPECTION_QA_ILACS_DIR)")
    _, _, record = extracted(path, root)
    overall = record.grades["overall"]
    assert overall.grade == "good"
    # Quoted from where it starts, up to the end of the passage it starts in.
    assert overall.evidence.quote.startswith("Children’s services in the Royal Borough")
