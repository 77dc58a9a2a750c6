"""The database schema, one SQLAlchemy Core table per record. Alembic migrations create it.

Dates of events and documents are ISO strings as precise as known ("2022-02-24", "2022-02"),
so that string order is date order and a month-precision date is kept as such.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(200), nullable=False, default="", index=True),
    Column("url", String(2000), index=True),
    Column("title", String(1000)),
    Column("published", String(32), index=True),
    Column("date_precision", String(16)),
    Column("language", String(8), index=True),
    Column("genre", String(16), nullable=False, default="news"),
    Column("content_hash", String(64), nullable=False, unique=True),
    # 64-bit SimHash of word shingles, for near-duplicates (re-publications with small edits).
    Column("simhash", BigInteger),
    Column("text", Text, nullable=False),
    Column("origin", String(2000)),
    Column("pipeline", JSON),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("section", String(500)),
    Column("text", Text, nullable=False),
    Column("boilerplate", Boolean, nullable=False, default=False),
    Column("event_date", String(32), index=True),
    Column("event_precision", String(16)),
    UniqueConstraint("document_id", "position"),
)

timexes = Table(
    "timexes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sentence_id", Integer, ForeignKey("sentences.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", String(500), nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sentence_id", Integer, ForeignKey("sentences.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", String(500), nullable=False),
    # The canonical name (place, actor) or speaker (claim), kept apart for filtering.
    Column("name", String(300)),
    Column("attrs", JSON, nullable=False),
    Index("ix_mentions_kind_name", "kind", "name"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("date", String(32), index=True),
    Column("precision", String(16)),
    Column("type", String(64), nullable=False, default="overig"),
    Column("title", Text, nullable=False),
    Column("places", JSON, nullable=False),
    Column("actors", JSON, nullable=False),
    Column("figures", JSON, nullable=False),
    Column("claims", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The clusterer's running totals (kroniek.events.cluster.ClusterState), so later reports can join.
    Column("state", JSON),
)

event_sources = Table(
    "event_sources",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("sentence_id", Integer, ForeignKey("sentences.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    # The order the sentences joined in and the TF-IDF vector each joined with: the event's title
    # is its sentence nearest to the centroid, which later reports move.
    Column("position", Integer),
    Column("vector", JSON),
    Index("ix_event_sources_sentence_id", "sentence_id"),
)

# The clusterer's view of the whole archive (one row, id 1): reports seen, events opened, and the
# parameters the state was built with. No row: the events have to be rebuilt from all reports.
event_state = Table(
    "event_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("n_docs", Integer, nullable=False),
    Column("opened", Integer, nullable=False),
    Column("config", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Document frequencies of the terms of clustered reports (the IDF of the TF-IDF vectors).
event_terms = Table(
    "event_terms",
    metadata,
    Column("term", Text, primary_key=True),
    Column("df", Integer, nullable=False),
)

# The terms each event is filed under in the clusterer's index (the terms of its state's totals):
# an update takes up only the events within the window that share a term a new sentence probes.
event_terms_index = Table(
    "event_terms_index",
    metadata,
    Column("term", Text, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    # Deleting events (a rebuild deletes them all) looks up their rows here by event id.
    Index("ix_event_terms_index_event_id", "event_id"),
)

# The reports already clustered: none is clustered twice, and one stored but never clustered
# (a crash between ingest and the events stage) is picked up by the next update.
event_documents = Table(
    "event_documents",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("clustered_at", DateTime(timezone=True), nullable=False),
    # The order the clusterer took the reports in (arrival, not publication): a rebuild replays
    # them in this order, so it groups the sentences as the updates did.
    Column("seq", Integer, nullable=False),
)

topics = Table(
    "topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(100), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("keywords", JSON, nullable=False),
    Column("actors", JSON, nullable=False),
    Column("places", JSON, nullable=False),
    Column("language", String(8)),
    Column("date_from", String(32)),
    Column("date_to", String(32)),
    Column("schedule", String(200)),  # cron expressions, ";"-separated
    Column("breaking_threshold", Integer),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

overviews = Table(
    "overviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("topic_id", Integer, ForeignKey("topics.id", ondelete="CASCADE"), index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("since", DateTime(timezone=True)),
    Column("published", Boolean, nullable=False, default=False),
    Column("content", JSON, nullable=False),
    Column("markdown", Text, nullable=False),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("topic_id", Integer, ForeignKey("topics.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("channel", String(16), nullable=False),  # "webhook" or "email"
    Column("target", String(2000), nullable=False),
    Column("secret", String(200)),
    Column("token", String(64), nullable=False, unique=True),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", String(64), primary_key=True),  # also the delivery id receivers dedupe on
    Column("subscription_id", Integer, ForeignKey("subscriptions.id", ondelete="CASCADE"), nullable=False),
    Column("overview_id", Integer, ForeignKey("overviews.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(16), nullable=False, default="pending", index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False, index=True),
    Column("last_error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2000), nullable=False, unique=True),
    Column("kind", String(16), nullable=False, default="feed"),  # "feed" or "folder"
    Column("title", String(1000)),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("interval_seconds", Integer, nullable=False, default=900),
    Column("next_poll_at", DateTime(timezone=True)),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("failures", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False),
    Column("guid", String(2000), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="SET NULL")),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("feed_id", "guid"),
)
