"""Assemble a document's stored text from structural blocks, keeping every block's offsets."""

import re

from index.types import Block

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&quot;": '"', "&#39;": "'"}


def strip_inline_html(text: str) -> str:
    """Drop inline tags (``<b>``, ``<li>`` …) and decode the common entities."""
    text = re.sub(r"</(li|p|br)\s*>|<br\s*/?>", " ", text, flags=re.I)
    text = _TAG.sub("", text)
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


def one_line(text: str) -> str:
    """Collapse all whitespace, newlines included, to single spaces."""
    return _SPACE.sub(" ", text).strip()


def render_row(headers: list[str], cells: list[str]) -> str:
    """A table row as one self-describing line: ``Header: value | Header: value``."""
    parts = []
    for i, cell in enumerate(cells):
        if not cell:
            continue
        header = headers[i] if i < len(headers) else ""
        parts.append(f"{header}: {cell}" if header else cell)
    return " | ".join(parts)


class TextAssembler:
    """Collects headings, paragraphs and rows into one stored text with block offsets."""

    SEPARATOR = "\n\n"

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.page_starts: list[int] = []

    def start_page(self) -> None:
        self.page_starts.append(self._length + (len(self.SEPARATOR) if self._parts else 0))

    def add(self, kind: str, text: str, context: str = "") -> None:
        text = one_line(text)
        if not text:
            return
        if self._parts:
            self._parts.append(self.SEPARATOR)
            self._length += len(self.SEPARATOR)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self.blocks.append(Block(kind=kind, start=start, end=self._length, context=context))

    def heading(self, text: str) -> None:
        self.add("heading", text)

    def paragraph(self, text: str) -> None:
        self.add("paragraph", text)

    def row(self, text: str, context: str = "") -> None:
        self.add("row", text, context)

    def text(self) -> str:
        return "".join(self._parts)
