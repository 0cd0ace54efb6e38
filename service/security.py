"""API keys hashed at rest, the admin key, and the per-client rate limit for /v1 routes.

Keys are stored as ``sha256$<salt>$<digest>`` (``inspection-qa hash-key`` makes one). The
keys this service hands out are 32 random bytes, so a salted fast hash is enough: a slow
password hash (scrypt) would only add tens of milliseconds to every request. No key, hash
or admin secret is ever logged; logs name a key by the first characters of its digest.
"""

import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from service.errors import error_response
from service.ratelimit import RateLimiter, retry_after_header
from service.settings import ServiceSettings

log = logging.getLogger(__name__)

SCHEME = "sha256"
API_PREFIX = "/v1/"
ADMIN_PREFIX = "/v1/admin/"


def new_key() -> str:
    """A fresh random API key, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_key(key: str, salt: str | None = None) -> str:
    """The at-rest form of ``key``: ``sha256$<salt hex>$<digest hex>``."""
    salt = salt or secrets.token_hex(16)
    digest = hashlib.sha256(bytes.fromhex(salt) + key.encode()).hexdigest()
    return f"{SCHEME}${salt}${digest}"


@dataclass(frozen=True)
class KeyHash:
    salt: bytes
    digest: bytes

    @property
    def key_id(self) -> str:
        return self.digest.hex()[:8]

    def matches(self, key: str) -> bool:
        candidate = hashlib.sha256(self.salt + key.encode()).digest()
        return hmac.compare_digest(candidate, self.digest)


def parse_hashes(hashes: list[str]) -> list[KeyHash]:
    """Stored hashes from settings; a malformed one is a configuration error, said at start."""
    parsed = []
    for n, text in enumerate(hashes):
        parts = text.strip().split("$")
        try:
            if len(parts) != 3 or parts[0] != SCHEME:
                raise ValueError
            parsed.append(KeyHash(bytes.fromhex(parts[1]), bytes.fromhex(parts[2])))
        except ValueError:
            raise ValueError(
                f"INSPECTION_QA_API_KEY_HASHES entry {n} is not a `sha256$salt$digest` hash: "
                "make one with `inspection-qa hash-key`"
            ) from None
    return parsed


def presented_key(request: Request) -> str | None:
    """The key a client sent, as ``X-API-Key`` or ``Authorization: Bearer``."""
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def check_admin_key(request: Request, settings: ServiceSettings) -> tuple[int, str] | None:
    """None when the request carries the admin key, else the (status, message) to refuse with."""
    if settings.admin_key is None or not settings.admin_key.get_secret_value():
        return 403, "admin endpoints are disabled: set INSPECTION_QA_ADMIN_KEY to enable them"
    sent = request.headers.get("x-admin-key") or presented_key(request)
    if not sent:
        return 401, "send the admin key in the X-Admin-Key header"
    if not hmac.compare_digest(sent.encode(), settings.admin_key.get_secret_value().encode()):
        return 403, "the admin key is wrong"
    return None


def install_security(app: FastAPI, settings: ServiceSettings) -> None:
    """API-key check and rate limit on /v1 routes; both off when not configured."""
    hashes = parse_hashes(settings.api_key_hashes)
    limiter = (
        RateLimiter(settings.rate_limit_per_second, settings.rate_limit_burst)
        if settings.rate_limit_per_second > 0
        else None
    )
    if hashes:
        log.info("API keys required on /v1 routes (%d key(s) configured)", len(hashes))
    if limiter:
        log.info(
            "rate limit: %.1f requests/s per client, burst %d",
            limiter.rate,
            limiter.burst,
        )

    async def guard(request: Request) -> Response | None:
        path = request.url.path
        if not path.startswith(API_PREFIX):
            return None
        client = f"ip:{request.client.host if request.client else 'unknown'}"
        if not _origin_allowed(request, settings):
            return error_response(
                403,
                "origin_not_allowed",
                f"requests from {request.headers.get('origin')} are not allowed: "
                "add the origin to INSPECTION_QA_CORS_ORIGINS",
            )
        if path.startswith(ADMIN_PREFIX):
            # Before the body is read: an upload without the key is refused unread.
            refusal = check_admin_key(request, settings)
            if refusal:
                return error_response(refusal[0], "unauthorized", refusal[1])
        elif hashes:
            key = presented_key(request)
            match = next((h for h in hashes if key and h.matches(key)), None)
            if match is None and not _browser_from_allowed_origin(request, settings):
                status = 403 if key else 401
                message = (
                    "the API key is not valid"
                    if key
                    else "an API key is required: send it in the X-API-Key header"
                )
                return error_response(status, "unauthorized", message)
            if match is not None:
                client = f"key:{match.key_id}"
        if limiter:
            wait = limiter.acquire(client)
            if wait > 0:
                response = error_response(
                    429,
                    "rate_limited",
                    f"too many requests from this client: retry in {retry_after_header(wait)} s",
                )
                response.headers["Retry-After"] = retry_after_header(wait)
                return response
        return None

    app.add_middleware(Precheck, check=guard)


class Precheck:
    """Pure ASGI middleware: ``check`` answers a request itself (an error) or lets it through.

    ``@app.middleware("http")`` (BaseHTTPMiddleware) runs every request through an extra task
    and a memory stream, milliseconds per ask on a busy machine (issue 16); a check that only
    reads the headers needs none of that.
    """

    def __init__(self, app: ASGIApp, check: Callable[[Request], Awaitable[Response | None]]):
        self.app = app
        self.check = check

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            response = await self.check(Request(scope))
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _same_origin(request: Request, origin: str) -> bool:
    """The chat page and the iframe are served by this app, so their origin is our own."""
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


def _origin_allowed(request: Request, settings: ServiceSettings) -> bool:
    """Requests without an Origin (curl, servers) pass; a browser's must be ours or listed."""
    origin = request.headers.get("origin")
    return not origin or _same_origin(request, origin) or origin in settings.cors_origins


def _browser_from_allowed_origin(request: Request, settings: ServiceSettings) -> bool:
    """Browser pages on our own or an allowed intranet origin (the widget) need no key: they
    cannot keep one secret. The CORS allow-list decides which origins those are."""
    origin = request.headers.get("origin")
    return bool(origin) and _origin_allowed(request, settings)


def install_cors(app: FastAPI, settings: ServiceSettings) -> None:
    """CORS headers for the allow-listed intranet origins; installed last so it wraps the
    guard and answers preflight requests itself."""
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["content-type", "x-api-key", "authorization"],
        max_age=600,
    )
