"""Structure of PDF reports: text per page, running headers dropped, lines joined into
paragraphs, headings recognised, and Ofsted judgement tables turned into rows."""

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader

from index.errors import DocumentSkipped
from index.ingest.structure import TextAssembler, one_line, render_row
from index.settings import PDF_READER
from index.understanding.lexicon import GRADE_WORDED

if TYPE_CHECKING:
    import pypdfium2 as pdfium

_GRADES = (
    r"(?:requires\s+improvement\s+to\s+be\s+good|requires\s+improvement|outstanding|good"
    r"|inadequate)"
)
_GRADE_AT_END = re.compile(rf"^(?P<area>.+?)\s+(?P<grade>{_GRADES})\s*$", re.I | re.S)
_TABLE_START = re.compile(
    r"^(judgement\s+grade|the judgements on areas of the service.*are:?)\s*$", re.I
)
_BULLET = re.compile(r"^\s*(?:[\uf0b7•◼▪●■\-–]|\d{1,3}\.(?!\d)|\d{1,3}\.\d+\s)\s*")
_SYMBOL_BULLET = re.compile(r"^\s*[\uf0b7•◼▪●■\-–]\s")
# An ILACS report's area heading ("The experiences and progress of care leavers: good", "…
# requires improvement to be good."): a heading, even with a full stop, and a block of its
# own where the PDF runs it on from a bullet without one (the whole report was then filed
# under "What needs to improve?").
_AREA_HEADING = re.compile(
    r"^(?:The\s+experiences\s+and\s+progress|The\s+impact\s+of\s+leaders|Overall\s+"
    rf"effectiveness)\b[^:.]{{0,140}}?(?::|\s+is|\s+are)?\s+{GRADE_WORDED}\.?\s*$",
    re.I,
)
_TERMINAL = re.compile(r"[.!?:;)\"”’]\s*$")
# An older report's numbered judgement ("3. Leadership, management and governance
# Inadequate", the grade capitalised as the cover prints it): a line complete in itself, not
# run on into the next page's first heading ("… Inadequate Executive summary"). Stricter than
# the chunker's pattern of the same name, which reads finished blocks: here a numbered
# paragraph's line may end in a lower-case "good" and go on.
_GRADED_ITEM = re.compile(
    r"^\d+(?:\.\d+)*\.?\s+[A-Z][^.:;]{3,120}?\s+(?:Requires\s+[Ii]mprovement(?:\s+to\s+be\s+good)?"
    r"|Inadequate|Good|Outstanding|Adequate|Not\s+[Jj]udged)$"
)


PDF_READERS = ("pypdf", "pdfium")


def check_pdf_signature(path: Path) -> None:
    """Refuse a file named .pdf that is not one (an HTML page saved as .pdf is in the archive)."""
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" in head:
        return
    start = head.lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta")):
        raise DocumentSkipped("not a PDF: an HTML page saved with a .pdf name")
    raise DocumentSkipped("not a PDF: no %PDF- signature in the first kilobyte")


def read_pdf(path: Path, reader: str = PDF_READER) -> list[str]:
    """The text of each page; raises DocumentSkipped for encrypted, corrupt or empty PDFs.

    ``reader`` "pdfium" (PDFium, native) is about 16 times faster than "pypdf" (pure Python);
    their texts differ in small ways (line-end hyphens, footnote digits, blank lines).
    """
    check_pdf_signature(path)
    pages = _read_pdfium(path) if reader == "pdfium" else _read_pypdf(path)
    if sum(len(p.strip()) for p in pages) < 20:
        raise DocumentSkipped("PDF has no text layer (scanned image?)")
    return pages


def _read_pdfium(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentSkipped("encrypted PDF (needs a password)") from exc
        raise DocumentSkipped(f"unreadable PDF: {exc}") from exc
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(_pdfium_page_text(textpage))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise DocumentSkipped(f"unreadable PDF: {exc}") from exc
    finally:
        document.close()
    return pages


# A line of PDFium's text: up to a line break, or up to and including U+FFFE, its mark for a
# hyphen that ends a line (pypdf keeps "-" and the break).
_PDFIUM_LINE = re.compile(r"[^\r\n\ufffe]+\ufffe?")
PARAGRAPH_GAP = 0.8  # of a line's height: white space between lines that ends a paragraph


def _pdfium_page_text(textpage: "pdfium.PdfTextPage") -> str:
    """The page's lines, with a blank line where the space above a line is a paragraph's
    (lines of a paragraph are ~0.25 of their height apart, paragraphs ~1.5) or the text jumps
    back up the page (a new column, the body after a running header). PDFium gives no blank
    lines of its own, and the assembler reads them as paragraph ends, as in pypdf's text."""
    text = textpage.get_text_range()
    lines: list[str] = []
    previous_bottom: float | None = None
    for match in _PDFIUM_LINE.finditer(text):
        # PDFium's text holds one character per character index, its line breaks included.
        _, bottom, _, top = textpage.get_charbox(match.start(), loose=True)
        height = top - bottom
        if previous_bottom is not None and height > 0:
            gap = previous_bottom - top
            if gap > PARAGRAPH_GAP * height or -gap > 2 * height:
                lines.append("")
        previous_bottom = bottom
        lines.append(match.group().replace("\ufffe", "-"))
    return "\n".join(lines)


def _read_pypdf(path: Path) -> list[str]:
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise DocumentSkipped("encrypted PDF (needs a password)")
            except DocumentSkipped:
                raise
            except Exception as exc:
                raise DocumentSkipped(f"encrypted PDF that cannot be opened: {exc}") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentSkipped:
        raise
    except Exception as exc:  # pypdf raises many types for broken files
        raise DocumentSkipped(f"unreadable PDF: {type(exc).__name__}: {exc}") from exc
    return pages


def _clean_lines(page: str) -> list[str]:
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in page.replace("\r", "").split("\n")]
    # Symbol-font bullets come out as private-use characters.
    return [re.sub(r"^[\ue000-\uf8ff]\s*", "• ", ln) for ln in lines]


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines that repeat near the top or bottom of many pages: running headers and footers."""
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [ln for ln in lines if ln]
        edge = content[:3] + content[-2:]
        counts.update({_shape(ln) for ln in edge})
    threshold = max(2, int(len(pages) * 0.4))
    return {shape for shape, n in counts.items() if n >= threshold}


# A footnote at a page's foot: its number, a space, then its text ("1 The areas for
# improvement have been cross-referenced …"); a numbered paragraph's number has a full stop.
_FOOTNOTE = re.compile(r"^\d{1,2}\s+[A-Z‘“\"]")


def _split_footnotes(lines: list[str], running: set[str]) -> tuple[list[str], list[str]]:
    """The page's lines without the footnotes at its foot, and those footnotes, one per
    entry. Left in place, a footnote was spliced into a sentence carried over to the next page
    ("… safety planning at the earliest 1 The areas for improvement … opportunity to reduce
    risk"): the sentence was lost to the answer and the footnote read as the report's words."""
    end = len(lines)
    while end and (not lines[end - 1] or _shape(lines[end - 1]) in running):
        end -= 1
    start = end
    while start and lines[start - 1]:
        start -= 1
    body = [ln for ln in lines[:start] if ln and _shape(ln) not in running]
    if not start or not body or not _FOOTNOTE.match(lines[start]):
        return lines, []
    notes: list[str] = []
    new_note = True
    for line in lines[start:end]:
        if re.fullmatch(r"\d{1,2}", line):  # a note's number on a line of its own
            new_note = True
        elif new_note or _FOOTNOTE.match(line):
            notes.append(line)
            new_note = False
        else:
            notes[-1] = f"{notes[-1]} {line}"
    return lines[:start], notes


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def assemble_pdf(pages_text: list[str], assembler: TextAssembler) -> None:
    """Turn page texts into headings, paragraphs and judgement-table rows."""
    pages = [_clean_lines(p) for p in pages_text]
    running = _running_lines(pages) if len(pages) > 2 else set()
    lengths = sorted(len(ln) for lines in pages for ln in lines if ln)
    width = lengths[int(len(lengths) * 0.95)] if lengths else 80
    paragraph: list[str] = []
    # The last page's footnotes, held until the paragraph it carried over ends.
    notes: list[str] = []
    # Whether a blank line (or a page's start) came before the current line, and before the
    # paragraph's last line.
    gap = last_after_blank = False

    def flush() -> None:
        if paragraph:
            text = one_line(" ".join(paragraph))
            paragraph.clear()
            if _looks_like_heading(text) or _AREA_HEADING.match(text):
                assembler.heading(text)
            else:
                assembler.paragraph(text)
        for note in notes:
            assembler.paragraph(one_line(note))
        notes.clear()

    def flush_heading_apart() -> None:
        """Flush the paragraph and its last line as a heading of its own."""
        heading = paragraph.pop()
        flush()
        paragraph.append(heading)
        flush()

    for page_lines in pages:
        # A paragraph running over the page break continues; anything else starts afresh.
        if not paragraph or _TERMINAL.search(paragraph[-1]):
            flush()
        lines, foot = _split_footnotes(page_lines, running)
        assembler_page_start = True
        i = 0
        while i < len(lines):
            line = lines[i]
            if not line or _shape(line) in running or re.fullmatch(r"\d{1,3}", line):
                if not line and paragraph:
                    if _TERMINAL.search(paragraph[-1]) or _area_heading_next(lines, i):
                        flush()
                    elif _heading_closes(paragraph, last_after_blank, _next_text(lines, i)):
                        flush_heading_apart()
                gap = True
                i += 1
                continue
            if assembler_page_start:
                # A paragraph carried over the break is credited to the page it ends on.
                assembler.start_page()
                assembler_page_start = False
            if _TABLE_START.match(line):
                flush()
                i = _take_judgement_table(lines, i, assembler)
                continue
            heading = bool(_AREA_HEADING.match(line))
            if paragraph and (_starts_block(line) or heading):
                flush()
            paragraph.append(line)
            last_after_blank, gap = gap, False
            if (
                heading
                or _GRADED_ITEM.match(one_line(" ".join(paragraph)))
                or _ends_paragraph(line, _next_text(lines, i), width)
            ):
                flush()
            i += 1
        if assembler_page_start:
            assembler.start_page()
        notes.extend(foot)
    flush()


def _heading_closes(paragraph: list[str], last_after_blank: bool, nxt: str) -> bool:
    """Whether the paragraph's last line, followed by a blank line, is a heading the PDF ran
    on from the text before it: a short title-like line after a finished sentence or after a
    blank line of its own, with a new block after it ("… live independently." / "Areas for
    improvement" / "◼ Ensure …"; a sentence carried over the page break, then "What needs to
    improve"). Left in, the heading was lost and the list under it filed under the section
    before. A contents entry ends in its page number and stays where it is."""
    if len(paragraph) < 2 or not nxt:
        return False
    last = paragraph[-1]
    return (
        (last_after_blank or bool(_TERMINAL.search(paragraph[-2])))
        and not _looks_like_heading(one_line(" ".join(paragraph[:-1])))
        and ":" not in last
        and len(last) < 70
        and len(last.split()) <= 12
        and _title_like(last)
        and not _starts_block(last)
        and not last[-1:].isdigit()
        and (nxt[:1].isupper() or _starts_block(nxt))
    )


def _area_heading_next(lines: list[str], i: int) -> bool:
    """Whether the next one or two lines after ``i`` are an area heading, which ends the
    paragraph before it even when that paragraph (a bullet) has no full stop."""
    following = [ln for ln in lines[i + 1 : i + 4] if ln][:2]
    return any(_AREA_HEADING.match(" ".join(following[:n])) for n in (1, 2))


def _next_text(lines: list[str], i: int) -> str:
    """The next non-blank line of the page: a heading is often followed by a blank line."""
    return next((ln for ln in lines[i + 1 :] if ln), "")


def _starts_block(line: str) -> bool:
    return bool(_BULLET.match(line))


def _ends_paragraph(line: str, nxt: str, width: int) -> bool:
    if not nxt:
        return False
    short = len(line) < width * 0.72
    if _TERMINAL.search(line) and (short or _starts_block(nxt)):
        return True
    # A short line without final punctuation followed by a capitalised line is a heading.
    return (
        short
        and len(line) < 70
        and not line.endswith(",")
        and nxt[:1].isupper()
        and (not _TERMINAL.search(line))
        and len(line.split()) <= 12
        and _title_like(line)
    )


def _title_like(line: str) -> bool:
    return bool(re.match(r"^[A-Z0-9‘'\"]", line)) and not re.search(
        r"\b(and|of|the|to|with|for|in)$", line
    )


def _looks_like_heading(text: str) -> bool:
    # A bulleted item is a list entry however short: "◼ Timeliness of early help support
    # (Outcome 3)" under "What needs to improve?" is content, not a section of its own.
    return (
        len(text) <= 120
        and not re.search(r"[.;,]\s*$", text)
        and len(text.split()) <= 18
        and not _SYMBOL_BULLET.match(text)
    )


def _take_judgement_table(lines: list[str], i: int, assembler: TextAssembler) -> int:
    """Rows of area → grade after a 'Judgement Grade' line, up to 'Overall effectiveness'."""
    header = lines[i]
    headers = ["Judgement", "Grade"]
    i += 1
    buffer: list[str] = []
    rows: list[tuple[str, str]] = []
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            nxt = next((ln for ln in lines[i:] if ln), "")
            if rows and not buffer and (len(nxt) > 70 or not nxt):
                break  # prose resumes after the table
            continue
        buffer.append(line)
        i += 1
        if (
            re.search(r"requires\s+improvement$", line, re.I)
            and i < len(lines)
            and re.match(r"to\s+be\s+good", lines[i], re.I)
        ):
            buffer.append(lines[i])  # the grade wraps: "Requires improvement / to be good"
            i += 1
        match = _GRADE_AT_END.match(" ".join(buffer))
        if match:
            area = re.sub(r"^\d+(\.\d+)?\.?\s+", "", one_line(match.group("area")))
            rows.append((area, one_line(match.group("grade"))))
            buffer = []
            if area.lower().startswith(("overall effectiveness", "leadership, management")):
                break
        elif len(buffer) > 6:
            i -= len(buffer)  # not a table after all: hand the lines back as prose
            break
    context = f"{header}" if rows else ""
    for area, grade in rows:
        assembler.row(render_row(headers, [area, grade]), context=context)
    if not rows:
        assembler.paragraph(header)
    return i
