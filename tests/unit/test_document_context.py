"""Every passage is indexed under its document's authority, kind and year: a passage's own
words rarely say whose or when, so only a document's cover matched what a question names
("the Hertfordshire cabinet panel paper") and the line answering it was ranked below it."""

from index.qa import QAEngine


def test_a_line_of_a_council_paper_is_found_by_the_paper_it_is_in(engine: QAEngine) -> None:
    # The "Author:" line sits under the paper's own heading ("Report of the Director of
    # Children's Services"), with no word of "Hertfordshire cabinet panel" in it.
    answer = engine.ask(
        "Who was the author of the Hertfordshire cabinet panel paper about the October 2018 "
        "ILACS inspection?"
    )
    assert not answer.abstained
    assert answer.citations[0].text.startswith("Author: Karen Noble")


def test_each_passage_names_its_document_once_and_keeps_its_own_text(engine: QAEngine) -> None:
    index = engine.index
    by_id = {d.meta.doc_id: d.meta for d in index.documents.values()}
    for passage in index.passages:
        meta = by_id[passage.doc_id]
        indexed = passage.embedding_text()
        assert indexed.endswith(passage.text)
        context = indexed.split("\n", 1)[0]
        assert meta.authority in context and meta.doc_type in context
        if meta.date:
            assert meta.date[:4] in context
