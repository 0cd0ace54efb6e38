"""An engine over a corpus of one invented document: the real model, index and composer, for
a shape of text the shipped corpus does not have."""

from pathlib import Path

from index.build import build_index
from index.qa import QAEngine
from index.settings import Settings


def engine_over(tmp_path: Path, text: str, name: str = "document.txt") -> QAEngine:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text)
    settings = Settings(index_dir=tmp_path / "index")
    build_index([corpus], settings.index_dir, settings, progress=False)
    return QAEngine.open(settings)
