"""A database for the web tests: the bundled samples ingested, events, a topic with overviews.

The events are grouped here from the stored, annotated sample sentences (one event per day
and place, from every sentence naming that place on that day), so the pages show real
sentences with their real mentions; the event stage's own grouping is tested in its own file.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from kroniek.ingest import Ingestor, read_sources
from kroniek.overview import compose_overview, to_markdown
from kroniek.store import Store, open_store
from kroniek.store import schema as t
from kroniek.store.topics import Topic, create_topic, save_overview

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TOPIC_SLUG = "oorlog-in-oekraine"


_BUILT: list[Path] = []


def copy(path: Path, scratch: Path) -> str:
    """A copy of the sample database at ``path`` (built once per test session under ``scratch``)."""
    if not _BUILT:
        built = scratch / "websamples.db"
        build(built)
        _BUILT.append(built)
    source = sqlite3.connect(_BUILT[0])
    target = sqlite3.connect(path)
    with target:
        source.backup(target)
    source.close()
    target.close()
    return f"sqlite:///{path}"


def build(path: Path) -> str:
    """Create the database at ``path``; returns its URL."""
    url = f"sqlite:///{path}"
    store = open_store(url)
    report = Ingestor(store).run(read_sources([SAMPLES]))
    assert report.added and not report.errors, report.summary()
    add_events(store)
    add_topic(store)
    return url


def add_events(store: Store) -> int:
    """One event per (day, place with coordinates) named in the samples' content sentences."""
    groups: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    facts: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: {"actors": [], "figures": [], "claims": []})
    for doc in store.load_documents():
        for sent in doc.content_sentences:
            day = sent.event_date if sent.event_date and len(sent.event_date) == 10 else doc.published
            places = [m for m in sent.mentions_of("place") if m.attrs.get("lat") is not None]
            if not day or not places:
                continue
            key = (day[:10], str(places[0].attrs["name"]))
            groups[key].append((int(doc.id or 0), int(sent.id or 0)))
            entry = facts[key]
            entry["actors"] += [str(m.attrs["name"]) for m in sent.mentions_of("actor") if m.attrs.get("name")]
            entry["figures"] += [{"text": m.text, **m.attrs} for m in sent.mentions_of("figure")]
            entry["claims"] += [{"cue": m.text, **m.attrs} for m in sent.mentions_of("claim")]
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        for (day, place), sources in sorted(groups.items()):
            entry = facts[(day, place)]
            event_id = conn.execute(
                insert(t.events).returning(t.events.c.id),
                {
                    "date": day,
                    "precision": "day",
                    "type": "gevecht" if len(sources) > 1 else "melding",
                    "title": f"{place}, {day}",
                    "places": [place],
                    "actors": sorted(set(entry["actors"])),
                    "figures": entry["figures"],
                    "claims": entry["claims"],
                    "created_at": now,
                    "updated_at": now,
                },
            ).scalar_one()
            conn.execute(
                insert(t.event_sources),
                [{"event_id": event_id, "document_id": d, "sentence_id": s} for d, s in dict.fromkeys(sources)],
            )
    return len(groups)


def add_topic(store: Store) -> None:
    """A topic with two published overviews, a day apart."""
    topic = create_topic(store, Topic(slug=TOPIC_SLUG, name="Oorlog in Oekraïne", keywords=["oekraïne", "rusland"]))
    docs = store.load_documents()
    first = compose_overview(docs, topic=topic.name, until="2022-02-26")
    latest = compose_overview(docs, topic=topic.name, previous=first)
    created = datetime(2022, 3, 1, 18, 0, tzinfo=UTC)
    for update, at in ((first, created - timedelta(days=1)), (latest, created)):
        save_overview(store, topic.id, update.to_dict(), to_markdown(update), published=True, created=at)
