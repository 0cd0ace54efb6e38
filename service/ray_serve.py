"""The same FastAPI app under Ray Serve: N replicas behind one HTTP port.

Replicas do not watch CURRENT themselves. The driver (``inspection-qa serve --replicas N``)
watches it and hands the new version to Serve as ``user_config``; Serve reconfigures one
replica at a time (its rolling-update budget), and each replica loads the new index beside
the old one and swaps it in, so every request is answered by one complete index.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from index.ray_build import connect, require_ray
from index.retrieval.store import CURRENT
from service.settings import ServiceSettings

log = logging.getLogger(__name__)

APP_NAME = "inspection-qa"


def served_version(settings: ServiceSettings) -> str | None:
    try:
        return (settings.index_dir / CURRENT).read_text().strip() or None
    except OSError:
        return None


def deployment(replicas: int, cpus_per_replica: float) -> Any:
    """The Serve deployment class (built on demand: Ray is an optional extra)."""
    require_ray()
    from ray import serve

    @serve.deployment(
        name="InspectionQA",
        num_replicas=replicas,
        ray_actor_options={"num_cpus": cpus_per_replica},
        health_check_period_s=5,
    )
    @serve.ingress()
    class InspectionQA:
        def __init__(self, settings: ServiceSettings) -> None:
            from service.main import create_app

            # The driver rolls new versions out; a replica must not jump ahead on its own.
            # Torch gets the CPUs Ray reserved for the replica: more threads only spin.
            threads = settings.torch_threads or max(1, round(cpus_per_replica))
            self.settings = settings.model_copy(
                update={"reload_poll_seconds": 0.0, "torch_threads": threads}
            )
            self.asgi: FastAPI = create_app(self.settings)

        def __serve_build_asgi_app__(self) -> FastAPI:
            return self.asgi

        async def reconfigure(self, config: dict[str, Any]) -> None:
            from service.lifecycle import reload_engine

            holder = self.asgi.state.holder
            wanted = config.get("index_version")
            if holder.engine is None or holder.engine.index.version == wanted:
                return  # not started yet: the start-up load reads CURRENT itself
            result = await run_in_threadpool(reload_engine, holder)
            log.info("replica reconfigured: %s", result.message)

    return InspectionQA


def run_replicas(
    settings: ServiceSettings,
    replicas: int,
    host: str,
    port: int,
    address: str | None = None,
    poll_seconds: float = 2.0,
    cpus_per_replica: float = 1.0,
    stop_after: float | None = None,
) -> None:
    """Deploy ``replicas`` copies of the app on ``host:port`` and roll out new index versions."""
    require_ray()
    from ray import serve

    started = connect(address, num_cpus=max(2, int(replicas * cpus_per_replica) + 1))
    try:
        serve.start(http_options={"host": host, "port": port})
        cls = deployment(replicas, cpus_per_replica)
        version = served_version(settings)
        serve.run(
            cls.options(user_config={"index_version": version}).bind(settings),
            name=APP_NAME,
            route_prefix="/",
            blocking=False,
        )
        print(f"serving {replicas} replica(s) of index {version} on http://{host}:{port}")
        deadline = time.monotonic() + stop_after if stop_after else None
        while deadline is None or time.monotonic() < deadline:
            time.sleep(poll_seconds)
            now = served_version(settings)
            if now and now != version:
                log.warning("rolling out index %s (was %s)", now, version)
                print(f"rolling out index {now} replica by replica")
                serve.run(
                    cls.options(user_config={"index_version": now}).bind(settings),
                    name=APP_NAME,
                    route_prefix="/",
                    blocking=False,
                )
                version = now
    finally:
        serve.shutdown()
        if started:
            require_ray().shutdown()
