"""Topics: saved queries from the store, the CLI and the API; following and publishing through the API."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kroniek.cli import app as cli
from kroniek.config import Settings
from kroniek.store.topics import (
    Topic,
    create_topic,
    delete_topic,
    get_topic,
    list_overviews,
    list_subscriptions,
    list_topics,
    update_topic,
)
from kroniek.topics import topic_documents
from kroniek.web.app import create_app
from samplestore import store_samples

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_create_list_edit_delete(store) -> None:
    topic = create_topic(store, Topic(slug="charkov", name="Charkov", places=["Charkov"], schedule="0 8 * * *"))
    assert topic.id and topic.created_at
    with pytest.raises(ValueError, match="exists"):
        create_topic(store, Topic(slug="charkov", name="Nog eens"))
    with pytest.raises(ValueError, match="cron"):
        create_topic(store, Topic(slug="fout", name="Fout", schedule="elke ochtend"))
    with pytest.raises(ValueError, match="slug"):
        create_topic(store, Topic(slug="Met Spaties", name="x"))
    update_topic(store, "charkov", keywords=["Kharkiv"], breaking_threshold=3)
    again = get_topic(store, "charkov")
    assert again.keywords == ["Kharkiv"] and again.breaking_threshold == 3 and again.places == ["Charkov"]
    assert get_topic(store, str(topic.id)).slug == "charkov"
    assert [t.slug for t in list_topics(store)] == ["charkov"]
    assert delete_topic(store, "charkov") and not delete_topic(store, "charkov")
    assert list_topics(store) == []


def test_a_topic_selects_its_reports(store) -> None:
    store_samples(store)
    every = store.load_documents()
    refugees = Topic(slug="vluchtelingen", name="Vluchtelingen", keywords=["vluchteling", "refugee"])
    chosen = topic_documents(store, create_topic(store, refugees))
    assert 2 <= len(chosen) < len(every)
    english = topic_documents(store, create_topic(store, Topic(slug="en", name="English", language="en")))
    assert english and all(d.language == "en" for d in english)
    window = Topic(slug="w", name="Window", date_from="2022-02-27", date_to="2022-02-27")
    assert {d.published for d in topic_documents(store, create_topic(store, window))} == {"2022-02-27"}


def test_cli_topics_and_overview(db_url, store, monkeypatch) -> None:
    store_samples(store)
    monkeypatch.setenv("KRONIEK_ALLOW_PRIVATE_URLS", "1")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, [*args, "--db", db_url])
        assert result.exit_code == 0, result.output
        return result.stdout

    run(
        "topics",
        "create",
        "Oorlog in Oekraïne",
        "--slug",
        "oekraine",
        "--keyword",
        "Oekraïne",
        "--keyword",
        "Kiev",
        "--schedule",
        "0 7,12,18 * * *",
        "--breaking",
        "3",
    )
    assert "oekraine" in run("topics", "list")
    run("topics", "edit", "oekraine", "--place", "Charkov", "--schedule", "")
    topic = get_topic(store, "oekraine")
    assert topic.places == ["Charkov"] and topic.schedule is None and topic.keywords == ["Oekraïne", "Kiev"]
    assert "whsec_" in run("topics", "follow", "oekraine", "http://127.0.0.1:9/hook")
    run("topics", "follow", "oekraine", "lezer@example.org")
    subs = run("topics", "subscriptions", "oekraine")
    assert "webhook" in subs and "lezer@example.org" in subs
    md = run("overview", "--topic", "oekraine", "--publish", "--until", "2022-02-26")
    assert md.startswith("# Oorlog in Oekraïne: de stand van zaken op zaterdag 26 februari 2022")
    assert len(list_overviews(store, topic.id)) == 1
    data = json.loads(run("overview", "--topic", "oekraine", "--format", "json", "--lang", "en"))
    assert data["language"] == "en" and data["since"] == "2022-02-26"
    html = run("overview", "--format", "html", "--until", "2022-02-24")
    assert html.startswith('<article class="overview" lang="nl">')
    first = list_subscriptions(store, topic.id)[0]["id"]
    run("topics", "unfollow", str(first))
    assert len(list_subscriptions(store, topic.id)) == 1
    assert "notify:" in run("notify")
    run("topics", "delete", "oekraine")
    assert runner.invoke(cli, ["topics", "delete", "oekraine", "--db", db_url]).exit_code == 1


@pytest.fixture
def client(db_url, store) -> TestClient:  # type: ignore[no-untyped-def]
    store_samples(store)
    settings = Settings(api_token=TOKEN, base_url="https://kroniek.example", allow_private_urls=False)
    return TestClient(create_app(db_url, settings))


def test_api_topics(client) -> None:
    body = {"name": "Oorlog in Oekraïne", "keywords": ["Oekraïne"], "schedule": "0 7 * * *"}
    assert client.post("/api/topics", json=body).status_code == 401
    created = client.post("/api/topics", json=body, headers=AUTH)
    assert created.status_code == 201 and created.json()["slug"] == "oorlog-in-oekraine"
    assert client.post("/api/topics", json=body, headers=AUTH).status_code == 409
    assert client.post("/api/topics", json={"name": "x", "schedule": "nooit"}, headers=AUTH).status_code == 422
    assert [t["slug"] for t in client.get("/api/topics").json()] == ["oorlog-in-oekraine"]
    patched = client.patch("/api/topics/oorlog-in-oekraine", json={"places": ["Kiev"]}, headers=AUTH)
    assert patched.json()["places"] == ["Kiev"] and patched.json()["keywords"] == ["Oekraïne"]
    assert client.patch("/api/topics/oorlog-in-oekraine", json={"places": []}).status_code == 401
    # Edge cases the API fuzzer found: a null name, an empty edit, a cleared list, ids beyond 32 bits.
    assert client.patch("/api/topics/oorlog-in-oekraine", json={"name": None}, headers=AUTH).status_code == 422
    assert client.patch("/api/topics/oorlog-in-oekraine", json={}, headers=AUTH).json()["places"] == ["Kiev"]
    assert client.patch("/api/topics/oorlog-in-oekraine", json={"places": None}, headers=AUTH).json()["places"] == []
    assert client.get("/api/overviews/9223372036854775808").status_code == 422
    assert client.delete("/api/subscriptions/2147483648", headers=AUTH).status_code == 422
    assert client.get("/api/topics/nope").status_code == 404
    assert client.delete("/api/topics/oorlog-in-oekraine").status_code == 401
    assert client.delete("/api/topics/oorlog-in-oekraine", headers=AUTH).status_code == 204
    assert client.get("/api/topics").json() == []


def test_api_overviews_and_subscriptions(client, store) -> None:
    client.post("/api/topics", json={"name": "Oekraïne", "slug": "ua", "keywords": ["Oekraïne"]}, headers=AUTH)
    preview = client.get("/api/topics/ua/overview", params={"format": "md"})
    assert preview.status_code == 200 and preview.text.startswith("# Oekraïne: de stand van zaken")
    assert list_overviews(store, get_topic(store, "ua").id) == []  # a preview is not stored
    hook = client.post(
        "/api/topics/ua/subscriptions", json={"channel": "webhook", "target": "http://127.0.0.1/x"}, headers=AUTH
    )
    assert hook.status_code == 422 and "refused" in hook.text  # loopback, not allowed on this server
    hook = client.post(
        "/api/topics/ua/subscriptions", json={"channel": "webhook", "target": "https://93.184.215.14/h"}, headers=AUTH
    )
    assert hook.status_code == 201 and hook.json()["secret"].startswith("whsec_")
    mail = client.post(
        "/api/topics/ua/subscriptions", json={"channel": "email", "target": "lezer@example.org"}, headers=AUTH
    )
    assert mail.status_code == 201
    assert (
        client.post(
            "/api/topics/ua/subscriptions", json={"channel": "email", "target": "geen adres"}, headers=AUTH
        ).status_code
        == 422
    )
    listed = client.get("/api/topics/ua/subscriptions", headers=AUTH).json()
    assert [s["channel"] for s in listed] == ["webhook", "email"] and "secret" not in listed[0]
    assert client.get("/api/topics/ua/subscriptions").status_code == 401
    published = client.post("/api/topics/ua/overviews", json={"publish": True}, headers=AUTH)
    assert published.status_code == 201 and published.json()["queued"] == 2
    oid = published.json()["overview_id"]
    assert client.get(f"/api/overviews/{oid}").json()["sections"]
    assert client.get(f"/api/overviews/{oid}", params={"format": "html"}).text.startswith("<!doctype html>")
    assert "## " in client.get(f"/api/overviews/{oid}", params={"format": "md"}).text
    assert [o["id"] for o in client.get("/api/topics/ua/overviews").json()] == [oid]
    again = client.post("/api/topics/ua/overviews", headers=AUTH).json()
    assert again["published"] is False  # nothing new since the previous overview
    assert client.delete(f"/api/subscriptions/{mail.json()['id']}", headers=AUTH).status_code == 204
    assert len(client.get("/api/topics/ua/subscriptions", headers=AUTH).json()) == 1
