"""Feed and folder rows: what the desk watches, when it polls next, and which items it has seen.

Functions taking a :class:`~kroniek.store.Store`; each runs in its own short transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from kroniek.store import Store, now
from kroniek.store import schema as t

FEED_COLUMNS = (
    "id",
    "url",
    "kind",
    "title",
    "etag",
    "last_modified",
    "interval_seconds",
    "next_poll_at",
    "last_polled_at",
    "failures",
    "last_error",
    "created_at",
)


class DuplicateFeed(ValueError):
    """The URL (or folder) is watched already."""

    def __init__(self, url: str, feed_id: int) -> None:
        super().__init__(f"{url}: already watched (feed {feed_id})")
        self.url = url
        self.feed_id = feed_id


def _row(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in FEED_COLUMNS}


def add_feed(store: Store, url: str, *, kind: str = "feed", interval_seconds: int = 900) -> dict[str, Any]:
    """Watch ``url`` (kind "feed") or a folder path (kind "folder"); due at once."""
    f = t.feeds
    with store.engine.begin() as conn:
        existing = conn.execute(select(f.c.id).where(f.c.url == url)).scalar()
        if existing is not None:
            raise DuplicateFeed(url, int(existing))
        try:
            feed_id = conn.execute(
                insert(f).returning(f.c.id),
                {
                    "url": url,
                    "kind": kind,
                    "interval_seconds": int(interval_seconds),
                    "next_poll_at": None,
                    "failures": 0,
                    "created_at": now(),
                },
            ).scalar_one()
        except IntegrityError:  # added by someone else in between
            raise DuplicateFeed(url, -1) from None
    feed = get_feed(store, int(feed_id))
    assert feed is not None
    return feed


def get_feed(store: Store, feed_id: int) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.feeds).where(t.feeds.c.id == feed_id)).first()
    return _row(row) if row is not None else None


def list_feeds(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [_row(row) for row in conn.execute(select(t.feeds).order_by(t.feeds.c.id))]


def remove_feed(store: Store, feed_id: int) -> bool:
    """Stop watching a feed; its seen items go with it, its documents stay."""
    with store.engine.begin() as conn:
        conn.execute(delete(t.feed_items).where(t.feed_items.c.feed_id == feed_id))
        return conn.execute(delete(t.feeds).where(t.feeds.c.id == feed_id)).rowcount > 0


def due_feeds(store: Store, at: datetime, limit: int = 50) -> list[dict[str, Any]]:
    """Feeds whose next poll is due at ``at`` (never polled first, then the longest waiting)."""
    f = t.feeds
    query = (
        select(f)
        .where(or_(f.c.next_poll_at.is_(None), f.c.next_poll_at <= at))
        .order_by(f.c.next_poll_at.nulls_first(), f.c.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [_row(row) for row in conn.execute(query)]


def record_poll(
    store: Store,
    feed_id: int,
    *,
    at: datetime,
    next_poll_at: datetime,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = True,
    title: str | None = None,
) -> None:
    """Record a poll: on success the failure count resets, on error it grows by one."""
    f = t.feeds
    values: dict[str, Any] = {"last_polled_at": at, "next_poll_at": next_poll_at}
    if error is None:
        values.update(failures=0, last_error=None)
        if keep_validators:
            values.update(
                etag=(etag or None) and etag[:500], last_modified=(last_modified or None) and last_modified[:100]
            )
        else:
            values.update(etag=None, last_modified=None)
        if title:
            values["title"] = title[:1000]
    else:
        values.update(failures=f.c.failures + 1, last_error=error[:4000])
    with store.engine.begin() as conn:
        conn.execute(update(f).where(f.c.id == feed_id).values(**values))


def seen_guids(store: Store, feed_id: int, guids: Iterable[str]) -> set[str]:
    """The subset of ``guids`` already seen on this feed."""
    wanted = list(dict.fromkeys(guids))
    seen: set[str] = set()
    fi = t.feed_items
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            query = select(fi.c.guid).where(fi.c.feed_id == feed_id, fi.c.guid.in_(chunk))
            seen.update(conn.execute(query).scalars())
    return seen


def mark_seen(store: Store, feed_id: int, guid: str, document_id: int | None) -> None:
    fi = t.feed_items
    with store.engine.begin() as conn:
        exists = conn.execute(select(fi.c.id).where(fi.c.feed_id == feed_id, fi.c.guid == guid)).scalar()
        if exists is None:
            conn.execute(insert(fi), {"feed_id": feed_id, "guid": guid, "document_id": document_id, "seen_at": now()})


def count_items(store: Store, feed_id: int) -> int:
    with store.engine.connect() as conn:
        return len(conn.execute(select(t.feed_items.c.id).where(t.feed_items.c.feed_id == feed_id)).all())
