"""events: the order reports were clustered in, so a rebuild replays them in that order

``event_documents.seq`` numbers the clustered reports in the order the clusterer took them.
Updates cluster reports as they arrive, which is not publication order when reports come late;
a rebuild that replayed in publication order regrouped such events. Existing rows are numbered
by the time they were clustered, and within one update in publication order (the order updates
took them in).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event_documents", sa.Column("seq", sa.Integer(), nullable=True))
    done = sa.table(
        "event_documents",
        sa.column("document_id", sa.Integer()),
        sa.column("clustered_at", sa.DateTime(timezone=True)),
        sa.column("seq", sa.Integer()),
    )
    docs = sa.table("documents", sa.column("id", sa.Integer()), sa.column("published", sa.String()))
    conn = op.get_bind()
    query = (
        sa.select(done.c.document_id)
        .join(docs, docs.c.id == done.c.document_id)
        .order_by(done.c.clustered_at, docs.c.published.nulls_first(), done.c.document_id)
    )
    rows = [{"d": int(i), "n": n} for n, i in enumerate(conn.execute(query).scalars())]
    for start in range(0, len(rows), 10_000):
        conn.execute(
            sa.update(done).where(done.c.document_id == sa.bindparam("d")).values(seq=sa.bindparam("n")),
            rows[start : start + 10_000],
        )
    # Nothing refers to event_documents, so SQLite's rebuild of the table (to make it NOT NULL) is safe.
    with op.batch_alter_table("event_documents", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)


def downgrade() -> None:
    # Plain ALTER TABLE DROP COLUMN (SQLite >= 3.35): no table rebuild.
    op.drop_column("event_documents", "seq")
