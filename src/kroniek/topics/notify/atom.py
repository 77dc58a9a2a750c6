"""An Atom feed (RFC 4287) of a topic's published overviews: following without an account."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from kroniek.overview import Update, to_html
from kroniek.overview.render import title
from kroniek.store.topics import Topic, utcnow

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(value: datetime) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def _tag(base_url: str, created: datetime | None, path: str) -> str:
    """A tag: URI (RFC 4151): stable ids that do not change when the server moves."""
    host = urlsplit(base_url).hostname or "localhost"
    day = (created or datetime(2026, 1, 1)).date().isoformat()
    return f"tag:{host},{day}:kroniek/{path}"


def overview_link(base_url: str, overview_id: int | None, fmt: str = "html") -> str:
    return f"{base_url.rstrip('/')}/api/overviews/{overview_id}?format={fmt}"


def feed_url(base_url: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/api/topics/{slug}/atom"


def atom_feed(topic: Topic, entries: Sequence[tuple[dict[str, Any], Update]], base_url: str) -> str:
    """The feed of ``entries`` (overview row, its update), newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    lang = topic.language or (entries[0][1].language if entries else "nl")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _tag(base_url, topic.created_at, f"topics/{topic.slug}")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"Kroniek: {topic.name}"
    subtitle = "Overzichten van de ontwikkelingen" if lang == "nl" else "Overviews of the developments"
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = subtitle
    newest = entries[0][0]["created_at"] if entries else (topic.created_at or utcnow())
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=feed_url(base_url, topic.slug))
    ET.SubElement(
        feed,
        f"{{{ATOM}}}link",
        rel="alternate",
        type="text/html",
        href=f"{base_url.rstrip('/')}/topics/{topic.slug}/live",
    )
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Kroniek"
    ET.SubElement(feed, f"{{{ATOM}}}generator", uri="https://example.org/kroniek").text = "Kroniek"
    for row, update in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _tag(base_url, row["created_at"], f"overviews/{row['id']}")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = title(update)
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(row["created_at"])
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(row["created_at"])
        page = f"{base_url.rstrip('/')}/topics/{topic.slug}/overviews/{row['id']}"
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page)
        ET.SubElement(
            entry,
            f"{{{ATOM}}}link",
            rel="alternate",
            type="application/json",
            href=overview_link(base_url, row["id"], "json"),
        )
        headlines = "; ".join(s.headline for s in update.sections)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = headlines or update.opening
        content = ET.SubElement(entry, f"{{{ATOM}}}content", type="html")
        content.text = to_html(update, base_url)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
