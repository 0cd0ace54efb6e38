"""Structure of HTML: headings, paragraphs, list items and tables with their headers."""

from bs4 import BeautifulSoup, Tag

from index.ingest.structure import TextAssembler, one_line, render_row

_BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table", "blockquote", "pre", "dt", "dd"]


def assemble_html(raw: str, assembler: TextAssembler) -> str | None:
    """Parse an HTML page into ``assembler``; returns the page ``<title>`` if it has one."""
    soup = BeautifulSoup(raw, "lxml")
    for junk in soup(["script", "style", "noscript", "template", "nav", "footer", "svg"]):
        junk.decompose()
    title = one_line(soup.title.get_text()) if soup.title else None
    body = soup.body or soup
    for element in body.find_all(_BLOCKS):
        if element.find_parent(["table"]) is not None:
            continue
        if element.name == "table":
            add_html_table(element, assembler)
        elif element.name in ("li", "p", "blockquote", "dd") and element.find_parent("li"):
            continue  # nested inside a list item already taken whole
        elif element.name.startswith("h"):
            assembler.heading(element.get_text(" "))
        else:
            assembler.paragraph(element.get_text(" "))
    return title


def add_html_table(table: "Tag | str", assembler: TextAssembler) -> None:
    """Each body row becomes a row block that names its column headers."""
    if isinstance(table, str):
        found = BeautifulSoup(table, "lxml").find("table")
        if found is None:
            return
        table = found
    caption = one_line(table.caption.get_text(" ")) if table.caption else ""
    headers: list[str] = []
    for tr in table.find_all("tr"):
        cells = tr.find_all(["th", "td"])
        texts = [one_line(c.get_text(" ")) for c in cells]
        if not headers and cells and all(c.name == "th" for c in cells):
            headers = texts
            continue
        if not any(texts):
            continue
        if not headers and tr.find_parent("thead") is not None:
            headers = texts
            continue
        header_line = " | ".join(h for h in headers if h)
        context = " — ".join(p for p in (caption, header_line) if p)
        assembler.row(render_row(headers, texts), context=context)
