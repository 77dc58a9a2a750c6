"""E-mail through a real SMTP server (aiosmtpd) on localhost, and the unsubscribe link through the API."""

from __future__ import annotations

import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient

from kroniek.config import Settings
from kroniek.store.outbox import status_counts
from kroniek.store.topics import Topic, add_subscription, create_topic, get_subscription
from kroniek.topics.notify import Dispatcher
from kroniek.topics.publish import publish
from kroniek.web.app import create_app
from samplestore import store_samples


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp():  # type: ignore[no-untyped-def]
    inbox = Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd's start-up check cannot use port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def topic(store):  # type: ignore[no-untyped-def]
    store_samples(store)
    return create_topic(store, Topic(slug="oekraine", name="Oorlog in Oekraïne", keywords=["Oekraïne", "Kiev"]))


def test_a_follower_receives_the_overview_and_can_unsubscribe(db_url, store, topic, smtp) -> None:
    inbox, port = smtp
    settings = Settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        mail_from="kroniek@kroniek.example",
        base_url="https://kroniek.example",
        api_token="secret-token",
    )
    sub = add_subscription(store, topic.id, "email", "lezer@example.org")
    add_subscription(store, topic.id, "email", "tweede@example.org")
    done = publish(store, topic)
    report = Dispatcher(store, settings).dispatch()
    assert (report.delivered, report.failed) == (2, 0)
    assert status_counts(store) == {"delivered": 2}
    msg = next(m for m in inbox.messages if m["To"] == "lezer@example.org")
    assert msg["Subject"].startswith("Oorlog in Oekraïne: de stand van zaken op")
    assert msg["From"] == "kroniek@kroniek.example"
    assert msg["Message-ID"].startswith("<msg_")
    link = str(msg["List-Unsubscribe"]).strip().strip("<>")
    assert link == f"https://kroniek.example/unsubscribe/{sub['token']}"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    for section in done.update.sections:
        assert section.headline in text and section.headline.replace("'", "&#x27;") in html
    assert "https://kroniek.example/documents/" in text and link in text and link in html
    assert re.search(r'<a class="source" href="https://kroniek.example/documents/\d+#s\d+"', html)

    client = TestClient(create_app(db_url, settings))
    path = link.removeprefix("https://kroniek.example")
    page = client.get(path)  # a link scanner following the link changes nothing
    assert page.status_code == 200 and "<form" in page.text
    assert get_subscription(store, token=sub["token"])["active"] is True
    assert client.post(path).status_code == 200  # the button (or one-click from the mail client)
    assert get_subscription(store, token=sub["token"])["active"] is False
    assert client.post("/unsubscribe/not-a-token", headers={"accept": "application/json"}).status_code == 404

    inbox.messages.clear()
    again = publish(store, topic, force=True)
    assert again.queued == 1
    Dispatcher(store, settings).dispatch()
    assert [m["To"] for m in inbox.messages] == ["tweede@example.org"]


def test_smtp_down_means_retry_later(store, topic) -> None:
    settings = Settings(smtp_host="127.0.0.1", smtp_port=1, base_url="https://kroniek.example")
    add_subscription(store, topic.id, "email", "lezer@example.org")
    publish(store, topic)
    report = Dispatcher(store, settings).dispatch()
    assert report.failed == 1 and status_counts(store) == {"pending": 1}
