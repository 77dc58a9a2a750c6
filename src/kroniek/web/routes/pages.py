"""The front page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kroniek.web.deps import StoreDep, templates

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, store: StoreDep) -> HTMLResponse:
    counts = {name: store.count(name) for name in ("documents", "sentences", "events", "topics")}
    return templates.TemplateResponse(request, "home.html", {"counts": counts})


@router.get("/api/health", tags=["meta"])
def health(store: StoreDep) -> dict[str, object]:
    """Liveness and the size of the store."""
    return {"status": "ok", "database": store.dialect, "documents": store.count("documents")}
