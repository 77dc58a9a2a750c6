"""search: document tags (source, language, month) in every sentence's index entry

The document filters of search become index lookups (see ``kroniek.store.search.doc_tags``).
PostgreSQL: the trigger adds the tags to ``search_tsv``; existing sentences are re-indexed.
SQLite: the FTS rows are rebuilt with the tags.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PG_TAGS = """
CREATE OR REPLACE FUNCTION kroniek_doc_tags(source text, lang text, published text) RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$
    SELECT array_to_tsvector(array_remove(ARRAY[
        'tag' || left(md5('source:' || coalesce(source, '')), 16),
        CASE WHEN lang IS NOT NULL AND lang <> '' THEN 'tag' || left(md5('language:' || lang), 16) END,
        CASE WHEN length(published) >= 7 THEN 'tag' || left(md5('month:' || left(published, 7)), 16) END
    ], NULL))
$$;

CREATE OR REPLACE FUNCTION kroniek_sentences_tsv() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    doc record;
BEGIN
    IF NEW.boilerplate THEN
        NEW.search_tsv := NULL;
    ELSE
        SELECT language, source, published INTO doc FROM documents WHERE id = NEW.document_id;
        NEW.search_tsv := to_tsvector(kroniek_search_config(doc.language), NEW.text)
            || kroniek_doc_tags(doc.source, doc.language, doc.published);
    END IF;
    RETURN NEW;
END
$$;
"""

PG_WITHOUT_TAGS = """
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
DROP FUNCTION IF EXISTS kroniek_doc_tags(text, text, text);
"""


def _reindex(bind: sa.Connection) -> None:
    from kroniek.store.search import index_rows, pg_add_tags, sqlite_rows, stored_tags

    if bind.dialect.name == "postgresql":
        op.execute("UPDATE sentences SET text = text")  # the trigger recomputes search_tsv
        pg_add_tags(bind, stored_tags(bind).items())
        return
    op.execute("DELETE FROM sentences_fts")
    index_rows(bind, sqlite_rows(bind))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(PG_TAGS)
    _reindex(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(PG_WITHOUT_TAGS)
        _reindex(bind)
    # SQLite keeps the document tags in its FTS rows: extra tokens that no query asks for.
