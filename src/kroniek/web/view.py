"""What the HTML pages share: rendering with the language, pagination, error pages, contradictions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Path, Query, Request
from fastapi.responses import HTMLResponse

from kroniek.web import i18n
from kroniek.web.deps import templates

i18n.install(templates)

# Row ids and offsets as the database can hold them (PostgreSQL INTEGER is 32 bits): larger ones are a 422.
MAX_ID = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]


def render(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    """A page in the request's language (``?lang=`` is remembered in a cookie)."""
    response = templates.TemplateResponse(request, name, context or {}, status_code=status_code)
    asked = request.query_params.get("lang")
    if asked in i18n.LANGUAGES and request.cookies.get(i18n.COOKIE) != asked:
        response.set_cookie(i18n.COOKIE, asked, max_age=365 * 24 * 3600, samesite="lax")
    return response


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    return render(request, "error.html", {"status_code": status_code, "message": message}, status_code=status_code)


@dataclass(frozen=True)
class Page:
    """Where a paginated list stands, with links to the neighbouring pages."""

    offset: int
    limit: int
    total: int
    prev_url: str | None
    next_url: str | None

    @property
    def first(self) -> int:
        return self.offset + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.offset + self.limit, self.total)


def paginate(request: Request, offset: int, limit: int, total: int) -> Page:
    params = {k: v for k, v in request.query_params.multi_items() if k != "offset" and v != ""}

    def url(at: int) -> str:
        query = urlencode([*params.items(), ("offset", str(at))] if at else list(params.items()))
        return f"{request.url.path}?{query}" if query else request.url.path

    prev_url = url(max(0, offset - limit)) if offset > 0 else None
    next_url = url(offset + limit) if offset + limit < total else None
    return Page(offset, limit, total, prev_url, next_url)


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def contradictions(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where an event's sources disagree: figures of one category that differ, a claim asserted and denied.

    ``sources`` are source sentences with their ``mentions`` (as from ``store.events.get_event``).
    Figures differ when the larger exceeds the smaller by more than 10 %; category ``other`` is left out.
    """
    figures: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    stances: dict[str, list[dict[str, Any]]] = {}
    for source in sources:
        for mention in source.get("mentions", []):
            attrs = mention.get("attrs", {})
            if mention["kind"] == "figure":
                value = _number(attrs.get("value"))
                category = attrs.get("category") or "other"
                if value is None or category == "other":
                    continue
                key = (category, attrs.get("who"))
                figures.setdefault(key, []).append({"value": value, "text": mention["text"], "source": source})
            elif mention["kind"] == "claim" and attrs.get("stance") in ("asserts", "denies"):
                speaker = attrs.get("speaker") or mention.get("name") or ""
                stances.setdefault(speaker, []).append({"stance": attrs["stance"], "source": source})
    found: list[dict[str, Any]] = []
    for (category, who), items in sorted(figures.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        values = [i["value"] for i in items]
        low, high = min(values), max(values)
        if low > 0 and high > low * 1.1 or low <= 0 < high:
            found.append({"kind": "figure", "category": category, "who": who, "items": items})
    for speaker, items in sorted(stances.items()):
        if {i["stance"] for i in items} == {"asserts", "denies"}:
            found.append({"kind": "claim", "speaker": speaker, "items": items})
    return found
