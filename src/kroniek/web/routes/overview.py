"""The latest overview of the stored reports."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kroniek.overview import compose_overview
from kroniek.web.deps import StoreDep, templates

router = APIRouter()


@router.get("/api/overview", tags=["overviews"])
def overview_api(store: StoreDep, since: str | None = None) -> dict[str, Any]:
    """The latest developments in headed sections, every sentence with its source."""
    return asdict(compose_overview(store.load_documents(), since=since))


@router.get("/overview", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request, store: StoreDep) -> HTMLResponse:
    result = compose_overview(store.load_documents())
    return templates.TemplateResponse(request, "overview.html", {"overview": result})
