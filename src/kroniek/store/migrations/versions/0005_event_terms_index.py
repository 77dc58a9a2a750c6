"""events: the terms each event is filed under, so an update loads only the events it can join

``event_terms_index`` holds, per event with clusterer state, the terms of its running totals
(the terms the clusterer's index files it under). An update then takes up only the events
within the window that share a term one of the new sentences probes, instead of every event
within the window. Filled here from the stored states.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    index = op.create_table(
        "event_terms_index",
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_terms_index_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("term", "event_id", name=op.f("pk_event_terms_index")),
    )
    op.create_index("ix_event_terms_index_event_id", "event_terms_index", ["event_id"])
    events = sa.table("events", sa.column("id", sa.Integer()), sa.column("state", sa.JSON()))
    conn = op.get_bind()
    rows: list[dict[str, object]] = []
    for event_id, state in conn.execute(sa.select(events.c.id, events.c.state).where(events.c.state.is_not(None))):
        rows.extend({"term": term, "event_id": event_id} for term in (state or {}).get("total", {}))
        if len(rows) >= 10_000:
            conn.execute(sa.insert(index), rows)
            rows = []
    if rows:
        conn.execute(sa.insert(index), rows)


def downgrade() -> None:
    op.drop_index("ix_event_terms_index_event_id", table_name="event_terms_index")
    op.drop_table("event_terms_index")
