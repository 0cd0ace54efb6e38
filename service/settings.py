"""The service's settings: the library's (index/settings.py) plus what only the HTTP service
reads (address, access, conversations, CORS, the ask log, uploads). One object per process,
from the same environment (prefix ``INSPECTION_QA_``)."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr

from index.settings import REPO_ROOT, Settings


class ServiceSettings(Settings):
    """Settings, plus the HTTP service's own knobs."""

    host: str = "127.0.0.1"
    port: int = 8000

    # Reliability and access (issue 7). Secrets come only from here (env or .env).
    # Longer than uvicorn's 5 s: while a reload holds the GIL the idle timer can fire late
    # and close a connection a client is already reusing (seen as a ReadError under load).
    keep_alive_seconds: int = Field(default=30, ge=1)
    reload_poll_seconds: float = Field(default=2.0, ge=0, description="0 = do not watch CURRENT")
    admin_key: SecretStr | None = None
    api_key_hashes: list[str] = Field(
        default_factory=list, description="from `inspection-qa hash-key`; empty = no key needed"
    )
    rate_limit_per_second: float = Field(default=0.0, ge=0, description="0 = no rate limit")
    rate_limit_burst: int = Field(default=60, ge=1)

    # Chat and widget (issue 6).
    conversations_db: Path = REPO_ROOT / "var" / "conversations.sqlite3"
    conversation_max: int = Field(default=10_000, ge=1, description="oldest go first")
    conversation_max_turns: int = Field(default=20, ge=1)
    conversation_ttl_seconds: float = Field(default=7 * 24 * 3600, gt=0)
    # Intranet origins allowed to call the API from a browser (the widget); JSON list in env.
    cors_origins: list[str] = Field(default_factory=list)

    # Operations (issue 17). Questions stay out of the log unless asked for: staff ask
    # about children.
    log_questions: bool = False
    upload_max_bytes: int = Field(default=50 * 1024 * 1024, ge=1)


@lru_cache
def get_service_settings() -> ServiceSettings:
    """The service process's settings, read once."""
    return ServiceSettings()
