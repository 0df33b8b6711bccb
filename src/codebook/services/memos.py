"""Analytic memos on the project, a document or a code.

Memos are where analysts think on paper: why a code exists, what a document
shows, where the analysis is heading. A memo belongs to its author: anyone
reads every memo, only the author edits or deletes one. Every change is one
action in the undo journal, so ``undo``/``redo`` cover memos like codings.

Targets are given the way a user names them: a code by path, unique name,
guid or number (``services.codebook.codes.resolve_code``), a document by name or
number (``services.documents.resolve_document``). Memos on retired codes stay
readable: a code merged or split away hands its memos to its heir (see
``services.codebook.revisions``), and a code that is only retired keeps them. Memos on
one coding live in ``coding.note`` (``services.coding.set_note``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Code, Coder, Document, Memo
from codebook.domain import CodebookError
from codebook.domain.memos import MemoTarget, MemoView
from codebook.services.clock import now
from codebook.services.codebook.codes import load_code_tree, resolve_code
from codebook.services.documents import resolve_document
from codebook.services.journal import Recorder

TARGET_KINDS = ("project", "document", "code")
TITLE_MAX = 200  # the width of ``memo.title``
_KIND_ORDER = {"project": 0, "document": 1, "code": 2, "coding": 3}


# --------------------------------------------------------------------------- targets


def project_target() -> MemoTarget:
    return MemoTarget("project", None, "")


def code_target(session: Session, ref: str | int) -> MemoTarget:
    """A code by path, unique name, guid or number (retired codes too)."""
    code = session.get(Code, ref) if isinstance(ref, int) else resolve_code(session, ref)
    if code is None:
        raise CodebookError("unknown code {ref}", ref=ref)
    path = load_code_tree(session, include_retired=True).paths().get(code.id, code.name)
    return MemoTarget("code", code.id, path, code.retired)


def document_target(session: Session, ref: str | int) -> MemoTarget:
    """A document by name, name without extension, or number."""
    doc = session.get(Document, ref) if isinstance(ref, int) else resolve_document(session, ref)
    if doc is None:
        raise CodebookError("unknown document {document}", document=ref)
    return MemoTarget("document", doc.id, doc.name)


def resolve_target(
    session: Session,
    *,
    code: str | None = None,
    document: str | None = None,
    project: bool = False,
) -> MemoTarget | None:
    """At most one of code, document or project; ``None`` when none is given."""
    given = sum((code is not None, document is not None, project))
    if given > 1:
        raise CodebookError("give only one of a code, a document or the project")
    if code is not None:
        return code_target(session, code)
    if document is not None:
        return document_target(session, document)
    return project_target() if project else None


# --------------------------------------------------------------------------- changes


def _clean_title(title: str) -> str:
    title = title.strip()
    if "\n" in title or "\r" in title:
        raise CodebookError("a memo title is one line")
    if len(title) > TITLE_MAX:
        raise CodebookError(
            "a memo title is at most {limit} characters, not {length}",
            limit=TITLE_MAX,
            length=len(title),
        )
    return title


def _clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise CodebookError("a memo needs text")
    return text


@dataclass(frozen=True)
class MemoDraft:
    """A memo to write; ``written`` backdates it (the demo project's fixed dates, an imported
    project's own), ``author`` names another coder as its writer (an imported memo's)."""

    target: MemoTarget
    text: str
    title: str = ""
    written: datetime | None = None
    author: int | None = None


def add_memo(
    session: Session, coder_id: int, target: MemoTarget, text: str, title: str = ""
) -> int:
    """Write a new memo on ``target`` as one undoable action; returns its id."""
    (memo_id,) = add_memos(
        session, coder_id, [MemoDraft(target, text, title)], f"memo on {target.describe()}"
    )
    return memo_id


def add_memos(
    session: Session,
    coder_id: int,
    drafts: Sequence[MemoDraft],
    description: str,
    *,
    recorder: Recorder | None = None,
) -> list[int]:
    """Write several memos as one undoable action (or as part of ``recorder``'s); all are
    checked before any is written. A draft's ``author`` (a coder id) writes it instead of
    ``coder_id``."""
    rows: list[dict[str, Any]] = []
    for draft in drafts:
        if draft.target.kind not in TARGET_KINDS:
            raise CodebookError(
                "a memo is written on {kinds}, not {kind}",
                kinds=", ".join(TARGET_KINDS),
                kind=draft.target.kind,
            )
        when = draft.written or now()
        rows.append(
            {
                "target_kind": draft.target.kind,
                "target_id": draft.target.id,
                "coder_id": coder_id if draft.author is None else draft.author,
                "title": _clean_title(draft.title),
                "text": _clean_text(draft.text),
                "created_at": when,
                "updated_at": when,
            }
        )
    rec = recorder or Recorder(session, coder_id, "memo.add", description)
    ids = rec.insert(Memo, rows)
    if recorder is None:
        rec.finish()
    return ids


def _own(session: Session, coder_id: int, memo_id: int) -> Memo:
    memo = session.get(Memo, memo_id)
    if memo is None:
        raise CodebookError("unknown memo {memo}", memo=memo_id)
    if memo.coder_id != coder_id:
        author = session.get(Coder, memo.coder_id)
        who = author.name if author is not None else f"coder {memo.coder_id}"
        raise CodebookError(
            "memo {memo} was written by {author}; only its author can change it",
            memo=memo_id,
            author=who,
        )
    return memo


def edit_memo(
    session: Session,
    coder_id: int,
    memo_id: int,
    *,
    text: str | None = None,
    title: str | None = None,
) -> bool:
    """Change a memo's text and/or title; returns False when nothing was different."""
    if text is None and title is None:
        raise CodebookError("give a new text or title")
    memo = _own(session, coder_id, memo_id)
    values: dict[str, Any] = {}
    if title is not None and _clean_title(title) != memo.title:
        values["title"] = _clean_title(title)
    if text is not None and _clean_text(text) != memo.text:
        values["text"] = _clean_text(text)
    if not values:
        return False
    values["updated_at"] = now()
    rec = Recorder(session, coder_id, "memo.edit", f"edit memo {memo_id}")
    rec.update(Memo, [memo_id], values)
    rec.finish()
    session.expire(memo)
    return True


def delete_memo(session: Session, coder_id: int, memo_id: int) -> MemoView:
    """Delete one of your memos as an undoable action; returns it as it was."""
    _own(session, coder_id, memo_id)
    gone = get_memo(session, memo_id)
    rec = Recorder(session, coder_id, "memo.delete", f"delete memo {memo_id}")
    rec.delete(Memo, [[memo_id]])
    rec.finish()
    return gone


# --------------------------------------------------------------------------- reading


def get_memo(session: Session, memo_id: int) -> MemoView:
    found = _views(session, [Memo.id == memo_id])
    if not found:
        raise CodebookError("unknown memo {memo}", memo=memo_id)
    return found[0]


def coder_named(session: Session, name: str) -> int:
    """The id of an existing coder (reading never registers a new one)."""
    found = session.scalar(select(Coder.id).where(Coder.name == name.strip()))
    if found is None:
        raise CodebookError("unknown coder '{coder}'", coder=name)
    return found


def list_memos(
    session: Session,
    target: MemoTarget | None = None,
    *,
    coder: str | None = None,
    kind: str | None = None,
) -> list[MemoView]:
    """Memos on one target (or all, or all of one kind), optionally of one coder.

    Ordered as a reader wants them: the project's first, then documents by
    name, then codes in codebook order; on one target, oldest first.
    """
    where: list[Any] = []
    if target is not None:
        where.append(Memo.target_kind == target.kind)
        if target.id is not None:
            where.append(Memo.target_id == target.id)
    elif kind is not None:
        if kind not in TARGET_KINDS:
            raise CodebookError(
                "memos are on {kinds}, not {kind}", kinds=", ".join(TARGET_KINDS), kind=kind
            )
        where.append(Memo.target_kind == kind)
    if coder is not None:
        where.append(Memo.coder_id == coder_named(session, coder))
    return _views(session, where)


def code_memos(session: Session) -> dict[int, list[MemoView]]:
    """Every memo on a code, by code id (what the codebook screen shows beside a code)."""
    out: dict[int, list[MemoView]] = {}
    for memo in _views(session, [Memo.target_kind == "code"]):
        if memo.target.id is not None:
            out.setdefault(memo.target.id, []).append(memo)
    return out


def _views(session: Session, where: Sequence[Any]) -> list[MemoView]:
    rows = session.execute(
        select(
            Memo.id,
            Memo.target_kind,
            Memo.target_id,
            Memo.coder_id,
            Coder.name,
            Memo.title,
            Memo.text,
            Memo.created_at,
            Memo.updated_at,
        )
        .join(Coder, Coder.id == Memo.coder_id)
        .where(*where)
        .order_by(Memo.created_at, Memo.id)
    ).all()
    if not rows:
        return []
    kinds = {r.target_kind for r in rows}
    order: dict[tuple[str, int | None], int] = {}
    labels: dict[tuple[str, int | None], tuple[str, bool]] = {("project", None): ("", False)}
    if "code" in kinds:
        paths = load_code_tree(session, include_retired=True).paths()
        retired_codes = set(session.scalars(select(Code.id).where(Code.retired.is_(True))))
        for n, (code_id, path) in enumerate(paths.items()):
            order[("code", code_id)] = n
            labels[("code", code_id)] = (path, code_id in retired_codes)
    if "document" in kinds:
        docs = session.execute(select(Document.id, Document.name).order_by(Document.name))
        for n, (doc_id, name) in enumerate(docs):
            order[("document", doc_id)] = n
            labels[("document", doc_id)] = (name, False)
    views = []
    for r in rows:
        key = (r.target_kind, r.target_id)
        if r.target_kind == "coding":
            label, retired = str(r.target_id), False
        else:  # a target that is gone (an undone import, say) still names itself
            label, retired = labels.get(key, (f"{r.target_id} (gone)", False))
        views.append(
            MemoView(
                id=r.id,
                target=MemoTarget(r.target_kind, r.target_id, label, retired),
                coder_id=r.coder_id,
                coder=r.name,
                title=r.title or "",
                text=r.text,
                created_at=r.created_at,
                updated_at=r.updated_at,
            )
        )
    views.sort(
        key=lambda v: (
            _KIND_ORDER.get(v.target.kind, 9),
            order.get((v.target.kind, v.target.id), 1 << 30),
            v.target.id or 0,
        )
    )  # stable: within one target, oldest first
    return views
