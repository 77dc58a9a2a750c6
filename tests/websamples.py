"""A database for the web tests: the bundled samples ingested, their events, a topic with overviews."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kroniek.events.persist import rebuild_events
from kroniek.ingest import Ingestor, read_sources
from kroniek.overview import compose_overview, to_markdown
from kroniek.store import Store, open_store
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
    rebuild_events(store)  # the events stage, as kroniek ingest runs it
    add_topic(store)
    return url


def add_topic(store: Store) -> None:
    """A topic with two published overviews, a day apart."""
    topic = create_topic(store, Topic(slug=TOPIC_SLUG, name="Oorlog in Oekraïne", keywords=["oekraïne", "rusland"]))
    docs = store.load_documents()
    first = compose_overview(docs, topic=topic.name, until="2022-02-26")
    latest = compose_overview(docs, topic=topic.name, previous=first)
    created = datetime(2022, 3, 1, 18, 0, tzinfo=UTC)
    for update, at in ((first, created - timedelta(days=1)), (latest, created)):
        save_overview(store, topic.id, update.to_dict(), to_markdown(update), published=True, created=at)
