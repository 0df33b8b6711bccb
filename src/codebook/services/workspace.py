"""Reads shaped for an interactive coding workspace (the TUI), as plain values.

The TUI must not hold ORM objects across threads or transactions, and it needs
a few reads the CLI does not: the whole codebook with paths and counts in one
go, one document with everything needed to code it, and a single coding as a
``CodingView`` right after it was applied (so the screen can draw it without
re-reading the document's thousands of other codings).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Code, Coder, Coding, Document, Turn
from codebook.domain import CodebookError, TurnSpan
from codebook.domain.codebook import CodeItem
from codebook.domain.codings import CodingView
from codebook.domain.documents import DocumentData
from codebook.services.codebook.codes import coding_counts, load_code_tree
from codebook.services.coding import coding_views
from codebook.services.document_texts import document_texts
from codebook.services.documents import sentences_of


def code_items(session: Session, *, include_retired: bool = False) -> list[CodeItem]:
    """Every code in codebook order (depth first), with its path and coding count."""
    tree = load_code_tree(session, include_retired=include_retired)
    codes = {row.id: row for row in session.execute(select(*Code.__table__.c))}
    counts = coding_counts(session)
    out = []
    for code_id, depth in tree.walk():
        code = codes[code_id]
        out.append(
            CodeItem(
                id=code_id,
                guid=code.guid,
                parent_id=code.parent_id,
                name=code.name,
                path=tree.path(code_id),
                depth=depth,
                color=code.color,
                brief_definition=code.brief_definition,
                full_definition=code.full_definition,
                when_to_use=code.when_to_use,
                when_not_to_use=code.when_not_to_use,
                example=code.example,
                keywords=tuple(str(k) for k in code.keywords or ()),
                retired=code.retired,
                count=counts.get(code_id, 0),
            )
        )
    return out


def load_document(session: Session, document_id: int) -> DocumentData:
    doc = session.get(Document, document_id)
    if doc is None:
        raise CodebookError("unknown document {document}", document=document_id)
    return DocumentData(
        id=doc.id,
        name=doc.name,
        text=doc.text,
        turns=tuple(turn_spans(session, document_id)),
        sentences=tuple(sentences_of(session, document_id)),
        codings=tuple(document_codings(session, document_id, doc.text)),
    )


def turn_spans(session: Session, document_id: int) -> list[TurnSpan]:
    """The stored turns as ``TurnSpan`` values (what ``turns_of`` holds, without ORM objects)."""
    rows = session.execute(
        select(Turn.start, Turn.end, Turn.speaker, Turn.timecode, Turn.timecode_end)
        .where(Turn.document_id == document_id)
        .order_by(Turn.start)
    )
    return [TurnSpan(start, end, speaker, tc, tc_end) for start, end, speaker, tc, tc_end in rows]


def document_codings(session: Session, document_id: int, text: str) -> list[CodingView]:
    """All codings of one document, their text cut from ``text`` in Python.

    ``codings_of_document`` asks the database for each coding's substring, which
    makes SQLite copy the whole document once per coding: 5,000 codings of a long
    interview take most of a second that way, a few milliseconds this way.
    """
    # Codes and coders are few: look them up in dicts instead of joining per coding.
    codes = {
        code_id: (name, color)
        for code_id, name, color in session.execute(select(Code.id, Code.name, Code.color))
    }
    coders = dict(session.execute(select(Coder.id, Coder.name)).all())
    rows = session.execute(
        select(
            Coding.id,
            Coding.code_id,
            Coding.start,
            Coding.end,
            Coding.coder_id,
            Coding.codebook_version,
            Coding.note,
        )
        .where(Coding.document_id == document_id)
        .order_by(Coding.start, Coding.end, Coding.id)
    )
    out = []
    for coding_id, code_id, start, end, coder_id, version, note in rows:
        name, color = codes[code_id]
        out.append(
            CodingView(
                id=coding_id,
                document_id=document_id,
                code_id=code_id,
                code_name=name,
                color=color,
                start=start,
                end=end,
                coder=coders[coder_id],
                codebook_version=version,
                note=note,
                text=text[start:end],
            )
        )
    return out


def coding_view(session: Session, coding_id: int) -> CodingView:
    """One coding as a ``CodingView`` (code name and colour, coder, the coded text).

    The text is cut from the kept document text: shown back after every key
    press, it must not cost a read of the whole document.
    """
    found = coding_views(session, Coding.id == coding_id, cut_text=False)
    if not found:
        raise CodebookError("unknown coding {coding}", coding=coding_id)
    view = found[0]
    text = document_texts(session, [view.document_id])[view.document_id]
    return replace(view, text=text[view.start : view.end])
