"""Prometheus metrics at GET /metrics: HTTP traffic, answers, the served index and builds.

Each app gets its own registry, so tests that build several apps in one process do not
collide. With several worker processes each worker counts its own requests (a scrape sees
one worker); the index gauges are the same in all of them.
"""

import ipaddress
from collections.abc import Iterator

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client import generate_latest as render
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from prometheus_fastapi_instrumentator import Instrumentator
from prometheus_fastapi_instrumentator import metrics as http_metrics

from service.deps import EngineHolder
from service.errors import error_response
from service.security import check_admin_key
from service.settings import ServiceSettings

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, float("inf"))
BUILD_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, float("inf"))


class ServedIndexCollector(Collector):
    """Gauges read from the engine being served at scrape time, so a swap shows at once."""

    def __init__(self, holder: EngineHolder) -> None:
        self.holder = holder

    def collect(self) -> Iterator[Metric]:
        engine = self.holder.engine
        info = GaugeMetricFamily(
            "inspection_qa_index_info", "The served index version (value 1)", labels=["version"]
        )
        passages = GaugeMetricFamily("inspection_qa_index_passages", "Passages in the index")
        documents = GaugeMetricFamily("inspection_qa_index_documents", "Documents in the index")
        seconds = GaugeMetricFamily(
            "inspection_qa_index_build_seconds", "How long the build of the served index took"
        )
        embedded = GaugeMetricFamily(
            "inspection_qa_index_embedded_passages",
            "Passages the build of the served index embedded (the rest were reused)",
        )
        if engine is not None:
            manifest = engine.index.manifest
            info.add_metric([engine.index.version], 1)
            passages.add_metric([], len(engine.index.passages))
            documents.add_metric([], len(engine.index.documents))
            stats = manifest.stats or {}
            seconds.add_metric([], float((stats.get("seconds") or {}).get("total", 0.0)))
            embedded.add_metric([], float(stats.get("embedded_passages", 0)))
        yield from (info, passages, documents, seconds, embedded)


class ServiceMetrics:
    """The counters the routes and the build queue move."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.answers = Counter(
            "inspection_qa_answers", "Answers given", registry=registry, labelnames=["source"]
        )
        self.abstained = Counter(
            "inspection_qa_answers_abstained", "Answers that abstained", registry=registry
        )
        self.from_judgements = Counter(
            "inspection_qa_answers_from_judgements",
            "Answers taken from the judgements table",
            registry=registry,
        )
        self.feedback = Counter(
            "inspection_qa_feedback", "Answer ratings received", ["rating"], registry=registry
        )
        self.builds = Counter(
            "inspection_qa_builds", "Builds run by this server", ["result"], registry=registry
        )
        self.build_seconds = Histogram(
            "inspection_qa_build_duration_seconds",
            "Duration of builds run by this server (uploads)",
            buckets=BUILD_BUCKETS,
            registry=registry,
        )
        self.embedded = Counter(
            "inspection_qa_build_passages_embedded",
            "Passages embedded by builds run by this server",
            registry=registry,
        )

    def count_answer(self, abstained: bool, from_judgements: bool) -> None:
        self.answers.labels("judgements" if from_judgements else "passages").inc()
        if abstained:
            self.abstained.inc()
        if from_judgements:
            self.from_judgements.inc()


def _loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a Unix socket, or a test client's made-up name: not loopback
        return False


def install_metrics(
    app: FastAPI, settings: ServiceSettings, holder: EngineHolder
) -> ServiceMetrics:
    """Instrument every route and add GET /metrics (loopback, or the admin key)."""
    registry = CollectorRegistry()
    registry.register(ServedIndexCollector(holder))
    instrumentator = Instrumentator(
        should_group_status_codes=False,  # a 429 or a 503 must be told from other 4xx/5xx
        should_group_untemplated=True,  # unknown paths share one label: bounded cardinality
        excluded_handlers=["/metrics"],
        registry=registry,
    )
    instrumentator.add(http_metrics.requests(registry=registry))
    instrumentator.add(http_metrics.latency(buckets=LATENCY_BUCKETS, registry=registry))
    instrumentator.instrument(app)
    service_metrics = ServiceMetrics(registry)

    @app.get(
        "/metrics",
        include_in_schema=True,
        tags=["operations"],
        summary="Prometheus metrics (open on loopback, else needs X-Admin-Key)",
        response_class=Response,
        responses={
            200: {"content": {"text/plain": {}}, "description": "Prometheus text format"},
            401: {"description": "Not on loopback and no admin key sent"},
            403: {"description": "Not on loopback and the admin key is wrong or unset"},
        },
    )
    def metrics(request: Request) -> Response:
        # Behind a reverse proxy on the same host every client looks like loopback: there,
        # publish /metrics only to the scraper (or unset it at the proxy).
        if not _loopback(request):
            refusal = check_admin_key(request, settings)
            if refusal:
                status, message = refusal
                return error_response(status, "unauthorized", message)
        return Response(render(registry), media_type=CONTENT_TYPE_LATEST)

    return service_metrics
