"""The pages in a real headless browser: Debian's Chromium driven by Playwright.

The app runs under uvicorn in a thread on a free localhost port, against a database with the
samples ingested (tests/websamples.py). Every test saves screenshots to tests/screenshots/.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect, sync_playwright

import websamples
from kroniek.config import Settings
from kroniek.store import open_store
from kroniek.store.feeds import list_feeds
from kroniek.store.topics import get_topic, list_subscriptions
from kroniek.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).parent / "screenshots"
TOKEN = "browser-test-token"

PAGES = {
    "home": "/",
    "topics": "/topics",
    "topic": f"/topics/{websamples.TOPIC_SLUG}",
    "timeline-day": "/timeline",
    "timeline-month": "/timeline?level=month",
    "timeline-phase": "/timeline?level=phase",
    "events": "/events",
    "event": "/events/1",
    "map": "/map",
    "search": "/search?q=kiev",
    "search-question": "/search?q=hoeveel+doden+vielen+er",
    "documents": "/documents",
    "document": "/documents/1",
    "overview": "/overview",
    "liveblog": "/liveblog",
    "ingest": "/ingest",
    "api-docs": "/api/docs",
    "home-en": "/?lang=en",
    "event-en": "/events/1?lang=en",
}


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on a free localhost port; yields its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(base URL, database URL) of a running app."""
    db = websamples.copy(tmp_path_factory.mktemp("browser") / "kroniek.db", tmp_path_factory.getbasetemp())
    # Private URLs allowed: the feed test adds this server's own Atom feed (nothing outside is reached).
    with running(create_app(db, Settings(api_token=TOKEN, tile_url=None, allow_private_urls=True))) as base:
        yield base, db


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """What went wrong while a page was open: console errors, script errors, failed requests."""

    def __init__(self, page: Page, base: str) -> None:
        self.problems: list[str] = []
        self.foreign: list[str] = []
        host = urlparse(base).netloc
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"script error: {exc}"))
        page.on("requestfailed", self._failed)
        page.on(
            "response",
            lambda resp: resp.status >= 400 and self.problems.append(f"{resp.status} for {resp.url}"),
        )
        page.on(
            "request",
            lambda req: urlparse(req.url).netloc not in (host, "") and self.foreign.append(req.url),
        )

    def _failed(self, request: Request) -> None:
        # Leaving a page ends its live stream: that is the browser closing it, not a failure.
        if request.resource_type == "eventsource" and request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _console(self, msg: ConsoleMessage) -> None:
        if msg.type in ("error", "warning"):
            self.problems.append(f"console {msg.type}: {msg.text}")


@pytest.fixture
def page(browser: Browser, server: tuple[str, str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def result_count(page: Page) -> int:
    return int(re.sub(r"\D", "", page.locator(".result-count").inner_text()))


def test_pages_render_without_console_errors(page: Page, server: tuple[str, str]) -> None:
    base, _db = server
    watch = Watch(page, base)
    timings = {}
    for name, path in PAGES.items():
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        # from the request to the end of the load event, as the browser measured it
        timings[name] = page.evaluate(
            "new Promise(r => setTimeout(() => r(performance.getEntriesByType('navigation')[0].duration), 0))"
        )
        if name == "map":
            expect(page.locator("#map[data-points]")).to_be_attached()  # the GeoJSON is drawn
        if name == "api-docs":
            expect(page.get_by_text("/api/events/{event_id}")).to_be_visible()  # Swagger UI drew the API
        else:
            expect(page.locator("main h1").first).to_be_visible()
        shoot(page, name)
    (SHOTS / "timings.txt").write_text("".join(f"{n}\t{ms:.0f} ms\n" for n, ms in timings.items()))
    # Kroniek's own pages; the API docs page loads Swagger UI's 1.5 MB script and is not held to it
    assert max(ms for name, ms in timings.items() if name != "api-docs") < 1000, timings
    assert watch.problems == []
    assert watch.foreign == []  # nothing is loaded from elsewhere: Leaflet is served by the app


def test_search_narrows_results(page: Page, server: tuple[str, str]) -> None:
    base, _db = server
    page.goto(base + "/search")
    page.get_by_label("Zoekterm").fill("kiev")
    page.get_by_label("Zoekterm").press("Enter")
    page.wait_for_url(re.compile(r"q=kiev"))
    everything = result_count(page)
    assert everything > 5
    facet = page.locator("a[data-facet=source]").first
    source = facet.inner_text().strip()
    facet.click()
    page.wait_for_url(re.compile(r"source="))
    narrowed = result_count(page)
    assert 0 < narrowed < everything
    cites = page.locator("ol.results .cite .source").all_inner_texts()
    assert len(cites) == min(narrowed, 20) and all(c.startswith(source) for c in cites)
    page.get_by_label("Van").fill("2022-02-26")
    page.get_by_label("Tot en met").fill("2022-02-26")
    page.get_by_role("button", name="Zoek").click()
    page.wait_for_url(re.compile(r"from=2022-02-26"))
    assert result_count(page) < narrowed or result_count(page) == 0
    shoot(page, "search-narrowed")


def test_a_topic_can_be_followed(page: Page, server: tuple[str, str]) -> None:
    base, db = server
    page.goto(f"{base}/topics/{websamples.TOPIC_SLUG}")
    follow = page.locator("#follow-form")
    follow.get_by_label("Adres").fill("redactie@example.org")
    follow.get_by_role("button", name="Volgen").click()
    expect(follow.locator("[role=status]")).to_contain_text("Mislukt")  # no token yet
    token = page.locator("form.token-form")
    token.get_by_label("Sleutel").fill(TOKEN)
    token.get_by_role("button", name="Bewaren").click()
    expect(token.locator("[role=status]")).to_have_text("Sleutel bewaard.")
    follow.get_by_role("button", name="Volgen").click()
    expect(follow.locator("[role=status]")).to_contain_text("Gelukt")
    shoot(page, "topic-followed")
    store = open_store(db)
    topic = get_topic(store, websamples.TOPIC_SLUG)
    assert topic is not None
    targets = [(s["channel"], s["target"]) for s in list_subscriptions(store, topic.id, active_only=True)]
    assert ("email", "redactie@example.org") in targets
    page.reload()
    expect(page.locator("main .meta").first).to_contain_text("1 volger")
    # the token holder sees the subscriptions and can end one
    subs = page.locator("[data-subscriptions]")
    subs.get_by_role("button", name="Toon abonnementen").click()
    expect(subs.locator("li.subscription")).to_have_count(1)
    expect(subs.locator("li.subscription")).to_contain_text("redactie@example.org")
    shoot(page, "topic-subscriptions")
    subs.get_by_role("button", name="Opzeggen: redactie@example.org").click()
    expect(subs.locator("li.subscription")).to_have_count(0)
    assert list_subscriptions(store, topic.id) == []


def test_topics_are_created_and_published_through_the_pages(page: Page, server: tuple[str, str]) -> None:
    base, _db = server
    page.goto(base + "/topics")
    page.get_by_text("Nieuw onderwerp").click()
    token = page.locator("form.token-form")
    token.get_by_label("Sleutel").fill(TOKEN)
    token.get_by_role("button", name="Bewaren").click()
    form = page.locator("#topic-form")
    form.get_by_label("Naam").fill("Vluchtelingen")
    form.get_by_label("Trefwoorden").fill("vluchtelingen, grens")
    form.get_by_role("button", name="Aanmaken").click()
    expect(form.locator("[role=status]")).to_contain_text("Gelukt")
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Vluchtelingen").click()
    page.wait_for_url(re.compile(r"/topics/vluchtelingen$"))
    expect(page.get_by_text("Trefwoorden: vluchtelingen, grens")).to_be_visible()
    publish = page.locator("#publish-form")
    publish.get_by_role("button", name="Nieuw overzicht maken").click()
    expect(publish.locator("[role=status]")).to_contain_text("Gelukt")
    page.wait_for_load_state("load")
    expect(page.locator(".overview-body article.overview h1")).to_be_visible()
    shoot(page, "topic-published")
    # edit the topic, then delete it
    page.get_by_text("Onderwerp bewerken").click()
    edit = page.locator("#edit-form")
    edit.get_by_label("Trefwoorden").fill("vluchtelingen, grens, unhcr")
    edit.get_by_role("button", name="Bewaren").click()
    expect(edit.locator("[role=status]")).to_contain_text("Gelukt")
    page.wait_for_load_state("load")
    expect(page.get_by_text("Trefwoorden: vluchtelingen, grens, unhcr")).to_be_visible()
    page.get_by_text("Onderwerp bewerken").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Onderwerp verwijderen").click()
    page.wait_for_url(re.compile(r"/topics$"))
    expect(page.get_by_role("link", name="Vluchtelingen")).to_have_count(0)
    expect(page.get_by_role("link", name="Oorlog in Oekraïne")).to_be_visible()


def test_the_timeline_opens_an_entrys_sources(page: Page, server: tuple[str, str]) -> None:
    base, _db = server
    page.goto(base + "/timeline")
    entry = page.locator("details.entry").first
    link = entry.locator("a.source").first
    expect(link).to_be_hidden()
    entry.locator("summary").click()
    expect(link).to_be_visible()
    shoot(page, "timeline-open")
    href = link.get_attribute("href")
    assert href is not None and re.fullmatch(r"/documents/\d+#s\d+", href)
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    expect(page.locator(href[href.index("#") :])).to_be_visible()
    shoot(page, "timeline-source")


def test_keyboard_reaches_and_follows_links(page: Page, server: tuple[str, str]) -> None:
    base, _db = server
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Tijdlijn":
            break
    else:
        pytest.fail("Tab never reached the Tijdlijn link")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/timeline$"))
    # a timeline entry opens with the keyboard too
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("Tab never reached a timeline entry")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open") is True


def test_the_map_draws_points_without_tiles(page: Page, server: tuple[str, str]) -> None:
    base, _db = server
    watch = Watch(page, base)
    page.goto(base + "/map")
    expect(page.locator("#map[data-points]")).to_be_attached()
    points = int(page.locator("#map").get_attribute("data-points") or "0")
    assert points > 5
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(points)
    assert page.locator(".leaflet-tile").count() == 0
    # markers near Kyiv overlap, so the click goes to the marker itself rather than to a screen point
    page.locator("#map path.leaflet-interactive").first.dispatch_event("click")
    expect(page.locator(".leaflet-popup-content a").first).to_be_visible()
    page.wait_for_timeout(300)  # the popup fades in
    shoot(page, "map-popup")
    # an event's "on the map" link opens its place on the map
    page.goto(base + "/events?place=Kharkiv")
    page.locator("table.events tbody a[href^='/events/']").first.click()
    on_map = page.get_by_role("link", name="Op de kaart")
    place = unquote((on_map.get_attribute("href") or "#").split("#", 1)[1])
    on_map.click()
    expect(page.locator(".leaflet-popup-content strong")).to_have_text(place)
    assert watch.problems == [] and watch.foreign == []


def test_the_language_can_be_switched(page: Page, server: tuple[str, str]) -> None:
    base, _db = server
    page.goto(base + "/events?type=gevechten")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/events\?type=gevechten$"))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("main h1")).to_contain_text("Events")
    page.goto(base + "/timeline")  # the choice is remembered
    expect(page.locator("main h1")).to_have_text("Timeline")


REPORT = """Testbericht uit Charkov

Op 2 maart 2022 meldde de burgemeester van Charkov dat de avondklok in de stad tot het einde van de week
wordt verlengd. Volgens hem zitten de schuilkelders in de binnenstad opnieuw vol.
"""


def test_files_and_feeds_are_added_through_the_ingest_page(page: Page, server: tuple[str, str], tmp_path: Path) -> None:
    base, db = server
    store = open_store(db)
    before = store.count("documents")
    report = tmp_path / "2022-03-02-charkov-avondklok.txt"
    report.write_text(REPORT, encoding="utf-8")
    page.goto(base + "/ingest")
    token = page.locator("form.token-form")
    token.get_by_label("Sleutel").fill(TOKEN)
    token.get_by_role("button", name="Bewaren").click()
    upload = page.locator("#upload-form")
    upload.get_by_label("Bestanden").set_input_files(str(report))
    upload.get_by_role("button", name="Uploaden").click()
    expect(upload.locator("[role=status]")).to_contain_text("1 added")
    assert store.count("documents") == before + 1
    upload.locator("[role=status] a").click()  # the new document opens from the upload's answer
    expect(page.locator("main h1")).to_contain_text("charkov-avondklok")
    expect(page.locator("p.sentence", has_text="de avondklok in de stad")).to_be_visible()
    # the upload updated the events: the report's development links to its event
    expect(page.locator("a[href^='/events/']", has_text="de avondklok in de stad")).to_be_visible()
    page.go_back()
    feed = page.locator("#feed-form")
    feed.get_by_label("Adres van de feed").fill("ftp://127.0.0.1/feed.xml")
    feed.get_by_role("button", name="Toevoegen").click()
    expect(feed.locator("[role=status]")).to_contain_text("Mislukt")
    own_feed = f"{base}/api/topics/{websamples.TOPIC_SLUG}/atom"
    feed.get_by_label("Adres van de feed").fill(own_feed)
    feed.get_by_role("button", name="Toevoegen").click()
    expect(feed.locator("[role=status]")).to_contain_text("Gelukt")
    page.wait_for_load_state("load")  # the page reloads to list the new feed
    expect(page.get_by_role("link", name=own_feed)).to_be_visible()
    assert own_feed in [f["url"] for f in list_feeds(store)]
    shoot(page, "ingest-done")


def test_a_closed_server_is_opened_with_the_token_page(browser: Browser, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'closed.db'}"
    with running(create_app(db, Settings(api_token=TOKEN, private_reads=True))) as base:
        context = browser.new_context()
        page = context.new_page()
        response = page.goto(base + "/")
        assert response is not None and response.status == 401
        page.goto(base + "/static/token.html")
        page.get_by_label("Sleutel").fill(TOKEN)
        page.get_by_role("button", name="Bewaren").click()
        page.wait_for_url(base + "/")
        expect(page.locator("main h1")).to_have_text("Kroniek")
        expect(page.locator(".counts")).to_be_visible()
        context.close()


def test_pages_fit_a_phone_screen(browser: Browser, server: tuple[str, str]) -> None:
    base, _db = server
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    for name in ("home", "timeline-day", "events", "event", "search", "topic", "map", "document"):
        page.goto(base + PAGES[name])
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than the screen"
        shoot(page, f"phone-{name}")
    context.close()
