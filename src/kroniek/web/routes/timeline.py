"""The timeline of the stored reports."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kroniek.timeline import build_timeline
from kroniek.web.deps import StoreDep, templates

router = APIRouter()


def _timeline(store: Any, dates: int, sentences: int, level: str, start: str | None, end: str | None) -> list[Any]:
    return build_timeline(store.load_documents(), dates=dates, sentences=sentences, level=level, start=start, end=end)


@router.get("/api/timeline", tags=["timeline"])
def timeline_api(
    store: StoreDep,
    dates: Annotated[int, Query(ge=1, le=500)] = 20,
    sentences: Annotated[int, Query(ge=1, le=20)] = 2,
    level: Annotated[str, Query(pattern="^(day|month|phase)$")] = "day",
    start: str | None = None,
    end: str | None = None,
) -> list[dict[str, Any]]:
    """Key dates with their sentences, each sentence with its source."""
    return [asdict(entry) for entry in _timeline(store, dates, sentences, level, start, end)]


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(
    request: Request,
    store: StoreDep,
    dates: Annotated[int, Query(ge=1, le=500)] = 20,
    sentences: Annotated[int, Query(ge=1, le=20)] = 2,
    level: Annotated[str, Query(pattern="^(day|month|phase)$")] = "day",
) -> HTMLResponse:
    entries = _timeline(store, dates, sentences, level, None, None)
    return templates.TemplateResponse(request, "timeline.html", {"entries": entries, "level": level})
