"""Which reports belong to a topic: its language and date window, then its keywords, actors, places."""

from __future__ import annotations

from datetime import datetime

from kroniek.model import Document
from kroniek.store import Store
from kroniek.store.topics import Topic
from kroniek.timeline.query import TopicQuery


def topic_query(topic: Topic) -> TopicQuery:
    return TopicQuery.of(topic.keywords, topic.actors, topic.places)


def matches(topic: Topic, doc: Document, query: TopicQuery | None = None) -> bool:
    """A report belongs to the topic when its title or one of its content sentences matches."""
    if topic.language and (doc.language or "")[:2] != topic.language[:2]:
        return False
    if doc.published:
        if topic.date_from and doc.published[: len(topic.date_from)] < topic.date_from[: len(doc.published)]:
            return False
        if topic.date_to and doc.published[: len(topic.date_to)] > topic.date_to:
            return False
    query = query or topic_query(topic)
    if query.empty:
        return True
    pattern = query.pattern
    if doc.title and pattern is not None and pattern.search(doc.title):
        return True
    return any(query.matches(s, doc) for s in doc.content_sentences)


def topic_documents(store: Store, topic: Topic, *, ingested_since: datetime | None = None) -> list[Document]:
    """The topic's reports, in publication order."""
    docs = store.load_documents(
        since=topic.date_from, until=topic.date_to, language=topic.language, ingested_since=ingested_since
    )
    query = topic_query(topic)
    return [d for d in docs if matches(topic, d, query)]
