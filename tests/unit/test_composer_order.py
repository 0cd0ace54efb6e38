"""What an answer says first: the sentence on what was asked, not a line that only dates it."""

from one_document import engine_over

REPORT = (
    "Inspection of Testshire local authority children's services\n\n"
    "Inspection dates: 13 January to 24 January 2020\n\n"
    "Lead inspector: Alex Example\n\n"
    "The experiences and progress of children who need help and protection\n\n"
    "Social workers visit children regularly and know them well. Managers oversee plans "
    "closely and review progress every month. Strategy meetings are timely and well attended. "
    "Early help services in Testshire are a real strength. Assessments are thorough and "
    "children's views are recorded carefully. Plans are reviewed on time by independent "
    "chairs, who challenge drift.\n\n"
    "Care leavers are supported by personal advisers who keep in touch with them."
)


def test_a_line_that_only_dates_the_inspection_comes_after_what_was_asked(tmp_path) -> None:
    engine = engine_over(tmp_path, REPORT, "report.txt")
    answer = engine.ask("What was good in Testshire in January 2020?")
    assert not answer.abstained
    assert answer.answer.startswith("Early help services in Testshire are a real strength")
    # Still cited, after it: it shows the answer is of the inspection asked about.
    dated = [c.n for c in answer.citations if c.quote.startswith("Inspection dates")]
    assert all(n > 1 for n in dated)
    # Asked when, the dates answer first.
    when = engine.ask("When was Testshire inspected in 2020?")
    assert "Inspection dates: 13 January to 24 January 2020" in when.answer.split("[1]")[0]
