"""Storing transcripts and their attributes.

A document's text is stored once, normalized: every coding offset indexes
into exactly that text, so nothing can drift. The one way to change it later
is a planned text edit (``services.text_edits``), which moves every offset
with the text in the same undoable action.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebook.db.models import (
    Attribute,
    Coding,
    Document,
    DocumentAttribute,
    Turn,
)
from codebook.domain import (
    AttributeType,
    AttributeValue,
    CodebookError,
    ParsedTranscript,
    TurnSpan,
)
from codebook.domain.documents import DocumentRow
from codebook.services.cases import new_document_links, record_link
from codebook.services.clock import now
from codebook.services.journal import Recorder

TypedValue = tuple[AttributeType, AttributeValue]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DuplicateDocument(CodebookError):
    """The text is already in the project: an import reports it as skipped, not failed."""

    def __init__(self, name: str, existing: str) -> None:
        super().__init__(
            "{name}: same text as document '{existing}', already imported",
            name=name,
            existing=existing,
        )
        self.existing = existing


def add_document(
    session: Session,
    coder_id: int,
    name: str,
    parsed: ParsedTranscript,
    *,
    language: str = "nl",
    attributes: Mapping[str, TypedValue] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    cases: Sequence[str] = (),
    speaker_cases: bool = False,
    recorder: Recorder | None = None,
) -> int:
    """Store one transcript with its turns, sentences, case links and attributes; returns its id.

    The same text twice is refused (by sha256), as is a second document of the
    same name, so a re-run of an import never doubles a transcript. The
    document is linked to each of ``cases``, and with ``speaker_cases`` each
    participant speaker becomes a case for their own turns, in this same
    action, so undoing the import also undoes its links.
    """
    if not parsed.text.strip():
        raise CodebookError("{file}: empty transcript", file=name)
    digest = text_sha256(parsed.text)
    columns = Document.__table__.c  # a plain select: the ORM's select path costs more than SQLite
    clashes = session.execute(
        select(columns.name, columns.sha256).where(
            (columns.sha256 == digest) | (columns.name == name)
        )
    ).all()
    for existing, existing_digest in clashes:
        if existing_digest == digest:
            raise DuplicateDocument(name, existing)
    if clashes:
        raise CodebookError("{name}: a document with this name already exists", name=name)
    if sentences is None:
        from codebook.services.importing.sentences import sentence_spans

        sentences = sentence_spans(parsed.text, parsed.turns, language)
    rec = recorder or Recorder(session, coder_id, "document.add", f"import '{name}'")
    (doc_id,) = rec.insert(
        Document,
        [
            {
                "name": name,
                "text": parsed.text,
                "sha256": digest,
                "source_format": parsed.source_format,
                "source_encoding": parsed.encoding,
                "language": language,
                "word_count": parsed.words,
                "imported_at": now(),
                "sentences": list(sentences),  # pairs: JSON writes tuples as arrays
            }
        ],
    )
    rec.insert(Turn, turn_rows(doc_id, parsed.turns))
    for case_name, speaker in new_document_links(parsed.turns, cases, speaker_cases):
        record_link(session, rec, case_name, doc_id, speaker)
    if attributes:
        _write_attributes(session, rec, doc_id, attributes)
    if recorder is None:
        rec.finish()
    return doc_id


def turn_rows(document_id: int, turns: Iterable[TurnSpan]) -> list[dict[str, object]]:
    """A document's turns as rows, positions counted from 0: what import and corrections write."""
    return [
        {
            "document_id": document_id,
            "position": position,
            "speaker": turn.speaker,
            "start": turn.start,
            "end": turn.end,
            "timecode": turn.timecode,
            "timecode_end": turn.timecode_end,
        }
        for position, turn in enumerate(turns)
    ]


def _attribute_id(session: Session, rec: Recorder, name: str, kind: AttributeType) -> int:
    found = session.scalars(select(Attribute).where(Attribute.name == name)).first()
    if found is None:
        (new_id,) = rec.insert(Attribute, [{"name": name, "type": kind.value}])
        return new_id
    if found.type != kind.value and {found.type, kind.value} != {"text", "category"}:
        raise CodebookError(
            "attribute '{attribute}' holds {stored} values, not {kind}",
            attribute=name,
            stored=found.type,
            kind=kind.value,
        )
    return found.id


def _columns(kind: AttributeType, value: AttributeValue) -> dict[str, object]:
    cols: dict[str, object] = {"value_text": None, "value_number": None, "value_date": None}
    if kind is AttributeType.NUMBER:
        if not isinstance(value, int | float):
            raise CodebookError("'{value}' is not a number", value=value)
        cols["value_number"] = float(value)
    elif kind is AttributeType.DATE:
        if not isinstance(value, date):
            raise CodebookError("'{value}' is not a date (use yyyy-mm-dd)", value=value)
        cols["value_date"] = value
    else:
        cols["value_text"] = str(value)
    return cols


def _write_attributes(
    session: Session, rec: Recorder, document_id: int, attributes: Mapping[str, TypedValue]
) -> None:
    for name, (kind, value) in attributes.items():
        attr_id = _attribute_id(session, rec, name.strip(), kind)
        cols = _columns(kind, value)
        key = [document_id, attr_id]
        if session.get(DocumentAttribute, (document_id, attr_id)) is None:
            rec.insert(
                DocumentAttribute,
                [{"document_id": document_id, "attribute_id": attr_id, **cols}],
            )
        else:
            rec.update(DocumentAttribute, key, cols)


def set_attributes(
    session: Session,
    coder_id: int,
    document_id: int,
    attributes: Mapping[str, TypedValue],
    *,
    recorder: Recorder | None = None,
) -> None:
    """Set (or change) typed attributes of a document, as one undoable action (or as part of
    ``recorder``'s)."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise CodebookError("unknown document {document}", document=document_id)
    what = f"set attributes of '{doc.name}'"
    rec = recorder or Recorder(session, coder_id, "document.attributes", what)
    _write_attributes(session, rec, document_id, attributes)
    if recorder is None:
        rec.finish()


def documents_by_digest(session: Session) -> dict[str, tuple[int, str]]:
    """Every document's (id, name) by the sha256 of its text: how an import recognises one."""
    rows = session.execute(select(Document.sha256, Document.id, Document.name))
    return {digest: (doc_id, name) for digest, doc_id, name in rows}


def resolve_document(session: Session, ref: str) -> Document:
    """A document by name, by name without extension, or by number."""
    ref = ref.strip()
    doc = session.scalars(select(Document).where(Document.name == ref)).first()
    if doc is None and ref.isdigit():
        doc = session.get(Document, int(ref))
    if doc is None:
        stem = session.scalars(
            select(Document).where(Document.name.like(ref.replace("%", r"\%") + ".%"))
        ).all()
        if len(stem) == 1:
            doc = stem[0]
    if doc is None:
        raise CodebookError("unknown document '{document}'", document=ref)
    return doc


def attribute_names(session: Session, kind: AttributeType | None = None) -> list[str]:
    """The project's attribute names, of one ``kind`` if given, in the database's name order."""
    query = select(Attribute.name).order_by(Attribute.name)
    if kind is not None:
        query = query.where(Attribute.type == kind.value)
    return list(session.scalars(query))


def document_attributes(session: Session) -> dict[int, dict[str, AttributeValue]]:
    out: dict[int, dict[str, AttributeValue]] = {}
    rows = session.execute(
        select(DocumentAttribute, Attribute.name).join(
            Attribute, Attribute.id == DocumentAttribute.attribute_id
        )
    )
    for value, name in rows:
        typed: AttributeValue
        if value.value_date is not None:
            typed = value.value_date
        elif value.value_number is not None:
            typed = value.value_number
        else:
            typed = value.value_text or ""
        out.setdefault(value.document_id, {})[name] = typed
    return out


def list_documents(session: Session) -> list[DocumentRow]:
    attrs = document_attributes(session)
    turns = dict(
        session.execute(select(Turn.document_id, func.count()).group_by(Turn.document_id)).all()
    )
    codings = dict(
        session.execute(select(Coding.document_id, func.count()).group_by(Coding.document_id)).all()
    )
    coded = dict(
        session.execute(
            select(Turn.document_id, func.count(func.distinct(Turn.id)))
            .join(
                Coding,
                (Coding.document_id == Turn.document_id)
                & (Coding.start < Turn.end)
                & (Coding.end > Turn.start),
            )
            .group_by(Turn.document_id)
        ).all()
    )
    docs = session.execute(
        select(Document.id, Document.name, Document.source_format, Document.word_count).order_by(
            Document.name
        )
    )
    return [
        DocumentRow(
            id=i,
            name=name,
            source_format=fmt,
            words=words,
            turns=turns.get(i, 0),
            coded_turns=coded.get(i, 0),
            codings=codings.get(i, 0),
            attributes=attrs.get(i, {}),
        )
        for i, name, fmt, words in docs
    ]


def turns_of(session: Session, document_id: int) -> list[Turn]:
    return list(
        session.scalars(select(Turn).where(Turn.document_id == document_id).order_by(Turn.start))
    )


def sentences_of(session: Session, document_id: int) -> list[tuple[int, int]]:
    value = session.scalar(select(Document.sentences).where(Document.id == document_id))
    return [(start, end) for start, end in value or ()]


def sentence_bounds(
    session: Session, document_ids: Iterable[int]
) -> dict[int, tuple[list[int], list[int]]]:
    """Sentence starts and ends (each sorted) per document, for bisecting offsets."""
    out: dict[int, tuple[list[int], list[int]]] = {}
    wanted = sorted(set(document_ids))
    for i in range(0, len(wanted), 500):
        rows = session.execute(
            select(Document.id, Document.sentences).where(Document.id.in_(wanted[i : i + 500]))
        )
        for doc_id, pairs in rows:
            out[doc_id] = ([start for start, _ in pairs], [end for _, end in pairs])
    return out


@dataclass(frozen=True)
class StoredText:
    """A document's stored text, and its sha256: what names the text in any project."""

    id: int
    name: str
    text: str
    sha256: str
    imported_at: datetime


def stored_texts(session: Session) -> list[StoredText]:
    """Every document with its normalized text, by name: the sources of a whole-project export."""
    rows = session.execute(
        select(
            Document.id, Document.name, Document.text, Document.sha256, Document.imported_at
        ).order_by(Document.name)
    )
    return [StoredText(*row) for row in rows]


def attribute_types(session: Session) -> dict[str, AttributeType]:
    """Every attribute's type by name, in the database's name order."""
    rows = session.execute(select(Attribute.name, Attribute.type).order_by(Attribute.name))
    return {name: AttributeType(kind) for name, kind in rows}
