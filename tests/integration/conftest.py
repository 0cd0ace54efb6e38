"""An engine over reports of the ILACS archive, for a module that names them (``AUTHORITY``,
``REPORT``: one file name or a tuple of them; ``WITH_SHIPPED_CORPUS``: the founding documents
too): the real model, index and composer, built from a copy of those reports alone (built in
place, the folder would index the whole archive). Skips where the archive is not there."""

import shutil

import pytest

from index.build import build_index
from index.qa import QAEngine
from index.settings import REPO_ROOT, Settings

CORPUS = REPO_ROOT / "corpus"


@pytest.fixture(scope="module")
def report_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> QAEngine:
    authority, named = request.module.AUTHORITY, request.module.REPORT
    chosen = (named,) if isinstance(named, str) else named
    reports = Settings().ilacs_reports
    if not all((reports / authority / report).is_file() for report in chosen):
        pytest.skip(f"the ILACS archive is not at {reports} (set INSPECTION_QA_ILACS_DIR)")
    corpus = tmp_path_factory.mktemp("corpus") / "reports"
    (corpus / authority).mkdir(parents=True)
    for report in chosen:
        shutil.copy(reports / authority / report, corpus / authority / report)
    roots = [corpus, CORPUS] if getattr(request.module, "WITH_SHIPPED_CORPUS", False) else [corpus]
    settings = Settings(index_dir=tmp_path_factory.mktemp("index"), corpus_dir=corpus)
    build_index(roots, settings.index_dir, settings, progress=False)
    return QAEngine.open(settings, settings.index_dir)
