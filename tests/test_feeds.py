"""Feed and folder watching against a real HTTP server on localhost whose feeds change between polls."""

from __future__ import annotations

import random
import socket
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from kroniek.ingest import Ingestor
from kroniek.ingest.feeds import MAX_BACKOFF, FeedWatcher, backoff_seconds, retry_after_seconds
from kroniek.pipeline import Pipeline
from kroniek.store import Store
from kroniek.store import feeds as rows
from localweb import LocalWeb, Page
from wordlist import WORDS

VERBS = ["meldde", "zag", "hoorde", "schreef", "vertelde", "bevestigde", "ontkende", "zei", "vroeg", "beloofde"]


def article_text(seed: int, sentences: int = 8) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(7, 12))]
        words.insert(2, rng.choice(VERBS))
        out.append(" ".join(words).capitalize() + f" om {rng.randint(1, 23)} uur.")
    return " ".join(out)


def article_page(seed: int, title: str) -> bytes:
    paragraphs = "".join(f"<p>{article_text(seed * 10 + k)}</p>" for k in range(3))
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Copyright Testkrant</footer></body></html>"
    ).encode()


def rss(web: LocalWeb, items: list[int], title: str = "Testkrant") -> bytes:
    entries = "".join(
        f"<item><title>Bericht {i}</title><link>{web.url(f'/artikel/{i}')}</link><guid>urn:test:{i}</guid>"
        f"<pubDate>{format_datetime(datetime(2022, 3, 1 + i % 27, 8, tzinfo=UTC), usegmt=True)}</pubDate>"
        f"<description>Samenvatting {i}: {article_text(1000 + i, 3)}</description></item>"
        for i in sorted(items, reverse=True)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{web.url('/')}</link>{entries}</channel></rss>"
    ).encode()


def atom(web: LocalWeb, items: list[int]) -> bytes:
    entries = "".join(
        f"<entry><title>Atom {i}</title><id>tag:test,2022:{i}</id><link href='{web.url(f'/atom/{i}')}'/>"
        f"<updated>2022-04-{1 + i % 27:02d}T10:00:00Z</updated>"
        f"<content type='html'>&lt;p&gt;{article_text(2000 + i, 4)}&lt;/p&gt;</content></entry>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atomkrant</title><id>tag:test,2022:feed</id><updated>2022-04-30T10:00:00Z</updated>{entries}</feed>"
    ).encode()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def web():
    with LocalWeb() as server:
        yield server


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def watcher(store: Store, clock: Clock):
    w = FeedWatcher(
        store,
        ingestor=Ingestor(store, Pipeline(("sentences",))),
        allow_private=True,
        timeout=1,
        host_delay=0,
        clock=clock,
    )
    yield w
    w.close()


def aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def test_rss_feed_is_polled_conditionally_and_new_items_are_ingested(
    web: LocalWeb, store: Store, watcher: FeedWatcher, clock: Clock
) -> None:
    for i in range(1, 6):
        web.pages[f"/artikel/{i}"] = Page(article_page(i, f"Artikel {i}"))
    web.pages["/rss"] = Page(rss(web, [1, 2, 3]), content_type="application/rss+xml", etag='"a"')
    feed = rows.add_feed(store, web.url("/rss"), interval_seconds=600)

    first = watcher.poll_due()
    assert [r.status for r in first] == ["ok"] and first[0].new == 3
    assert len(first[0].report.added) == 3, first[0].report
    docs = store.load_documents()
    assert {d.title for d in docs} == {"Artikel 1", "Artikel 2", "Artikel 3"}
    one = next(d for d in docs if d.title == "Artikel 1")
    assert one.url == web.url("/artikel/1") and one.published == "2022-03-02"
    assert article_text(10)[:40] in one.text  # the page's text, not the feed's summary
    assert "Copyright Testkrant" not in one.text and "Samenvatting" not in one.text
    assert one.sentences, "ingested documents are segmented"

    # Not due yet: nothing is fetched.
    assert watcher.poll_due() == []
    clock.advance(601)
    second = watcher.poll_due()
    assert second[0].status == "not modified"
    assert web.hits("/rss")[-1]["if-none-match"] == '"a"'
    assert len(web.hits("/artikel/1")) == 1

    # The feed changes: two new entries, one old one drops out.
    web.pages["/rss"] = Page(rss(web, [2, 3, 4, 5]), content_type="application/rss+xml", etag='"b"')
    clock.advance(601)
    third = watcher.poll_due()
    assert third[0].new == 2 and len(third[0].report.added) == 2
    assert store.count("documents") == 5
    assert rows.count_items(store, feed["id"]) == 5
    stored = rows.get_feed(store, feed["id"])
    assert stored["etag"] == '"b"' and stored["title"] == "Testkrant" and stored["failures"] == 0
    assert aware(stored["next_poll_at"]) == clock.now + timedelta(seconds=600)
    assert web.hits("/rss")[0]["user-agent"].startswith("Kroniek/")


def test_atom_feed_with_last_modified_and_entry_content_when_the_page_fails(
    web: LocalWeb, store: Store, watcher: FeedWatcher, clock: Clock
) -> None:
    stamp = "Sat, 30 Apr 2022 10:00:00 GMT"
    web.pages["/atom.xml"] = Page(atom(web, [1, 2]), content_type="application/atom+xml", last_modified=stamp)
    web.pages["/atom/1"] = Page(article_page(71, "Atom artikel"))
    # /atom/2 is missing (404): the entry's own content is ingested instead.
    rows.add_feed(store, web.url("/atom.xml"), interval_seconds=300)
    result = watcher.poll_due()[0]
    assert result.status == "ok" and len(result.report.added) == 2, result.report
    texts = {d.title: d for d in store.load_documents()}
    assert texts["Atom 2"].text == article_text(2002, 4)
    assert texts["Atom 2"].published == "2022-04-03" and texts["Atom 2"].source == "Atomkrant"
    assert texts["Atom artikel"].url == web.url("/atom/1")

    clock.advance(301)
    again = watcher.poll_due()[0]
    assert again.status == "not modified"
    assert web.hits("/atom.xml")[-1]["if-modified-since"] == stamp

    stamp2 = "Sun, 01 May 2022 10:00:00 GMT"
    web.pages["/atom.xml"] = Page(atom(web, [1, 2, 3]), content_type="application/atom+xml", last_modified=stamp2)
    clock.advance(301)
    assert watcher.poll_due()[0].new == 1
    assert store.count("documents") == 3


def test_backoff_on_server_errors_then_recovery(
    web: LocalWeb, store: Store, watcher: FeedWatcher, clock: Clock
) -> None:
    web.pages["/rss"] = Page(b"kapot", status=500)
    feed = rows.add_feed(store, web.url("/rss"), interval_seconds=120)
    pauses = []
    for expected_failures in (1, 2, 3):
        result = watcher.poll_due()[0]
        assert result.status == "error" and "HTTP 500" in result.error and web.url("/rss") in result.error
        row = rows.get_feed(store, feed["id"])
        assert row["failures"] == expected_failures and "HTTP 500" in row["last_error"]
        pause = (aware(row["next_poll_at"]) - clock.now).total_seconds()
        pauses.append(pause)
        clock.advance(pause - 1)
        assert watcher.poll_due() == [], "not polled again before the back-off has passed"
        clock.advance(1)
    assert pauses == [240, 480, 960]

    web.pages["/artikel/1"] = Page(article_page(1, "Artikel 1"))
    web.pages["/rss"] = Page(rss(web, [1]), content_type="application/rss+xml")
    result = watcher.poll_due()[0]
    assert result.status == "ok" and result.new == 1
    row = rows.get_feed(store, feed["id"])
    assert row["failures"] == 0 and row["last_error"] is None


def test_backoff_is_capped_and_retry_after_is_honoured(
    web: LocalWeb, store: Store, watcher: FeedWatcher, clock: Clock
) -> None:
    assert backoff_seconds(900, 30) == MAX_BACKOFF
    assert backoff_seconds(10, 0) == 60  # no feed more often than once a minute
    assert retry_after_seconds("120", clock.now) == 120
    assert retry_after_seconds(format_datetime(clock.now + timedelta(hours=3), usegmt=True), clock.now) == 3 * 3600
    assert retry_after_seconds("morgen", clock.now) is None
    web.pages["/busy"] = Page(b"later", status=429, headers={"Retry-After": "7200"})
    feed = rows.add_feed(store, web.url("/busy"), interval_seconds=60)
    watcher.poll_due()
    row = rows.get_feed(store, feed["id"])
    assert aware(row["next_poll_at"]) == clock.now + timedelta(seconds=7200)


def test_unreachable_broken_and_refused_feeds_give_clear_errors(
    web: LocalWeb, store: Store, watcher: FeedWatcher, clock: Clock
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/rss"
    web.pages["/notafeed"] = Page(b"<html><body><p>Geen feed</p></body></html>")
    web.pages["/slow"] = Page(rss(web, [1]), delay=5)
    rows.add_feed(store, closed)
    rows.add_feed(store, web.url("/notafeed"))
    rows.add_feed(store, web.url("/slow"))
    rows.add_feed(store, "http://nonexistent.invalid/rss")
    results = {r.url: r for r in watcher.poll_due()}
    assert all(r.status == "error" for r in results.values())
    assert "network error" in results[closed].error and results[closed].error.startswith(closed)
    assert "not a readable feed" in results[web.url("/notafeed")].error
    assert "timed out" in results[web.url("/slow")].error
    assert "cannot be resolved" in results["http://nonexistent.invalid/rss"].error
    assert store.count("documents") == 0
    assert all(r.summary().startswith(r.url) for r in results.values())

    strict = FeedWatcher(store, allow_private=False, host_delay=0, clock=clock)
    web.pages["/rss"] = Page(rss(web, [1]))
    refused = strict.poll(rows.add_feed(store, web.url("/rss")))
    strict.close()
    assert refused.status == "error" and "loopback" in refused.error
    assert web.hits("/rss") == []


def test_work_per_poll_is_bounded_and_the_rest_follows(
    web: LocalWeb, store: Store, watcher: FeedWatcher, clock: Clock
) -> None:
    for i in range(1, 8):
        web.pages[f"/artikel/{i}"] = Page(article_page(i, f"Artikel {i}"))
    web.pages["/rss"] = Page(rss(web, list(range(1, 8))), content_type="application/rss+xml", etag='"x"')
    feed = rows.add_feed(store, web.url("/rss"))
    watcher.max_items = 3
    first = watcher.poll_due()[0]
    assert (first.new, first.left) == (3, 4)
    assert {d.title for d in store.load_documents()} == {"Artikel 1", "Artikel 2", "Artikel 3"}  # oldest first
    assert rows.get_feed(store, feed["id"])["etag"] is None  # read whole again, no 304
    second = watcher.poll_due()[0]  # due at once
    assert (second.new, second.left) == (3, 1)
    assert "if-none-match" not in web.hits("/rss")[-1]
    third = watcher.poll_due()[0]
    assert (third.new, third.left) == (1, 0)
    assert store.count("documents") == 7
    assert watcher.poll_due() == []


def test_watch_runs_rounds_and_sleeps_between_them(
    web: LocalWeb, store: Store, watcher: FeedWatcher, clock: Clock
) -> None:
    web.pages["/artikel/1"] = Page(article_page(1, "Artikel 1"))
    web.pages["/rss"] = Page(rss(web, [1]), content_type="application/rss+xml")
    rows.add_feed(store, web.url("/rss"), interval_seconds=60)
    seen, sleeps = [], []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock.advance(seconds)

    assert watcher.watch(every=61, rounds=3, on_result=seen.append, sleep=sleep) == 3
    assert [r.status for r in seen] == ["ok", "ok", "ok"] and sleeps == [61, 61]
    assert store.count("documents") == 1


def test_folder_is_watched_for_new_and_changed_files(
    tmp_path: Path, store: Store, watcher: FeedWatcher, clock: Clock
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2022-03-01\n" + article_text(1), encoding="utf-8")
    (folder / ".hidden.txt").write_text(article_text(2), encoding="utf-8")
    (folder / "kapot.json").write_text("{kapot", encoding="utf-8")
    feed = rows.add_feed(store, str(folder), kind="folder", interval_seconds=60)
    first = watcher.poll_due()[0]
    assert first.new == 2 and len(first.report.added) == 1 and len(first.report.errors) == 1
    assert "kapot.json" in str(first.report.errors[0])
    clock.advance(61)
    assert watcher.poll_due()[0].new == 0

    (folder / "sub").mkdir()
    (folder / "sub" / "b.txt").write_text(article_text(3), encoding="utf-8")
    (folder / "a.txt").write_text(" date 2022-03-01\n" + article_text(4), encoding="utf-8")  # changed
    clock.advance(61)
    third = watcher.poll_due()[0]
    assert third.new == 2 and len(third.report.added) == 2
    assert store.count("documents") == 3
    assert rows.count_items(store, feed["id"]) == 4

    missing = rows.add_feed(store, str(tmp_path / "weg"), kind="folder")
    result = watcher.poll(missing)
    assert result.status == "error" and "folder does not exist" in result.error


def test_feed_rows_add_list_remove(store: Store) -> None:
    feed = rows.add_feed(store, "https://example.org/rss", interval_seconds=300)
    with pytest.raises(rows.DuplicateFeed, match="already watched"):
        rows.add_feed(store, "https://example.org/rss")
    assert [f["url"] for f in rows.list_feeds(store)] == ["https://example.org/rss"]
    rows.mark_seen(store, feed["id"], "g1", None)
    rows.mark_seen(store, feed["id"], "g1", None)
    assert rows.seen_guids(store, feed["id"], ["g1", "g2"]) == {"g1"}
    assert rows.remove_feed(store, feed["id"]) is True
    assert rows.remove_feed(store, feed["id"]) is False
    assert rows.list_feeds(store) == []


def test_cli_feeds_and_watch(web: LocalWeb, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from kroniek.cli import app

    runner = CliRunner()
    web.pages["/artikel/1"] = Page(article_page(1, "Artikel 1"))
    web.pages["/rss"] = Page(rss(web, [1]), content_type="application/rss+xml")
    refused = runner.invoke(app, ["feeds", "add", web.url("/rss"), "--db", db_url])
    assert refused.exit_code == 2 and "loopback" in refused.output
    monkeypatch.setenv("KRONIEK_ALLOW_PRIVATE_URLS", "1")
    added = runner.invoke(app, ["feeds", "add", web.url("/rss"), "--interval", "120", "--db", db_url])
    assert added.exit_code == 0, added.output
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "a.txt").write_text(article_text(5), encoding="utf-8")
    assert runner.invoke(app, ["feeds", "add", str(folder), "--db", db_url]).exit_code == 0
    assert runner.invoke(app, ["feeds", "add", web.url("/rss"), "--db", db_url]).exit_code == 1  # already watched
    assert runner.invoke(app, ["feeds", "add", "gopher://x/", "--db", db_url]).exit_code == 2
    watched = runner.invoke(app, ["watch", "--once", "--db", db_url])
    assert watched.exit_code == 0, watched.output
    assert "1 new items: 1 added" in watched.output.replace("\n", " ")
    listing = runner.invoke(app, ["feeds", "list", "--db", db_url])
    assert web.url("/rss") in listing.output and "folder" in listing.output and "every 120 s" in listing.output
    assert runner.invoke(app, ["feeds", "remove", "1", "--db", db_url]).exit_code == 0
    assert runner.invoke(app, ["feeds", "remove", "1", "--db", db_url]).exit_code == 1


def test_watch_survives_a_round_that_fails(store: Store, watcher: FeedWatcher, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def broken(limit: int = 50) -> list:
        calls.append(limit)
        raise RuntimeError("database is away")

    monkeypatch.setattr(watcher, "poll_due", broken)
    seen = []
    assert watcher.watch(every=1, rounds=2, on_result=seen.append, sleep=lambda s: None) == 2
    assert len(calls) == 2 and all(r.status == "error" and "database is away" in r.summary() for r in seen)
