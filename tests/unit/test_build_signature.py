"""The build's signature (whether an index's documents are read again) changes with what
documents are read with, not with the words questions are read by: a word added to the
question-reading lexicon made the next build re-read and re-chunk every document, for passages
it cannot change."""

from pathlib import Path

import pytest

from index.build import pipeline_signature
from index.settings import Settings
from index.understanding import lexicon


def test_question_words_leave_the_signature_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    before = pipeline_signature(settings)
    read = Path.read_bytes

    def with_a_new_question_word(path: Path) -> bytes:
        # The lexicon's source as it reads after a word is added for questions.
        data = read(path)
        if path.as_posix().endswith("understanding/lexicon.py"):
            return data + b'\nTO_DO_BETTER += r"|\\bto-do\\s+list\\b"\n'
        return data

    monkeypatch.setattr(Path, "read_bytes", with_a_new_question_word)
    assert pipeline_signature(settings) == before


def test_what_documents_are_read_with_changes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    before = pipeline_signature(settings)
    monkeypatch.setattr(lexicon, "GRADE_WORDED", lexicon.GRADE_WORDED + r"|excellent")
    assert pipeline_signature(settings) != before
