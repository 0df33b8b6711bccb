"""Applying codings written as quotes in a YAML file (the coded demo project).

The file says *what* is coded, not where, so it survives any change to how
transcripts are imported::

    codings:
      - document: woa-01-coordinator.docx
        coder: analist-a          # optional; the caller gives the default
        code: Kennisdeling > Landelijke kennisdeling   # a path or a unique name
        quote: "exact passage as it appears in the document text"
        occurrence: 1             # which one, when the passage occurs more than once
        memo: "optional note"
    memos:                        # analytic memos, optional
      - coder: analist-b          # optional, as for codings
        code: Rol van de coördinator > Coördinator als spil   # or document: NAME, or project: true
        title: "optional one-line title"
        text: "the memo"
        date: 2018-06-04          # optional: when it was written (default: now)

A quote matches when it equals a passage of the stored text after runs of
whitespace (spaces, line breaks, tabs) are squeezed to one space on both
sides, and after NFC normalisation of the quote; the coding gets the
passage's offsets in the original text. A quote found more than once without
``occurrence`` is an error, not a silent pick of the first: the author adds
``occurrence: N`` and the demo codes what was meant.

Everything is checked before anything is applied; any problem is a
``CodebookError`` naming the file, the entry's line and the problem. Codings
and memos are applied as one undoable action each per coder, and codings and
memos that already exist (a memo: same coder, target, title and text) are
skipped, so applying the same file twice changes nothing.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Memo
from codebook.domain import CodebookError
from codebook.domain.memos import MemoTarget
from codebook.services.codebook.codes import resolve_code
from codebook.services.coding import NewCoding, apply_codings
from codebook.services.documents import resolve_document
from codebook.services.memos import (
    TITLE_MAX,
    MemoDraft,
    add_memos,
    code_target,
    document_target,
    project_target,
)
from codebook.services.project_store import coder_id

_SECTIONS = ("codings", "memos")
_KEYS = {"document", "coder", "code", "quote", "occurrence", "memo"}
_MEMO_KEYS = {"coder", "code", "document", "project", "title", "text", "date"}
_REQUIRED = ("document", "code", "quote")
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")  # runs of 2+, or one tab / line break


@dataclass(frozen=True)
class DemoCoding:
    """One entry of the file; ``line`` is 1-based, for messages."""

    line: int
    document: str
    code: str
    quote: str
    coder: str | None = None
    occurrence: int | None = None
    memo: str | None = None


@dataclass(frozen=True)
class DemoMemo:
    """One memo of the file: on a code, a document, or the project (``project: true``)."""

    line: int
    text: str
    code: str | None = None
    document: str | None = None
    project: bool = False
    coder: str | None = None
    title: str = ""
    written: date | None = None


@dataclass(frozen=True)
class DemoFile:
    codings: list[DemoCoding] = field(default_factory=list)
    memos: list[DemoMemo] = field(default_factory=list)


@dataclass(frozen=True)
class DemoApplied:
    """New codings and new memos, per coder."""

    codings: dict[str, int]
    memos: dict[str, int]


class SqueezedText:
    """A text with whitespace runs squeezed to one space, and the way back to offsets.

    ``breaks[k]``/``shifts[k]``: from squeezed position ``breaks[k]`` on, the
    original offset is the squeezed one plus ``shifts[k]``.
    """

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        self.breaks, self.shifts = [0], [0]
        last = removed = 0
        for m in _WHITESPACE.finditer(text):
            parts += [text[last : m.start()], " "]
            removed += m.end() - m.start() - 1
            self.breaks.append(m.end() - removed)
            self.shifts.append(removed)
            last = m.end()
        parts.append(text[last:])
        self.text = "".join(parts)

    def original(self, position: int) -> int:
        k = bisect.bisect_right(self.breaks, position) - 1
        return position + self.shifts[k]

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Every occurrence (overlapping ones too) as original (start, end) offsets."""
        out, at = [], self.text.find(needle)
        while at >= 0:
            out.append((self.original(at), self.original(at + len(needle) - 1) + 1))
            at = self.text.find(needle, at + 1)
        return out


def squeeze(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def read_demo_codings(path: str | Path) -> list[DemoCoding]:
    """Parse the file and check each coding's shape (not yet against the project)."""
    return read_demo_file(path).codings


def read_demo_file(path: str | Path) -> DemoFile:
    """Parse the file and check each entry's shape (not yet against the project)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError("{file}: cannot read ({problem})", file=path, problem=exc) from exc
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return DemoFile()
        sections = _sections(path, root)
        return DemoFile(
            [_entry(path, loader, node) for node in sections["codings"]],
            [_memo_entry(path, loader, node) for node in sections["memos"]],
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            raise CodebookError(
                "{file}: not valid YAML: {problem}", file=path, problem=problem
            ) from exc
        raise CodebookError(
            "{file}:{line}: not valid YAML: {problem}",
            file=path,
            line=mark.line + 1,
            problem=problem,
        ) from exc
    finally:
        loader.dispose()


def _sections(path: Path, root: yaml.Node) -> dict[str, list[yaml.Node]]:
    """The entries under ``codings:`` and ``memos:`` (either may be left out)."""
    if not isinstance(root, yaml.MappingNode):
        raise _no_sections(path, root.start_mark.line + 1)
    found: dict[str, list[yaml.Node]] = {}
    for key, value in root.value:
        line = key.start_mark.line + 1
        if key.value not in _SECTIONS:
            if not any(k.value in _SECTIONS for k, _v in root.value):
                raise _no_sections(path, 1)
            raise CodebookError(
                "{file}:{line}: unknown top-level key '{key}' (use codings, memos)",
                file=path,
                line=line,
                key=key.value,
            )
        if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
            found[key.value] = []
        elif isinstance(value, yaml.SequenceNode):
            found[key.value] = list(value.value)
        else:
            raise CodebookError(
                "{file}:{line}: '{key}' must be a list of entries",
                file=path,
                line=value.start_mark.line + 1,
                key=key.value,
            )
    return {name: found.get(name, []) for name in _SECTIONS}


def _no_sections(path: Path, line: int) -> CodebookError:
    return CodebookError(
        "{file}:{line}: expected 'codings:' or 'memos:' at the top", file=path, line=line
    )


def _mapping(
    path: Path,
    loader: yaml.SafeLoader,
    node: yaml.Node,
    keys: Collection[str],
    what: tuple[CodebookError, str, CodebookError],
) -> tuple[int, Mapping[Any, Any]]:
    """An entry's line and its mapping, with only ``keys`` in it.

    ``what`` words the messages: (the entry, its fields, how a key is named).
    """
    line = node.start_mark.line + 1
    entry, fields, key_name = what
    if not isinstance(node, yaml.MappingNode):
        raise CodebookError(
            "{file}:{line}: {entry} must be a mapping ({fields})",
            file=path,
            line=line,
            entry=entry,
            fields=fields,
        )
    data: Mapping[Any, Any] = loader.construct_mapping(node, deep=True)
    unknown = sorted(str(k) for k in data if k not in keys)
    if unknown:
        raise CodebookError(
            "{file}:{line}: unknown {kind} '{key}' (use {choices})",
            file=path,
            line=line,
            kind=key_name,
            key=unknown[0],
            choices=", ".join(sorted(keys)),
        )
    return line, data


def _entry(path: Path, loader: yaml.SafeLoader, node: yaml.Node) -> DemoCoding:
    what = (CodebookError("an entry"), "document, code, quote", CodebookError("key"))
    line, data = _mapping(path, loader, node, _KEYS, what)
    for key in _REQUIRED:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise CodebookError(
                "{file}:{line}: '{key}' is missing or empty", file=path, line=line, key=key
            )
    occurrence = data.get("occurrence")
    if occurrence is not None and (
        isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1
    ):
        raise CodebookError(
            "{file}:{line}: 'occurrence' must be a whole number from 1", file=path, line=line
        )
    for key in ("coder", "memo"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise CodebookError(
                "{file}:{line}: '{key}' must be text", file=path, line=line, key=key
            )
    return DemoCoding(
        line=line,
        document=data["document"].strip(),
        code=data["code"].strip(),
        quote=data["quote"],
        coder=(data.get("coder") or "").strip() or None,
        occurrence=occurrence,
        memo=data.get("memo") or None,
    )


def _memo_entry(path: Path, loader: yaml.SafeLoader, node: yaml.Node) -> DemoMemo:
    what = (CodebookError("a memo"), "code, title, text", CodebookError("memo key"))
    line, data = _mapping(path, loader, node, _MEMO_KEYS, what)
    if not isinstance(data.get("text"), str) or not data["text"].strip():
        raise CodebookError(
            "{file}:{line}: the memo's 'text' is missing or empty", file=path, line=line
        )
    for key in ("coder", "title", "code", "document"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise CodebookError(
                "{file}:{line}: '{key}' must be text", file=path, line=line, key=key
            )
    title = data.get("title") or ""
    if "\n" in title.strip() or len(title.strip()) > TITLE_MAX:
        raise CodebookError(
            "{file}:{line}: 'title' must be one line of at most {limit}",
            file=path,
            line=line,
            limit=TITLE_MAX,
        )
    on_project = data.get("project", False)
    if not isinstance(on_project, bool):
        raise CodebookError("{file}:{line}: 'project' must be true or false", file=path, line=line)
    targets = [k for k in ("code", "document") if data.get(k)] + (["project"] if on_project else [])
    if len(targets) != 1:
        raise CodebookError(
            "{file}:{line}: a memo is on exactly one of code, document or project: true",
            file=path,
            line=line,
        )
    written = data.get("date")
    if written is not None and (isinstance(written, datetime) or not isinstance(written, date)):
        raise CodebookError(
            "{file}:{line}: 'date' must be a date (yyyy-mm-dd)", file=path, line=line
        )
    return DemoMemo(
        line=line,
        text=data["text"],
        code=(data.get("code") or "").strip() or None,
        document=(data.get("document") or "").strip() or None,
        project=on_project,
        coder=(data.get("coder") or "").strip() or None,
        title=title.strip(),
        written=written,
    )


def _memo_target(session: Session, entry: DemoMemo) -> MemoTarget:
    if entry.code is not None:
        return code_target(session, entry.code)
    if entry.document is not None:
        return document_target(session, entry.document)
    return project_target()


def locate(entry: DemoCoding, text: SqueezedText, document: str) -> tuple[int, int]:
    """Offsets of the entry's quote in a document; raises when absent or ambiguous."""
    needle = squeeze(unicodedata.normalize("NFC", entry.quote)).strip()
    found = text.find_all(needle)
    short = needle if len(needle) <= 60 else needle[:57] + "..."
    if not found:
        raise CodebookError(
            "quote not found in '{document}': \"{quote}\"", document=document, quote=short
        )
    if entry.occurrence is None:
        if len(found) > 1:
            raise CodebookError(
                "quote occurs {count} times in '{document}': \"{quote}\"; "
                "add 'occurrence: 1' to {count}",
                count=len(found),
                document=document,
                quote=short,
            )
        return found[0]
    if entry.occurrence > len(found):
        raise CodebookError(
            "occurrence {occurrence} asked, but the quote occurs {count} "
            "time(s) in '{document}': \"{quote}\"",
            occurrence=entry.occurrence,
            count=len(found),
            document=document,
            quote=short,
        )
    return found[entry.occurrence - 1]


def apply_demo_codings(session: Session, path: str | Path, default_coder: str) -> dict[str, int]:
    """Check every entry, then apply all codings (and memos); returns new codings per coder.

    Call it inside one ``store.write()``: on any error nothing is applied.
    """
    return apply_demo_file(session, path, default_coder).codings


def apply_demo_file(session: Session, path: str | Path, default_coder: str) -> DemoApplied:
    """Check every entry, then apply all codings and memos; returns what was new, per coder.

    Call it inside one ``store.write()``: on any error nothing is applied.
    """
    path = Path(path)
    parsed = read_demo_file(path)
    entries = parsed.codings
    texts: dict[int, SqueezedText] = {}
    batches: dict[str, list[NewCoding]] = {}
    for entry in entries:
        try:
            document = resolve_document(session, entry.document)
            code = resolve_code(session, entry.code)
            if code.retired:
                raise CodebookError("code '{code}' is retired", code=entry.code)
            if document.id not in texts:
                texts[document.id] = SqueezedText(document.text)
            start, end = locate(entry, texts[document.id], document.name)
        except CodebookError as exc:
            raise CodebookError(
                "{file}:{line}: {problem}", file=path, line=entry.line, problem=exc
            ) from exc
        coder = entry.coder or default_coder
        batches.setdefault(coder, []).append(
            NewCoding(document.id, code.id, start, end, entry.memo)
        )
    drafts: dict[str, list[MemoDraft]] = {}
    for memo in parsed.memos:
        try:
            target = _memo_target(session, memo)
        except CodebookError as exc:
            raise CodebookError(
                "{file}:{line}: {problem}", file=path, line=memo.line, problem=exc
            ) from exc
        written = None if memo.written is None else datetime.combine(memo.written, time(12))
        drafts.setdefault(memo.coder or default_coder, []).append(
            MemoDraft(target, memo.text, memo.title, written)
        )
    applied: dict[str, int] = {}
    for coder, items in batches.items():
        ids = apply_codings(
            session, coder_id(session, coder), items, f"demo codings from {path.name}"
        )
        applied[coder] = len(ids)
    memos: dict[str, int] = {}
    for coder, todo in drafts.items():
        cid = coder_id(session, coder)
        new = _new_memos(session, cid, todo)
        if new:
            add_memos(session, cid, new, f"demo memos from {path.name}")
        memos[coder] = len(new)
    return DemoApplied(applied, memos)


def _new_memos(session: Session, coder: int, drafts: list[MemoDraft]) -> list[MemoDraft]:
    """The drafts this coder has not written yet (same target, title and text)."""
    rows = session.execute(
        select(Memo.target_kind, Memo.target_id, Memo.title, Memo.text).where(
            Memo.coder_id == coder
        )
    )
    existing: set[tuple[str, int | None, str, str]] = {
        (kind, target, title or "", text) for kind, target, title, text in rows
    }
    out = []
    for draft in drafts:
        key = (draft.target.kind, draft.target.id, draft.title.strip(), draft.text.strip())
        if key not in existing:
            existing.add(key)
            out.append(draft)
    return out
