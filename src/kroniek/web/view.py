"""What the HTML pages share: rendering with the language, pagination, error pages, contradictions."""

from __future__ import annotations

import math
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


def figure_range(attrs: dict[str, Any]) -> tuple[float, float] | None:
    """The values a reported figure allows: "meer dan 100" is [100, inf), "ongeveer 100" [90, 110].

    A vague word ("tientallen", approx without a qualifier) is its lower bound and up; an exact
    figure allows 5 % either way, for rounding.
    """
    value = _number(attrs.get("value"))
    if value is None:
        return None
    qualifier = attrs.get("qualifier")
    if qualifier in ("more_than", "at_least"):
        return value, math.inf
    if qualifier in ("up_to", "less_than"):
        return 0.0, value
    if qualifier == "about":
        return value * 0.9, value * 1.1
    if attrs.get("approx"):
        return value, math.inf
    return value * 0.95, value * 1.05


def contradictions(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where an event's sources disagree: figures of one category that no single number satisfies,
    given by different reports, and a speaker who is said to assert and to deny.

    ``sources`` are source sentences with their ``mentions`` (as from ``store.events.get_event``).
    Figures of category ``other`` are left out.
    """
    figures: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    stances: dict[str, list[dict[str, Any]]] = {}
    for source in sources:
        for mention in source.get("mentions", []):
            attrs = mention.get("attrs", {})
            if mention["kind"] == "figure":
                allowed = figure_range(attrs)
                category = attrs.get("category") or "other"
                if allowed is None or category == "other":
                    continue
                key = (category, attrs.get("who"))
                item = {"value": attrs.get("value"), "range": allowed, "text": mention["text"], "source": source}
                figures.setdefault(key, []).append(item)
            elif mention["kind"] == "claim" and attrs.get("stance") in ("asserts", "denies"):
                speaker = attrs.get("speaker") or mention.get("name") or ""
                if speaker:
                    stances.setdefault(speaker, []).append({"stance": attrs["stance"], "source": source})
    found: list[dict[str, Any]] = []
    for (category, who), items in sorted(figures.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        clashing = [
            (a, b)
            for i, a in enumerate(items)
            for b in items[i + 1 :]
            if a["source"].get("document_id") != b["source"].get("document_id")
            and (a["range"][1] < b["range"][0] or b["range"][1] < a["range"][0])
        ]
        if clashing:
            involved = [x for x in items if any(x is a or x is b for a, b in clashing)]
            found.append({"kind": "figure", "category": category, "who": who, "items": involved})
    for speaker, items in sorted(stances.items()):
        if {i["stance"] for i in items} == {"asserts", "denies"}:
            found.append({"kind": "claim", "speaker": speaker, "items": items})
    return found
