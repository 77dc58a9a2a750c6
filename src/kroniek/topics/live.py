"""The liveblog: new reports (and published overviews) of a topic as they arrive.

Items are ordered by arrival (database id), and each carries a cursor ``"<document>-<overview>"``:
the last report and overview a reader has seen. A reader that reconnects with its cursor
(Server-Sent Events ``Last-Event-ID``) gets only what came after.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kroniek.model import Document
from kroniek.overview.compose import usable
from kroniek.overview.render import title
from kroniek.store import Store
from kroniek.store.topics import Topic, list_overviews
from kroniek.topics.publish import stored_update
from kroniek.topics.query import matches, topic_query

LEAD_SENTENCES = 2


@dataclass(frozen=True)
class Cursor:
    document: int = 0
    overview: int = 0

    def __str__(self) -> str:
        return f"{self.document}-{self.overview}"

    @classmethod
    def parse(cls, value: str | None) -> Cursor | None:
        if not value:
            return None
        try:
            doc, _, ov = value.strip().partition("-")
            return cls(int(doc), int(ov or 0))
        except ValueError:
            return None


def development(doc: Document, base_url: str = "") -> dict[str, Any]:
    """A report as a liveblog item: its headline and first sentences, each linked to its source."""
    lead = [s for s in doc.content_sentences if usable(s)][:LEAD_SENTENCES]
    base = base_url.rstrip("/")
    return {
        "type": "development",
        "id": doc.id,
        "headline": doc.title or (lead[0].text if lead else ""),
        "published": doc.published,
        "source": doc.source,
        "url": doc.url,
        "link": f"{base}/documents/{doc.id}",
        "sentences": [
            {"text": s.text.strip(), "sentence_id": s.id, "link": f"{base}/documents/{doc.id}#s{s.id}"} for s in lead
        ],
    }


def live_items(
    store: Store,
    topic: Topic | None,
    cursor: Cursor | None,
    *,
    backlog: int = 10,
    base_url: str = "",
) -> tuple[list[dict[str, Any]], Cursor]:
    """What arrived after ``cursor`` (with no cursor: the last ``backlog`` items), and the new cursor."""
    start = cursor or Cursor()
    ids = [i for i in store.document_ids() if i > start.document]
    if cursor is None:
        ids = ids[-backlog * 5 :]  # enough to find ``backlog`` that belong to the topic
    docs = store.load_documents(ids=ids) if ids else []
    docs.sort(key=lambda d: d.id or 0)
    query = topic_query(topic) if topic else None
    items: list[dict[str, Any]] = []
    last_doc = max(ids, default=start.document)
    chosen = [d for d in docs if topic is None or matches(topic, d, query)]
    if cursor is None:
        chosen = chosen[-backlog:]
    overview_id = start.overview
    for doc in chosen:
        item = development(doc, base_url)
        item["cursor"] = str(Cursor(doc.id or 0, overview_id))
        items.append(item)
    if topic is not None:
        rows = [r for r in list_overviews(store, topic.id, limit=5) if r["id"] > start.overview]
        if cursor is None:
            rows = rows[:1]
        for row in sorted(rows, key=lambda r: r["id"]):
            update = stored_update(row)
            overview_id = row["id"]
            items.append(
                {
                    "type": "overview",
                    "id": row["id"],
                    "title": title(update),
                    "headlines": [s.headline for s in update.sections],
                    "created_at": row["created_at"].isoformat(),
                    "link": f"{base_url.rstrip('/')}/topics/{topic.slug}/overviews/{row['id']}",
                    "cursor": str(Cursor(last_doc, row["id"])),
                }
            )
        overview_id = max([overview_id, *(r["id"] for r in rows)])
    return items, Cursor(last_doc, overview_id)
