"""resolutions of disagreements between coders

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 08:40:00

A new table and nothing else: projects without resolutions are unchanged.
The upgrade is one way: the copy taken before it is the way back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("reference_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["code_id"], ["code.id"], name=op.f("fk_resolution_code_id_code")),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["coder.id"], name=op.f("fk_resolution_decided_by_coder")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_resolution_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["reference_id"], ["coder.id"], name=op.f("fk_resolution_reference_id_coder")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution")),
        sa.UniqueConstraint(
            "document_id",
            "code_id",
            "start",
            "end",
            "reference_id",
            name=op.f("uq_resolution_document_id_code_id_start_end_reference_id"),
        ),
    )


def downgrade() -> None:
    raise NotImplementedError(
        "schema 0003 cannot be downgraded; a SQLite project was copied to "
        "'<project>.bak-0002' before the upgrade, and that copy opens with the older codebook"
    )
