"""A corpus with every kind of bad file still builds: each bad file is skipped with a reason
in the build summary, and every good document is indexed."""

import random
import shutil
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from index.build import BuildReport, build_index
from index.errors import DocumentSkipped
from index.ingest.pdf_text import read_pdf
from index.retrieval.store import load_index
from index.settings import REPO_ROOT, Settings
from service.cli import main as cli_main

SEED = REPO_ROOT / "corpus" / "000_32b057dbc3e2b5e6.txt"
SEED_2 = REPO_ROOT / "corpus" / "001_6eb892215e4cceed.txt"


def _text_pdf(path: Path, lines: list[str], password: str | None = None) -> None:
    """A one-page PDF with a real text layer, optionally encrypted with a user password."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    ops = "BT /F1 11 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    stream = DecodedStreamObject()
    stream.set_data(ops.encode("latin-1"))
    page.replace_contents(stream)
    if password:
        writer.encrypt(user_password=password, owner_password=password + "!", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "good-seed.txt")
    shutil.copy(SEED, corpus / "zz-copy-of-seed.txt")
    shutil.copy(SEED_2, corpus / "good-seed-2.txt")
    _text_pdf(
        corpus / "good.pdf",
        [
            "Kirklees children's services: a short inspection note.",
            "Inspectors found that care leavers are well supported by personal advisers.",
            "Leaders know their services well and act on what they find.",
        ],
    )
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 64)
    # Random bytes with no NUL: Windows-1252 would decode them to "text".
    noise = random.Random(16).randbytes(20_000).replace(b"\x00", b"\x01")
    (corpus / "random-bytes.txt").write_bytes(noise)
    (corpus / "saved-page.pdf").write_text(
        "<!DOCTYPE html>\n<html><head><title>Ofsted report</title></head>"
        "<body><p>Care leavers are supported well.</p></body></html>\n"
    )
    (corpus / "windows-1252.txt").write_bytes(
        "Café report for Calderdale children's services.\n\nThe inspectors' judgement on "
        "care leavers was good; the council's résumé of actions was clear.\n".encode("cp1252")
    )
    line = b"Care leavers in an enormous generated text file, over the size limit.\n"
    with (corpus / "huge-50mb.txt").open("wb") as handle:
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
    _text_pdf(corpus / "encrypted.pdf", ["Secret text about care leavers."], password="s3cret")
    (corpus / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog\nthis is not a pdf")
    blank = PdfWriter()
    blank.add_blank_page(612, 792)
    with (corpus / "no-text-layer.pdf").open("wb") as handle:
        blank.write(handle)
    return corpus


@pytest.fixture(scope="module")
def hostile_build(
    hostile_corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[BuildReport, Settings]:
    settings = Settings(index_dir=tmp_path_factory.mktemp("hostile-index"))
    report = build_index([hostile_corpus], settings.index_dir, settings, progress=False)
    return report, settings


def _reasons(report: BuildReport) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in report.skipped}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary"),
        ("huge-50mb.txt", "over the"),
        ("encrypted.pdf", "encrypted"),
        ("corrupt.pdf", "unreadable PDF"),
        ("no-text-layer.pdf", "no text layer"),
        ("zz-copy-of-seed.txt", "duplicate of"),
        ("random-bytes.txt", "not text"),
        ("saved-page.pdf", "HTML page saved with a .pdf name"),
    ],
)
def test_each_bad_file_is_skipped_with_a_reason_in_the_build_summary(
    hostile_build: tuple[BuildReport, Settings], name: str, reason: str
) -> None:
    reasons = _reasons(hostile_build[0])
    assert name in reasons, f"{name} not in the skipped list {reasons}"
    assert reason in reasons[name]


def test_every_good_document_of_a_hostile_corpus_is_indexed(
    hostile_build: tuple[BuildReport, Settings],
) -> None:
    report, settings = hostile_build
    index = load_index(settings.index_dir, settings.model_name)
    paths = {Path(d.meta.path).name for d in index.documents.values()}
    assert paths == {"good-seed.txt", "good-seed-2.txt", "good.pdf", "windows-1252.txt"}
    assert report.documents == 4 and len(report.skipped) == 9


def test_a_windows_1252_file_is_read_with_its_accents(
    hostile_build: tuple[BuildReport, Settings],
) -> None:
    _, settings = hostile_build
    index = load_index(settings.index_dir, settings.model_name)
    doc = next(d for d in index.documents.values() if d.meta.path.endswith("windows-1252.txt"))
    assert "Café" in doc.text and "résumé" in doc.text


def test_the_build_command_prints_each_skipped_file_and_its_reason(
    hostile_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli_main(["build", "--corpus", str(hostile_corpus), "--index", str(tmp_path), "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    assert "9 file(s) skipped" in out
    for name in ("empty.txt", "binary.txt", "huge-50mb.txt", "encrypted.pdf", "corrupt.pdf"):
        assert f"{name}: " in out


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("encrypted.pdf", "encrypted"),
        ("corrupt.pdf", "unreadable PDF"),
        ("no-text-layer.pdf", "no text layer"),
        ("saved-page.pdf", "HTML page"),
    ],
)
def test_the_pdfium_reader_skips_the_same_bad_pdfs_with_a_reason(
    hostile_corpus: Path, name: str, reason: str
) -> None:
    with pytest.raises(DocumentSkipped, match=reason):
        read_pdf(hostile_corpus / name, "pdfium")


def test_the_pdfium_reader_reads_a_good_pdfs_text(hostile_corpus: Path) -> None:
    pages = read_pdf(hostile_corpus / "good.pdf", "pdfium")
    assert "care leavers are well supported" in " ".join(pages)
