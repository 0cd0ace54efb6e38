"""Real headless Chromium (Debian's package) driven by Playwright; no browser download."""

import http.server
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path(os.environ.get("INSPECTION_QA_CHROMIUM", "/usr/bin/chromium"))
# Without these, Chromium with no internet stalls on its own background connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (CI installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # launch() gives every run a fresh temporary profile (user-data-dir).
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


class _Pages(http.server.BaseHTTPRequestHandler):
    """Serves one HTML page (the intranet page) for any path."""

    html = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.html)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def serve_page() -> Iterator[Callable[[str, str], str]]:
    """Serves an intranet page on a given origin (127.0.0.1 only); returns its URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(origin: str, html: str) -> str:
        handler = type("Handler", (_Pages,), {"html": html.encode()})
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", urlparse(origin).port), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"{origin}/intranet.html"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()
