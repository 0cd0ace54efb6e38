"""A month as staff shorten it is a time, not a topic word: "lambeth dec 2022 ilacs what did
care leavers themselves think of the service" abstained, "dec" weighed as a rare word no
sentence holds; the report says "Care leavers say that the service they receive needs to be
strengthened." Built from Lambeth's December 2022 report of the ILACS archive."""

import shutil

import pytest

from index.build import build_index
from index.qa import QAEngine
from index.settings import Settings

pytestmark = pytest.mark.slow

AUTHORITY = "lambeth"
REPORT = "children's services inspection - 16 december 2022.pdf"


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


def test_a_shortened_month_weighs_as_a_time(engine: QAEngine) -> None:
    answer = engine.ask(
        "lambeth dec 2022 ilacs what did care leavers themselves think of the service"
    )
    assert not answer.abstained, answer.answer
    assert "Care leavers say that the service they receive needs to be strengthened" in (
        answer.answer
    ), answer.answer
