"""The liveblog: a real server streams new developments (Server-Sent Events) as reports arrive."""

from __future__ import annotations

import copy
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from kroniek.config import Settings
from kroniek.ingest import read_path
from kroniek.model import Document
from kroniek.pipeline import Pipeline
from kroniek.store.topics import Topic, create_topic
from kroniek.topics.live import Cursor, live_items
from kroniek.topics.publish import publish
from kroniek.web.app import create_app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _docs() -> list[Document]:
    seg = Pipeline(("sentences",))
    return sorted((seg(d) for d in read_path(SAMPLES) if isinstance(d, Document)), key=lambda d: d.published or "")


@pytest.fixture
def server(db_url) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(db_url, Settings(base_url=f"http://127.0.0.1:{port}"))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=1)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


def _events(lines: Iterator[str], count: int, timeout: float = 10) -> list[tuple[str, str, dict]]:
    """Read ``count`` SSE events (id, event, data) from a line stream."""
    out: list[tuple[str, str, dict]] = []
    fields: dict[str, str] = {}
    deadline = time.monotonic() + timeout
    for line in lines:
        if time.monotonic() > deadline:
            break
        if line == "":
            if "data" in fields:
                out.append((fields.get("id", ""), fields.get("event", "message"), json.loads(fields["data"])))
                if len(out) == count:
                    break
            fields = {}
        elif not line.startswith(":"):
            key, _, value = line.partition(":")
            fields[key] = value.removeprefix(" ")
    return out


def test_new_reports_arrive_on_the_stream(server, store) -> None:
    docs = _docs()
    for doc in docs[:-3]:
        store.add_document(copy.deepcopy(doc))
    topic = create_topic(store, Topic(slug="ua", name="Oekraïne", keywords=["Oekraïne", "Kiev", "Charkov"]))
    with (
        httpx.Client(timeout=15) as client,
        client.stream("GET", f"{server}/api/live", params={"topic": "ua", "poll": 0.1, "backlog": 2}) as response,
    ):
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = response.iter_lines()
        backlog = _events(lines, 2)
        assert [e for _, e, _ in backlog] == ["development", "development"]
        for doc in docs[-3:]:  # three reports come in while the reader watches
            store.add_document(copy.deepcopy(doc))
        fresh = _events(lines, 3)
        assert [d["headline"] for _, _, d in fresh] == [d.title for d in docs[-3:]]
        first = fresh[0][2]
        assert first["sentences"] and first["sentences"][0]["link"].startswith(f"/documents/{first['id']}#s")
        assert fresh[-1][0] == str(Cursor(first["id"] + 2, 0))
        publish(store, topic)
        [(cursor, kind, data)] = _events(lines, 1)
        assert kind == "overview" and data["headlines"] and cursor.endswith(f"-{data['id']}")
    # A reader who reconnects with Last-Event-ID gets only what came after.
    with (
        httpx.Client(timeout=15) as client,
        client.stream(
            "GET", f"{server}/api/live", params={"topic": "ua", "poll": 0.1}, headers={"Last-Event-ID": fresh[1][0]}
        ) as response,
    ):
        [(_, kind, data)] = _events(response.iter_lines(), 1)
        assert kind == "development" and data["id"] == fresh[2][2]["id"]


def test_live_items_follow_the_topic(store) -> None:
    for doc in _docs():
        store.add_document(doc)
    topic = create_topic(store, Topic(slug="en", name="English", language="en"))
    items, cursor = live_items(store, topic, None, backlog=50)
    assert len(items) == 3 and all(i["type"] == "development" for i in items)
    assert live_items(store, topic, cursor)[0] == []


def test_liveblog_page(db_url, store) -> None:
    for doc in _docs()[:5]:
        store.add_document(doc)
    create_topic(store, Topic(slug="ua", name="Oekraïne"))
    client = TestClient(create_app(db_url, Settings()))
    page = client.get("/topics/ua/live")
    assert page.status_code == 200
    assert 'data-stream="/api/live?topic=ua&amp;cursor=' in page.text and "EventSource" in page.text
    assert page.text.count('class="live-item development"') == 5
    assert client.get("/liveblog").status_code == 200
    assert client.get("/topics/none/live").status_code == 404
