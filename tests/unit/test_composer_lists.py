"""A sentence announcing a list is answered with the list's items, wherever they were found."""

from index.build import build_index
from index.qa import QAEngine
from index.settings import Settings

# As a council's press release ends: a list announced, its one item, nothing after.
LETTER = (
    "Council welcomes Ofsted letter\n\n"
    "Inspectors visited the front door services of Testshire in February.\n\n"
    "The findings were published today. In their letter to the council, the inspectors "
    "highlighted a number of strengths:\n\n"
    "• senior leaders have a good understanding of frontline practice"
)


def _engine(tmp_path, text: str) -> QAEngine:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_text(text)
    settings = Settings(index_dir=tmp_path / "index")
    build_index([corpus], settings.index_dir, settings, progress=False)
    return QAEngine.open(settings)


def test_an_item_chosen_for_its_own_words_stays_under_the_sentence_announcing_it(
    tmp_path,
) -> None:
    answer = _engine(tmp_path, LETTER).ask(
        "In their letter, which strengths did the inspectors highlight on frontline work?"
    )
    assert not answer.abstained
    said = answer.answer
    assert "a number of strengths:" in said
    assert said.index("a number of strengths:") < said.index("frontline practice")
