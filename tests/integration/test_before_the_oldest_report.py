"""The grade of an inspection before any the documents hold: "How was Lancashire rated at the
inspection before 2015?" was answered with looked-after figures; Lancashire's 2015 report says
it itself ("since the last inspection … published in March 2012, when the local authority was
found to be good overall"). Built from that report of the ILACS archive."""

import shutil

import pytest

from index.build import build_index
from index.qa import QAEngine
from index.settings import Settings

pytestmark = pytest.mark.slow

AUTHORITY = "lancashire"
REPORT = "children's services inspection - 27 november 2015.pdf"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> QAEngine:
    reports = Settings().ilacs_dir / "reports"
    if not (reports / AUTHORITY / REPORT).is_file():
        pytest.skip(f"the ILACS archive is not at {reports} (set INSPECTION_QA_ILACS_DIR)")
    corpus = tmp_path_factory.mktemp("corpus") / "reports"
    (corpus / AUTHORITY).mkdir(parents=True)  # a copy of one: in place would index them all
    shutil.copy(reports / AUTHORITY / REPORT, corpus / AUTHORITY / REPORT)
    settings = Settings(index_dir=tmp_path_factory.mktemp("index"), corpus_dir=corpus)
    build_index([corpus], settings.index_dir, settings, progress=False)
    return QAEngine.open(settings, settings.index_dir)


def test_a_grade_before_the_oldest_report_is_the_reports_own_account(engine: QAEngine):
    for question, history in (
        ("How was Lancashire rated at the inspection before 2015?", None),
        ("what had they been rated at the one before?", ["lancashire's 2015 inspection"]),
    ):
        answer = engine.ask(question, history=history)
        assert not answer.abstained, answer.answer
        assert "March 2012" in answer.answer and "good overall" in answer.answer, answer.answer
        assert answer.citations[0].doc_id.startswith("lancashire-"), answer.citations
