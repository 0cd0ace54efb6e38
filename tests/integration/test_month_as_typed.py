"""A month as staff shorten it is a time, not a topic word: "lambeth dec 2022 ilacs what did
care leavers themselves think of the service" abstained, "dec" weighed as a rare word no
sentence holds; the report says "Care leavers say that the service they receive needs to be
strengthened." Built from Lambeth's December 2022 report of the ILACS archive."""

import pytest

from index.qa import QAEngine

pytestmark = pytest.mark.slow

AUTHORITY = "lambeth"
REPORT = "children's services inspection - 16 december 2022.pdf"


def test_a_shortened_month_weighs_as_a_time(report_engine: QAEngine) -> None:
    answer = report_engine.ask(
        "lambeth dec 2022 ilacs what did care leavers themselves think of the service"
    )
    assert not answer.abstained, answer.answer
    assert "Care leavers say that the service they receive needs to be strengthened" in (
        answer.answer
    ), answer.answer
