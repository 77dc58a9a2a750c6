"""Events: the JSON API (list with filters, one event, GeoJSON for maps) and the event pages."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from kroniek.store.events import (
    EventFilter,
    event_geojson,
    event_types,
    get_event,
    list_events,
    related_events,
    source_names,
)
from kroniek.web.deps import SettingsDep, StoreDep
from kroniek.web.i18n import gettext, language_of
from kroniek.web.view import MAX_ID, Offset, RowId, contradictions, error_page, paginate, render

router = APIRouter()

ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _filters(
    date_from: str | None,
    date_to: str | None,
    type: str | None,
    place: str | None,
    actor: str | None,
    document: int | None,
) -> EventFilter:
    return EventFilter(
        date_from=_iso_or_none(date_from),
        date_to=_iso_or_none(date_to),
        type=type or None,
        place=place or None,
        actor=actor or None,
        document_id=document,
    )


@router.get("/api/events", tags=["events"])
def events_api(
    store: StoreDep,
    date_from: Annotated[str | None, Query(alias="from", pattern=ISO_DATE, description="ISO date, inclusive")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=ISO_DATE, description="ISO date, inclusive")] = None,
    type: Annotated[str | None, Query(max_length=64, description="event type")] = None,
    place: Annotated[str | None, Query(max_length=300, description="canonical place name")] = None,
    actor: Annotated[str | None, Query(max_length=300, description="canonical actor name")] = None,
    document: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="only events with a source in this document")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events, newest first, narrowed by date range, type, place, actor or document; paginated."""
    filters = _filters(date_from, date_to, type, place, actor, document)
    items, total = list_events(store, filters, limit=limit, offset=offset)
    return {"items": items, "limit": limit, "offset": offset, "total": total}


@router.get("/api/events.geojson", tags=["events"])
def events_geojson(
    store: StoreDep,
    date_from: Annotated[str | None, Query(alias="from", pattern=ISO_DATE)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=ISO_DATE)] = None,
    type: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[str | None, Query(max_length=300)] = None,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the places of events: one Point per place, with the events there."""
    return event_geojson(store, _filters(date_from, date_to, type, None, actor, None))


@router.get("/api/events/{event_id}", tags=["events"])
def event_api(event_id: RowId, store: StoreDep) -> dict[str, Any]:
    """One event: date, type, places, actors, figures, claims, every source sentence with its mentions,
    places with coordinates, and where the sources contradict each other."""
    event = get_event(store, event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=f"no event with id {event_id}")
    event["contradictions"] = [_contradiction_json(c) for c in contradictions(event["sources"])]
    return event


def _contradiction_json(item: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in item.items() if k != "items"}
    out["items"] = [
        {
            **{k: v for k, v in i.items() if k not in ("source", "range")},
            "sentence_id": i["source"]["sentence_id"],
            "document_id": i["source"]["document_id"],
        }
        for i in item["items"]
    ]
    return out


@router.get("/events", response_class=HTMLResponse, include_in_schema=False)
def events_page(
    request: Request,
    store: StoreDep,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    type: str | None = None,
    place: str | None = None,
    actor: str | None = None,
    document: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    limit = 50
    filters = _filters(date_from, date_to, type, place, actor, document)
    items, total = list_events(store, filters, limit=limit, offset=offset)
    return render(
        request,
        "events.html",
        {
            "items": items,
            "filters": filters,
            "types": event_types(store),
            "places": source_names(store, "place"),
            "actors": source_names(store, "actor"),
            "page": paginate(request, offset, limit, total),
        },
    )


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
def event_page(request: Request, event_id: RowId, store: StoreDep) -> HTMLResponse:
    event = get_event(store, event_id)
    if event is None:
        return error_page(request, 404, gettext(language_of(request), "error.not_found"))
    return render(
        request,
        "event.html",
        {"event": event, "contradictions": contradictions(event["sources"]), "related": related_events(store, event)},
    )


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, store: StoreDep, settings: SettingsDep) -> HTMLResponse:
    collection = event_geojson(store)
    return render(request, "map.html", {"points": collection["features"], "tile_url": settings.tile_url or ""})


def _iso_or_none(value: str | None) -> str | None:
    return value if value and re.match(ISO_DATE, value) else None
