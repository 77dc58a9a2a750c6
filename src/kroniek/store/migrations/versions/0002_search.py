"""full-text search over sentences

SQLite: an FTS5 table ``sentences_fts`` (rowid = sentence id) holding each sentence's
Snowball-stemmed words and a tag per place and actor it mentions, written by
``kroniek.store.search.index_document``; a trigger removes a sentence's row when it goes.
PostgreSQL: a ``search_tsv`` tsvector column on ``sentences``, filled by a trigger with the
'dutch' or 'english' configuration by the document's language (plus the same tags, added by
``index_document``), and a GIN index on it.
Both: indexes on ``event_sources.sentence_id`` (hits list their events) and
``documents.source`` (the source filter).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION kroniek_search_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN lang LIKE 'nl%' THEN 'dutch'::regconfig
        WHEN lang LIKE 'en%' THEN 'english'::regconfig
        ELSE 'simple'::regconfig
    END
$$;

CREATE OR REPLACE FUNCTION kroniek_sentences_tsv() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.boilerplate THEN
        NEW.search_tsv := NULL;
    ELSE
        NEW.search_tsv := to_tsvector(
            kroniek_search_config((SELECT language FROM documents WHERE id = NEW.document_id)), NEW.text
        );
    END IF;
    RETURN NEW;
END
$$;
"""


def upgrade() -> None:
    bind = op.get_bind()
    op.create_index("ix_event_sources_sentence_id", "event_sources", ["sentence_id"])
    op.create_index("ix_documents_source", "documents", ["source"])
    if bind.dialect.name == "postgresql":
        op.add_column("sentences", sa.Column("search_tsv", sa.dialects.postgresql.TSVECTOR()))
        op.execute(PG_FUNCTIONS)
        op.execute(
            "CREATE TRIGGER sentences_search_tsv BEFORE INSERT OR UPDATE OF text, boilerplate, document_id "
            "ON sentences FOR EACH ROW EXECUTE FUNCTION kroniek_sentences_tsv()"
        )
        op.execute(
            "UPDATE sentences s SET search_tsv = to_tsvector(kroniek_search_config(d.language), s.text) "
            "FROM documents d WHERE d.id = s.document_id AND NOT s.boilerplate"
        )
        from kroniek.store.search import pg_add_tags, stored_tags

        pg_add_tags(bind, stored_tags(bind).items())
        op.execute("CREATE INDEX ix_sentences_search_tsv ON sentences USING gin (search_tsv)")
        return
    from kroniek.store.search import FTS_TABLE_SQL, index_rows, sqlite_rows

    op.execute(FTS_TABLE_SQL)
    op.execute(
        "CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences "
        "BEGIN DELETE FROM sentences_fts WHERE rowid = old.id; END"
    )
    index_rows(bind, sqlite_rows(bind))


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_index("ix_event_sources_sentence_id", table_name="event_sources")
    op.drop_index("ix_documents_source", table_name="documents", if_exists=True)
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_sentences_search_tsv")
        op.execute("DROP TRIGGER IF EXISTS sentences_search_tsv ON sentences")
        op.drop_column("sentences", "search_tsv")
        op.execute("DROP FUNCTION IF EXISTS kroniek_sentences_tsv()")
        op.execute("DROP FUNCTION IF EXISTS kroniek_search_config(text)")
        return
    op.execute("DROP TRIGGER IF EXISTS sentences_fts_delete")
    op.execute("DROP TABLE IF EXISTS sentences_fts")
