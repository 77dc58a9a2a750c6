"""The migrations build exactly the schema the code declares, on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from kroniek.store import Store
from kroniek.store.schema import metadata

# Search structures live in migrations only: they are dialect-specific (FTS5, tsvector).
SEARCH_ONLY = {"sentences_fts", "search_tsv"}


def _search_only(diff: object) -> bool:
    text = repr(diff)
    return any(name in text for name in SEARCH_ONLY)


def test_migrated_database_matches_the_declared_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = [d for d in compare_metadata(context, metadata) if not _search_only(d)]
    assert diffs == []
