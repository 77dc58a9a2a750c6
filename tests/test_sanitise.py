"""Hostile content: scripts, event handlers and javascript: links from the web never reach a page."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from kroniek.config import Settings
from kroniek.ingest import Ingestor
from kroniek.ingest.html import strip_tags
from kroniek.ingest.readers import IngestError, read_bytes
from kroniek.model import Document
from kroniek.pipeline import Pipeline
from kroniek.store import Store
from kroniek.web.app import create_app

BODY_RECORD = (
    "In Odesa gingen woensdag de scholen open na een week van luchtalarmen en stroomstoringen. "
    "Ouders brachten hun kinderen naar schuilkelders die de gemeente in de zomer had ingericht. "
    "De burgemeester zei dat lessen bij een nieuw alarm ondergronds doorgaan."
)
BODY_FEED = (
    "Bij Lviv is donderdag een konvooi met generatoren en dekens aangekomen uit Polen. "
    "De hulpgoederen gaan volgens de regionale overheid naar dorpen zonder stroom in het zuiden. "
    "Vrijwilligers laden de vrachtwagens 's nachts over op kleinere bestelbussen."
)
BODY = (
    "Het stadsbestuur van Charkiv meldde dinsdagochtend dat de tramlijnen in het oosten van de stad weer rijden. "
    "Volgens de vervoerder zijn de bovenleidingen in twee nachten hersteld door ploegen uit andere steden. "
    "Reizigers moeten rekening houden met een aangepaste dienstregeling tot het einde van de maand."
)

HOSTILE_PAGE = f"""<!doctype html>
<html><head><title>Tram rijdt weer &lt;script&gt;alert('XSS-title')&lt;/script&gt;</title>
<meta property="og:url" content="javascript:alert('XSS-canonical')">
<script>alert('XSS-head')</script></head>
<body onload="alert('XSS-onload')">
<article>
<h1>Tram rijdt weer<img src=x onerror="alert('XSS-onerror')"></h1>
<p>{BODY}</p>
<script>document.write('XSS-inline')</script>
<p>Meer op <a href="javascript:alert('XSS-link')">onze site</a> en <a href="https://example.org/ok">elders</a>.
<iframe src="javascript:alert('XSS-iframe')"></iframe><svg onload="alert('XSS-svg')"></svg></p>
<style>body {{ background: url("javascript:alert('XSS-style')") }}</style>
</article></body></html>
""".encode()

HOSTILE_RECORD = json.dumps(
    {
        "text": BODY_RECORD + " <script>alert('XSS-record')</script>",
        "title": "<img src=x onerror=alert('XSS-record-title')>",
        "url": "javascript:alert('XSS-record-url')",
        "source": "<b onmouseover=alert('XSS-source')>bron</b>",
    }
).encode()

HOSTILE_FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Feed &lt;script&gt;</title>
<item><title>Bericht</title><link>javascript:alert('XSS-feed-link')</link>
<description>&lt;p&gt;{BODY_FEED}&lt;/p&gt;&lt;script&gt;alert('XSS-feed')&lt;/script&gt;
&lt;img src=x onerror="alert('XSS-feed-img')"&gt;</description></item></channel></rss>""".encode()


class PageAudit(HTMLParser):
    """Collects what a browser would run: scripts, event handler attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.js_urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts.append({"src": values.get("src"), "body": ""})
            self._in_script = True
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            url_attribute = name.lower() in ("href", "src", "action", "formaction", "data", "xlink:href")
            if url_attribute and (value or "").strip().lower().startswith(
                ("javascript:", "data:text/html", "vbscript:")
            ):
                self.js_urls.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and self.scripts:
            self.scripts[-1]["body"] = (self.scripts[-1]["body"] or "") + data


def audit(html: str) -> PageAudit:
    page = PageAudit()
    page.feed(html)
    return page


def assert_harmless(html: str) -> None:
    page = audit(html)
    # The only scripts are the app's own, loaded from /static/; no inline script carries page content.
    for script in page.scripts:
        assert (script["src"] or "").startswith("/static/") or "XSS" not in (script["body"] or ""), script
        assert "XSS" not in (script["body"] or "")
    assert [s for s in page.scripts if s["src"] and not s["src"].startswith("/static/")] == []
    assert page.handlers == []
    assert page.js_urls == []
    # Whatever of the payload survives as text is escaped, never markup.
    assert "<script>alert" not in html and "onerror=" not in html.replace("onerror=alert", "")


def read_one(data: bytes, name: str) -> Document:
    items = [i for i in read_bytes(data, name) if not isinstance(i, IngestError)]
    assert len(items) == 1, items
    return items[0]


@pytest.fixture
def client(db_url: str) -> TestClient:
    return TestClient(create_app(db_url, Settings(database_url=db_url, api_token="geheim", allow_private_urls=True)))


def test_readers_keep_no_markup_and_no_script_urls() -> None:
    page = read_one(HOSTILE_PAGE, "hostile.html")
    assert "Charkiv" in page.text
    for text in (page.text, page.title or "", page.source):
        assert "alert" not in text.replace("alert('XSS-title')", ""), text
        assert "<script" not in text and "onerror" not in text
    assert page.url is None  # the javascript: og:url is not kept
    record = read_one(HOSTILE_RECORD, "hostile.json")
    assert record.url is None
    feed = read_one(HOSTILE_FEED, "hostile.rss")
    assert (
        feed.url is None and "<script" not in feed.text and "XSS-feed" not in feed.text and "onerror" not in feed.text
    )
    assert strip_tags("<p>a<script>alert(1)</script>b</p><img src=x onerror=alert(2)>") == "ab"


def test_hostile_documents_are_shown_without_anything_a_browser_would_run(client: TestClient) -> None:
    store: Store = client.app.state.store
    ingestor = Ingestor(store, Pipeline(("sentences",)))
    ids = []
    for data, name in ((HOSTILE_PAGE, "hostile.html"), (HOSTILE_RECORD, "hostile.json"), (HOSTILE_FEED, "h.rss")):
        report = ingestor.run(read_bytes(data, name))
        assert len(report.added) == 1, report
        ids.extend(report.added)
    for doc_id in ids:
        response = client.get(f"/documents/{doc_id}")
        assert response.status_code == 200
        assert_harmless(response.text)
        api = client.get(f"/api/documents/{doc_id}")
        assert api.status_code == 200 and api.headers["content-type"].startswith("application/json")
        data = api.json()
        assert data["url"] is None or data["url"].startswith("http")
        if doc_id != ids[1]:  # web content (page, feed) is stored as text without markup
            assert all("<script" not in s["text"] for s in data["sentences"])
    listing = client.get("/documents")
    assert listing.status_code == 200
    assert_harmless(listing.text)
    # The record's own text held a literal <script> tag: it is shown as text, escaped.
    record_page = client.get(f"/documents/{ids[1]}").text
    assert "&lt;script&gt;" in record_page


def test_hostile_upload_through_the_api_is_shown_harmlessly(client: TestClient) -> None:
    response = client.post(
        "/api/ingest",
        headers={"Authorization": "Bearer geheim"},
        files=[("files", ("hostile.html", HOSTILE_PAGE, "text/html"))],
    )
    assert response.status_code == 200, response.text
    [doc_id] = response.json()["added"]
    assert_harmless(client.get(f"/documents/{doc_id}").text)


def test_the_audit_itself_catches_scripts() -> None:
    """The checker must fail on what it is meant to catch, or the tests above prove nothing."""
    with pytest.raises(AssertionError):
        assert_harmless("<p>x</p><script>alert('XSS-1')</script>")
    with pytest.raises(AssertionError):
        assert_harmless('<img src=x onerror="alert(1)">')
    with pytest.raises(AssertionError):
        assert_harmless('<a href="javascript:alert(1)">x</a>')
    with pytest.raises(AssertionError):
        assert_harmless('<script src="https://evil.example/x.js"></script>')
