"""A paragraph the chunker split across two passages is quoted across them."""

from index.build import build_index
from index.qa import QAEngine
from index.settings import Settings


def _engine(tmp_path, text: str) -> QAEngine:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text(text)
    settings = Settings(index_dir=tmp_path / "index")
    build_index([corpus], settings.index_dir, settings, progress=False)
    return QAEngine.open(settings)


def test_the_sentence_after_a_passage_break_in_a_paragraph_is_quoted_too(tmp_path) -> None:
    filler = " ".join(
        f"Inspectors met social workers in team {n} and read the records of their children."
        for n in range(1, 12)
    )
    report = (
        "Care leavers\n\n"
        f"{filler} When young people in Testshire become 21, they are no longer provided with a "
        "personal adviser unless they ask for help. At the time of this inspection, there were "
        "over 200 young people in this category.\n\n"
        "Managers are recruiting more advisers."
    )
    engine = _engine(tmp_path, report)
    # The shape under test: the paragraph's last sentence opens the next passage.
    [holding] = [p for p in engine.index.passages if "over 200" in p.text]
    assert holding.text.startswith("At the time of this inspection")
    answer = engine.ask("How many care leavers over 21 in Testshire have no personal adviser?")
    assert not answer.abstained
    assert "no longer provided with a personal adviser" in answer.answer
    assert "over 200 young people" in answer.answer
    assert any("over 200" in c.quote for c in answer.citations)
