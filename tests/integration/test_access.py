"""API keys hashed at rest, a per-client rate limit with 429, and no secret in the logs."""

import logging
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from index.settings import REPO_ROOT
from service.cli import main as cli_main
from service.main import create_app
from service.ratelimit import RateLimiter
from service.security import hash_key, parse_hashes
from service.settings import ServiceSettings

KEY = "a-test-api-key-that-is-long-enough-to-be-real-0123456789"
OTHER_KEY = "another-test-api-key-for-a-second-client-9876543210"
ADMIN_KEY = "an-admin-key-that-must-never-be-logged"


def _settings(index_dir: Path, **overrides: object) -> ServiceSettings:
    return ServiceSettings(
        index_dir=index_dir,
        corpus_dir=REPO_ROOT / "corpus",
        reload_poll_seconds=0,
        conversations_db=Path(tempfile.mkdtemp()) / "conversations.sqlite3",
        **overrides,
    )


@pytest.fixture(scope="module")
def keyed_client(built_index: Path):
    settings = _settings(
        built_index, api_key_hashes=[hash_key(KEY), hash_key(OTHER_KEY)], admin_key=ADMIN_KEY
    )
    with TestClient(create_app(settings)) as client:
        yield client


def test_with_keys_configured_a_request_without_a_key_is_refused_with_401(keyed_client) -> None:
    response = keyed_client.post("/v1/search", json={"query": "care leavers"})
    assert response.status_code == 401
    assert "X-API-Key" in response.json()["message"]


def test_a_wrong_api_key_is_refused_with_403(keyed_client) -> None:
    response = keyed_client.get("/v1/documents", headers={"X-API-Key": "guessed"})
    assert response.status_code == 403 and response.json()["message"]


def test_a_valid_key_works_as_a_header_or_a_bearer_token(keyed_client) -> None:
    assert keyed_client.get("/v1/documents", headers={"X-API-Key": KEY}).status_code == 200
    bearer = {"Authorization": f"Bearer {OTHER_KEY}"}
    assert keyed_client.post("/v1/search", json={"query": "x y"}, headers=bearer).status_code == 200


def test_health_and_readiness_need_no_key(keyed_client) -> None:
    assert keyed_client.get("/healthz").status_code == 200
    assert keyed_client.get("/readyz").status_code == 200


def test_without_configured_keys_the_api_is_open(client) -> None:
    assert client.get("/v1/documents").status_code == 200


def test_a_stored_hash_does_not_contain_the_key_and_is_salted() -> None:
    first, second = hash_key(KEY), hash_key(KEY)
    assert KEY not in first and first != second
    assert all(h.matches(KEY) for h in parse_hashes([first, second]))
    assert not parse_hashes([first])[0].matches(OTHER_KEY)


def test_a_malformed_stored_hash_stops_the_start_with_what_to_do(built_index: Path) -> None:
    with pytest.raises(ValueError, match="inspection-qa hash-key"):
        create_app(_settings(built_index, api_key_hashes=["plain-text-key"]))


def test_hash_key_command_prints_a_hash_that_accepts_the_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli_main(["hash-key", "--key", KEY]) == 0
    out = capsys.readouterr().out
    stored = next(w for w in out.split() if w.startswith("sha256$"))
    assert parse_hashes([stored])[0].matches(KEY) and KEY not in out


def test_a_client_over_its_rate_gets_429_with_retry_after_and_others_are_unaffected(
    built_index: Path,
) -> None:
    settings = _settings(
        built_index,
        api_key_hashes=[hash_key(KEY), hash_key(OTHER_KEY)],
        rate_limit_per_second=0.5,
        rate_limit_burst=3,
    )
    with TestClient(create_app(settings)) as client:
        mine = {"X-API-Key": KEY}
        statuses = [client.get("/v1/documents", headers=mine).status_code for _ in range(5)]
        assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
        limited = client.get("/v1/documents", headers=mine)
        assert limited.status_code == 429
        assert int(limited.headers["Retry-After"]) >= 1 and limited.json()["message"]
        other = client.get("/v1/documents", headers={"X-API-Key": OTHER_KEY})
        assert other.status_code == 200
        assert client.get("/healthz").status_code == 200


def test_a_token_bucket_refills_at_its_rate() -> None:
    limiter = RateLimiter(rate=2.0, burst=2)
    assert limiter.acquire("a", now=0.0) == 0.0
    assert limiter.acquire("a", now=0.0) == 0.0
    assert limiter.acquire("a", now=0.0) == pytest.approx(0.5)
    assert limiter.acquire("a", now=0.5) == 0.0


def test_keys_and_the_admin_key_never_appear_in_the_logs(
    keyed_client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        keyed_client.get("/v1/documents", headers={"X-API-Key": KEY})
        keyed_client.get("/v1/documents", headers={"X-API-Key": KEY + "wrong"})
        keyed_client.post("/v1/admin/reload", headers={"X-Admin-Key": ADMIN_KEY})
        keyed_client.post("/v1/admin/reload", headers={"X-Admin-Key": "wrong" + ADMIN_KEY})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert KEY not in logged and ADMIN_KEY not in logged
    assert ADMIN_KEY not in repr(ServiceSettings(admin_key=ADMIN_KEY))
