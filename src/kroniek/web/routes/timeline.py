"""The timeline of the stored reports: JSON and a visual page (by day, month or phase)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from kroniek.timeline import build_timeline
from kroniek.web.deps import StoreDep
from kroniek.web.i18n import gettext, language_of
from kroniek.web.view import error_page, render

router = APIRouter()

Level = Annotated[str, Query(pattern="^(day|month|phase)$", description="day, month or phase")]


def _topic(store: Any, slug: str | None) -> Any:
    """The topic named ``slug``, or None when no slug is given; 404 when it is unknown."""
    if not slug:
        return None
    from kroniek.store.topics import get_topic

    topic = get_topic(store, slug)
    if topic is None:
        raise HTTPException(status_code=404, detail=f"no topic {slug!r}")
    return topic


def _timeline(
    store: Any, dates: int, sentences: int, level: str, start: str | None, end: str | None, topic: Any = None
) -> list[Any]:
    """The timeline of all reports, or of a topic's: its keywords, actors, places, language and dates."""
    if topic is None:
        return build_timeline(
            store.load_documents(), dates=dates, sentences=sentences, level=level, start=start, end=end
        )
    from kroniek.topics.query import topic_query

    return build_timeline(
        store.load_documents(language=topic.language),
        dates=dates,
        sentences=sentences,
        level=level,
        start=start or topic.date_from,
        end=end or topic.date_to,
        query=topic_query(topic),
        language=topic.language,
    )


@router.get("/api/timeline", tags=["timeline"])
def timeline_api(
    store: StoreDep,
    dates: Annotated[int, Query(ge=1, le=500)] = 20,
    sentences: Annotated[int, Query(ge=1, le=20)] = 2,
    level: Level = "day",
    start: str | None = None,
    end: str | None = None,
    topic: Annotated[str | None, Query(description="a topic's slug: only its reports")] = None,
) -> list[dict[str, Any]]:
    """Key dates with their sentences, each sentence with its source."""
    try:
        entries = _timeline(store, dates, sentences, level, start, end, _topic(store, topic))
    except ModuleNotFoundError as exc:
        raise HTTPException(status_code=501, detail=f"level {level!r} is not available: {exc}") from exc
    return [asdict(entry) for entry in entries]


def _day(value: str, last: bool = False) -> date | None:
    """The first (or ``last``) day of a date as precise as known: ``2022``, ``2022-02``, ``2022-02-24``."""
    parts = value.split("-")
    try:
        if len(parts) >= 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            if not last:
                return date(year, month, 1)
            return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return date(year, 12, 31) if last else date(year, 1, 1)
    except ValueError:
        return None


def _span(value: str) -> tuple[date | None, date | None]:
    """First and last day of an entry's date; phases are intervals ``a/b``."""
    first, _, second = value.partition("/")
    return _day(first), _day(second or first, last=True)


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(
    request: Request,
    store: StoreDep,
    dates: Annotated[int, Query(ge=1, le=500)] = 20,
    sentences: Annotated[int, Query(ge=1, le=20)] = 3,
    level: Level = "day",
    topic: str | None = None,
) -> HTMLResponse:
    notice = None
    try:
        chosen = _topic(store, topic)
    except HTTPException:
        return error_page(request, 404, gettext(language_of(request), "error.not_found"))
    try:
        entries = _timeline(store, dates, sentences, level, None, None, chosen)
    except ModuleNotFoundError:
        notice, level = "timeline.phase_missing", "day"
        entries = _timeline(store, dates, sentences, level, None, None, chosen)
    entries.sort(key=lambda e: e.date)
    cites = store.sentence_context(s.sentence_id for e in entries for s in e.sentences if s.sentence_id is not None)
    spans = [_span(e.date) for e in entries]
    starts = [a for a, _b in spans if a is not None]
    ends = [b for _a, b in spans if b is not None]
    first, last = (min(starts), max(ends)) if starts and ends else (None, None)
    days = (last - first).days if first and last else 0
    rows = []
    for entry, (a, b) in zip(entries, spans, strict=True):
        position = (a - first).days / days if a and first and days else 0.5
        width = (b - a).days / days if a and b and days else 0.0
        rows.append(
            {
                "date": entry.date,
                "sentences": entry.sentences,
                "sources": {s.document_id for s in entry.sentences},
                "position": position,
                "width": width,
            }
        )
    return render(
        request,
        "timeline.html",
        {
            "entries": rows,
            "level": level,
            "dates": dates,
            "notice": notice,
            "topic": chosen,
            "cites": cites,
            "axis_start": first.isoformat() if first else "",
            "axis_end": last.isoformat() if last else "",
        },
    )
