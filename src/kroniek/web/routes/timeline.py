"""The timeline of the stored reports: JSON and a visual page (by day, month or phase)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from kroniek.timeline import build_timeline
from kroniek.web.deps import StoreDep
from kroniek.web.view import render

router = APIRouter()

Level = Annotated[str, Query(pattern="^(day|month|phase)$", description="day, month or phase")]


def _timeline(store: Any, dates: int, sentences: int, level: str, start: str | None, end: str | None) -> list[Any]:
    return build_timeline(store.load_documents(), dates=dates, sentences=sentences, level=level, start=start, end=end)


@router.get("/api/timeline", tags=["timeline"])
def timeline_api(
    store: StoreDep,
    dates: Annotated[int, Query(ge=1, le=500)] = 20,
    sentences: Annotated[int, Query(ge=1, le=20)] = 2,
    level: Level = "day",
    start: str | None = None,
    end: str | None = None,
) -> list[dict[str, Any]]:
    """Key dates with their sentences, each sentence with its source."""
    try:
        entries = _timeline(store, dates, sentences, level, start, end)
    except ModuleNotFoundError as exc:
        raise HTTPException(status_code=501, detail=f"level {level!r} is not available: {exc}") from exc
    return [asdict(entry) for entry in entries]


def _day(value: str) -> date | None:
    """The first day of an entry's date (``2022-02``, ``2022-02-24``, ``a/b`` intervals)."""
    head = value.split("/", 1)[0]
    parts = head.split("-")
    try:
        if len(parts) >= 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        return date(int(parts[0]), 1, 1)
    except ValueError:
        return None


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(
    request: Request,
    store: StoreDep,
    dates: Annotated[int, Query(ge=1, le=500)] = 20,
    sentences: Annotated[int, Query(ge=1, le=20)] = 3,
    level: Level = "day",
) -> HTMLResponse:
    notice = None
    try:
        entries = _timeline(store, dates, sentences, level, None, None)
    except ModuleNotFoundError:
        notice, level = "timeline.phase_missing", "day"
        entries = _timeline(store, dates, sentences, level, None, None)
    entries.sort(key=lambda e: e.date)
    cites = store.sentence_context(s.sentence_id for e in entries for s in e.sentences if s.sentence_id is not None)
    days = [_day(e.date) for e in entries]
    known = [d for d in days if d is not None]
    first, last = (min(known), max(known)) if known else (None, None)
    span = (last - first).days if first and last else 0
    rows = [
        {
            "date": e.date,
            "sentences": e.sentences,
            "sources": {s.document_id for s in e.sentences},
            "position": ((d - first).days / span) if d and first and span else 0.5,
        }
        for e, d in zip(entries, days, strict=True)
    ]
    return render(
        request,
        "timeline.html",
        {
            "entries": rows,
            "level": level,
            "dates": dates,
            "notice": notice,
            "cites": cites,
            "axis_start": first.isoformat() if first else "",
            "axis_end": last.isoformat() if last else "",
        },
    )
