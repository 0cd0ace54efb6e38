"""`build --executor ray`: Ray Data reading, an embedding actor pool, the local build's index."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from ray_support import assert_same_index

from index.build import build_index
from index.ray_build import RayExecutor
from index.retrieval.store import CURRENT, load_index
from index.settings import REPO_ROOT, Settings

CORPUS = REPO_ROOT / "corpus"
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def ray_executor() -> Iterator[RayExecutor]:
    """A local Ray (3 CPU slots on this 2-core machine) with two embedding actors."""
    with RayExecutor(embed_actors=2, num_cpus=3) as executor:
        yield executor


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """The five founding documents (with their sidecars), a corpus small enough to rebuild."""
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for path in CORPUS.glob("00*"):
        shutil.copy(path, corpus / path.name)
    return corpus


def test_ray_build_of_the_corpus_equals_the_local_build(
    ray_executor, built_index, settings, tmp_path
):
    ray_settings = settings.model_copy(update={"index_dir": tmp_path / "ray-index"})
    report = build_index(
        [CORPUS], ray_settings.index_dir, ray_settings, progress=False, executor=ray_executor
    )
    assert report.embedded == report.passages > 700
    assert_same_index(built_index, ray_settings.index_dir, settings)


def test_ray_rebuild_reads_and_embeds_only_the_changed_document(ray_executor, seeds, tmp_path):
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=seeds)
    first = build_index([seeds], settings.index_dir, settings, False, executor=ray_executor)
    assert first.embedded == first.passages

    again = build_index([seeds], settings.index_dir, settings, False, executor=ray_executor)
    assert again.unchanged and again.embedded == 0

    changed = seeds / "002_0a2bc6d77ad37827.txt"
    changed.write_text(
        changed.read_text() + "\n\nA new paragraph about care leavers' accommodation.\n"
    )
    third = build_index([seeds], settings.index_dir, settings, False, executor=ray_executor)
    stored = load_index(settings.index_dir, settings.model_name)
    changed_passages = [p for p in stored.passages if p.doc_id == "002_0a2bc6d77ad37827"]
    assert third.embedded == len(changed_passages)
    assert third.reused == third.passages - len(changed_passages) > 0

    local = Settings(index_dir=tmp_path / "local", corpus_dir=seeds)
    build_index([seeds], local.index_dir, local, progress=False)
    assert_same_index(local.index_dir, settings.index_dir, settings, questions=())


def test_a_failed_ray_build_leaves_the_served_index_untouched(ray_executor, seeds, tmp_path):
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=seeds)
    build_index([seeds], settings.index_dir, settings, False, executor=ray_executor)
    served = (settings.index_dir / CURRENT).read_text()
    files = sorted(p.name for p in (settings.index_dir / "versions").iterdir())
    (seeds / "new.txt").write_text("Calderdale care leavers were well supported.\n" * 20)

    # Workers that cannot load the model: every read task fails inside Ray.
    broken = settings.model_copy(update={"model_name": "not/shipped-model"})
    with pytest.raises(Exception):  # noqa: B017 - Ray wraps the task's error in its own type
        build_index([seeds], broken.index_dir, broken, False, executor=ray_executor)

    assert (settings.index_dir / CURRENT).read_text() == served
    assert sorted(p.name for p in (settings.index_dir / "versions").iterdir()) == files
    assert load_index(settings.index_dir, settings.model_name).manifest.document_count == 5
