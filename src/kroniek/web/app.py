"""Assembles the web app: one router module per resource under kroniek.web.routes."""

from __future__ import annotations

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from kroniek.config import Settings
from kroniek.web.deps import STATIC_DIR, init_state, require_read
from kroniek.web.routes import (
    apidocs,
    documents,
    events,
    feeds,
    liveblog,
    overview,
    pages,
    search,
    timeline,
    topics,
    ui,
)

ROUTERS = [pages, documents, timeline, overview, events, topics, search, feeds, liveblog, ui, apidocs]


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """A person in a browser gets an error page; the API and scripts get the JSON error body."""
    if _wants_html(request):
        from kroniek.web.view import error_page

        response = error_page(request, exc.status_code, str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response
    return await http_exception_handler(request, exc)


def create_app(db_url: str | None = None, settings: Settings | None = None) -> FastAPI:
    app = FastAPI(
        title="Kroniek",
        description="Follow a developing news story: documents, sentences with their mentions, events, "
        "timelines, overviews, topics, subscriptions and search.",
        version="0.1.0",
        # The docs are served from the package (/api/docs), not from a CDN.
        docs_url=None,
        redoc_url=None,
    )
    init_state(app, db_url, settings)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    for module in ROUTERS:
        # Reads are public by default; a server can close them (see Settings.private_reads).
        app.include_router(module.router, dependencies=[Depends(require_read)])
    return app
