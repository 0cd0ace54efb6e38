"""GET /metrics parses as Prometheus text and moves with requests; one JSON log line per ask."""

import json
import logging
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from index.settings import REPO_ROOT
from service.main import create_app
from service.settings import ServiceSettings

ADMIN_KEY = "an-admin-key-for-the-metrics-tests-0123456789"
CALDERDALE = "What did Ofsted say about care leavers in Calderdale?"


def scrape(client: httpx.Client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics, keyed by name and sorted labels (parsed, not grepped)."""
    response = client.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def value(samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def scrape_when(client: httpx.Client, ready, timeout: float = 5.0):
    """The metrics once ``ready(samples)`` holds: the instrumentation records a request just
    after its response is sent, so the next scrape can come a moment too soon."""
    deadline = time.monotonic() + timeout
    while True:
        samples = scrape(client)
        if ready(samples) or time.monotonic() > deadline:
            return samples
        time.sleep(0.05)


def test_metrics_parse_as_prometheus_text_and_count_requests_by_route_and_status(client) -> None:
    before = scrape(client)
    assert client.post("/v1/ask", json={"question": CALDERDALE}).status_code == 200
    assert client.get("/v1/documents/no-such-document").status_code == 404
    ask = {"handler": "/v1/ask", "method": "POST", "status": "200"}
    missing = {"handler": "/v1/documents/{doc_id}", "method": "GET", "status": "404"}
    after = scrape_when(client, lambda s: value(s, "http_requests_total", **missing) >= 1)
    assert (
        value(after, "http_requests_total", **ask)
        == value(before, "http_requests_total", **ask) + 1
    )
    assert value(after, "http_requests_total", **missing) >= 1
    # The latency histogram is labelled by route and status too.
    assert value(after, "http_request_duration_seconds_count", **ask) >= 1
    assert value(after, "http_request_duration_seconds_bucket", le="+Inf", **ask) >= 1
    assert value(after, "inspection_qa_answers_total", source="passages") >= 1


def test_index_gauges_name_the_served_version_and_its_size(client) -> None:
    samples = scrape(client)
    ready = client.get("/readyz").json()
    assert value(samples, "inspection_qa_index_info", version=ready["index_version"]) == 1
    assert value(samples, "inspection_qa_index_passages") == ready["passages"] > 0
    assert value(samples, "inspection_qa_index_documents") == ready["documents"] > 0
    assert value(samples, "inspection_qa_index_build_seconds") > 0
    assert ("inspection_qa_build_duration_seconds_count", ()) in samples


def test_a_table_answer_and_an_abstention_move_their_own_counters(client) -> None:
    before = scrape(client)
    graded = client.post("/v1/ask", json={"question": "How was Calderdale judged for care "
                                          "leavers in 2018?"}).json()  # fmt: skip
    assert not graded["abstained"] and "judgements" in graded["timings_ms"]
    cake = client.post("/v1/ask", json={"question": "What is the recipe for a Victoria sponge?"})
    assert cake.json()["abstained"]
    after = scrape_when(client, lambda s: value(s, "inspection_qa_answers_abstained_total") > 0)
    for name in (
        "inspection_qa_answers_from_judgements_total",
        "inspection_qa_answers_abstained_total",
    ):
        assert value(after, name) == value(before, name) + 1, name


def test_each_ask_writes_one_json_log_line_without_the_question(client, server_dir: Path) -> None:
    request_id = f"test-{uuid.uuid4().hex}"
    body = client.post(
        "/v1/ask", json={"question": CALDERDALE}, headers={"X-Request-ID": request_id}
    ).json()
    log = server_dir / "server.log"
    lines = [line for line in log.read_text().splitlines() if request_id in line]
    assert len(lines) == 1, lines
    entry = json.loads(lines[0])
    assert entry["event"] == "ask" and entry["request_id"] == request_id
    assert entry["conversation_id"] == body["conversation_id"] and entry["turn"] == body["turn"]
    assert entry["citations"] == len(body["citations"]) and entry["abstained"] is False
    assert entry["index_version"] == client.get("/readyz").json()["index_version"]
    assert entry["latency_ms"] > 0
    assert "question" not in entry and "Calderdale" not in lines[0]


def _app_settings(built_index: Path, **overrides: object) -> ServiceSettings:
    return ServiceSettings(
        index_dir=built_index,
        corpus_dir=REPO_ROOT / "corpus",
        reload_poll_seconds=0,
        conversations_db=Path(tempfile.mkdtemp()) / "c.sqlite3",
        **overrides,
    )


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_the_question_is_logged_only_when_log_questions_is_on(built_index: Path) -> None:
    captured = _Lines()
    logger = logging.getLogger("inspection_qa.asks")
    logger.addHandler(captured)
    try:
        for log_questions in (False, True):
            settings = _app_settings(built_index, log_questions=log_questions)
            with TestClient(create_app(settings)) as app:
                app.post("/v1/ask", json={"question": CALDERDALE})
    finally:
        logger.removeHandler(captured)
    off, on = (json.loads(line) for line in captured.lines[-2:])
    assert "question" not in off
    assert on["question"] == CALDERDALE


@pytest.fixture(scope="module")
def remote_app(built_index: Path):
    """The app as a client that is not on loopback sees it (the test client's peer name)."""
    with TestClient(create_app(_app_settings(built_index, admin_key=ADMIN_KEY))) as app:
        yield app


def test_metrics_from_another_host_need_the_admin_key(remote_app) -> None:
    assert remote_app.get("/metrics").status_code == 401
    assert remote_app.get("/metrics", headers={"X-Admin-Key": "wrong"}).status_code == 403
    ok = remote_app.get("/metrics", headers={"X-Admin-Key": ADMIN_KEY})
    assert ok.status_code == 200 and "http_requests_total" in ok.text


def test_metrics_from_another_host_are_refused_when_no_admin_key_is_set(built_index) -> None:
    with TestClient(create_app(_app_settings(built_index))) as app:
        response = app.get("/metrics")
    assert response.status_code == 403 and "ADMIN_KEY" in response.json()["message"]
