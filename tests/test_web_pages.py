"""The HTML pages and the event API, through the ASGI app, on the ingested samples."""

from __future__ import annotations

import re
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import websamples
from kroniek.config import Settings
from kroniek.model import Document
from kroniek.pipeline import default_pipeline
from kroniek.store import open_store
from kroniek.store.events import list_events
from kroniek.web import i18n
from kroniek.web.app import create_app
from kroniek.web.view import contradictions

TEMPLATES = Path(i18n.__file__).parent / "templates"

PAGES = [
    "/",
    "/topics",
    f"/topics/{websamples.TOPIC_SLUG}",
    "/timeline",
    "/timeline?level=month",
    "/timeline?level=phase",
    f"/timeline?topic={websamples.TOPIC_SLUG}",
    "/events",
    "/events?type=gevechten",
    "/map",
    "/search",
    "/search?q=kiev",
    "/search?q=kiev&language=nl",
    "/documents",
    "/documents/1",
    "/overview",
    "/liveblog",
    "/ingest",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return websamples.copy(tmp_path_factory.mktemp("web") / "kroniek.db", tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def app_client(db: str) -> TestClient:
    return TestClient(create_app(db, Settings(api_token="secret", tile_url=None)))


@pytest.fixture
def client(app_client: TestClient) -> TestClient:
    app_client.cookies.clear()  # no language chosen by an earlier test
    return app_client


def test_every_page_renders_within_a_second(client: TestClient) -> None:
    client.get("/")  # warm-up: templates compiled, modules imported
    for path in PAGES:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert elapsed < 1.0, f"{path} took {elapsed:.2f} s"
        body = response.text
        assert body.count("<main") == 1 and body.count("<h1") >= 1, path
        assert 'aria-current="page"' in body or path in ("/", "/overview"), path


def test_pages_are_dutch_by_default_and_english_on_request(db: str) -> None:
    client = TestClient(create_app(db, Settings()))
    nl = client.get("/timeline")
    assert '<html lang="nl">' in nl.text and ">Tijdlijn</a>" in nl.text
    en = client.get("/timeline?lang=en")
    assert '<html lang="en">' in en.text and ">Timeline</a>" in en.text
    assert en.cookies.get(i18n.COOKIE) == "en"
    # the cookie keeps the language on the next page
    assert '<html lang="en">' in client.get("/events").text
    for path in ("/events/1", "/timeline", "/documents", "/search?q=kiev"):
        assert "februari" not in client.get(path).text, path  # dates in macros follow the language too
    switch = client.get("/lang/nl?next=/events%3Ftype%3Dgevechten", follow_redirects=False)
    assert switch.status_code == 303 and switch.headers["location"] == "/events?type=gevechten"
    assert '<html lang="nl">' in client.get("/events").text


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_language_switch_only_redirects_within_the_site(client: TestClient, target: str) -> None:
    response = client.get("/lang/en", params={"next": target}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_switch_link_drops_the_lang_parameter(client: TestClient) -> None:
    body = client.get("/events?type=gevechten&lang=en").text
    link = re.search(r'<a class="lang" href="([^"]+)"', body)
    assert link is not None
    assert link.group(1) == "/lang/nl?next=%2Fevents%3Ftype%3Dgevechten"


def test_both_languages_have_every_key_the_templates_use() -> None:
    assert set(i18n.MESSAGES["nl"]) == set(i18n.MESSAGES["en"])
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""_\(\s*["']([a-z_]+(?:\.[a-z_]+)+|skip)["']\s*[,)]""", template.read_text("utf-8")))
    assert len(used) > 50
    assert used <= set(i18n.MESSAGES["nl"]), sorted(used - set(i18n.MESSAGES["nl"]))


def test_event_types_are_named_in_the_page_language(client: TestClient) -> None:
    from kroniek.events import type_names

    assert set(type_names()) <= set(i18n.EVENT_TYPES_EN)
    assert ">gevechten</a>" in client.get("/events?type=gevechten&lang=nl").text
    assert ">fighting</a>" in client.get("/events?type=gevechten&lang=en").text


def test_dates_are_written_as_readers_write_them() -> None:
    assert i18n.format_date("2022-02-24", "nl") == "24 februari 2022"
    assert i18n.format_date("2022-02-24", "en") == "February 24, 2022"
    assert i18n.format_date("2022-03", "nl") == "maart 2022"
    assert i18n.format_date("2022-02-24/2022-03-01", "nl") == "24 februari 2022 – 1 maart 2022"
    assert i18n.format_date("2022-03-01TMO", "nl") == "1 maart 2022, ochtend"
    assert i18n.format_date("2022-03-01TEV", "en") == "March 1, 2022, evening"
    assert i18n.format_date("2022-02-23T21:30", "nl") == "23 februari 2022 21:30"
    assert i18n.format_date("2022-W08", "nl") == "2022-W08"
    assert i18n.format_date("2022-13-40", "nl") == "2022-13-40"
    assert i18n.format_date(None) == ""


def test_content_is_escaped_everywhere(db_url: str) -> None:
    store = open_store(db_url)
    hostile = '<script>alert("x")</script>'
    doc = Document(
        text=f"Kiev meldt {hostile} een aanval op 24 februari 2022. De stad is onrustig.",
        title=f"Titel {hostile}",
        source=f"Bron {hostile}",
        published="2022-02-24",
        language="nl",
    )
    default_pipeline()(doc)
    doc_id = store.add_document(doc).id
    client = TestClient(create_app(db_url, Settings()))
    for path in ("/", "/documents", f"/documents/{doc_id}", "/search?q=meldt", "/timeline", "/overview"):
        body = client.get(path).text
        assert hostile not in body, path
    assert "&lt;script&gt;" in client.get(f"/documents/{doc_id}").text


def test_event_api_paginates_and_filters(client: TestClient, db: str) -> None:
    everything = client.get("/api/events", params={"limit": 500}).json()
    total = everything["total"]
    items = everything["items"]
    assert total == len(items) > 10
    dates = [e["date"] for e in items]
    assert dates == sorted(dates, reverse=True)
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == total and len(first["items"]) == 5
    assert [e["id"] for e in first["items"] + second["items"]] == [e["id"] for e in items[:10]]
    kind = Counter(e["type"] for e in items).most_common(1)[0][0]
    typed = client.get("/api/events", params={"type": kind, "limit": 500}).json()
    assert 0 < typed["total"] < total and all(e["type"] == kind for e in typed["items"])
    day = client.get("/api/events", params={"from": "2022-02-25", "to": "2022-02-25", "limit": 500}).json()
    assert 0 < day["total"] < total and all(e["date"].startswith("2022-02-25") for e in day["items"])
    place = client.get("/api/events.geojson").json()["features"][0]["properties"]["name"]
    at_place = client.get("/api/events", params={"place": place.lower(), "limit": 500}).json()
    assert 0 < at_place["total"] < total
    for event in at_place["items"]:
        full = client.get(f"/api/events/{event['id']}").json()
        assert place in {m["name"] for s in full["sources"] for m in s["mentions"] if m["kind"] == "place"}
    assert list_events(open_store(db), limit=1)[1] == total


def test_event_filters_offer_the_names_in_the_events(client: TestClient) -> None:
    body = client.get("/events").text
    places = re.findall(r'<option value="([^"]+)"></option>', body.split('id="ev-places"')[1].split("</datalist>")[0])
    assert len(places) > 5
    narrowed = client.get("/events", params={"place": places[0]}).text
    total = int(re.search(r"<small>\((\d+)\)</small>", body).group(1))  # type: ignore[union-attr]
    n = int(re.search(r"<small>\((\d+)\)</small>", narrowed).group(1))  # type: ignore[union-attr]
    assert 0 < n < total


def test_event_api_errors_are_clear(client: TestClient) -> None:
    missing = client.get("/api/events/999999")
    assert missing.status_code == 404 and missing.json() == {"detail": "no event with id 999999"}
    bad = client.get("/api/events", params={"from": "gisteren"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "from"]
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    page = client.get("/events/999999")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]


def test_one_event_has_all_its_sources(client: TestClient) -> None:
    items = client.get("/api/events", params={"limit": 500}).json()["items"]
    event = max(items, key=lambda e: (e["n_sources"], e["id"]))
    full = client.get(f"/api/events/{event['id']}").json()
    assert len(full["sources"]) == event["n_sources"] >= 2
    assert len({s["document_id"] for s in full["sources"]}) >= 2
    page = client.get(f"/events/{event['id']}").text
    for source in full["sources"]:
        assert f'href="/documents/{source["document_id"]}#s{source["sentence_id"]}"' in page
    placed = next(e for e in items if e["places"] and client.get(f"/api/events/{e['id']}").json()["coordinates"])
    for point in client.get(f"/api/events/{placed['id']}").json()["coordinates"]:
        assert -90 <= point["lat"] <= 90 and -180 <= point["lon"] <= 180 and point["name"]


def test_geojson_points_are_places_of_events(client: TestClient) -> None:
    data = client.get("/api/events.geojson").json()
    assert data["type"] == "FeatureCollection" and len(data["features"]) > 5
    ids = {e["id"] for e in client.get("/api/events", params={"limit": 500}).json()["items"]}
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["count"] == len(feature["properties"]["events"]) >= 1
        assert {e["id"] for e in feature["properties"]["events"]} <= ids
    kyiv = next(f for f in data["features"] if f["properties"]["name"] == "Kyiv")
    lon, lat = kyiv["geometry"]["coordinates"]
    assert 50 < lat < 51 and 30 < lon < 31
    narrowed = client.get("/api/events.geojson", params={"from": "2022-03-01"}).json()
    assert 0 < len(narrowed["features"]) < len(data["features"])


def test_map_page_names_a_tile_server_only_when_configured(db: str, client: TestClient) -> None:
    assert 'data-tiles=""' in client.get("/map").text
    tiled = TestClient(create_app(db, Settings(tile_url="https://tiles.example/{z}/{x}/{y}.png")))
    assert 'data-tiles="https://tiles.example/{z}/{x}/{y}.png"' in tiled.get("/map").text
    assert "/static/leaflet.js" in tiled.get("/map").text
    assert client.get("/static/leaflet.js").status_code == 200


def test_contradictions_are_figures_no_number_satisfies_and_claims_asserted_and_denied() -> None:
    def source(doc: int, *mentions: dict) -> dict:
        return {"sentence_id": doc * 10, "document_id": doc, "source": f"s{doc}", "mentions": list(mentions)}

    def figure(value: float, category: str = "killed", qualifier: str | None = None, approx: bool = False) -> dict:
        attrs = {"value": value, "category": category, "qualifier": qualifier, "approx": approx}
        return {"kind": "figure", "text": str(value), "attrs": attrs}

    def claim(speaker: str, stance: str) -> dict:
        return {"kind": "claim", "text": "zegt", "name": speaker, "attrs": {"speaker": speaker, "stance": stance}}

    found = contradictions([source(1, figure(137)), source(2, figure(198)), source(3, figure(5, "other"))])
    assert [(c["kind"], c["category"], len(c["items"])) for c in found] == [("figure", "killed", 2)]
    assert contradictions([source(1, figure(100)), source(2, figure(103))]) == []  # rounding
    assert contradictions([source(1, figure(100, qualifier="at_least")), source(2, figure(150))]) == []
    assert contradictions([source(1, figure(20, approx=True)), source(2, figure(35))]) == []  # "tientallen"
    assert contradictions([source(1, figure(100, qualifier="up_to")), source(2, figure(150))])
    assert contradictions([source(1, figure(137), figure(198))]) == []  # one report, two figures
    assert contradictions([source(1, figure(137)), source(2, figure(198, "injured"))]) == []
    found = contradictions([source(1, claim("Kremlin", "asserts")), source(2, claim("Kremlin", "denies"))])
    assert [(c["kind"], c["speaker"]) for c in found] == [("claim", "Kremlin")]
    assert contradictions([source(1, claim("Kremlin", "asserts")), source(2, claim("Kyiv", "denies"))]) == []


def test_timeline_entries_link_to_their_sentences(client: TestClient) -> None:
    body = client.get("/timeline").text
    entries = re.findall(r'<details class="entry".*?</details>', body, flags=re.S)
    assert len(entries) >= 5
    for entry in entries:
        links = re.findall(r'href="/documents/(\d+)#s(\d+)"', entry)
        assert links
        doc_id, sent_id = links[0]
        assert f'id="s{sent_id}"' in client.get(f"/documents/{doc_id}").text
        period = re.search(r'href="(/events\?from=[^"]+)"', entry)
        assert period and client.get(period.group(1).replace("&amp;", "&")).status_code == 200


def test_search_facets_narrow_the_results(client: TestClient) -> None:
    def count(params: dict) -> int:
        body = client.get("/search", params=params).text
        found = re.search(r'<span class="result-count">(\d+)', body)
        assert found, params
        return int(found.group(1))

    everything = count({"q": "kiev"})
    body = client.get("/search", params={"q": "kiev"}).text
    source = re.search(r'href="(/search\?[^"]*source=[^"]+)"[^>]*data-facet="source"', body)
    assert source
    narrowed = client.get(source.group(1).replace("&amp;", "&")).text
    n = int(re.search(r'<span class="result-count">(\d+)', narrowed).group(1))  # type: ignore[union-attr]
    assert 0 < n < everything
    assert count({"q": "kiev", "from": "2022-02-26", "to": "2022-02-26"}) < everything
    day = re.search(r'href="(/search\?[^"]*from=([0-9-]+)&amp;to=\2)" data-facet="date"', body)
    assert day
    one_day = client.get(day.group(1).replace("&amp;", "&")).text
    assert 0 < int(re.search(r'<span class="result-count">(\d+)', one_day).group(1)) < everything  # type: ignore[union-attr]


def test_ingest_page_has_upload_and_feed_forms(client: TestClient) -> None:
    body = client.get("/ingest").text
    assert 'data-api="/api/ingest"' in body and 'type="file"' in body and "multiple" in body
    assert 'data-api="/api/feeds"' in body and 'type="url"' in body
    assert 'name="token"' in body


def test_closed_reading_needs_the_token(db: str) -> None:
    closed = TestClient(create_app(db, Settings(api_token="secret", private_reads=True)))
    assert closed.get("/timeline").status_code == 401
    assert closed.get("/api/events").status_code == 401
    closed.cookies.set("kroniek_token", "secret")
    assert closed.get("/timeline").status_code == 200
    assert closed.get("/api/events").status_code == 200


def test_topic_page_shows_latest_and_older_overviews(client: TestClient) -> None:
    body = client.get(f"/topics/{websamples.TOPIC_SLUG}").text
    assert "Oorlog in Oekraïne" in body
    older = re.findall(rf'href="(/topics/{websamples.TOPIC_SLUG}/overviews/\d+)"', body)
    assert len(older) == 1
    old = client.get(older[0])
    assert old.status_code == 200 and '<article class="overview"' in old.text
    assert client.get(f"/topics/{websamples.TOPIC_SLUG}/overviews/999").status_code == 404
    listing = client.get("/topics").text
    assert f'href="/topics/{websamples.TOPIC_SLUG}"' in listing


def test_every_form_control_has_a_label(client: TestClient) -> None:
    for path in [*PAGES, "/events/1"]:
        body = client.get(path).text
        labelled = set(re.findall(r'<label for="([^"]+)"', body))
        for control in re.findall(r"<(?:input|select|textarea)\b[^>]*>", body):
            if re.search(r'type="(hidden|submit|button)"|\shidden[\s>]', control):
                continue
            ident = re.search(r'\sid="([^"]+)"', control)
            assert ident and ident.group(1) in labelled or "aria-label=" in control, (path, control)
        images = re.findall(r"<img\b[^>]*>", body)
        assert all("alt=" in img for img in images), path


def test_a_question_in_the_search_box_is_answered_with_citations(client: TestClient) -> None:
    body = client.get("/search", params={"q": "wanneer begon de aanval"}).text
    answer = re.search(r'<section class="answer card".*?</section>', body, flags=re.S)
    assert answer, "no answer box"
    assert "2022-02-24" in answer.group(0) or "24 februari 2022" in answer.group(0)
    assert re.search(r'href="/documents/\d+#s\d+"', answer.group(0))
    assert '<section class="answer card"' not in client.get("/search", params={"q": "kiev"}).text


def test_a_sentence_with_its_mentions_document_and_events(client: TestClient) -> None:
    event = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    source = client.get(f"/api/events/{event['id']}").json()["sources"][0]
    sentence = client.get(f"/api/sentences/{source['sentence_id']}").json()
    assert sentence["text"] == source["text"]
    assert sentence["document"]["id"] == source["document_id"]
    assert event["id"] in [e["id"] for e in sentence["events"]]
    document = client.get(f"/api/documents/{source['document_id']}").json()
    same = next(s for s in document["sentences"] if s["id"] == source["sentence_id"])
    assert sentence["mentions"] == same["mentions"] and sentence["timex"] == same["timex"]
    assert client.get("/api/sentences/999999").status_code == 404


def test_a_topic_has_its_own_timeline(client: TestClient) -> None:
    body = client.get(f"/timeline?topic={websamples.TOPIC_SLUG}").text
    assert "Oorlog in Oekraïne" in body and 'name="topic"' in body
    assert client.get("/timeline?topic=onbekend").status_code == 404
    assert client.get("/api/timeline", params={"topic": "onbekend"}).status_code == 404
    assert client.get("/api/timeline", params={"topic": websamples.TOPIC_SLUG}).json()


def test_an_event_page_lists_related_events(client: TestClient, db: str) -> None:
    from kroniek.store.events import get_event, related_events

    store = open_store(db)
    items = client.get("/api/events", params={"limit": 500}).json()["items"]
    with_related = 0
    for item in items[:40]:
        event = get_event(store, item["id"])
        assert event is not None
        related = related_events(store, event)
        assert item["id"] not in [r["id"] for r in related]
        for other in related:
            full = client.get(f"/api/events/{other['id']}").json()
            names = {m["name"] for s in full["sources"] for m in s["mentions"]}
            assert names & {*event["places"], *event["actors"]}
        if related:
            with_related += 1
            page = client.get(f"/events/{item['id']}").text
            assert f'href="/events/{related[0]["id"]}"' in page
    assert with_related > 5


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TagBalance(HTMLParser):
    """Checks that every element the templates open is closed, in order, and ids are unique."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                if value in self.ids:
                    self.problems.append(f"duplicate id {value!r}")
                self.ids.add(value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def test_pages_are_well_formed(client: TestClient) -> None:
    for path in [*PAGES, "/events/1", "/search?q=wanneer+begon+de+aanval"]:
        checker = TagBalance()
        checker.feed(client.get(path).text)
        checker.close()
        assert checker.problems == [] and checker.stack == [], (path, checker.problems[:5], checker.stack)


def test_a_document_page_links_its_events(client: TestClient) -> None:
    per_document = Counter(
        s["document_id"]
        for e in client.get("/api/events", params={"limit": 500}).json()["items"]
        for s in client.get(f"/api/events/{e['id']}").json()["sources"]
    )
    doc_id, _n = per_document.most_common(1)[0]
    events = client.get("/api/events", params={"document": doc_id, "limit": 500}).json()
    page = client.get(f"/documents/{doc_id}").text
    shown = re.findall(r'<li><a href="/events/(\d+)">', page)
    assert 0 < len(shown) <= 8 and set(map(int, shown)) <= {e["id"] for e in events["items"]}
    assert events["total"] > 8  # more than the page shows: it links to all of them
    assert f'href="/events?document={doc_id}"' in page
    listing = client.get("/events", params={"document": doc_id}).text
    assert f"<small>({events['total']})</small>" in listing


def test_a_browser_gets_an_error_page_and_the_api_a_json_error(client: TestClient) -> None:
    page = client.get("/documents/999999", headers={"accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "<h1>" in page.text and 'href="/"' in page.text
    api = client.get("/api/documents/999999", headers={"accept": "text/html"})
    assert api.status_code == 404 and api.json()["detail"]
    assert client.get("/no-such-page").json() == {"detail": "Not Found"}
