"""sentence spans as one value per document

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 09:40:00

Every reader of sentences wants all of a document's sentences at once, so a
row per sentence only made imports slow (90,000 rows for a million words).
Existing spans are carried over exactly, then the ``sentence`` table goes.
The upgrade is one way: the copy taken before it is the way back.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "document", sa.Column("sentences", sa.JSON(), server_default="[]", nullable=False)
    )
    conn = op.get_bind()
    spans: dict[int, list[list[int]]] = defaultdict(list)
    rows = conn.execute(
        sa.text('SELECT document_id, start, "end" FROM sentence ORDER BY document_id, start')
    )
    for document_id, start, end in rows:
        spans[document_id].append([start, end])
    document = sa.table("document", sa.column("id", sa.Integer), sa.column("sentences", sa.JSON))
    for document_id, values in spans.items():
        conn.execute(document.update().where(document.c.id == document_id).values(sentences=values))
    _rewrite_journal(conn)
    op.drop_index("ix_sentence_document_id_start", table_name="sentence")
    op.drop_table("sentence")


def _rewrite_journal(conn: sa.Connection) -> None:
    """Fold the journal's sentence rows into the document rows they belong to.

    Undo and redo must keep working on actions recorded before this upgrade: an
    import's changes name the ``sentence`` table, and an undone import keeps the
    rows a redo restores. Sentence changes are dropped (the document row now
    carries them), and saved sentence rows move into the saved document row.
    """
    action = sa.table("action", sa.column("id", sa.Integer), sa.column("changes", sa.JSON))
    for action_id, changes in conn.execute(sa.select(action.c.id, action.c.changes)).all():
        if not any(change["table"] == "sentence" for change in changes):
            continue
        saved: dict[int, list[list[int]]] = defaultdict(list)
        for change in changes:
            if change["table"] == "sentence":
                for row in change.get("rows", ()):
                    saved[row["document_id"]].append([row["start"], row["end"]])
        kept = []
        for change in changes:
            if change["table"] == "sentence":
                continue
            if change["table"] == "document" and "rows" in change:
                rows = [{**row, "sentences": sorted(saved[row["id"]])} for row in change["rows"]]
                change = {**change, "rows": rows}
            kept.append(change)
        conn.execute(action.update().where(action.c.id == action_id).values(changes=kept))


def downgrade() -> None:
    raise NotImplementedError(
        "schema 0002 cannot be downgraded; a SQLite project was copied to "
        "'<project>.bak-0001' before the upgrade, and that copy opens with the older codebook"
    )
