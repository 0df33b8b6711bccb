"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 06:22:51.525455
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attribute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribute")),
        sa.UniqueConstraint("name", name=op.f("uq_attribute_name")),
    )
    op.create_table(
        "case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case")),
        sa.UniqueConstraint("name", name=op.f("uq_case_name")),
    )
    op.create_table(
        "code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("brief_definition", sa.Text(), nullable=False),
        sa.Column("full_definition", sa.Text(), nullable=False),
        sa.Column("when_to_use", sa.Text(), nullable=False),
        sa.Column("when_not_to_use", sa.Text(), nullable=False),
        sa.Column("example", sa.Text(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["code.id"], name=op.f("fk_code_merged_into_id_code")
        ),
        sa.ForeignKeyConstraint(["parent_id"], ["code.id"], name=op.f("fk_code_parent_id_code")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code")),
        sa.UniqueConstraint("guid", name=op.f("uq_code_guid")),
    )
    with op.batch_alter_table("code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_code_merged_into_id"), ["merged_into_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_code_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "coder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coder")),
        sa.UniqueConstraint("name", name=op.f("uq_coder_name")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source_format", sa.String(length=16), nullable=False),
        sa.Column("source_encoding", sa.String(length=32), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("name", name=op.f("uq_document_name")),
        sa.UniqueConstraint("sha256", name=op.f("uq_document_sha256")),
    )
    op.create_table(
        "project_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_project_meta")),
    )
    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("event_version", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["coder_id"], ["coder.id"], name=op.f("fk_action_coder_id_coder")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_coder_id"), ["coder_id"], unique=False)
        batch_op.create_index("ix_action_coder_id_state", ["coder_id", "state"], unique=False)

    op.create_table(
        "case_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case.id"], name=op.f("fk_case_document_case_id_case")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_case_document_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_document")),
        sa.UniqueConstraint(
            "case_id",
            "document_id",
            "speaker",
            name=op.f("uq_case_document_case_id_document_id_speaker"),
        ),
    )
    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_document_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_case_document_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "codebook_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coder_id"], ["coder.id"], name=op.f("fk_codebook_event_coder_id_coder")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_codebook_event")),
        sa.UniqueConstraint("version", name=op.f("uq_codebook_event_version")),
    )
    with op.batch_alter_table("codebook_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_codebook_event_coder_id"), ["coder_id"], unique=False)

    op.create_table(
        "coding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("codebook_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint('0 <= start AND start < "end"', name=op.f("ck_coding_range")),
        sa.ForeignKeyConstraint(["code_id"], ["code.id"], name=op.f("fk_coding_code_id_code")),
        sa.ForeignKeyConstraint(["coder_id"], ["coder.id"], name=op.f("fk_coding_coder_id_coder")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_coding_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coding")),
        sa.UniqueConstraint(
            "document_id",
            "code_id",
            "coder_id",
            "start",
            "end",
            name=op.f("uq_coding_document_id_code_id_coder_id_start_end"),
        ),
    )
    with op.batch_alter_table("coding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coding_code_id"), ["code_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_coding_coder_id"), ["coder_id"], unique=False)
        batch_op.create_index("ix_coding_document_id_start", ["document_id", "start"], unique=False)

    op.create_table(
        "document_attribute",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("attribute_id", sa.Integer(), nullable=False),
        sa.Column("value_text", sa.Text(), nullable=True),
        sa.Column("value_number", sa.Float(), nullable=True),
        sa.Column("value_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attribute_id"],
            ["attribute.id"],
            name=op.f("fk_document_attribute_attribute_id_attribute"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_attribute_document_id_document"),
        ),
        sa.PrimaryKeyConstraint("document_id", "attribute_id", name=op.f("pk_document_attribute")),
    )
    with op.batch_alter_table("document_attribute", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_attribute_attribute_id"), ["attribute_id"], unique=False
        )

    op.create_table(
        "memo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["coder_id"], ["coder.id"], name=op.f("fk_memo_coder_id_coder")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memo")),
    )
    with op.batch_alter_table("memo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_memo_coder_id"), ["coder_id"], unique=False)
        batch_op.create_index(
            "ix_memo_target_kind_target_id", ["target_kind", "target_id"], unique=False
        )

    op.create_table(
        "sentence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_sentence_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sentence")),
    )
    with op.batch_alter_table("sentence", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sentence_document_id_start", ["document_id", "start"], unique=False
        )

    op.create_table(
        "turn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(length=200), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("timecode", sa.Float(), nullable=True),
        sa.Column("timecode_end", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_turn_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_turn")),
    )
    with op.batch_alter_table("turn", schema=None) as batch_op:
        batch_op.create_index("ix_turn_document_id_start", ["document_id", "start"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("turn", schema=None) as batch_op:
        batch_op.drop_index("ix_turn_document_id_start")

    op.drop_table("turn")
    with op.batch_alter_table("sentence", schema=None) as batch_op:
        batch_op.drop_index("ix_sentence_document_id_start")

    op.drop_table("sentence")
    with op.batch_alter_table("memo", schema=None) as batch_op:
        batch_op.drop_index("ix_memo_target_kind_target_id")
        batch_op.drop_index(batch_op.f("ix_memo_coder_id"))

    op.drop_table("memo")
    with op.batch_alter_table("document_attribute", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_attribute_attribute_id"))

    op.drop_table("document_attribute")
    with op.batch_alter_table("coding", schema=None) as batch_op:
        batch_op.drop_index("ix_coding_document_id_start")
        batch_op.drop_index(batch_op.f("ix_coding_coder_id"))
        batch_op.drop_index(batch_op.f("ix_coding_code_id"))

    op.drop_table("coding")
    with op.batch_alter_table("codebook_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_codebook_event_coder_id"))

    op.drop_table("codebook_event")
    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_document_document_id"))
        batch_op.drop_index(batch_op.f("ix_case_document_case_id"))

    op.drop_table("case_document")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index("ix_action_coder_id_state")
        batch_op.drop_index(batch_op.f("ix_action_coder_id"))

    op.drop_table("action")
    op.drop_table("project_meta")
    op.drop_table("document")
    op.drop_table("coder")
    with op.batch_alter_table("code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_code_parent_id"))
        batch_op.drop_index(batch_op.f("ix_code_merged_into_id"))

    op.drop_table("code")
    op.drop_table("case")
    op.drop_table("attribute")
