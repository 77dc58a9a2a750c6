"""Webhooks against a real HTTP receiver on 127.0.0.1: signatures, retries, backoff, downtime, crashes."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kroniek.config import Settings
from kroniek.store.outbox import claim_due, list_outbox, status_counts
from kroniek.store.topics import Topic, add_subscription, create_topic, get_subscription, utcnow
from kroniek.topics.notify import Dispatcher
from kroniek.topics.notify.webhook import WebhookNotifier, headers_for, new_secret, sign, verify
from kroniek.topics.publish import publish
from samplestore import store_samples


class Receiver:
    """A webhook receiver: verifies each signature, answers ``fail_first`` times 503 per message id."""

    def __init__(self, port: int = 0, fail_first: int = 0, status: int = 200) -> None:
        self.secrets: dict[str, str] = {}
        self.seen: list[str] = []
        self.bodies: dict[str, dict] = {}
        self.bad: list[str] = []
        self.fail_first = fail_first
        self.status = status
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["content-length"]))
                msg_id = self.headers["webhook-id"]
                with receiver.lock:
                    receiver.seen.append(msg_id)
                    tries = receiver.seen.count(msg_id)
                    if not verify(receiver.secrets.get(self.path, ""), dict(self.headers), body):
                        receiver.bad.append(msg_id)
                    receiver.bodies[msg_id] = json.loads(body)
                code = 503 if tries <= receiver.fail_first else receiver.status
                self.send_response(code)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.handler = Handler
        self.start(port)

    def start(self, port: int | None = None) -> None:
        ThreadingHTTPServer.request_queue_size = 256
        self.server = ThreadingHTTPServer(("127.0.0.1", port if port is not None else self.port), self.handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def receiver():  # type: ignore[no-untyped-def]
    r = Receiver()
    yield r
    r.stop()


@pytest.fixture
def settings() -> Settings:
    return Settings(allow_private_urls=True, base_url="https://kroniek.example", api_token="t")


@pytest.fixture
def topic(store):  # type: ignore[no-untyped-def]
    store_samples(store)
    return create_topic(store, Topic(slug="oekraine", name="Oorlog in Oekraïne", keywords=["Oekraïne", "Kiev"]))


def _follow(store, topic, receiver, n: int) -> list[dict]:  # type: ignore[no-untyped-def]
    subs = []
    for i in range(n):
        sub = add_subscription(store, topic.id, "webhook", receiver.url(f"/hook/{i}"), new_secret())
        receiver.secrets[f"/hook/{i}"] = sub["secret"]
        subs.append(sub)
    return subs


def _dispatcher(store, settings, **kw) -> Dispatcher:  # type: ignore[no-untyped-def]
    notifier = WebhookNotifier(allow_private=True, attempts=kw.pop("attempts", 2), backoff=0.01, timeout=5)
    return Dispatcher(store, settings, webhook=notifier, **kw)


def test_signature_is_standard_webhooks_hmac() -> None:
    secret = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # a base64 key
    body = b'{"a":1}'
    sig = sign(secret, "msg_1", 1700000000, body)
    assert sig.startswith("v1,") and len(sig) == 3 + 44
    headers = headers_for(secret, "msg_1", body, timestamp=1700000000)
    assert verify(secret, headers, body, now=1700000010)
    assert not verify(secret, headers, b'{"a":2}', now=1700000010)  # tampered body
    assert not verify(secret, headers, body, now=1700009999)  # replayed much later
    assert not verify(new_secret(), headers, body, now=1700000010)  # someone else's secret


def test_every_follower_gets_one_signed_overview(store, topic, receiver, settings) -> None:
    subs = _follow(store, topic, receiver, 25)
    done = publish(store, topic)
    assert done.queued == 25
    report = _dispatcher(store, settings).dispatch()
    assert (report.delivered, report.failed, report.retries) == (25, 0, 0)
    assert receiver.bad == [] and len(receiver.seen) == 25 == len(set(receiver.seen))
    body = receiver.bodies[receiver.seen[0]]
    assert body["type"] == "overview.published" and body["data"]["topic"]["slug"] == "oekraine"
    overview = body["data"]["overview"]
    assert overview["sections"] and all(x["sources"] for s in overview["sections"] for x in s["sentences"])
    assert overview["sections"][0]["sentences"][0]["sources"][0]["link"].startswith(
        "https://kroniek.example/documents/"
    )
    assert status_counts(store) == {"delivered": 25}
    assert _dispatcher(store, settings).dispatch().claimed == 0  # nothing twice
    assert {s["id"] for s in subs} == {r["subscription_id"] for r in list_outbox(store)}


def test_receiver_down_for_a_while_then_everything_arrives_once(store, topic, receiver, settings) -> None:
    _follow(store, topic, receiver, 30)
    receiver.stop()
    publish(store, topic)
    t0 = utcnow()
    first = _dispatcher(store, settings).dispatch(now=t0)
    assert (first.delivered, first.failed) == (0, 30)
    rows = list_outbox(store)
    assert {r["status"] for r in rows} == {"pending"} and {r["attempts"] for r in rows} == {1}
    assert all(r["next_attempt_at"] >= t0 + timedelta(seconds=4) for r in rows)  # backing off
    assert _dispatcher(store, settings).dispatch(now=t0 + timedelta(seconds=1)).claimed == 0
    second = _dispatcher(store, settings).dispatch(now=t0 + timedelta(seconds=6))
    assert (second.delivered, second.failed) == (0, 30)
    assert {r["attempts"] for r in list_outbox(store)} == {2}
    receiver.start()  # back, on the same port
    third = _dispatcher(store, settings).dispatch(now=t0 + timedelta(minutes=5))
    assert (third.delivered, third.failed) == (30, 0)
    assert Counter(receiver.seen) == Counter({i: 1 for i in {r["id"] for r in rows}})
    assert receiver.bad == []


def test_a_failing_receiver_is_retried_with_the_same_id(store, topic, settings) -> None:
    flaky = Receiver(fail_first=1)
    try:
        _follow(store, topic, flaky, 10)
        publish(store, topic)
        report = _dispatcher(store, settings, attempts=3).dispatch()
        assert (report.delivered, report.failed, report.retries) == (10, 0, 10)
        assert len(flaky.seen) == 20 and len(set(flaky.seen)) == 10  # each id twice: dedupe on webhook-id
    finally:
        flaky.stop()


def test_a_crashed_worker_loses_nothing(store, topic, receiver, settings) -> None:
    _follow(store, topic, receiver, 5)
    publish(store, topic)
    t0 = utcnow()
    claimed = claim_due(store, now=t0, lease=60)  # a worker takes the rows ... and dies
    assert len(claimed) == 5 and receiver.seen == []
    assert _dispatcher(store, settings).dispatch(now=t0 + timedelta(seconds=10)).claimed == 0  # still leased
    report = _dispatcher(store, settings).dispatch(now=t0 + timedelta(seconds=61))
    assert report.delivered == 5 and len(receiver.seen) == 5


def test_gone_receiver_stops_the_subscription(store, topic, settings) -> None:
    gone = Receiver(status=410)
    try:
        [sub] = _follow(store, topic, gone, 1)
        publish(store, topic)
        report = _dispatcher(store, settings).dispatch()
        assert report.failed == 1 and report.retries == 0
        assert get_subscription(store, id=sub["id"])["active"] is False
    finally:
        gone.stop()


def test_loopback_is_refused_unless_allowed(store, topic, receiver) -> None:
    _follow(store, topic, receiver, 2)
    publish(store, topic)
    closed = Settings(allow_private_urls=False, base_url="https://kroniek.example")
    report = Dispatcher(store, closed).dispatch()
    assert report.failed == 2 and receiver.seen == []
    assert all("refused" in e for e in report.errors.values())


class SlowSender(WebhookNotifier):
    """A fan-out that takes ``pause`` seconds per batch, as against slow receivers."""

    def __init__(self, pause: float) -> None:
        super().__init__(allow_private=True, attempts=2, backoff=0.01, timeout=5)
        self.pause = pause

    def send(self, messages):  # type: ignore[no-untyped-def]
        time.sleep(self.pause)
        return super().send(messages)


def test_a_long_fan_out_keeps_its_rows_from_a_second_worker(store, topic, receiver, settings) -> None:
    """Each batch is leased from its own claim: a worker that starts while the first is still
    busy takes only rows nobody holds, even when the first run has outlasted one lease."""
    _follow(store, topic, receiver, 40)
    assert publish(store, topic).queued == 40
    reports = {}

    def first() -> None:  # batches claimed at about 0, 0.8, 1.6 and 2.4 s
        reports["first"] = Dispatcher(store, settings, webhook=SlowSender(0.8), lease=2.0).dispatch(batch=10)

    def second() -> None:  # after the first run's first lease would have ended
        time.sleep(2.2)
        reports["second"] = Dispatcher(store, settings, webhook=SlowSender(0.0), lease=2.0).dispatch()

    workers = [threading.Thread(target=first), threading.Thread(target=second)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert reports["first"].claimed + reports["second"].claimed == 40
    assert len(receiver.seen) == 40 == len(set(receiver.seen)) and receiver.bad == []
    assert status_counts(store) == {"delivered": 40}
