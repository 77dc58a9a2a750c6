"""Watching feeds and folders: poll what is due, ingest what is new, back off from what fails.

One-way flow, as in a feed reader: fetch -> parse -> read the linked page -> ingest -> record.

* A feed (RSS or Atom) is fetched with a conditional GET (ETag, Last-Modified); a 304 costs
  the server nothing. New entries (by guid) have their linked page fetched and read with
  trafilatura; when the page cannot be fetched or read, the entry's own content is used.
* A folder is polled for files that are new or changed (path, modification time, size).
* Work per poll is bounded (``max_items``); what is left is taken up on the next round,
  which then comes at once.
* A feed that fails is polled again after an exponentially growing pause
  (interval x 2^failures, at most a day, longer if the server asks with Retry-After);
  the failure count and the last error are kept on the feed row.

Nothing here raises for a bad feed: every problem ends up in the :class:`PollResult`.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from kroniek.ingest import Ingestor, IngestReport
from kroniek.ingest.fetch import MAX_FETCH_BYTES, Fetched, Fetcher, FetchError
from kroniek.ingest.html import strip_tags
from kroniek.ingest.readers import SKIPPED_NAMES, IngestError, finish, read_html, read_path, safe_url
from kroniek.model import Document
from kroniek.store import Store
from kroniek.store import feeds as rows

DEFAULT_INTERVAL = 900  # seconds between polls of one feed
MIN_INTERVAL = 60  # no feed is polled more often than once a minute
MAX_BACKOFF = 24 * 3600  # a failing feed is still tried once a day
MAX_ITEMS = 50  # new entries (or files) ingested per feed per poll
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


def utcnow() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; the store writes UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def backoff_seconds(interval: int, failures: int) -> int:
    """Pause after the ``failures``-th failure in a row: interval x 2^failures, at most a day."""
    return int(min(MAX_BACKOFF, max(interval, MIN_INTERVAL) * 2 ** min(failures, 20)))


def retry_after_seconds(value: str | None, at: datetime) -> int | None:
    """A Retry-After header (seconds or an HTTP date) as seconds from ``at``."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0, int((when - at).total_seconds()))


logger = logging.getLogger(__name__)


@dataclass
class PollResult:
    """What one poll of one feed or folder did."""

    feed_id: int
    url: str
    status: str  # "ok", "not modified" or "error"
    new: int = 0
    left: int = 0  # new items left for the next round (bounded work)
    report: IngestReport = field(default_factory=IngestReport)
    error: str | None = None
    next_poll_at: datetime | None = None

    def summary(self) -> str:
        if self.status == "error":
            retry = f" (next try {self.next_poll_at:%Y-%m-%d %H:%M} UTC)" if self.next_poll_at else ""
            return f"{self.url}: error: {self.error}{retry}"
        if self.status == "not modified":
            return f"{self.url}: not modified"
        more = f", {self.left} left for the next round" if self.left else ""
        return f"{self.url}: {self.new} new items: {self.report.summary()}{more}"


def entry_guid(entry: Any) -> str:
    """A stable key for a feed entry: its id, else its link, else a hash of title and text."""
    key = entry.get("id") or entry.get("link")
    if not key:
        text = f"{entry.get('title', '')}\n{entry.get('summary', '')}"
        key = "sha256:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()
    key = str(key)
    if len(key) > 1000:
        key = "sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
    return key


def _entry_date(entry: Any) -> tuple[str | None, str | None]:
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if not when:
        return None, None
    try:
        stamp = datetime.fromtimestamp(calendar.timegm(when), UTC)
    except (OverflowError, ValueError, OSError):
        return None, None
    return stamp.strftime("%Y-%m-%d"), "day"


def _entry_content(entry: Any) -> str:
    if entry.get("content"):
        return str(entry["content"][0].get("value") or "")
    return str(entry.get("summary") or "")


class FeedWatcher:
    """Polls due feeds and folders of a store and ingests what is new.

    ``allow_private`` lets feeds on loopback and private addresses through (tests, intranets);
    ``timeout`` and ``max_page_bytes`` bound every fetch; ``host_delay`` spaces requests to
    one host; ``max_items`` bounds the work per feed per poll.
    """

    def __init__(
        self,
        store: Store,
        *,
        ingestor: Ingestor | None = None,
        fetcher: Fetcher | None = None,
        allow_private: bool = False,
        timeout: float = 20.0,
        max_page_bytes: int = MAX_FETCH_BYTES,
        host_delay: float = 1.0,
        max_items: int = MAX_ITEMS,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self._ingestor = ingestor
        self.fetcher = fetcher or Fetcher(
            allow_private=allow_private, timeout=timeout, max_bytes=max_page_bytes, host_delay=host_delay
        )
        self.max_items = max_items
        self.clock = clock

    @property
    def ingestor(self) -> Ingestor:
        if self._ingestor is None:  # the pipeline loads its lexicons: only when needed
            self._ingestor = Ingestor(self.store)
        return self._ingestor

    def close(self) -> None:
        self.fetcher.close()

    def refresh_events(self) -> None:
        """New reports change the developments: update the event records (never fatal to watching).

        Every report not clustered yet: one a failed update left out is taken up by the next round
        that adds reports (or the next ingest or upload), not before.
        """
        from kroniek.events.persist import update_events

        try:
            result = update_events(self.store)
            if result.rebuilt:
                logger.info(
                    "events rebuilt from all reports (the stored clustering no longer applied): %d", len(result)
                )
        except Exception:  # noqa: BLE001 - events are derived data; the next round takes the reports up
            logger.exception("updating events failed")

    # -- rounds ------------------------------------------------------------------------

    def poll_due(self, limit: int = 50) -> list[PollResult]:
        """Poll every feed that is due now (at most ``limit``)."""
        return [self.poll(feed) for feed in rows.due_feeds(self.store, self.clock(), limit=limit)]

    def watch(
        self,
        every: float = 60.0,
        rounds: int | None = None,
        on_result: Callable[[PollResult], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> int:
        """Poll due feeds every ``every`` seconds, for ``rounds`` rounds (None: until stopped)."""
        done = 0
        while rounds is None or done < rounds:
            try:
                results = self.poll_due()
            except Exception as exc:  # noqa: BLE001 - e.g. the database is away: say so, try again next round
                results = [PollResult(0, "(watch round)", "error", error=f"{type(exc).__name__}: {exc}")]
            for result in results:
                if on_result is not None:
                    on_result(result)
            if any(r.report.added for r in results):
                self.refresh_events()
            done += 1
            if rounds is not None and done >= rounds:
                break
            # Bounded work: a feed with items left is due again at once.
            if not any(r.left for r in results):
                sleep(every)
        return done

    def poll(self, feed: dict[str, Any]) -> PollResult:
        """Poll one feed or folder row and record the outcome on it. Never raises for bad input."""
        at = self.clock()
        interval = max(int(feed.get("interval_seconds") or DEFAULT_INTERVAL), MIN_INTERVAL)
        result = PollResult(feed_id=feed["id"], url=feed["url"], status="ok")
        retry_after: int | None = None
        etag = last_modified = title = None
        keep_validators = True
        try:
            if feed.get("kind") == "folder":
                self._poll_folder(feed, result)
            else:
                fetched = self.fetcher.get(
                    feed["url"], etag=feed.get("etag"), last_modified=feed.get("last_modified"), accept=FEED_ACCEPT
                )
                etag, last_modified = fetched.etag, fetched.last_modified
                if fetched.not_modified:
                    result.status = "not modified"
                    etag, last_modified = etag or feed.get("etag"), last_modified or feed.get("last_modified")
                else:
                    title = self._ingest_feed(feed, fetched, result)
            # With items left over the feed must be read whole next time, not answered with a 304.
            keep_validators = not result.left
        except FetchError as exc:
            result.status, result.error = "error", str(exc)
            if exc.status in (429, 503):
                retry_after = retry_after_seconds(exc.retry_after, at)
        except Exception as exc:  # noqa: BLE001 - one broken feed must not stop the desk
            result.status, result.error = "error", f"{feed['url']}: {type(exc).__name__}: {exc}"
        if result.status == "error":
            pause = backoff_seconds(interval, int(feed.get("failures") or 0) + 1)
            if retry_after:
                pause = max(pause, min(retry_after, MAX_BACKOFF))
            result.next_poll_at = at + timedelta(seconds=pause)
        else:
            result.next_poll_at = at if result.left else at + timedelta(seconds=interval)
        rows.record_poll(
            self.store,
            feed["id"],
            at=at,
            next_poll_at=result.next_poll_at,
            error=result.error,
            etag=etag,
            last_modified=last_modified,
            keep_validators=keep_validators,
            title=title,
        )
        return result

    # -- feeds -------------------------------------------------------------------------

    def _ingest_feed(self, feed: dict[str, Any], fetched: Fetched, result: PollResult) -> str | None:
        import feedparser

        parsed = feedparser.parse(
            io.BytesIO(fetched.content),
            response_headers={"content-location": fetched.url, "content-type": fetched.content_type or ""},
        )
        if not parsed.entries and (parsed.bozo or not parsed.get("version")):
            reason = parsed.get("bozo_exception") or "no RSS or Atom entries"
            raise FetchError(feed["url"], f"not a readable feed: {reason}")
        source = str(parsed.feed.get("title") or "")
        entries = [(entry_guid(e), e) for e in parsed.entries]
        seen = rows.seen_guids(self.store, feed["id"], [g for g, _ in entries])
        # Feeds list the newest first; ingest the oldest new ones first, a bounded number.
        new = [(g, e) for g, e in reversed(entries) if g not in seen]
        new = list(dict(new).items())  # one guid once
        result.new = min(len(new), self.max_items)
        result.left = len(new) - result.new
        for guid, entry in new[: self.max_items]:
            doc = self._entry_document(entry, source, guid)
            if isinstance(doc, IngestError):
                result.report.errors.append(doc)
                continue  # not marked seen: tried again on the next poll
            before = len(result.report.errors)
            self.ingestor.add(doc, result.report)
            if len(result.report.errors) == before:
                rows.mark_seen(self.store, feed["id"], guid, doc.id)
        return source or None

    def _entry_document(self, entry: Any, source: str, guid: str) -> Document | IngestError:
        link = safe_url(entry.get("link"))
        origin = link or guid
        page_problem = None
        doc: Document | None = None
        if link:
            try:
                page = self.fetcher.get(link, accept="text/html, application/xhtml+xml;q=0.9, */*;q=0.1")
                read = read_html(page.text, origin, url=page.url)
                if isinstance(read, IngestError):
                    page_problem = read.message
                else:
                    doc = read
            except FetchError as exc:
                page_problem = exc.message
        published, precision = _entry_date(entry)
        if doc is None:
            text = strip_tags(_entry_content(entry))
            if not text.strip():
                why = f"page: {page_problem}; " if page_problem else ""
                return IngestError(origin, f"{why}feed entry has no text")
            finished = finish(Document(text=text, url=link, origin=origin))
            if isinstance(finished, IngestError):
                return finished
            doc = finished
        if not doc.published and published:
            doc.published, doc.date_precision = published, precision
            doc.genre = "news"
        if not doc.title and entry.get("title"):
            doc.title = strip_tags(str(entry["title"]))[:1000] or None
        if source and not doc.source:
            doc.source = source[:200]
        return doc

    # -- folders -----------------------------------------------------------------------

    def _folder_files(self, root: Path) -> Iterator[tuple[str, Path]]:
        for path in sorted(root.rglob("*")):
            if not path.is_file() or SKIPPED_NAMES.match(path.name):
                continue
            relative = path.relative_to(root)
            if any(part.startswith(".") for part in relative.parts):
                continue
            stat = path.stat()
            yield f"{relative.as_posix()}@{stat.st_mtime_ns}:{stat.st_size}", path

    def _poll_folder(self, feed: dict[str, Any], result: PollResult) -> None:
        root = Path(feed["url"])
        if not root.is_dir():
            raise FetchError(feed["url"], "folder does not exist (or is not a folder)")
        files = list(self._folder_files(root))
        seen = rows.seen_guids(self.store, feed["id"], [g for g, _ in files])
        new = [(g, p) for g, p in files if g not in seen]
        result.new = min(len(new), self.max_items)
        result.left = len(new) - result.new
        for guid, path in new[: self.max_items]:
            document_id = None
            for item in read_path(path):
                if isinstance(item, IngestError):
                    result.report.errors.append(item)
                    continue
                self.ingestor.add(item, result.report)
                document_id = document_id or item.id
            # A broken file stays broken until it changes, and then it has a new key.
            rows.mark_seen(self.store, feed["id"], guid, document_id)
