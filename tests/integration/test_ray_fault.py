"""A worker node lost during the embed stage costs time, not the index."""

import shutil
from pathlib import Path

import pytest
from ray_support import assert_same_index, ray

from index.build import build_index
from index.ray_build import RayExecutor
from index.settings import REPO_ROOT, Settings

CORPUS = REPO_ROOT / "corpus"
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def test_losing_a_worker_node_mid_embed_still_yields_the_local_index(tmp_path: Path):
    from ray.cluster_utils import Cluster

    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for path in CORPUS.glob("00*"):
        shutil.copy(path, corpus / path.name)
    local = Settings(index_dir=tmp_path / "local", corpus_dir=corpus)
    build_index([corpus], local.index_dir, local, progress=False)

    # The head schedules nothing, so both embedding actors live on the two worker nodes.
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 0})
    workers = [cluster.add_node(num_cpus=1), cluster.add_node(num_cpus=1)]
    cluster.wait_for_nodes()
    removed: list[tuple[int, int]] = []

    def lose_a_node(done: int, total: int) -> None:
        if not removed and done < total:
            removed.append((done, total))
            cluster.remove_node(workers[0], allow_graceful=False)

    settings = Settings(index_dir=tmp_path / "ray", corpus_dir=corpus)
    try:
        with RayExecutor(
            cluster.address, embed_actors=2, rows_per_task=4, on_embed_progress=lose_a_node
        ) as executor:
            report = build_index([corpus], settings.index_dir, settings, False, executor=executor)
    finally:
        ray.shutdown()
        cluster.shutdown()

    assert removed, "the node was never removed during embedding"
    assert report.embedded == report.passages
    assert_same_index(local.index_dir, settings.index_dir, settings, questions=())
