"""A visit named ("what did the fifth monitoring visit focus on?") points to the papers titled
with that visit, not to an inspection report's passages that mention monitoring visits."""

import shutil

import pytest

from index.build import build_index
from index.qa import QAEngine
from index.settings import REPO_ROOT, Settings

pytestmark = pytest.mark.slow

AUTHORITY = "herefordshire"
MINUTES = "003_3115fc9e1c719f5a"  # the shipped cabinet minutes on its monitoring visit


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> QAEngine:
    reports = Settings().ilacs_dir / "reports" / AUTHORITY
    if not reports.is_dir():
        pytest.skip(f"the ILACS archive is not beside the repo ({reports})")
    # Every Herefordshire document the archive holds (its four reports and the minutes), as
    # a question naming Herefordshire searches them; copies, as read in place would index
    # the whole archive.
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(reports, corpus / "reports" / AUTHORITY)
    for suffix in (".txt", ".meta.json"):
        shutil.copy(REPO_ROOT / "corpus" / f"{MINUTES}{suffix}", corpus / f"{MINUTES}{suffix}")
    settings = Settings(index_dir=tmp_path_factory.mktemp("index"), corpus_dir=corpus)
    build_index([corpus], settings.index_dir, settings, progress=False)
    return QAEngine.open(settings, settings.index_dir)


def test_what_a_visit_looked_at_comes_from_the_visits_papers(engine: QAEngine) -> None:
    hits = engine.search("What did the fifth Ofsted monitoring visit focus on in Herefordshire?")
    top = [h.passage for h in hits.hits[:5]]
    assert any(
        p.doc_id == MINUTES and "the focus was on children at risk" in p.text for p in top
    ), [p.text[:80] for p in top]
