"""Dependencies for the routes: the engine loaded once at start-up, and the settings."""

import logging
import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from index.errors import IndexNotFound, InspectionQAError
from index.qa import QAEngine
from service.heap import settle_heap
from service.settings import ServiceSettings

log = logging.getLogger(__name__)


@dataclass
class EngineHolder:
    """The engine being served, or why there is none yet."""

    settings: ServiceSettings
    engine: QAEngine | None = None
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def load(self) -> None:
        try:
            engine = QAEngine.open(self.settings)
        except InspectionQAError as exc:
            log.error("index not loaded: %s", exc)
            self.error = str(exc)
            return
        engine.warm()
        with self.lock:
            self.engine, self.error = engine, None
        settle_heap()
        log.info(
            "serving index %s: %d documents, %d passages",
            engine.index.version,
            len(engine.index.documents),
            len(engine.index.passages),
        )

    def require(self) -> QAEngine:
        engine = self.engine
        if engine is None:
            raise IndexNotFound(self.error or "the index is still loading")
        return engine


def get_holder(request: Request) -> EngineHolder:
    return request.app.state.holder


def get_engine(request: Request) -> QAEngine:
    return get_holder(request).require()


HolderDep = Annotated[EngineHolder, Depends(get_holder)]
EngineDep = Annotated[QAEngine, Depends(get_engine)]
