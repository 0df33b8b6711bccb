"""text index and suggestions: word forms, tokens and postings; suggested codings; the model

Revision ID: 0005
Revises: 0004
Create Date: 2027-02-01 10:00:00

New tables and nothing else. The index of the documents a project already
holds is built the first time it is searched (or by ``codebook index``), from
the documents themselves: it is derived data, checked against each
document's digest before every search. The upgrade is one way: the copy
taken before it is the way back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "index_form",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("norm", sa.String(length=200), nullable=False),
        sa.Column("lemma", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_index_form")),
        sa.UniqueConstraint("language", "norm", name=op.f("uq_index_form_language_norm")),
    )
    op.create_index(op.f("ix_index_form_lemma"), "index_form", ["lemma"], unique=False)
    op.create_table(
        "index_document",
        sa.Column("document_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("tokens", sa.LargeBinary(), nullable=False),
        sa.Column("forms", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_index_document")),
    )
    op.create_table(
        "index_posting",
        sa.Column("form_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("document_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("positions", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("form_id", "document_id", name=op.f("pk_index_posting")),
    )
    op.create_index(
        op.f("ix_index_posting_document_id"), "index_posting", ["document_id"], unique=False
    )
    op.create_table(
        "suggestion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("keyword", sa.String(length=200), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion")),
        sa.UniqueConstraint(
            "document_id",
            "code_id",
            "start",
            "end",
            name=op.f("uq_suggestion_document_id_code_id_start_end"),
        ),
    )
    op.create_index(op.f("ix_suggestion_status"), "suggestion", ["status"], unique=False)
    op.create_table(
        "suggester_model",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trained_at", sa.DateTime(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("codes", sa.JSON(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("model", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggester_model")),
    )


def downgrade() -> None:
    raise NotImplementedError(
        "schema 0005 cannot be downgraded; a SQLite project was copied to "
        "'<project>.bak-0004' before the upgrade, and that copy opens with the older codebook"
    )
