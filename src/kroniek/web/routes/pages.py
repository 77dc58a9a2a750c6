"""The front page, the language switch and the health check."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from kroniek.store.events import list_events
from kroniek.web import i18n
from kroniek.web.deps import StoreDep
from kroniek.web.view import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, store: StoreDep) -> HTMLResponse:
    counts = {name: store.count(name) for name in ("documents", "sentences", "events", "topics")}
    latest = store.list_documents(limit=8)
    events, _total = list_events(store, limit=8)
    try:
        from kroniek.store.topics import list_topics
    except ModuleNotFoundError:  # topics are not part of this installation
        topics = []
    else:
        topics = list_topics(store)
    return render(request, "home.html", {"counts": counts, "latest": latest, "events": events, "topics": topics})


@router.get("/lang/{code}", include_in_schema=False)
def switch_language(code: str, next: str = "/") -> RedirectResponse:
    """Remember the interface language in a cookie and go back to the page."""
    # Only paths on this site: no "//host" or "scheme:" redirects.
    target = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
    response = RedirectResponse(target, status_code=303)
    if code in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, code, max_age=365 * 24 * 3600, samesite="lax")
    return response


@router.get("/api/health", tags=["meta"])
def health(store: StoreDep) -> dict[str, object]:
    """Liveness and the size of the store."""
    return {"status": "ok", "database": store.dialect, "documents": store.count("documents")}
