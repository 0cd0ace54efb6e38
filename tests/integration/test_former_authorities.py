"""A council reorganised away is asked about by its old name: "Northamptonshire's children's
trust" had the answer "The index holds no documents about Northamptonshire", though North and
West Northamptonshire's reports (the trust serves both) say who runs its services."""

import shutil

import pytest

from index.build import build_index
from index.qa import QAEngine
from index.settings import Settings

pytestmark = pytest.mark.slow

REPORT = "children's services inspection - 25 november 2022.pdf"
SUCCESSORS = ("north northamptonshire", "west northamptonshire")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> QAEngine:
    reports = Settings().ilacs_reports
    if not all((reports / name / REPORT).is_file() for name in SUCCESSORS):
        pytest.skip(f"the ILACS archive is not at {reports} (set INSPECTION_QA_ILACS_DIR)")
    corpus = tmp_path_factory.mktemp("corpus") / "reports"
    for name in SUCCESSORS:  # read in place would index the whole archive: a copy of two
        (corpus / name).mkdir(parents=True)
        shutil.copy(reports / name / REPORT, corpus / name / REPORT)
    settings = Settings(index_dir=tmp_path_factory.mktemp("index"), corpus_dir=corpus)
    build_index([corpus], settings.index_dir, settings, progress=False)
    return QAEngine.open(settings, settings.index_dir)


def test_a_former_council_is_answered_from_the_councils_that_took_it_over(engine: QAEngine):
    answer = engine.ask("Who delivers children's social care for Northamptonshire?")
    assert not answer.abstained, answer.answer
    said = {c.authority for c in answer.citations}
    assert said and said <= {"North Northamptonshire", "West Northamptonshire"}
    assert "trust" in answer.answer.lower(), answer.answer


def test_a_council_the_index_holds_is_not_read_as_its_successors(engine: QAEngine):
    answer = engine.ask("What did Ofsted say about care leavers in North Northamptonshire?")
    assert {c.authority for c in answer.citations} == {"North Northamptonshire"}
