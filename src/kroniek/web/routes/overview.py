"""The latest overview of the stored reports."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from kroniek.overview import compose_overview, to_html
from kroniek.web.deps import StoreDep
from kroniek.web.i18n import language_of
from kroniek.web.view import render

router = APIRouter()


@router.get("/api/overview", tags=["overviews"])
def overview_api(store: StoreDep, since: str | None = None) -> dict[str, Any]:
    """The latest developments in headed sections, every sentence with its source."""
    return asdict(compose_overview(store.load_documents(), since=since))


@router.get("/overview", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request, store: StoreDep) -> HTMLResponse:
    result = compose_overview(store.load_documents(), language=language_of(request))
    # to_html escapes every text it writes.
    return render(request, "overview.html", {"overview": result, "body": Markup(to_html(result))})
