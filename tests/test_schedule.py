"""When overviews go out: cron times, breaking developments, the scheduler thread and `kroniek serve`."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from kroniek.config import Settings
from kroniek.ingest import Ingestor, read_path
from kroniek.model import Document
from kroniek.pipeline import Pipeline
from kroniek.store import open_store
from kroniek.store.topics import Topic, create_topic, list_overviews
from kroniek.topics.schedule import Scheduler, is_due, last_scheduled, next_scheduled

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SETTINGS = Settings(base_url="https://kroniek.example", smtp_port=1)


def _at(hour: int, minute: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def _ingest(store, after: str = "", until: str = "9999") -> None:  # type: ignore[no-untyped-def]
    """The sample reports published in (after, until]."""
    docs = [d for d in read_path(SAMPLES) if isinstance(d, Document) and after < (d.published or "") <= until]
    Ingestor(store, pipeline=Pipeline(("sentences",))).run(docs)


def test_cron_times() -> None:
    schedule = "0 7,12,18 * * *; 30 21 * * 5"
    assert last_scheduled(schedule, _at(13)) == _at(12)
    assert last_scheduled(schedule, _at(12)) == _at(12)
    assert next_scheduled("0 7,12,18 * * *", _at(19)) == _at(7, day=3)
    assert next_scheduled("30 21 * * 5", _at(19, day=6)) == _at(21, 30, day=6)  # 6 March 2026 is a Friday
    topic = Topic(slug="t", name="T", schedule="0 7,12,18 * * *", created_at=_at(6))
    assert not is_due(topic, None, _at(6, 59))
    assert is_due(topic, None, _at(7, 1))
    assert not is_due(topic, _at(7, 1), _at(11, 59))
    assert is_due(topic, _at(7, 1), _at(12, 0))
    assert not is_due(Topic(slug="u", name="U"), None, _at(12))  # no schedule: never due by the clock


def test_scheduled_overview_goes_out_once_per_slot(store) -> None:
    _ingest(store)
    topic = create_topic(store, Topic(slug="ua", name="Oekraïne", keywords=["Oekraïne"], schedule="0 7,12,18 * * *"))
    scheduler = Scheduler(store, SETTINGS)
    created = topic.created_at
    slot = created.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    slot = next(slot + timedelta(hours=h) for h in range(24) if (slot + timedelta(hours=h)).hour in (7, 12, 18))
    assert scheduler.tick(slot - timedelta(minutes=1)).published == []
    tick = scheduler.tick(slot + timedelta(minutes=1))
    assert [p.reason for p in tick.published] == ["schedule"]
    assert scheduler.tick(slot + timedelta(minutes=2)).published == []  # this slot is done
    later = scheduler.tick(slot + timedelta(hours=12))
    assert later.published == []  # the next slot came, but nothing new was reported: nothing to say
    assert len(list_overviews(store, topic.id)) == 1


def test_breaking_development_goes_out_at_once(store) -> None:
    _ingest(store, until="2022-02-26")
    loud = create_topic(store, Topic(slug="loud", name="Oekraïne", keywords=["Oekraïne"], breaking_threshold=2))
    quiet = create_topic(store, Topic(slug="quiet", name="Oekraïne", keywords=["Oekraïne"], breaking_threshold=9))
    scheduler = Scheduler(store, SETTINGS)
    first = scheduler.tick()
    assert [(p.reason, p.update.topic) for p in first.published] == [("breaking", "Oekraïne")]
    assert max(s.sources for s in first.published[0].update.sections) >= 2
    assert len(list_overviews(store, loud.id)) == 1 and list_overviews(store, quiet.id) == []
    assert scheduler.tick().published == []  # nothing new since
    _ingest(
        store, after="2022-02-26", until="2022-02-28"
    )  # the talks at the Belarusian border, reported by several outlets
    second = scheduler.tick()
    assert [p.reason for p in second.published] == ["breaking"]
    assert not set(second.published[0].update.document_ids) & set(first.published[0].update.document_ids)


def test_scheduler_thread_starts_and_stops(store) -> None:
    _ingest(store, after="2022-02-28")
    create_topic(store, Topic(slug="ua", name="Oekraïne", breaking_threshold=1))
    scheduler = Scheduler(store, SETTINGS, interval=0.05)
    thread = scheduler.start()
    deadline = time.monotonic() + 10
    while not list_overviews(store, 1) and time.monotonic() < deadline:
        time.sleep(0.05)
    scheduler.stop()
    assert not thread.is_alive()
    assert len(list_overviews(store, 1)) == 1


def test_serve_runs_the_scheduler_and_ctrl_c_stops_both(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "KRONIEK_DATABASE_URL": db}
    kroniek = [str(Path(sys.executable).parent / "kroniek")]
    store = open_store(db)
    _ingest(store, after="2022-02-28")
    create_topic(store, Topic(slug="ua", name="Oekraïne", breaking_threshold=1))
    proc = subprocess.Popen(
        [*kroniek, "serve", "--port", str(port), "--interval", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        entries: list = []
        while time.monotonic() < deadline and not entries:
            with contextlib.suppress(httpx.HTTPError):
                entries = httpx.get(f"http://127.0.0.1:{port}/api/topics/ua/overviews", timeout=2).json()
            time.sleep(0.2)
        assert entries and entries[0]["reason"] == "breaking"  # published by the scheduler inside serve
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
