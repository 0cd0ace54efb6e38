"""With the sentence retriever on (``sentence_weight``), the query path runs BLAS on one
thread: on two cores OpenBLAS's own threads, spinning after each matrix product, starved the
spinning query encoder (every stage's p95 doubled)."""

from pathlib import Path

from threadpoolctl import threadpool_info, threadpool_limits

from index.qa import QAEngine
from index.settings import Settings


def test_the_sentence_retriever_runs_with_one_blas_thread(built_index: Path) -> None:
    with threadpool_limits(limits=None):  # restored after the test, whatever it sets
        engine = QAEngine.open(Settings(sentence_weight=0.5), built_index)
        blas = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
        assert blas and all(n == 1 for n in blas)
        result = engine.search("Who is the director of children's services in Hertfordshire?")
        assert "sentences" in result.timings_ms
