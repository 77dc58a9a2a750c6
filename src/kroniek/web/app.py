"""Assembles the web app: one router module per resource under kroniek.web.routes."""

from __future__ import annotations

import importlib

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from kroniek.config import Settings
from kroniek.web.deps import STATIC_DIR, init_state, require_read

# Each module exposes ``router``; a resource whose module is not built is simply absent.
ROUTE_MODULES = [
    "pages",
    "documents",
    "timeline",
    "overview",
    "events",
    "topics",
    "search",
    "feeds",
    "liveblog",
    "ui",
    "apidocs",
]


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
    for name in ROUTE_MODULES:
        qualified = f"kroniek.web.routes.{name}"
        try:
            module = importlib.import_module(qualified)
        except ModuleNotFoundError as exc:
            if exc.name == qualified:
                continue
            raise
        # Reads are public by default; a server can close them (see Settings.private_reads).
        app.include_router(module.router, dependencies=[Depends(require_read)])
    return app
