"""The outbox: notifications waiting to go out, claimed by a worker, retried with backoff.

A row is written with its overview (see :func:`kroniek.store.topics.save_overview`), so no
notification is lost when the process dies. A worker claims due rows by pushing their
``next_attempt_at`` a lease ahead (so two workers never send the same row at once; a
worker that dies mid-send only delays them until the lease ends), sends, and marks each
row delivered or failed. Delivery is at least once: receivers dedupe on the row id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, update

from kroniek.store import Store
from kroniek.store import schema as t
from kroniek.store.topics import aware, utcnow

MAX_ATTEMPTS = 12
BASE_DELAY = 5.0  # seconds before the first retry; doubles each attempt
MAX_DELAY = 3600.0
LEASE = 120.0  # seconds a claimed row is left to its worker before another may take it


def backoff(attempts: int, base: float = BASE_DELAY, cap: float = MAX_DELAY) -> timedelta:
    """Exponential: base, 2*base, 4*base, ... after 1, 2, 3 failed attempts, capped."""
    return timedelta(seconds=min(cap, base * 2 ** max(attempts - 1, 0)))


@dataclass
class Delivery:
    id: str
    subscription_id: int
    overview_id: int
    attempts: int
    channel: str
    target: str
    secret: str | None
    token: str
    topic_id: int


def claim_due(
    store: Store,
    *,
    now: datetime | None = None,
    due_by: datetime | None = None,
    limit: int = 20000,
    lease: float = LEASE,
) -> list[Delivery]:
    """Take the pending rows due by ``due_by`` (default: ``now``) for ``lease`` seconds from
    ``now``, and return them with their subscriptions."""
    now = now or utcnow()
    due = due_by or now
    o, s = t.outbox, t.subscriptions
    with store.engine.begin() as conn:
        ids = list(
            conn.execute(
                select(o.c.id)
                .where(o.c.status == "pending", o.c.next_attempt_at <= due)
                .order_by(o.c.next_attempt_at, o.c.id)
                .limit(limit)
            ).scalars()
        )
        claimed: list[str] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            claimed += conn.execute(
                update(o)
                .where(o.c.id.in_(chunk), o.c.status == "pending", o.c.next_attempt_at <= due)
                .values(next_attempt_at=now + timedelta(seconds=lease))
                .returning(o.c.id)
            ).scalars()
        out: list[Delivery] = []
        query = select(
            o.c.id,
            o.c.subscription_id,
            o.c.overview_id,
            o.c.attempts,
            s.c.channel,
            s.c.target,
            s.c.secret,
            s.c.token,
            s.c.topic_id,
        ).join(s, s.c.id == o.c.subscription_id)
        for i in range(0, len(claimed), 500):
            out += [Delivery(**r._mapping) for r in conn.execute(query.where(o.c.id.in_(claimed[i : i + 500])))]
    out.sort(key=lambda d: d.id)
    return out


def mark_delivered(store: Store, ids: list[str], *, now: datetime | None = None) -> None:
    now = now or utcnow()
    o = t.outbox
    with store.engine.begin() as conn:
        for i in range(0, len(ids), 500):
            conn.execute(
                update(o)
                .where(o.c.id.in_(ids[i : i + 500]))
                .values(status="delivered", delivered_at=now, attempts=o.c.attempts + 1, last_error=None)
            )


def mark_failed(
    store: Store,
    failures: list[tuple[Delivery, str]],
    *,
    now: datetime | None = None,
    base: float = BASE_DELAY,
    max_attempts: int = MAX_ATTEMPTS,
) -> None:
    """Count a failed attempt; retry after an exponential delay, or give up after ``max_attempts``."""
    if not failures:
        return
    now = now or utcnow()
    rows = []
    for delivery, error in failures:
        attempts = delivery.attempts + 1
        rows.append(
            {
                "b_id": delivery.id,
                "b_attempts": attempts,
                "b_status": "failed" if attempts >= max_attempts else "pending",
                "b_next": now + backoff(attempts, base),
                "b_error": error[:2000],
            }
        )
    o = t.outbox
    stmt = (
        update(o)
        .where(o.c.id == bindparam("b_id"))
        .values(
            attempts=bindparam("b_attempts"),
            status=bindparam("b_status"),
            next_attempt_at=bindparam("b_next"),
            last_error=bindparam("b_error"),
        )
    )
    with store.engine.begin() as conn:
        conn.execute(stmt, rows)


def status_counts(store: Store, overview_id: int | None = None) -> dict[str, int]:
    o = t.outbox
    query = select(o.c.status, func.count()).group_by(o.c.status)
    if overview_id is not None:
        query = query.where(o.c.overview_id == overview_id)
    with store.engine.connect() as conn:
        return dict(Counter({row[0]: int(row[1]) for row in conn.execute(query)}))


def list_outbox(store: Store, *, overview_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
    o = t.outbox
    query = select(o).order_by(o.c.created_at.desc(), o.c.id).limit(limit)
    if overview_id is not None:
        query = query.where(o.c.overview_id == overview_id)
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for r in rows:
        for k in ("next_attempt_at", "created_at", "delivered_at"):
            r[k] = aware(r[k])
    return rows
