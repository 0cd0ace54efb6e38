"""An engine over one report of the ILACS archive, for a module that names it (``AUTHORITY``,
``REPORT``): the real model, index and composer, built from a copy of that report alone (built
in place, the folder would index the whole archive). Skips where the archive is not there."""

import shutil

import pytest

from index.build import build_index
from index.qa import QAEngine
from index.settings import Settings


@pytest.fixture(scope="module")
def report_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> QAEngine:
    authority, report = request.module.AUTHORITY, request.module.REPORT
    reports = Settings().ilacs_dir / "reports"
    if not (reports / authority / report).is_file():
        pytest.skip(f"the ILACS archive is not at {reports} (set INSPECTION_QA_ILACS_DIR)")
    corpus = tmp_path_factory.mktemp("corpus") / "reports"
    (corpus / authority).mkdir(parents=True)
    shutil.copy(reports / authority / report, corpus / authority / report)
    settings = Settings(index_dir=tmp_path_factory.mktemp("index"), corpus_dir=corpus)
    build_index([corpus], settings.index_dir, settings, progress=False)
    return QAEngine.open(settings, settings.index_dir)
