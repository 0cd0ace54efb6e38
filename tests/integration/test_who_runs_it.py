"""Who runs a service, asked in other words than the report's: "who actually runs social care
there?" is answered by "Children's social care … are delivered by Northamptonshire Children's
Trust" (it abstained: "runs" is not "delivered", and the question shared too few words with
the sentence). Built from West Northamptonshire's 2026 report of the ILACS archive."""

import shutil

import pytest

from index.build import build_index
from index.qa import QAEngine
from index.settings import Settings

pytestmark = pytest.mark.slow

AUTHORITY = "west northamptonshire"
REPORT = "children's services inspection - 07 july 2026.pdf"


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


def test_the_body_a_service_is_delivered_by_answers_who_runs_it(engine: QAEngine) -> None:
    answer = engine.ask(
        "who actually runs social care there?", history=["west northants ilacs 2026 outcome"]
    )
    assert not answer.abstained, answer.answer
    assert "delivered by Northamptonshire Children’s Trust" in answer.answer, answer.answer
