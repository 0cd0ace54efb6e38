"""Structure of plain text and Markdown: headings, paragraphs, bullets and tables.

Tables come in three shapes in the corpus: tab-separated rows with inline HTML (cabinet
papers), HTML ``<table>`` markup, and plain lines under a one-line caption (news articles).
"""

import re

from index.ingest.html_text import add_html_table
from index.ingest.structure import TextAssembler, one_line, render_row, strip_inline_html

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*\*\*(.+?)\*\*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•◼▪●]|\d+[.)])\s+")
# "Councillor Beverley Egan, Cabinet Member for Children's Services, said:": who is speaking,
# the first words of the quotation's paragraph, not a heading over it.
_ATTRIBUTION = re.compile(r"\b(?:said|says|added|adds|commented|explained|stated)\s*:\s*$", re.I)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SENTENCE_FINAL = re.compile(r"[.!?:;\"”’)]\s*$")


def clean_markdown(line: str) -> str:
    """Inline Markdown and HTML reduced to the words a reader sees."""
    line = strip_inline_html(line)
    line = _LINK.sub(r"\1", line)
    line = line.replace("**", "").replace("__", "")
    line = re.sub(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])", r"\1", line)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", line)


def assemble_text(raw: str, assembler: TextAssembler) -> None:
    """Parse ``raw`` (plain text or Markdown) into ``assembler``."""
    lines = raw.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if re.match(r"\s*<table\b", line, re.I):
            i = _take_html_table(lines, i, assembler)
        elif "\t" in line:
            i = _take_tab_table(lines, i, assembler)
        else:
            i = _take_text_group(lines, i, assembler)


def _take_html_table(lines: list[str], i: int, assembler: TextAssembler) -> int:
    j = i
    while j < len(lines) and not re.search(r"</table>", lines[j], re.I):
        j += 1
    add_html_table("\n".join(lines[i : j + 1]), assembler)
    return j + 1


def _split_cells(line: str) -> list[str]:
    return [one_line(clean_markdown(cell)) for cell in line.split("\t")]


def _take_tab_table(lines: list[str], i: int, assembler: TextAssembler) -> int:
    """Tab-separated rows, possibly broken by blank lines and repeated header rows."""
    headers: list[str] | None = None
    rows: list[list[str]] = []
    group = ""
    contexts: list[str] = []
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            nxt = next((k for k in range(i, len(lines)) if lines[k].strip()), None)
            if nxt is None or "\t" not in lines[nxt]:
                break
            i = nxt
            continue
        if "\t" not in line:
            break
        cells = _split_cells(line)
        i += 1
        if headers is None:
            headers = cells
            continue
        if cells == headers:
            continue  # the header repeated after a page break
        filled = [c for c in cells if c]
        if not filled:
            continue
        if not cells[0] and rows and any(c for c in cells[1:]):
            # A row broken over a page: its cells continue the previous row's.
            prev = rows[-1]
            for k, cell in enumerate(cells):
                if cell:
                    while len(prev) <= k:
                        prev.append("")
                    prev[k] = f"{prev[k]} {cell}".strip()
            continue
        if len(filled) <= 2 and re.fullmatch(r"\d+(\.0)?", cells[0] or ""):
            group = " ".join(filled)  # a theme row that heads the rows below it
        rows.append(cells)
        contexts.append(group)
    headers = headers or []
    for cells, ctx in zip(rows, contexts, strict=True):
        # Rendered rows name their headers inline; the context is the theme row above them.
        own_theme = ctx == " ".join(c for c in cells if c)
        assembler.row(render_row(headers, cells), context="" if own_theme else ctx)
    return i


def _take_text_group(lines: list[str], i: int, assembler: TextAssembler) -> int:
    """Consecutive non-blank lines: a heading, bullets, a plain table or one paragraph."""
    group: list[str] = []
    while i < len(lines) and lines[i].strip() and "\t" not in lines[i]:
        if re.match(r"\s*<table\b", lines[i], re.I):
            break
        group.append(lines[i])
        i += 1
    if _is_plain_table(group):
        caption = one_line(clean_markdown(group[0]))
        for row in group[1:]:
            assembler.row(clean_markdown(row), context=caption)
        return i
    if len(group) == 1 and _is_plain_heading(group[0]):
        assembler.heading(clean_markdown(group[0]))
        return i
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            assembler.paragraph(" ".join(paragraph))
            paragraph.clear()

    for raw in group:
        heading = _MD_HEADING.match(raw) or _BOLD_LINE.match(raw)
        text = clean_markdown(heading.group(1) if heading else raw).strip()
        if heading and len(text) > 1:
            flush()
            assembler.heading(text)
        elif _BULLET.match(raw) or raw.endswith("  "):
            flush()
            paragraph.append(text)
            flush()
        else:
            paragraph.append(text)
    flush()
    return i


def _is_plain_table(group: list[str]) -> bool:
    """A one-line caption over three or more long lines, none of them bullets or headings."""
    if len(group) < 4:
        return False
    caption = group[0].strip()
    if len(caption) > 80 or _SENTENCE_FINAL.search(caption) or _BULLET.match(caption):
        return False
    body = group[1:]
    return all(not _BULLET.match(r) and not _MD_HEADING.match(r) and len(r) > 40 for r in body)


def _is_plain_heading(line: str) -> bool:
    """A short standalone line without final punctuation reads as a heading."""
    text = clean_markdown(line).strip()
    return (
        3 <= len(text) <= 90
        and not re.search(r"[.,;]$", text)
        and not _BULLET.match(line)
        and not _ATTRIBUTION.search(text)
        and text[:1].isupper()
    )
