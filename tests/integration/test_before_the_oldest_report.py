"""The grade of an inspection before any the documents hold: "How was Lancashire rated at the
inspection before 2015?" was answered with looked-after figures; Lancashire's 2015 report says
it itself ("since the last inspection … published in March 2012, when the local authority was
found to be good overall"). Built from that report of the ILACS archive."""

import pytest

from index.qa import QAEngine

pytestmark = pytest.mark.slow

AUTHORITY = "lancashire"
REPORT = "children's services inspection - 27 november 2015.pdf"


def test_a_grade_before_the_oldest_report_is_the_reports_own_account(report_engine: QAEngine):
    for question, history in (
        ("How was Lancashire rated at the inspection before 2015?", None),
        ("what had they been rated at the one before?", ["lancashire's 2015 inspection"]),
    ):
        answer = report_engine.ask(question, history=history)
        assert not answer.abstained, answer.answer
        assert "March 2012" in answer.answer and "good overall" in answer.answer, answer.answer
        assert answer.citations[0].doc_id.startswith("lancashire-"), answer.citations
