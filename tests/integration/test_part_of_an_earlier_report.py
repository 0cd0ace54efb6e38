"""A part of a report asked of the inspection before the one talked about ("what were the weak
spots the time before?" after Sheffield's 2023 report) is that part of the earlier report: it
abstained ("weak spots" named no part), then gave the 2023 list. Built from Sheffield's 2019
and 2023 reports of the ILACS archive."""

import pytest

from index.qa import QAEngine

pytestmark = pytest.mark.slow

AUTHORITY = "sheffield"
REPORT = (
    "children's services inspection - 27 august 2019.pdf",
    "children's services inspection - 03 november 2023.pdf",
)


def test_the_weak_spots_the_time_before_are_the_earlier_reports_list(
    report_engine: QAEngine,
) -> None:
    history = ["sheffield ilacs 2023 - is help and protection good now"]
    answer = report_engine.ask("what were the weak spots the time before?", history=history)
    assert answer.answer.startswith("What needs to improve"), answer.answer
    assert {c.doc_id for c in answer.citations} == {
        "sheffield-children-s-services-inspection-27-august-2019"
    }


def test_the_list_undated_is_the_latest_reports(report_engine: QAEngine) -> None:
    answer = report_engine.ask("sheffield weak spots")
    assert {c.doc_id for c in answer.citations} == {
        "sheffield-children-s-services-inspection-03-november-2023"
    }, answer.answer
