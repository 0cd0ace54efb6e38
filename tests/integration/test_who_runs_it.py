"""Who runs a service, asked in other words than the report's: "who actually runs social care
there?" is answered by "Children's social care … are delivered by Northamptonshire Children's
Trust" (it abstained: "runs" is not "delivered", and the question shared too few words with
the sentence). Built from West Northamptonshire's 2026 report of the ILACS archive."""

import pytest

from index.qa import QAEngine

pytestmark = pytest.mark.slow

AUTHORITY = "west northamptonshire"
REPORT = "children's services inspection - 07 july 2026.pdf"


def test_the_body_a_service_is_delivered_by_answers_who_runs_it(report_engine: QAEngine) -> None:
    answer = report_engine.ask(
        "who actually runs social care there?", history=["west northants ilacs 2026 outcome"]
    )
    assert not answer.abstained, answer.answer
    assert "delivered by Northamptonshire Children’s Trust" in answer.answer, answer.answer
