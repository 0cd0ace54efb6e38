"""The browser side: the chat page at /, the embeddable widget script and its iframe page."""

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

STATIC = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False)


def _file(name: str, media_type: str) -> FileResponse:
    # no-cache: a redeployed page or widget must not be mixed with an old cached copy.
    return FileResponse(STATIC / name, media_type=media_type, headers={"Cache-Control": "no-cache"})


@router.get("/")
def chat_page() -> FileResponse:
    return _file("index.html", "text/html")


@router.get("/embed")
def embed_page(request: Request) -> FileResponse:
    """The iframe alternative to the widget: /embed?question=…&mode=fixed|live. Only our own
    pages and the allow-listed intranet origins may frame it."""
    response = _file("embed.html", "text/html")
    origins = " ".join(request.app.state.holder.settings.cors_origins)
    response.headers["Content-Security-Policy"] = f"frame-ancestors 'self' {origins}".strip()
    return response


@router.get("/widget.js")
def widget_script() -> FileResponse:
    return _file("widget.js", "text/javascript")


@router.get("/static/{name}")
def static_file(name: str) -> FileResponse:
    allowed = {"chat.js": "text/javascript", "chat.css": "text/css"}
    if name not in allowed:
        from index.errors import DocumentNotFound

        raise DocumentNotFound(f"no static file {name!r}")
    return _file(name, allowed[name])
