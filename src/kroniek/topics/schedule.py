"""When overviews go out: at a topic's cron times, and at once when news breaks.

A topic's ``schedule`` holds cron expressions separated by ";" ("0 7,12,18 * * *": three
times a day). An overview is due when a scheduled moment has passed since the previous one.
It is *breaking* when one new development is reported by at least ``breaking_threshold``
independent sources (re-publications count once) that the previous overview did not have.

:class:`Scheduler` checks every topic each ``interval`` seconds, publishes what is due, and
drains the outbox; ``kroniek serve`` runs it in a background thread next to the web server.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from croniter import croniter

from kroniek.config import Settings
from kroniek.overview.model import UpdateSection
from kroniek.store import Store
from kroniek.store.topics import Topic, latest_overview, list_topics, utcnow
from kroniek.topics.notify import Dispatcher, DispatchReport
from kroniek.topics.publish import Published, build_overview, publish
from kroniek.topics.query import topic_documents

log = logging.getLogger(__name__)


def expressions(schedule: str | None) -> list[str]:
    return [e.strip() for e in (schedule or "").split(";") if e.strip()]


def last_scheduled(schedule: str | None, now: datetime) -> datetime | None:
    """The latest scheduled moment at or before ``now``."""
    base = now + timedelta(seconds=1)  # a moment exactly on the hour counts as passed
    moments = [croniter(e, base).get_prev(datetime) for e in expressions(schedule)]
    return max(moments) if moments else None


def next_scheduled(schedule: str | None, now: datetime) -> datetime | None:
    moments = [croniter(e, now).get_next(datetime) for e in expressions(schedule)]
    return min(moments) if moments else None


def is_due(topic: Topic, last_run: datetime | None, now: datetime) -> bool:
    """A scheduled moment has passed since the previous overview (or since the topic was made)."""
    moment = last_scheduled(topic.schedule, now)
    if moment is None:
        return False
    reference = last_run or topic.created_at
    return reference is None or moment > reference


def breaking_sources(topic: Topic, store: Store) -> int:
    """The independent sources behind the best-covered development that is new since the last overview."""
    update = build_overview(store, topic)
    return max((s.sources for s in update.sections if isinstance(s, UpdateSection) and s.status == "new"), default=0)


@dataclass
class Tick:
    published: list[Published] = field(default_factory=list)
    dispatched: DispatchReport | None = None


class Scheduler:
    def __init__(self, store: Store, settings: Settings, *, interval: float = 30.0) -> None:
        self.store = store
        self.settings = settings
        self.interval = interval
        self.dispatcher = Dispatcher(store, settings)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self, now: datetime | None = None) -> Tick:
        """One round: publish what is due or breaking, then send what waits in the outbox."""
        now = now or utcnow()
        result = Tick()
        for topic in list_topics(self.store):
            try:
                published = self._check(topic, now)
            except Exception:  # one broken topic must not stop the others
                log.exception("scheduling topic %s failed", topic.slug)
                continue
            if published is not None and not published.skipped:
                result.published.append(published)
        result.dispatched = self.dispatcher.dispatch(now=now)
        return result

    def _check(self, topic: Topic, now: datetime) -> Published | None:
        last = latest_overview(self.store, topic.id)
        last_run = last["created_at"] if last else None
        if is_due(topic, last_run, now):
            return publish(self.store, topic, language=topic.language, reason="schedule", now=now)
        if topic.breaking_threshold and (
            last_run is None or topic_documents(self.store, topic, ingested_since=last_run)
        ):
            update = build_overview(self.store, topic, language=topic.language)
            sources = max(
                (s.sources for s in update.sections if isinstance(s, UpdateSection) and s.status == "new"), default=0
            )
            if sources >= topic.breaking_threshold:
                return publish(self.store, topic, reason="breaking", now=now, update=update)
        return None

    def run(self) -> None:
        log.info("scheduler running every %ss", self.interval)
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:
                log.exception("scheduler tick failed")
            self._stop.wait(self.interval)

    def start(self) -> threading.Thread:
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name="kroniek-scheduler", daemon=True)
        self._thread.start()
        return self._thread

    def stop(self, timeout: float | None = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
