"""Topics (saved queries), their overviews and their subscriptions, stored.

Functions take a :class:`~kroniek.store.Store`; the store itself knows nothing of them.
Publishing an overview and queueing its notifications happen in one transaction, so a
crash can lose neither (the outbox pattern; delivery is in :mod:`kroniek.store.outbox`).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from kroniek.store import Store
from kroniek.store import schema as t

CHANNELS = ("webhook", "email")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every time Kroniek stores is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def slugify(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:100] or "topic"


@dataclass
class Topic:
    """A saved query: what a follower wants to hear about, and when overviews go out."""

    slug: str
    name: str
    keywords: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    schedule: str | None = None  # cron expressions, ";"-separated ("0 7,12,18 * * *")
    breaking_threshold: int | None = None  # independent sources on one new development
    id: int | None = None
    created_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["created_at"] = self.created_at.isoformat() if self.created_at else None
        return out


EDITABLE = (
    "name",
    "keywords",
    "actors",
    "places",
    "language",
    "date_from",
    "date_to",
    "schedule",
    "breaking_threshold",
)


def _topic(row: Any) -> Topic:
    return Topic(
        id=row.id,
        slug=row.slug,
        name=row.name,
        keywords=list(row.keywords or []),
        actors=list(row.actors or []),
        places=list(row.places or []),
        language=row.language,
        date_from=row.date_from,
        date_to=row.date_to,
        schedule=row.schedule,
        breaking_threshold=row.breaking_threshold,
        created_at=aware(row.created_at),
    )


def validate(topic: Topic) -> None:
    if not isinstance(topic.name, str):
        raise ValueError("a topic needs a name")
    if not _SLUG.match(topic.slug):
        raise ValueError(f"invalid slug {topic.slug!r}: lowercase letters, digits and '-'")
    if not topic.name.strip():
        raise ValueError("a topic needs a name")
    if topic.schedule:
        from croniter import croniter

        for expr in topic.schedule.split(";"):
            if not croniter.is_valid(expr.strip()):
                raise ValueError(f"invalid cron expression {expr.strip()!r}")
    if topic.breaking_threshold is not None and topic.breaking_threshold < 1:
        raise ValueError("breaking_threshold must be at least 1")


def create_topic(store: Store, topic: Topic) -> Topic:
    validate(topic)
    with store.engine.begin() as conn:
        if conn.execute(select(t.topics.c.id).where(t.topics.c.slug == topic.slug)).first():
            raise ValueError(f"topic {topic.slug!r} exists")
        values = {k: getattr(topic, k) for k in EDITABLE}
        topic.created_at = utcnow()
        topic.id = conn.execute(
            insert(t.topics).returning(t.topics.c.id), {"slug": topic.slug, "created_at": topic.created_at, **values}
        ).scalar_one()
    return topic


def get_topic(store: Store, key: str | int) -> Topic | None:
    c = t.topics.c
    if isinstance(key, int):
        cond = c.id == key
    elif key.isdigit():
        cond = (c.id == int(key)) | (c.slug == key)
    else:
        cond = c.slug == key
    with store.engine.connect() as conn:
        row = conn.execute(select(t.topics).where(cond)).first()
    return _topic(row) if row else None


def list_topics(store: Store) -> list[Topic]:
    with store.engine.connect() as conn:
        return [_topic(r) for r in conn.execute(select(t.topics).order_by(t.topics.c.slug))]


def update_topic(store: Store, key: str | int, **changes: Any) -> Topic:
    topic = get_topic(store, key)
    if topic is None:
        raise KeyError(key)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}")
    if changes.get("name", "") is None:
        raise ValueError("a topic needs a name")
    # An explicit null for a list clears it.
    changes = {k: ([] if v is None and k in ("keywords", "actors", "places") else v) for k, v in changes.items()}
    if not changes:
        return topic
    for k, v in changes.items():
        setattr(topic, k, v)
    validate(topic)
    with store.engine.begin() as conn:
        conn.execute(update(t.topics).where(t.topics.c.id == topic.id).values(**changes))
    return topic


def delete_topic(store: Store, key: str | int) -> bool:
    topic = get_topic(store, key)
    if topic is None:
        return False
    with store.engine.begin() as conn:
        # Cascades by hand too: SQLite without foreign keys on and old databases.
        sub_ids = select(t.subscriptions.c.id).where(t.subscriptions.c.topic_id == topic.id)
        ov_ids = select(t.overviews.c.id).where(t.overviews.c.topic_id == topic.id)
        conn.execute(
            delete(t.outbox).where(t.outbox.c.subscription_id.in_(sub_ids) | t.outbox.c.overview_id.in_(ov_ids))
        )
        conn.execute(delete(t.subscriptions).where(t.subscriptions.c.topic_id == topic.id))
        conn.execute(delete(t.overviews).where(t.overviews.c.topic_id == topic.id))
        conn.execute(delete(t.topics).where(t.topics.c.id == topic.id))
    return True


# -- overviews ---------------------------------------------------------------------------


def delivery_id(overview_id: int, subscription_id: int) -> str:
    """The id a receiver dedupes on: one per overview and subscriber, the same on every retry."""
    digest = hashlib.sha256(f"{overview_id}:{subscription_id}".encode()).hexdigest()[:26]
    return f"msg_{digest}"


def save_overview(
    store: Store,
    topic_id: int | None,
    content: dict[str, Any],
    markdown: str,
    *,
    since: datetime | None = None,
    published: bool = False,
    created: datetime | None = None,
) -> tuple[int, int]:
    """Store an overview; when published, queue one notification per active subscription.

    Returns (overview id, notifications queued), both written in one transaction.
    """
    created = created or utcnow()
    with store.engine.begin() as conn:
        ov_id = conn.execute(
            insert(t.overviews).returning(t.overviews.c.id),
            {
                "topic_id": topic_id,
                "created_at": created,
                "since": since,
                "published": published,
                "content": content,
                "markdown": markdown,
            },
        ).scalar_one()
        queued = 0
        if published and topic_id is not None:
            subs = conn.execute(
                select(t.subscriptions.c.id).where(
                    t.subscriptions.c.topic_id == topic_id, t.subscriptions.c.active.is_(True)
                )
            ).scalars()
            rows = [
                {
                    "id": delivery_id(ov_id, sub_id),
                    "subscription_id": sub_id,
                    "overview_id": ov_id,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": created,
                    "created_at": created,
                }
                for sub_id in subs
            ]
            if rows:
                conn.execute(insert(t.outbox), rows)
            queued = len(rows)
    return int(ov_id), queued


def _overview(row: Any) -> dict[str, Any]:
    out = dict(row._mapping)
    out["created_at"] = aware(out["created_at"])
    out["since"] = aware(out["since"])
    return out


def get_overview(store: Store, overview_id: int) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.overviews).where(t.overviews.c.id == overview_id)).first()
    return _overview(row) if row else None


def list_overviews(
    store: Store, topic_id: int | None, *, limit: int = 20, published_only: bool = True
) -> list[dict[str, Any]]:
    """A topic's overviews, newest first."""
    o = t.overviews
    query = select(o).where(o.c.topic_id == topic_id if topic_id is not None else o.c.topic_id.is_(None))
    if published_only:
        query = query.where(o.c.published.is_(True))
    query = query.order_by(o.c.created_at.desc(), o.c.id.desc()).limit(limit)
    with store.engine.connect() as conn:
        return [_overview(r) for r in conn.execute(query)]


def latest_overview(store: Store, topic_id: int | None) -> dict[str, Any] | None:
    rows = list_overviews(store, topic_id, limit=1)
    return rows[0] if rows else None


# -- subscriptions -----------------------------------------------------------------------


def add_subscription(
    store: Store, topic_id: int, channel: str, target: str, secret: str | None = None
) -> dict[str, Any]:
    """Follow a topic on a channel. The returned token is the unsubscribe key."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; choose one of {CHANNELS}")
    row = {
        "topic_id": topic_id,
        "channel": channel,
        "target": target,
        "secret": secret,
        "token": secrets.token_urlsafe(24),
        "active": True,
        "created_at": utcnow(),
    }
    with store.engine.begin() as conn:
        existing = conn.execute(
            select(t.subscriptions).where(
                t.subscriptions.c.topic_id == topic_id,
                t.subscriptions.c.channel == channel,
                t.subscriptions.c.target == target,
            )
        ).first()
        if existing is not None:
            conn.execute(update(t.subscriptions).where(t.subscriptions.c.id == existing.id).values(active=True))
            out = dict(existing._mapping)
            out["active"] = True
            return out
        row["id"] = conn.execute(insert(t.subscriptions).returning(t.subscriptions.c.id), row).scalar_one()
    return row


def add_subscriptions(store: Store, topic_id: int, channel: str, targets: list[tuple[str, str | None]]) -> int:
    """Many subscriptions at once (for imports and the benchmark): (target, secret) pairs."""
    now = utcnow()
    rows = [
        {
            "topic_id": topic_id,
            "channel": channel,
            "target": target,
            "secret": secret,
            "token": secrets.token_urlsafe(24),
            "active": True,
            "created_at": now,
        }
        for target, secret in targets
    ]
    with store.engine.begin() as conn:
        if rows:
            conn.execute(insert(t.subscriptions), rows)
    return len(rows)


def list_subscriptions(store: Store, topic_id: int | None = None, *, active_only: bool = False) -> list[dict[str, Any]]:
    s = t.subscriptions
    query = select(s).order_by(s.c.id)
    if topic_id is not None:
        query = query.where(s.c.topic_id == topic_id)
    if active_only:
        query = query.where(s.c.active.is_(True))
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def get_subscription(store: Store, *, token: str | None = None, id: int | None = None) -> dict[str, Any] | None:
    s = t.subscriptions
    cond = s.c.token == token if token is not None else s.c.id == id
    with store.engine.connect() as conn:
        row = conn.execute(select(s).where(cond)).first()
    return dict(row._mapping) if row else None


def set_subscription_active(store: Store, active: bool, *, token: str | None = None, id: int | None = None) -> bool:
    """Pause or resume a subscription (an unsubscribe link sets it inactive); False if unknown."""
    s = t.subscriptions
    cond = s.c.token == token if token is not None else s.c.id == id
    with store.engine.begin() as conn:
        changed = conn.execute(update(s).where(cond).values(active=active)).rowcount
        if not active and changed:
            ids = select(s.c.id).where(cond)
            conn.execute(
                update(t.outbox)
                .where(t.outbox.c.subscription_id.in_(ids), t.outbox.c.status == "pending")
                .values(status="cancelled")
            )
    return bool(changed)


def delete_subscription(store: Store, id: int) -> bool:
    with store.engine.begin() as conn:
        conn.execute(delete(t.outbox).where(t.outbox.c.subscription_id == id))
        return bool(conn.execute(delete(t.subscriptions).where(t.subscriptions.c.id == id)).rowcount)
