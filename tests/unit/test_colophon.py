"""A document's colophon (Ofsted's back page: "W: www.gov.uk/ofsted © Crown copyright 2024")
is never quoted, neither chosen nor run on into from the sentence before it."""

from one_document import engine_over

REPORT = (
    "Inspection of Testshire children's services\n\n"
    "Care leavers are well supported by personal advisers who visit them often. "
    "W: www.gov.uk/ofsted © Crown copyright 2024"
)


def test_the_back_page_is_not_quoted_after_the_sentence_that_answers(tmp_path) -> None:
    answer = engine_over(tmp_path, REPORT).ask("How are care leavers supported in Testshire?")
    assert not answer.abstained
    assert "personal advisers" in answer.answer
    assert "Crown copyright" not in answer.answer and "www.gov.uk" not in answer.answer
