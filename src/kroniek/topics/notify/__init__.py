"""Notifications: one notifier per channel behind one dispatcher.

* Atom (``atom.py``) is pulled by feed readers: nothing to send.
* Webhooks (``webhook.py``) and e-mail (``email.py``) are pushed from the outbox:
  :func:`dispatch` claims the due rows, renders each overview once, hands the messages to
  the channel's notifier, and marks every row delivered, or failed with an exponential delay
  before the next try.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kroniek.config import Settings
from kroniek.overview import Update, to_dict
from kroniek.store import Store
from kroniek.store.outbox import BASE_DELAY, LEASE, Delivery, claim_due, mark_delivered, mark_failed
from kroniek.store.topics import Topic, get_overview, get_topic, set_subscription_active, utcnow
from kroniek.topics.notify.atom import feed_url, overview_link
from kroniek.topics.notify.email import EmailNotifier, Mail
from kroniek.topics.notify.webhook import Message, WebhookNotifier

log = logging.getLogger(__name__)

EVENT_TYPE = "overview.published"
# Rows per claim: two waves of the webhook fan-out (its ``concurrency``, 200), so even a batch
# whose receivers all time out on every attempt (2 x 3 x 10 s) ends inside the lease (120 s);
# bench_fanout: 10,000 webhooks in 2.4 s with batches of 400 (1.7 s with 1000, 3.7 s with 200).
# E-mail goes one message after another over one connection: 400 fit the lease unless the SMTP
# server takes over 0.3 s per message (then a row may go out twice: delivery is at least once).
BATCH = 400


@dataclass
class DispatchReport:
    claimed: int = 0
    delivered: int = 0
    failed: int = 0
    retries: int = 0  # extra attempts within this run
    seconds: float = 0.0  # the whole dispatch: claiming, rendering, sending, bookkeeping
    fanout_seconds: float = 0.0  # the webhook requests alone
    errors: dict[str, str] = field(default_factory=dict)


def webhook_payload(topic: Topic, update: Update, base_url: str, created: datetime) -> dict[str, Any]:
    """What a webhook receiver gets: the event type, the topic, the overview with every source."""
    return {
        "type": EVENT_TYPE,
        "timestamp": created.isoformat(timespec="seconds"),
        "data": {
            "topic": {"slug": topic.slug, "name": topic.name},
            "overview": to_dict(update, base_url),
            "links": {
                "html": overview_link(base_url, update.id),
                "json": overview_link(base_url, update.id, "json"),
                "feed": feed_url(base_url, topic.slug),
            },
        },
    }


class Dispatcher:
    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        webhook: WebhookNotifier | None = None,
        email: EmailNotifier | None = None,
        base_delay: float = BASE_DELAY,
        lease: float = LEASE,
    ) -> None:
        self.store = store
        self.settings = settings
        self.webhook = webhook or WebhookNotifier(allow_private=settings.allow_private_urls)
        self.email = email or EmailNotifier(
            host=settings.smtp_host, port=settings.smtp_port, mail_from=settings.mail_from, base_url=settings.base_url
        )
        self.base_delay = base_delay
        self.lease = lease
        self._cache: dict[int, tuple[Topic, Update, bytes]] = {}

    def _overview(self, overview_id: int) -> tuple[Topic, Update, bytes] | None:
        if overview_id not in self._cache:
            from kroniek.topics.publish import stored_update

            row = get_overview(self.store, overview_id)
            topic = get_topic(self.store, row["topic_id"]) if row and row["topic_id"] is not None else None
            if row is None or topic is None:
                return None
            update = stored_update(row)
            payload = webhook_payload(topic, update, self.settings.base_url, row["created_at"])
            body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
            self._cache[overview_id] = (topic, update, body)
        return self._cache[overview_id]

    def dispatch(self, *, now: datetime | None = None, limit: int = 20000, batch: int = BATCH) -> DispatchReport:
        """Send every due notification once (up to ``limit``); failed ones are scheduled again.

        Rows are claimed ``batch`` at a time and marked before the next claim, so a claim's
        lease only has to outlast one batch: another worker never sends a row twice because
        a long fan-out outlived the lease.
        """
        import time

        start = time.perf_counter()
        report = DispatchReport()
        # What was due when the run began: rows that fail in it are due later, not again in it.
        # Each batch's lease runs from its own claim, so a long run never sends on an expired lease.
        due_by = now or utcnow()
        while report.claimed < limit:
            items = claim_due(
                self.store, now=now, due_by=due_by, limit=min(batch, limit - report.claimed), lease=self.lease
            )
            if not items:
                break
            report.claimed += len(items)
            self._send(items, report, now)
        report.seconds = time.perf_counter() - start
        if report.failed:
            log.warning("%s notifications failed (will retry): %s", report.failed, next(iter(report.errors.values())))
        return report

    def _send(self, items: list[Delivery], report: DispatchReport, now: datetime | None) -> None:
        by_id = {d.id: d for d in items}
        ok: list[str] = []
        failed: list[tuple[Delivery, str]] = []
        messages, mails = [], []
        for d in items:
            rendered = self._overview(d.overview_id)
            if rendered is None:
                failed.append((d, "overview or topic is gone"))
                continue
            topic, update, body = rendered
            if d.channel == "webhook":
                messages.append(Message(d.id, d.target, d.secret or "", body))
            elif d.channel == "email":
                mails.append(Mail(d.id, d.target, d.token, topic.name, update))
            else:
                failed.append((d, f"unknown channel {d.channel!r}"))
        if messages:
            fanout = self.webhook.send(messages)
            report.retries += fanout.retries
            report.fanout_seconds += fanout.seconds
            for o in fanout.outcomes:
                if o.ok:
                    ok.append(o.id)
                else:
                    failed.append((by_id[o.id], o.error or "failed"))
                    if o.gone:
                        set_subscription_active(self.store, False, id=by_id[o.id].subscription_id)
        for m in self.email.send(mails):
            if m.ok:
                ok.append(m.id)
            else:
                failed.append((by_id[m.id], m.error or "failed"))
        when = now or utcnow()
        mark_delivered(self.store, ok, now=when)
        mark_failed(self.store, failed, now=when, base=self.base_delay)
        report.delivered += len(ok)
        report.failed += len(failed)
        for d, err in failed:
            if len(report.errors) >= 20:
                break
            report.errors[d.id] = err


def dispatch(store: Store, settings: Settings, **kwargs: Any) -> DispatchReport:
    return Dispatcher(store, settings).dispatch(**kwargs)
