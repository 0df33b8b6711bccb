"""questionnaires: surveys, their items and respondents

Revision ID: 0004
Revises: 0003
Create Date: 2027-01-08 10:00:00

New tables and nothing else: projects without questionnaires are unchanged.
The upgrade is one way: the copy taken before it is the way back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.Column("encoding", sa.String(length=32), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey")),
        sa.UniqueConstraint("name", name=op.f("uq_survey_name")),
    )
    op.create_table(
        "survey_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["code_id"], ["code.id"], name=op.f("fk_survey_item_code_id_code")),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_survey_item_survey_id_survey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_item")),
        sa.UniqueConstraint(
            "survey_id", "position", name=op.f("uq_survey_item_survey_id_position")
        ),
    )
    op.create_index(op.f("ix_survey_item_code_id"), "survey_item", ["code_id"], unique=False)
    op.create_table(
        "respondent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_respondent_survey_id_survey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_respondent")),
        sa.UniqueConstraint(
            "survey_id", "external_id", name=op.f("uq_respondent_survey_id_external_id")
        ),
    )


def downgrade() -> None:
    raise NotImplementedError(
        "schema 0004 cannot be downgraded; a SQLite project was copied to "
        "'<project>.bak-0003' before the upgrade, and that copy opens with the older codebook"
    )
