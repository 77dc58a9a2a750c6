"""Reading stored events: lists with filters, one event with its sources, points for a map.

Events are written by the events stage (``kroniek.events``); these functions only read.
Place coordinates come from the place mentions of an event's source sentences
(``attrs`` ``lat``/``lon``), or from the event's own place records when they carry them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, func, select

from kroniek.store import Store, chunks
from kroniek.store import schema as t


@dataclass(frozen=True)
class EventFilter:
    """What a list of events is narrowed to; every field is optional."""

    date_from: str | None = None
    date_to: str | None = None
    type: str | None = None
    place: str | None = None
    actor: str | None = None
    document_id: int | None = None
    sentence_id: int | None = None

    def apply(self, query: Select[Any]) -> Select[Any]:
        e = t.events
        if self.date_from:
            query = query.where(e.c.date >= self.date_from)
        if self.date_to:
            # "2022-02" and "2022-02-28" both fall before "2022-02\uffff"
            query = query.where(e.c.date <= self.date_to + "\uffff")
        if self.type:
            query = query.where(e.c.type == self.type)
        for kind, name in (("place", self.place), ("actor", self.actor)):
            if name:
                query = query.where(e.c.id.in_(_events_mentioning(kind, name)))
        if self.document_id is not None:
            src = t.event_sources
            query = query.where(e.c.id.in_(select(src.c.event_id).where(src.c.document_id == self.document_id)))
        if self.sentence_id is not None:
            src = t.event_sources
            query = query.where(e.c.id.in_(select(src.c.event_id).where(src.c.sentence_id == self.sentence_id)))
        return query


def _events_mentioning(kind: str, name: str) -> Select[Any]:
    src, m = t.event_sources, t.mentions
    return (
        select(src.c.event_id)
        .join(m, m.c.sentence_id == src.c.sentence_id)
        .where(m.c.kind == kind, func.lower(m.c.name) == name.lower())
    )


def _row(row: Any, n_sources: int | None = None) -> dict[str, Any]:
    out = {
        "id": row.id,
        "date": row.date,
        "precision": row.precision,
        "type": row.type,
        "title": row.title,
        "places": list(row.places or []),
        "actors": list(row.actors or []),
        "figures": list(row.figures or []),
        "claims": list(row.claims or []),
    }
    if n_sources is not None:
        out["n_sources"] = n_sources
    return out


def list_events(
    store: Store, filters: EventFilter | None = None, *, limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """One page of events, newest date first, with the total that match the filters."""
    e, src = t.events, t.event_sources
    filters = filters or EventFilter()
    n_sources = select(func.count()).where(src.c.event_id == e.c.id).scalar_subquery()
    query = filters.apply(select(e, n_sources.label("n_sources")))
    query = query.order_by(e.c.date.desc().nulls_last(), e.c.id.desc()).limit(limit).offset(offset)
    total_query = filters.apply(select(func.count()).select_from(e))
    with store.engine.connect() as conn:
        items = [_row(row, int(row.n_sources)) for row in conn.execute(query)]
        total = int(conn.execute(total_query).scalar_one())
    return items, total


def event_titles(store: Store, event_ids: Iterable[int]) -> dict[int, str]:
    """The titles of the given events."""
    e = t.events
    out: dict[int, str] = {}
    with store.engine.connect() as conn:
        for chunk in chunks(sorted(set(event_ids))):
            for row in conn.execute(select(e.c.id, e.c.title).where(e.c.id.in_(chunk))):
                out[int(row.id)] = str(row.title)
    return out


def event_types(store: Store) -> list[str]:
    """The event types present, for a filter menu."""
    e = t.events
    with store.engine.connect() as conn:
        return [str(v) for v in conn.execute(select(e.c.type).distinct().order_by(e.c.type)).scalars()]


def source_names(store: Store, kind: str, limit: int = 500) -> list[str]:
    """Names of one kind ("place", "actor") mentioned in events' sources, most events first."""
    src, m = t.event_sources, t.mentions
    n = func.count(func.distinct(src.c.event_id))
    query = (
        select(m.c.name, n.label("n"))
        .join(src, src.c.sentence_id == m.c.sentence_id)
        .where(m.c.kind == kind, m.c.name.is_not(None))
        .group_by(m.c.name)
        .order_by(n.desc(), m.c.name)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [str(row.name) for row in conn.execute(query)]


def event_sources(store: Store, event_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Per event: its source sentences with their documents, in publication order."""
    src, s, d = t.event_sources, t.sentences, t.documents
    query = (
        select(
            src.c.event_id,
            s.c.id.label("sentence_id"),
            s.c.text,
            d.c.id.label("document_id"),
            d.c.source,
            d.c.title,
            d.c.url,
            d.c.published,
            d.c.language,
        )
        .join(s, s.c.id == src.c.sentence_id)
        .join(d, d.c.id == src.c.document_id)
        .order_by(d.c.published.nulls_last(), d.c.id, s.c.position)
    )
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    ids = list(event_ids)
    with store.engine.connect() as conn:
        for chunk in chunks(ids):
            for row in conn.execute(query.where(src.c.event_id.in_(chunk))):
                item = dict(row._mapping)
                out[item.pop("event_id")].append(item)
    return dict(out)


def source_mentions(store: Store, sentence_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Per sentence: its mentions (kind, text, name and attributes)."""
    m = t.mentions
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    with store.engine.connect() as conn:
        for chunk in chunks(list(sentence_ids)):
            query = select(m).where(m.c.sentence_id.in_(chunk)).order_by(m.c.sentence_id, m.c.start)
            for row in conn.execute(query):
                out[row.sentence_id].append(
                    {"kind": row.kind, "text": row.text, "name": row.name, "attrs": dict(row.attrs or {})}
                )
    return dict(out)


def get_event(store: Store, event_id: int) -> dict[str, Any] | None:
    """One event with all its sources, each source with the mentions of its sentence."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.events).where(t.events.c.id == event_id)).first()
    if row is None:
        return None
    event = _row(row)
    sources = event_sources(store, [event_id]).get(event_id, [])
    mentions = source_mentions(store, [s["sentence_id"] for s in sources])
    for source in sources:
        source["mentions"] = mentions.get(source["sentence_id"], [])
    event["sources"] = sources
    event["coordinates"] = _places_with_coordinates(event["places"], [m for s in sources for m in s["mentions"]])
    return event


def related_events(store: Store, event: dict[str, Any], *, days: int = 3, limit: int = 8) -> list[dict[str, Any]]:
    """Other events within ``days`` of ``event`` that name one of its places or actors, most shared first."""
    day = _date(event.get("date"))
    names = [("place", _name(p)) for p in event["places"][:3]] + [("actor", _name(a)) for a in event["actors"][:3]]
    if day is None or not names:
        return []
    date_from, date_to = (day - timedelta(days=days)).isoformat(), (day + timedelta(days=days)).isoformat()
    found: dict[int, dict[str, Any]] = {}
    shared: dict[int, int] = defaultdict(int)
    for kind, name in names:
        if not name:
            continue
        filters = EventFilter(
            date_from=date_from,
            date_to=date_to,
            place=name if kind == "place" else None,
            actor=name if kind == "actor" else None,
        )
        for other in list_events(store, filters, limit=limit)[0]:
            if other["id"] != event["id"]:
                found[other["id"]] = other
                shared[other["id"]] += 1
    ranked = sorted(found.values(), key=lambda e: (-shared[e["id"]], -e["n_sources"], e["date"] or "", e["id"]))
    return ranked[:limit]


def _name(value: Any) -> str:
    return str(value.get("name") or "") if isinstance(value, dict) else str(value or "")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _coordinate(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number


def _places_with_coordinates(places: list[Any], mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distinct places with lat/lon, from the event's own place records and its sources' place mentions."""
    found: dict[str, dict[str, Any]] = {}
    candidates: list[dict[str, Any]] = [p for p in places if isinstance(p, dict)]
    candidates += [{"name": m["name"] or m["text"], **m["attrs"]} for m in mentions if m["kind"] == "place"]
    for place in candidates:
        lat, lon = _coordinate(place.get("lat")), _coordinate(place.get("lon"))
        name = str(place.get("name") or "")
        if lat is None or lon is None or not name or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        found.setdefault(name, {"name": name, "country": place.get("country"), "lat": lat, "lon": lon})
    return list(found.values())


def event_geojson(store: Store, filters: EventFilter | None = None, *, limit: int = 5000) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point per place with coordinates, listing the events there."""
    events, _total = list_events(store, filters, limit=limit)
    by_id = {e["id"]: e for e in events}
    sources = event_sources(store, by_id)
    mentions = source_mentions(store, [s["sentence_id"] for group in sources.values() for s in group])
    points: dict[str, dict[str, Any]] = {}
    for event_id, event in by_id.items():
        sentence_mentions = [m for s in sources.get(event_id, []) for m in mentions.get(s["sentence_id"], [])]
        for place in _places_with_coordinates(event["places"], sentence_mentions):
            point = points.setdefault(place["name"], {**place, "events": []})
            point["events"].append(
                {"id": event_id, "date": event["date"], "type": event["type"], "title": event["title"]}
            )
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
            "properties": {
                "name": p["name"],
                "country": p["country"],
                "count": len(p["events"]),
                "events": p["events"],
            },
        }
        for p in sorted(points.values(), key=lambda p: (-len(p["events"]), p["name"]))
    ]
    return {"type": "FeatureCollection", "features": features}
