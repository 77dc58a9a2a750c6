"""Writing events to the store: the events stage owns the ``events`` and ``event_sources`` rows.

``rebuild_events`` replays the stored reports in publication order through the
clusterer (as if they arrived one by one) and replaces the event tables in one
transaction, so readers never see half a rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, insert

from kroniek.events.cluster import EventClusterer
from kroniek.model import Event
from kroniek.store import Store
from kroniek.store import schema as t


def save_events(store: Store, events: Sequence[Event]) -> list[int]:
    """Replace all stored events by ``events``; returns their new ids (also set on the records).

    Sources without a stored sentence (documents that were never saved) are left out.
    """
    now = datetime.now(UTC)
    ids: list[int] = []
    with store.engine.begin() as conn:
        conn.execute(delete(t.event_sources))
        conn.execute(delete(t.events))
        for event in events:
            event_id = conn.execute(
                insert(t.events)
                .returning(t.events.c.id)
                .values(
                    date=event.date,
                    precision=event.precision,
                    type=event.type,
                    title=event.title,
                    places=list(event.places),
                    actors=list(event.actors),
                    figures=list(event.figures),
                    claims=list(event.claims),
                    created_at=now,
                    updated_at=now,
                )
            ).scalar_one()
            event.id = int(event_id)
            ids.append(event.id)
            seen: set[int] = set()
            rows = []
            for s in event.sources:
                if s.sentence_id is None or s.document_id is None or s.sentence_id in seen:
                    continue
                seen.add(s.sentence_id)
                rows.append({"event_id": event.id, "sentence_id": s.sentence_id, "document_id": s.document_id})
            if rows:
                conn.execute(insert(t.event_sources), rows)
    return ids


def rebuild_events(store: Store, clusterer: EventClusterer | None = None) -> list[Event]:
    """Cluster every stored report, oldest first, and store the events."""
    clusterer = clusterer or EventClusterer()
    for doc in store.load_documents():
        clusterer.add(doc)
    events = clusterer.events
    save_events(store, events)
    return events
