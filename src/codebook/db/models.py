"""SQLAlchemy 2.0 typed models: the one description of the schema.

Alembic migrations are written to match these models; a test runs
autogenerate against a migrated database and expects no difference, so the
two can never drift apart silently.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ProjectMeta(Base):
    """Key/value facts about the project (name, guid, codebook version, language)."""

    __tablename__ = "project_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Coder(Base):
    __tablename__ = "coder"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Document(Base):
    __tablename__ = "document"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(400), unique=True)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source_format: Mapped[str] = mapped_column(String(16))
    source_encoding: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    word_count: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    # Sentence spans as [[start, end], ...]. Every reader wants all of a document's
    # sentences at once, so one value per document beats a row per sentence: an
    # import of a million words stores 100 values instead of 90,000 rows.
    # Deferred, so listing documents does not parse them.
    sentences: Mapped[list[list[int]]] = mapped_column(JSON, deferred=True, server_default="[]")


class Attribute(Base):
    """A typed document attribute such as werkplaats (category) or datum (date)."""

    __tablename__ = "attribute"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(16))


class DocumentAttribute(Base):
    __tablename__ = "document_attribute"
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), primary_key=True)
    attribute_id: Mapped[int] = mapped_column(
        ForeignKey("attribute.id"), primary_key=True, index=True
    )
    value_text: Mapped[str | None] = mapped_column(Text)
    value_number: Mapped[float | None] = mapped_column(Float)
    value_date: Mapped[date | None] = mapped_column(Date)


class Case(Base):
    """A unit of analysis (a person, a school) linked to documents or to a speaker in one."""

    __tablename__ = "case"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class CaseDocument(Base):
    __tablename__ = "case_document"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    speaker: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (UniqueConstraint("case_id", "document_id", "speaker"),)


class Turn(Base):
    __tablename__ = "turn"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(200))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    timecode: Mapped[float | None] = mapped_column(Float)
    timecode_end: Mapped[float | None] = mapped_column(Float)
    __table_args__ = (Index("ix_turn_document_id_start", "document_id", "start"),)


class Code(Base):
    __tablename__ = "code"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("code.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    color: Mapped[str] = mapped_column(String(7))
    brief_definition: Mapped[str] = mapped_column(Text, default="")
    full_definition: Mapped[str] = mapped_column(Text, default="")
    when_to_use: Mapped[str] = mapped_column(Text, default="")
    when_not_to_use: Mapped[str] = mapped_column(Text, default="")
    example: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[Any]] = mapped_column(JSON, default=list)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("code.id"), index=True)


class Coding(Base):
    __tablename__ = "coding"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id"), index=True)
    codebook_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        Index("ix_coding_document_id_start", "document_id", "start"),
        UniqueConstraint("document_id", "code_id", "coder_id", "start", "end"),
        CheckConstraint('0 <= start AND start < "end"', name="range"),
    )


class Memo(Base):
    """An analytic memo on the project, a document, a code or a coding."""

    __tablename__ = "memo"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int | None] = mapped_column(Integer)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (Index("ix_memo_target_kind_target_id", "target_kind", "target_id"),)


class Resolution(Base):
    """How the team settled one unit where coders differed, for one code.

    The codings the decision made belong to the reference coder; this row
    remembers the decision itself, so "neither" (no coding at all) still
    counts as settled and the queue can tell what is done.
    """

    __tablename__ = "resolution"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    reference_id: Mapped[int] = mapped_column(ForeignKey("coder.id"))
    kind: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[int] = mapped_column(ForeignKey("coder.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("document_id", "code_id", "start", "end", "reference_id"),)


class CodebookEvent(Base):
    """Append-only log of codebook revisions; ``snapshot`` is the codebook after it."""

    __tablename__ = "codebook_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    snapshot: Mapped[list[Any]] = mapped_column(JSON)


class Action(Base):
    """The undo/redo journal: each user action with the row changes it made.

    ``state`` is ``done``, ``undone`` or ``discarded`` (an undone action that a
    newer action made impossible to redo).
    """

    __tablename__ = "action"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(12), default="done")
    event_version: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[list[Any]] = mapped_column(JSON)
    __table_args__ = (Index("ix_action_coder_id_state", "coder_id", "state"),)


class Survey(Base):
    """A questionnaire imported beside the interviews (one file, one import action)."""

    __tablename__ = "survey"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    source: Mapped[str] = mapped_column(String(400))
    encoding: Mapped[str | None] = mapped_column(String(32))
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class SurveyItem(Base):
    """One column of a questionnaire: its kind, its scale's labels, the theme it belongs to."""

    __tablename__ = "survey_item"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    labels: Mapped[list[str]] = mapped_column(JSON)
    code_id: Mapped[int | None] = mapped_column(ForeignKey("code.id"), index=True)
    __table_args__ = (UniqueConstraint("survey_id", "position"),)


class Respondent(Base):
    """One respondent of a questionnaire, with all their answers in one value.

    ``answers`` is aligned with the survey's items (a label's index, a number,
    an open answer's text, or null): counting an item reads every answer of a
    survey anyway, and one row per respondent makes an import of 10,000
    respondents 10,000 inserts instead of 600,000. ``attributes`` (name to
    [type, value]) are the ones counts are grouped and filtered by.
    """

    __tablename__ = "respondent"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    external_id: Mapped[str] = mapped_column(String(200))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON)
    answers: Mapped[list[Any]] = mapped_column(JSON)
    __table_args__ = (UniqueConstraint("survey_id", "external_id"),)


class IndexForm(Base):
    """One word form of one language in the text index: its lower-cased norm and lemma.

    A project of a million words has some tens of thousands of forms, so each
    is lemmatised once, and a lemma search finds its forms here before it
    touches any document.
    """

    __tablename__ = "index_form"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    norm: Mapped[str] = mapped_column(String(200))
    lemma: Mapped[str] = mapped_column(String(200), index=True)
    __table_args__ = (UniqueConstraint("language", "norm"),)


class IndexDocument(Base):
    """One document's tokens: their offsets and forms, packed, as of its text's digest.

    Derived data with no foreign key: an index row whose document is gone or
    whose digest or language no longer match is rebuilt or dropped before a
    search, so deleting, editing, merging or undoing never has to know about it.
    ``tokens``: uint32 start, end pairs; ``forms``: the uint32 form id of each token.
    """

    __tablename__ = "index_document"
    document_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sha256: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    tokens: Mapped[bytes] = mapped_column(LargeBinary)
    forms: Mapped[bytes] = mapped_column(LargeBinary)


class IndexPosting(Base):
    """Where one form occurs in one document: its token positions, packed as uint32."""

    __tablename__ = "index_posting"
    form_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    document_id: Mapped[int] = mapped_column(
        Integer, primary_key=True, autoincrement=False, index=True
    )
    positions: Mapped[bytes] = mapped_column(LargeBinary)


class Suggestion(Base):
    """A passage the keywords or the model proposed for a code, and the analyst's decision.

    No foreign keys: a suggestion of a deleted document or code is not shown,
    and comes back with it when that deletion is undone; a rejected one stays
    as the memory that keeps it from being proposed again.
    """

    __tablename__ = "suggestion"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer)
    code_id: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    keyword: Mapped[str | None] = mapped_column(String(200))
    confidence: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    decided_by: Mapped[int | None] = mapped_column(Integer)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("document_id", "code_id", "start", "end"),)


class SuggesterModel(Base):
    """The project's trained code classifier (spaCy's bytes), kept in the project so a
    team on PostgreSQL shares it and a copied project carries it."""

    __tablename__ = "suggester_model"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trained_at: Mapped[datetime] = mapped_column(DateTime)
    language: Mapped[str] = mapped_column(String(8))
    codes: Mapped[list[Any]] = mapped_column(JSON)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    model: Mapped[bytes] = mapped_column(LargeBinary)
