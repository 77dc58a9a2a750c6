"""The Atom feed of a topic's overviews, served by the API and read back with feedparser."""

from __future__ import annotations

import feedparser
from fastapi.testclient import TestClient

from kroniek.config import Settings
from kroniek.store.topics import Topic, create_topic
from kroniek.topics.publish import publish
from kroniek.web.app import create_app
from samplestore import store_samples


def test_feed_of_published_overviews_parses_as_valid_atom(db_url, store) -> None:
    store_samples(store)
    topic = create_topic(store, Topic(slug="oekraine", name="Oorlog in Oekraïne", keywords=["Oekraïne"], language="nl"))
    client = TestClient(create_app(db_url, Settings(base_url="https://kroniek.example")))
    empty = feedparser.parse(client.get("/api/topics/oekraine/atom").content)
    assert empty.bozo == 0 and empty.entries == []

    first = publish(store, topic, until="2022-02-25")
    second = publish(store, topic, until="2022-02-27")
    assert not first.skipped and not second.skipped
    response = client.get("/api/topics/oekraine/atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Kroniek: Oorlog in Oekraïne"
    assert feed.feed.id.startswith("tag:kroniek.example,")
    assert any(link.rel == "self" and link.href.endswith("/api/topics/oekraine/atom") for link in feed.feed.links)
    assert [e.title for e in feed.entries] == [
        "Oorlog in Oekraïne: de stand van zaken op zondag 27 februari 2022",
        "Oorlog in Oekraïne: de stand van zaken op vrijdag 25 februari 2022",
    ]
    newest = feed.entries[0]
    assert newest.id != feed.entries[1].id and newest.updated_parsed >= feed.entries[1].updated_parsed
    assert newest.link == f"https://kroniek.example/topics/oekraine/overviews/{second.overview_id}"
    html = newest.content[0].value
    for section in second.update.sections:
        assert section.headline in newest.summary
    assert html.count('class="source"') >= sum(len(s.sentences) for s in second.update.sections)
    assert "https://kroniek.example/documents/" in html
    assert client.get("/topics/oekraine/feed.atom").content == response.content
    assert client.get("/api/topics/nothing/atom").status_code == 404
