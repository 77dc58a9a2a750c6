"""Compose a topic's next overview, store it, and queue a notification for every follower."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kroniek.events import EventClusterer
from kroniek.model import Document, Event
from kroniek.overview import ComposeOptions, Composer, Update, to_markdown, update_from_dict
from kroniek.store import Store
from kroniek.store.topics import Topic, latest_overview, save_overview
from kroniek.topics.query import topic_documents, topic_query

log = logging.getLogger(__name__)


@dataclass
class Published:
    update: Update
    overview_id: int | None
    queued: int
    reason: str

    @property
    def skipped(self) -> bool:
        return self.overview_id is None


def stored_update(row: dict[str, Any]) -> Update:
    """The :class:`Update` kept in an ``overviews`` row."""
    update = update_from_dict(row["content"])
    update.id = row["id"]
    return update


def previous_update(store: Store, topic: Topic) -> Update | None:
    row = latest_overview(store, topic.id)
    return stored_update(row) if row else None


def find_events(docs: Sequence[Document]) -> list[Event]:
    """The developments of ``docs`` (the events stage), which link report blocks across sources."""
    return EventClusterer()(list(docs))


def build_overview(
    store: Store,
    topic: Topic,
    *,
    language: str | None = None,
    until: str | None = None,
    previous: Update | None = None,
    use_previous: bool = True,
    options: ComposeOptions | None = None,
) -> Update:
    """The topic's overview since its previous published one (or of the last day, for a first one)."""
    docs = topic_documents(store, topic)
    if previous is None and use_previous:
        previous = previous_update(store, topic)
    opts = options or ComposeOptions()
    opts.language = language or opts.language or "nl"
    return Composer(opts).compose(
        docs,
        topic=topic.name,
        until=until,
        previous=previous,
        events=find_events(docs),
        query=topic_query(topic),
    )


def _as_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    if len(value) == 4:
        value += "-01-01"
    elif len(value) == 7:
        value += "-01"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def publish(
    store: Store,
    topic: Topic,
    *,
    language: str | None = None,
    until: str | None = None,
    reason: str = "manual",
    force: bool = False,
    now: datetime | None = None,
    update: Update | None = None,
) -> Published:
    """Publish the topic's next overview and queue its notifications, in one transaction.

    Nothing is published when nothing new happened, unless ``force``.
    """
    if topic.id is None:
        raise ValueError("topic is not stored")
    update = update or build_overview(store, topic, language=language or topic.language, until=until)
    if not update.sections and not force:
        return Published(update, None, 0, reason)
    content = update.to_dict()
    content["reason"] = reason
    overview_id, queued = save_overview(
        store,
        topic.id,
        content,
        to_markdown(update),
        since=_as_datetime(update.since),
        published=True,
        created=now,
    )
    update.id = overview_id
    log.info("published overview %s for topic %s (%s): %s notifications", overview_id, topic.slug, reason, queued)
    return Published(update, overview_id, queued, reason)
