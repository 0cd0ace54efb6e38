"""Loaders, metadata and chunking on the shipped corpus and on small hostile files."""

from pathlib import Path

import pytest

from index.build import collect_sources
from index.errors import DocumentSkipped
from index.ingest.chunking import chunk_document
from index.ingest.loaders import discover, fingerprint, load_document
from index.retrieval.embedding import load_token_counter
from index.settings import REPO_ROOT, Settings

CORPUS = REPO_ROOT / "corpus"
SEED_PLAN = CORPUS / "004_56be7b61e08d6d3a.txt"
REPORTS = Settings().ilacs_reports
CALDERDALE_2018 = REPORTS / "calderdale/children's services inspection - 19 december 2018.pdf"


def load(path: Path, root: Path | None = None):
    """A document as the index has it: an archive report named by its place in the archive."""
    root = root or (REPORTS if REPORTS in path.parents else CORPUS)
    return load_document(fingerprint(path, root, 50_000_000))


@pytest.fixture(scope="module")
def count_tokens():
    return load_token_counter(Settings().model_name)


def test_every_shipped_document_loads_with_metadata():
    sources, skipped = collect_sources([CORPUS], Settings())
    assert not skipped
    docs = [load_document(s) for s in sources]
    assert len(docs) == 15
    for doc in docs:
        assert doc.meta.title and doc.meta.doc_type and doc.meta.authority
    by_id = {d.meta.doc_id: d.meta for d in docs}
    assert by_id["003_3115fc9e1c719f5a"].authority == "Herefordshire"
    assert by_id["004_56be7b61e08d6d3a"].authority == "Hertfordshire"
    assert by_id["001_6eb892215e4cceed"].authority == "Hertfordshire"
    assert by_id["002_0a2bc6d77ad37827"].authority == "Calderdale"


def test_herefordshire_and_hertfordshire_reports_get_their_own_authority():
    for folder in ("herefordshire", "hertfordshire"):
        for pdf in (REPORTS / folder).glob("*.pdf"):
            assert load(pdf).meta.authority == folder.capitalize()


def test_pdf_report_metadata_is_read_from_its_name_and_text():
    meta = load(CALDERDALE_2018).meta
    assert meta.date == "2018-12-19"
    assert meta.doc_type == "inspection report"
    assert meta.source == "Ofsted"
    assert "Calderdale" in meta.title


def test_pdf_keeps_pages_and_its_judgement_table_becomes_rows():
    doc = load(CALDERDALE_2018)
    assert len(doc.page_starts) == 12
    rows = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "row"]
    assert (
        "Judgement: The experiences and progress of children in care and care leavers | "
        "Grade: Outstanding"
    ) in rows
    assert any("Requires improvement to be good" in r for r in rows)


def test_sidecar_overrides_inferred_metadata(tmp_path):
    (tmp_path / "note.txt").write_text("Minutes of the Calderdale cabinet.\n\nAgenda item 4.\n")
    (tmp_path / "note.meta.json").write_text('{"authority": "Herefordshire", "date": "2020-01-02"}')
    meta = load(tmp_path / "note.txt", tmp_path).meta
    assert meta.authority == "Herefordshire"
    assert meta.date == "2020-01-02"


def test_every_passage_is_the_exact_document_span_within_the_token_budget(count_tokens):
    sources, _ = collect_sources([CORPUS], Settings())
    for source in sources:
        doc = load_document(source)
        passages = chunk_document(doc, count_tokens, 200, 40)
        assert passages
        for p in passages:
            assert doc.text[p.start : p.end] == p.text
            assert count_tokens(p.embedding_text()) <= 256


def test_action_plan_rows_are_passages_with_headers_and_section(count_tokens):
    doc = load(SEED_PLAN)
    rows = [p for p in chunk_document(doc, count_tokens, 200, 40) if p.kind == "row"]
    foster = next(p for p in rows if "foster carers views" in p.text)
    assert "Completion Date: May-19" in foster.text
    assert "Owner: Sue Lowndes, Head of Fostering and Adoption" in foster.text
    assert "Appendix A" in foster.section


def test_html_tables_keep_their_headers(tmp_path, count_tokens):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Plan</title></head><body><h1>Action plan</h1>"
        "<p>Calderdale improvement plan.</p><table><tr><th>Action</th><th>Owner</th></tr>"
        "<tr><td>Recruit foster carers</td><td>Jane Smith</td></tr></table></body></html>"
    )
    doc = load(page, tmp_path)
    rows = [p for p in chunk_document(doc, count_tokens) if p.kind == "row"]
    assert rows[0].text == "Action: Recruit foster carers | Owner: Jane Smith"
    assert rows[0].section.startswith("Action plan")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("broken.pdf", b"%PDF-1.4\n this is not really a pdf", "PDF"),
    ],
)
def test_unreadable_files_are_skipped_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentSkipped, match=reason):
        load(path, tmp_path)


def test_non_utf8_text_is_read_not_skipped(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Calderdale café report: children’s services are good.".encode("cp1252"))
    assert "café" in load(path, tmp_path).text


def test_a_label_value_heading_like_the_lead_inspector_is_a_passage_of_its_own() -> None:
    from index.build import collect_sources
    from index.ingest.chunking import chunk_document
    from index.ingest.loaders import load_document
    from index.retrieval.embedding import load_token_counter
    from index.settings import REPO_ROOT, Settings

    settings = Settings()
    sources, _ = collect_sources([REPO_ROOT / "corpus"], settings)
    source = next(s for s in sources if "calderdale" in str(s.path) and "2024" in str(s.path))
    doc = load_document(source)
    at = doc.text.find("Lead inspector:")
    assert at >= 0
    passages = chunk_document(doc, load_token_counter(settings.model_name))
    covering = [p for p in passages if p.start <= at < p.end]
    assert covering and "Lead inspector:" in covering[0].text


def test_a_dated_heading_is_quotable_text_with_the_cover_lines_around_it(count_tokens):
    # The cabinet panel paper's meeting date is a bold heading with the agenda under it; as a
    # section label only, "when did the panel meet?" could never quote it.
    doc = load(SEED_PLAN)
    passages = chunk_document(doc, count_tokens, 200, 40)
    dated = [p for p in passages if "WEDNESDAY 13 FEBRUARY, 2019" in p.text]
    assert dated, "the meeting date is in some passage's text"
    assert "CABINET PANEL" in dated[0].text


@pytest.mark.parametrize(
    ("path", "root", "heading", "content"),
    [
        # After a finished sentence, with no blank line between: "… 13.6%). Child protection
        # in this area" was one paragraph, and the area's figures sat under the section before.
        (
            REPORTS / "herefordshire/children's services inspection - 30 june 2014.pdf",
            REPORTS,
            "Child protection in this area",
            "child protection plan",
        ),
        # A sentence carried over the page break, then the heading alone on the next page:
        # the whole list of what needs to improve was filed under leadership's findings.
        (
            REPORTS / "hampshire/children's services inspection - 11 june 2019.pdf",
            REPORTS,
            "What needs to improve",
            "return home interview",
        ),
    ],
)
def test_a_heading_the_pdf_runs_on_from_the_text_before_is_a_section(
    count_tokens, path: Path, root: Path, heading: str, content: str
) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not beside the repo")
    passages = chunk_document(load(path, root), count_tokens, 200, 40)
    assert not [p for p in passages if p.text.rstrip().endswith(heading)]
    under = [p for p in passages if p.section.startswith(heading)]
    assert under and any(content in p.text.lower() for p in under)


def test_a_folders_readme_describes_the_collection_and_is_not_indexed() -> None:
    """../shared/council's README is a catalogue of every file: indexed, it answered
    questions about the council documents with its table of them."""
    council = REPO_ROOT.parent / "shared" / "council"
    if not council.is_dir():
        pytest.skip("../shared/council is not beside the repo")
    found = {p.name for p in discover(council)}
    assert "README.md" not in found
    assert len(found) >= 28 and all(name[:2].isdigit() for name in found)


def test_every_graded_line_of_the_shipped_reports_is_quotable(count_tokens):
    """An older report's "2.2 Experiences and progress of care leavers Good" reads as a
    heading; as a section label only, the grade it states could never be cited."""
    from index.ingest.chunking import _GRADED_ITEM

    graded = 0
    sources, _ = collect_sources([REPO_ROOT / "corpus"], Settings())
    for source in sources:
        doc = load_document(source)
        passages = chunk_document(doc, count_tokens, 200, 40)
        for block in doc.blocks:
            if block.kind == "heading" and _GRADED_ITEM.match(doc.text[block.start : block.end]):
                graded += 1
                assert any(p.start <= block.start < p.end for p in passages), doc.text[
                    block.start : block.end
                ]
    assert graded >= 6


@pytest.mark.parametrize(
    "report, after",
    [
        # Page 1's last line and page 2's first heading were one: "… governance Inadequate
        # Executive summary" labelled the whole summary, and no passage quoted the grade.
        ("surrey/children's services inspection - 16 may 2018.pdf", "Executive summary"),
        # Run on into the page's footnote, which the template mask then hid with it.
        ("barnet/children's services inspection - 07 july 2017.pdf", "1 Ofsted produces"),
    ],
)
def test_an_older_reports_numbered_grade_is_a_line_of_its_own(count_tokens, report, after):
    path = REPORTS / report
    if not path.exists():
        pytest.skip(f"{path} is not beside the repo")
    passages = chunk_document(load(path, REPORTS), count_tokens, 200, 40)
    graded = "3. Leadership, management and governance Inadequate"
    assert any(graded in p.text.splitlines() for p in passages)
    assert not [p for p in passages if f"{graded} {after}" in f"{p.section} {p.text}"]


def test_a_footnote_at_a_pages_foot_is_not_spliced_into_the_sentence_it_interrupts(
    count_tokens,
):
    """The page's footnote sat between a sentence's two halves ("… safety planning at the
    earliest 1 The areas for improvement have been cross-referenced … opportunity to reduce
    risk"): the sentence was in no passage whole, and the template note read as a finding."""
    path = REPORTS / "solihull/children's services inspection - 12 january 2026.pdf"
    if not path.exists():
        pytest.skip(f"{path} is not beside the repo")
    doc = load(path, REPORTS)
    sentence = "safety planning at the earliest opportunity to reduce risk."
    passages = chunk_document(doc, count_tokens, 200, 40)
    assert any(sentence in p.text for p in passages)
    note = next(p for p in passages if "have been cross-referenced" in p.text)
    assert any(part.startswith("1 The areas for") for part in note.text.split("\n\n"))
    # Two notes, the second's number on a line of its own: each its own paragraph still.
    older = load(
        REPORTS / "blackpool/children's services inspection - 08 september 2014.pdf", REPORTS
    )
    assert "Regulations 2013.\n\nA full description of what" in older.text


def test_a_quotations_attribution_is_part_of_its_passage_not_a_heading(tmp_path, count_tokens):
    path = tmp_path / "press-release.txt"
    path.write_text(
        "Council welcomes Ofsted report\n\n"
        "Councillor Jo Bloggs, Cabinet Member for Children's Services, said:\n\n"
        "\u201cThis is a fantastic achievement for everyone in children's social care.\u201d\n"
    )
    doc = load(path, tmp_path)
    passages = chunk_document(doc, count_tokens)
    # Who said it is in the quotable text, so "who is the cabinet member?" can be answered.
    assert any("Councillor Jo Bloggs" in p.text for p in passages)
    assert not any("Jo Bloggs" in p.section for p in passages)
