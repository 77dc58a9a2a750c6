"""events: the clusterer's state is stored, so new reports update events in place

Per event its running totals (``events.state``), per source the order it joined in and its
vector, for the archive the document frequencies, report count and clustered reports.
Events stored before this migration have no state: the first update rebuilds them all
(``event_state`` starts empty, which says so).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.JSON(), nullable=True))
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("vector", sa.JSON(), nullable=True))
    op.create_table(
        "event_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("n_docs", sa.Integer(), nullable=False),
        sa.Column("opened", sa.Integer(), nullable=False),
        sa.Column("config", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_state")),
    )
    op.create_table(
        "event_terms",
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_event_terms")),
    )
    op.create_table(
        "event_documents",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("clustered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_event_documents_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_event_documents")),
    )


def downgrade() -> None:
    op.drop_table("event_documents")
    op.drop_table("event_terms")
    op.drop_table("event_state")
    # Plain ALTER TABLE DROP COLUMN (SQLite >= 3.35), not a batch rebuild: rebuilding ``events``
    # drops the table, and with foreign keys on that cascades to every ``event_sources`` row.
    op.drop_column("event_sources", "vector")
    op.drop_column("event_sources", "position")
    op.drop_column("events", "state")
