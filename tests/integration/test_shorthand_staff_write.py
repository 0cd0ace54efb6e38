"""Shorthand staff type where a report writes the words out: "CEO" for "the chief executive",
"s47" for "section 47". Both questions abstained: "CEO" was a name the evidence never
mentioned, and "s47" matched no word of the report. Built from Tower Hamlets' 2017 report of
the ILACS archive."""

import pytest

from index.qa import QAEngine

pytestmark = pytest.mark.slow

AUTHORITY = "tower hamlets"
REPORT = "children's services inspection - 07 april 2017.pdf"


def test_the_ceo_is_the_chief_executive(report_engine: QAEngine) -> None:
    answer = report_engine.ask("tower hamlets 2017 - did the CEO and DCS know how bad it was?")
    assert not answer.abstained, answer.answer
    assert "chief executive" in answer.answer.lower()
    assert "did not know about the extent of the failures" in answer.answer


def test_s47_is_a_section_47_enquiry(report_engine: QAEngine) -> None:
    answer = report_engine.ask("how timely are s47 enquiries in tower hamlets?")
    assert not answer.abstained, answer.answer
    assert any("section 47" in c.quote for c in answer.citations), answer.citations
