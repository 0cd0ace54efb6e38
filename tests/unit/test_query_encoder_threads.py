"""A served question is encoded on every core of its worker by threads that spin between the
model's layers (a third off the encoder's latency on a 2-core machine); a build's encoder
keeps its threads sleeping, and a worker of several gets its share of the cores."""

import os

from index.qa import QAEngine
from index.retrieval.embedding import encoder_for
from index.settings import Settings


def test_the_served_query_encoder_spins_on_the_cores_of_its_worker(engine: QAEngine) -> None:
    encoder = engine.searcher.encoder
    assert encoder.backend == "onnx"
    assert encoder.threads == (os.cpu_count() or 1)
    assert encoder.spins == (encoder.threads > 1)


def test_a_build_encoder_sleeps_and_workers_share_the_cores(
    settings: Settings, engine: QAEngine
) -> None:
    precision = engine.searcher.encoder.precision  # the build's, which the engine checked
    build = encoder_for(settings, precision=precision)
    assert build.threads == (os.cpu_count() or 1)
    assert not build.spins
    cores = os.cpu_count() or 1
    shared = settings.model_copy(update={"workers": cores})
    one_each = encoder_for(shared, shared.query_encoder_threads, precision, spin=True)
    assert one_each.threads == 1
    assert not one_each.spins  # one thread has no one to wait for
