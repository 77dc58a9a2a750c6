"""Pages over the other features' libraries: topics, search and ingest.

Each page reads through the library of its feature; where a feature is not installed on this
server the page says so instead of showing anything made up.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kroniek.web.deps import StoreDep
from kroniek.web.view import render

router = APIRouter()


def _optional(module: str) -> ModuleType | None:
    """A feature's module, or None where it is not part of this installation."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


@router.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
def ingest_page(request: Request, store: StoreDep) -> HTMLResponse:
    feeds_store = _optional("kroniek.store.feeds")
    feeds: list[dict[str, Any]] = feeds_store.list_feeds(store) if feeds_store else []
    return render(request, "ingest.html", {"feeds": feeds})
