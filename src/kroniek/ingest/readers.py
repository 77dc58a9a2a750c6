"""Readers: bytes from a file become Documents. The format is chosen by content, with the
file name's extension as a hint where the content could be read either way.

Every failure is an :class:`IngestError` that names the input; a reader never raises for
bad input, so one broken file never stops a batch.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kroniek.model import Document
from kroniek.text.header import parse_header
from kroniek.text.language import detect

MAX_BYTES = 50 * 1024 * 1024  # a report larger than this is not a report
SKIPPED_NAMES = re.compile(r"^(readme|license|licence|changelog)(\..*)?$", re.IGNORECASE)

_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ][\d:.+\-Z]*)?")
_HTML_SNIFF = re.compile(rb"<(!doctype html|html|head|body|article|p|div|h1)\b", re.IGNORECASE)
_FEED_SNIFF = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
_SAFE_URL = re.compile(r"^https?://[^\s/?#]+", re.IGNORECASE)


@dataclass(frozen=True)
class IngestError:
    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


def parse_date(value: str | None) -> tuple[str | None, str | None]:
    """An ISO date string, as precise as given, and its precision ("day", "month", "year")."""
    if not value:
        return None, None
    match = _DATE.match(str(value).strip())
    if not match:
        return None, None
    year, month, day = match.groups()
    if day and month:
        return f"{year}-{month}-{day}", "day"
    if month:
        return f"{year}-{month}", "month"
    return year, "year"


def safe_url(value: object) -> str | None:
    """A link worth keeping: http(s) only, so a ``javascript:`` or ``data:`` URL never reaches a page."""
    if not value:
        return None
    url = str(value).strip()
    if not _SAFE_URL.match(url) or any(ord(ch) < 32 for ch in url) or len(url) > 2000:
        return None
    return url


def _storable(value: str | None, limit: int | None = None) -> str | None:
    """Text a database accepts: no NUL characters, no lone surrogates, within the column's length."""
    if value is None:
        return None
    value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value[:limit] if limit else value


def finish(doc: Document) -> Document | IngestError:
    """Fill what every reader derives the same way: language and genre; refuse an empty text."""
    doc.text = _storable(doc.text) or ""
    if not doc.text.strip():
        return IngestError(doc.origin or "input", "no text left after removing NUL characters")
    doc.title = _storable(doc.title, 1000)
    doc.source = _storable(doc.source, 200) or ""
    doc.origin = _storable(doc.origin, 2000)
    if doc.language is None:
        doc.language = detect(doc.text)
    # A dated report is news, anchored at its date; an undated text reads as a narrative.
    doc.genre = "news" if doc.published else "narrative"
    return doc


def decode(data: bytes, origin: str) -> str | IngestError:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return IngestError(origin, "starts with a UTF-16 mark but is not valid UTF-16")
    if b"\x00" in data[:8192]:
        return IngestError(origin, "binary file (NUL bytes), not a report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Older Western European pages are often Windows-1252; accept it only when the
        # result is text (few control characters), else say what is wrong.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return IngestError(origin, f"not UTF-8 (byte {exc.start}) and not Windows-1252 either")
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
        if controls > len(text) / 100:
            return IngestError(origin, "binary file (control bytes), not a report")
        return text


def read_text(text: str, origin: str) -> Document | IngestError:
    """Plain text, with optional leading header lines `` date 2022-02``, `` source X``, `` title T``, `` url U``.

    The text is kept whole, header included, so that offsets are those of the file as decoded;
    the segmenter skips the header.
    """
    text = text.lstrip("\ufeff")
    meta, body_start = parse_header(text)
    if not text[body_start:].strip():
        return IngestError(origin, "empty: no text after the header lines" if meta else "empty file")
    published, precision = parse_date(meta.get("date"))
    return finish(
        Document(
            text=text,
            source=meta.get("source", ""),
            title=meta.get("title"),
            url=safe_url(meta.get("url")),
            published=published,
            date_precision=precision,
            origin=origin,
        )
    )


def read_json_string(text: str, origin: str) -> Document | IngestError:
    """A file that holds one JSON string: the whole report (seed 004's format)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return IngestError(origin, f"broken JSON string: {exc.msg} at line {exc.lineno} column {exc.colno}")
    if not isinstance(value, str) or not value.strip():
        return IngestError(origin, "JSON string is empty")
    return finish(Document(text=value, origin=origin))


def document_from_record(record: object, origin: str) -> Document | IngestError:
    """One JSON object with ``text`` and optional ``id``, ``time``, ``title``, ``url``, ``source``."""
    if not isinstance(record, dict):
        return IngestError(origin, f"expected a JSON object, found {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(origin, "record has no 'text'")
    published, precision = parse_date(str(record.get("time") or record.get("date") or "") or None)
    url = record.get("url")
    return finish(
        Document(
            text=text.strip("\n"),
            source=str(record.get("source") or ""),
            title=str(record["title"]) if record.get("title") else None,
            url=safe_url(url),
            published=published,
            date_precision=precision,
            origin=f"{origin}#{record['id']}" if record.get("id") is not None else origin,
        )
    )


def read_json_records(text: str, origin: str) -> Iterator[Document | IngestError]:
    """JSON Lines, a JSON array of objects, or a single JSON object."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield IngestError(origin, f"broken JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
            return
        if not records:
            yield IngestError(origin, "JSON array is empty")
        for i, record in enumerate(records, 1):
            yield document_from_record(record, f"{origin}[{i}]")
        return
    try:
        yield document_from_record(json.loads(stripped), origin)
        return
    except json.JSONDecodeError:
        pass  # not one object: read it as JSON Lines
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(f"{origin}:{lineno}", f"broken JSON line: {exc.msg} at column {exc.colno}")
            continue
        yield document_from_record(record, f"{origin}:{lineno}")


def read_html(html: str, origin: str, url: str | None = None) -> Document | IngestError:
    """A web page: main text with trafilatura, publication date with htmldate."""
    import trafilatura
    from htmldate import find_date

    try:
        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False, favor_precision=True)
        meta = trafilatura.extract_metadata(html, default_url=url)
        date = find_date(html, url=url, extensive_search=False, original_date=True)
    except Exception as exc:  # noqa: BLE001 - a hostile page must not stop the batch
        return IngestError(origin, f"HTML could not be parsed: {exc}")
    if not text or not text.strip():
        return IngestError(origin, "HTML page has no main text")
    published, precision = parse_date(date)
    source = (meta.sitename if meta and meta.sitename else None) or (meta.hostname if meta else None) or ""
    return finish(
        Document(
            text=text,
            source=source,
            title=meta.title if meta else None,
            url=safe_url(url) or safe_url(meta.url if meta else None),
            published=published,
            date_precision=precision,
            language=None,
            origin=origin,
        )
    )


def read_feed_file(data: bytes, origin: str) -> Iterator[Document | IngestError]:
    """An RSS or Atom file saved to disk: one document per entry with text."""
    import feedparser

    from kroniek.ingest.html import strip_tags

    # A stream, never the bytes themselves: feedparser opens bytes that name a file (or a URL).
    parsed = feedparser.parse(io.BytesIO(data))
    if parsed.bozo and not parsed.entries:
        yield IngestError(origin, f"broken feed: {parsed.get('bozo_exception')}")
        return
    if not parsed.entries:
        yield IngestError(origin, "feed has no entries")
        return
    source = parsed.feed.get("title", "")
    for i, entry in enumerate(parsed.entries, 1):
        content = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary")
        text = strip_tags(content or "")
        if not text.strip():
            yield IngestError(f"{origin}[{i}]", "feed entry has no text")
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published, precision = (
            (f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}", "day") if when else (None, None)
        )
        yield finish(
            Document(
                text=text,
                source=source,
                title=entry.get("title"),
                url=safe_url(entry.get("link")),
                published=published,
                date_precision=precision,
                origin=f"{origin}[{i}]",
            )
        )


def read_bytes(data: bytes, origin: str, suffix: str = "") -> Iterator[Document | IngestError]:
    """Read one input's bytes, choosing the reader by content (and the suffix as a hint)."""
    if not data.strip():
        yield IngestError(origin, "empty file")
        return
    if len(data) > MAX_BYTES:
        yield IngestError(origin, f"too large: {len(data):,} bytes (limit {MAX_BYTES:,})")
        return
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    suffix = suffix.lower()
    if _FEED_SNIFF.search(head[:1024]) or suffix in (".rss", ".atom"):
        yield from read_feed_file(data, origin)
        return
    text = decode(data, origin)
    if isinstance(text, IngestError):
        yield text
        return
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.strip():
        yield IngestError(origin, "empty file")
    elif stripped.startswith('"'):
        yield read_json_string(stripped, origin)
    elif stripped.startswith(("{", "[")) or suffix in (".json", ".jsonl", ".ndjson"):
        yield from read_json_records(stripped, origin)
    elif (stripped.startswith("<") and _HTML_SNIFF.search(head)) or suffix in (".html", ".htm", ".xhtml"):
        yield read_html(text, origin)
    else:
        yield read_text(text, origin)


def read_path(path: str | Path) -> Iterator[Document | IngestError]:
    """Documents (or errors) from a file, or from every file below a folder, in name order."""
    path = Path(path)
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
            and not SKIPPED_NAMES.match(p.name)
        )
        if not files:
            yield IngestError(str(path), "folder holds no files")
        for file in files:
            yield from read_path(file)
        return
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield IngestError(origin, f"too large: {size:,} bytes (limit {MAX_BYTES:,})")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield IngestError(origin, "no such file or folder")
        return
    except OSError as exc:
        yield IngestError(origin, f"cannot be read: {exc.strerror or exc}")
        return
    for item in read_bytes(data, origin, path.suffix):
        if isinstance(item, Document) and not item.source:
            item.source = path.name  # without a label, the file is the most honest source name
        yield item
