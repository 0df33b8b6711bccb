"""What the theme report says, gathered from the project, independent of Word.

The docx writer renders these dataclasses; a future HTML or Markdown report
(or a TUI preview) can render the same ones. Themes are gathered one at a
time (``gather_theme``) so a writer can report progress per chapter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Attribute, CodebookEvent, Coder, Memo
from codebook.db.models import Code as CodeRow
from codebook.domain import CodebookError, CodeFields
from codebook.domain.analysis import DEFAULT_BY, TOTAL
from codebook.domain.codebook import PATH_SEPARATOR
from codebook.domain.exports import ReportOptions
from codebook.domain.queries import Code, Filters
from codebook.domain.quotes import Quote
from codebook.services.analysis import CodingSet
from codebook.services.codebook.codes import (
    code_fields,
    code_tree,
    coding_counts,
    resolve_code,
    walk_tree,
)
from codebook.services.codebook.log import current_version
from codebook.services.project import meta
from codebook.services.retrieval import children_map, expand, retrieve


@dataclass(frozen=True)
class CountRow:
    value: str
    documents: int
    segments: int
    words: int


@dataclass(frozen=True)
class CountTable:
    """Counts of a theme (with its children) per value of one attribute; last row: total."""

    attribute: str
    rows: tuple[CountRow, ...]


@dataclass(frozen=True)
class QuoteGroup:
    """The quotes of one code within a theme (the theme itself or a code below it)."""

    code_id: int
    label: str  # path relative to the theme
    depth: int  # 0 for the theme itself
    brief_definition: str
    quotes: tuple[Quote, ...]
    hidden: int  # quotes beyond max_quotes


@dataclass(frozen=True)
class MemoRow:
    code: str
    title: str
    text: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class Theme:
    code_id: int
    path: str
    fields: CodeFields
    counts: tuple[CountTable, ...]
    groups: tuple[QuoteGroup, ...]
    memos: tuple[MemoRow, ...]

    @property
    def quote_count(self) -> int:
        return sum(len(g.quotes) for g in self.groups)


@dataclass(frozen=True)
class CodebookEntry:
    code_id: int
    path: str
    depth: int
    fields: CodeFields
    retired: bool
    codings: int


@dataclass(frozen=True)
class HistoryRow:
    version: int
    kind: str
    who: str
    when: datetime
    reason: str


@dataclass
class ReportHead:
    """Everything but the chapters: title page facts, the theme list, the appendix."""

    project: str
    day: date
    coders: list[str]
    codebook_version: int
    documents: int
    selection: str
    by: list[str]
    citation: list[str]
    theme_ids: list[int]
    codebook: list[CodebookEntry] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)
    #: memos on the project and on documents (memos on codes go with their theme);
    #: ``MemoRow.code`` holds the document's name, or "" for the project
    memos: list[MemoRow] = field(default_factory=list)


def describe_filters(filters: Filters) -> str:
    """``werkplaats = WOA or POINT; rol = schoolleider; coder: anna`` (empty: no filter)."""
    parts = [f"{key} = {' or '.join(values)}" for key, values in filters.where.items()]
    if filters.coders:
        parts.append(f"coder: {', '.join(filters.coders)}")
    return "; ".join(parts)


def _default_by(session: Session) -> list[str]:
    names = {n.lower(): n for n in session.scalars(select(Attribute.name))}
    chosen = [names[n] for n in DEFAULT_BY if n in names]
    if "rol" in names and "role" in names:
        chosen.remove(names["role"])
    if chosen:
        return chosen
    categories = session.scalars(
        select(Attribute.name).where(Attribute.type == "category").order_by(Attribute.name)
    )
    return list(categories)[:2]


def theme_ids(session: Session, refs: Sequence[str]) -> list[int]:
    """The chapters' codes: ``refs`` resolved, or every top-level code when empty."""
    if not refs:
        return [n.code.id for n in code_tree(session)]
    out: list[int] = []
    for ref in refs:
        code = resolve_code(session, ref)
        if code.id not in out:
            out.append(code.id)
    return out


def report_codes(session: Session, themes: Sequence[int]) -> list[int]:
    """Every code a report on ``themes`` counts or quotes: the themes and all below them."""
    children = children_map(session)
    return sorted({c for theme in themes for c in expand(children, theme)})


def gather_head(
    session: Session, data: CodingSet, options: ReportOptions, themes: Sequence[int]
) -> ReportHead:
    """Title page facts, chosen attributes, the theme list, codebook and history."""
    by = list(options.by) or _default_by(session)
    known = {n.lower(): n for n in session.scalars(select(Attribute.name))}
    for name in [*by, *(options.citation or ())]:
        if name.lower() not in known:
            listed = ", ".join(sorted(known.values())) or "none yet"
            raise CodebookError(f"unknown attribute '{name}' (attributes: {listed})")
    by = [known[n.lower()] for n in by]
    if options.citation is not None:
        citation = [known[n.lower()] for n in options.citation]
    else:  # role first, as a citation reads: "Judith (coördinator, WOA)"
        citation = sorted(by, key=lambda n: n.lower() not in ("rol", "role"))
    coder_ids = {r.coder_id for r in data.records}
    coders = {k: v for k, v in session.execute(select(Coder.id, Coder.name))}
    return ReportHead(
        project=meta(session, "name"),
        day=date.today(),
        coders=sorted(coders[i] for i in coder_ids) if coder_ids else sorted(coders.values()),
        codebook_version=current_version(session),
        documents=len(data.documents),
        selection=describe_filters(options.filters),
        by=by,
        citation=citation,
        theme_ids=list(themes),
        codebook=codebook_entries(session),
        history=history(session),
        memos=_general_memos(session),
    )


def _general_memos(session: Session) -> list[MemoRow]:
    from codebook.services.memos import list_memos

    return [
        MemoRow(m.target.label, m.title, m.text, m.coder, m.created_at)
        for kind in ("project", "document")
        for m in list_memos(session, kind=kind)
    ]


def codebook_entries(session: Session) -> list[CodebookEntry]:
    """Every code, retired ones too, in codebook order, with all structured fields."""
    counts = coding_counts(session)
    return [
        CodebookEntry(
            n.code.id,
            n.path,
            n.depth,
            code_fields(n.code),
            n.code.retired,
            counts.get(n.code.id, 0),
        )
        for n in walk_tree(code_tree(session, include_retired=True))
    ]


def history(session: Session) -> list[HistoryRow]:
    """The codebook's revision log, oldest first."""
    rows = session.execute(
        select(
            CodebookEvent.version,
            CodebookEvent.kind,
            Coder.name,
            CodebookEvent.created_at,
            CodebookEvent.reason,
        )
        .join(Coder, Coder.id == CodebookEvent.coder_id)
        .order_by(CodebookEvent.version)
    )
    return [HistoryRow(v, k, who, when, reason or "") for v, k, who, when, reason in rows]


def _counts(data: CodingSet, theme_id: int, by: str) -> CountTable:
    tables = {
        unit: data.frequencies(by, unit, codes=[theme_id], with_children=True, total=True)
        for unit in ("documents", "segments", "words")
    }
    columns = list(tables["segments"].columns)
    rows = tuple(
        CountRow(
            value,
            int(tables["documents"].iloc[0][value]),
            int(tables["segments"].iloc[0][value]),
            int(tables["words"].iloc[0][value]),
        )
        for value in columns
    )
    return CountTable(by, rows)


def _one_per_passage(quotes: list[Quote]) -> list[Quote]:
    """A passage coded alike by several coders is quoted once, with all their codings.

    (The count tables still count each coding as a segment.)
    """
    out: dict[tuple[int, int, int], Quote] = {}
    for q in quotes:
        key = (q.document_id, q.start, q.end)
        found = out.get(key)
        out[key] = q if found is None else replace(found, codings=found.codings + q.codings)
    return list(out.values())


def _memos(session: Session, code_ids: Sequence[int], paths: dict[int, str]) -> list[MemoRow]:
    rows = session.execute(
        select(Memo.target_id, Memo.title, Memo.text, Coder.name, Memo.created_at)
        .join(Coder, Coder.id == Memo.coder_id)
        .where(Memo.target_kind == "code", Memo.target_id.in_(code_ids))
        .order_by(Memo.created_at, Memo.id)
    )
    return [
        MemoRow(paths.get(t or 0, ""), title or "", text, who, when)
        for t, title, text, who, when in rows
    ]


def gather_theme(
    session: Session, data: CodingSet, head: ReportHead, theme_id: int, options: ReportOptions
) -> Theme:
    """One chapter: definition, count tables, quotes grouped by code, memos."""
    code = session.get(CodeRow, theme_id)
    if code is None:
        raise CodebookError(f"unknown code {theme_id}")
    theme_path = data.paths[theme_id]
    quotes = retrieve(session, Code(theme_id, with_children=True), options.filters)
    by_code: dict[int, list[Quote]] = {}
    for q in quotes:
        by_code.setdefault(q.codings[0].code_id, []).append(q)
    by_code = {code_id: _one_per_passage(found) for code_id, found in by_code.items()}
    retired = {c.id for c in session.scalars(select(CodeRow).where(CodeRow.retired.is_(True)))}
    limit = options.max_quotes
    groups: list[QuoteGroup] = []
    members = expand(data.children, theme_id)
    for code_id in members:
        found = by_code.get(code_id, [])
        if code_id in retired and not found:
            continue
        path = data.paths[code_id]
        label = path[len(theme_path) + len(PATH_SEPARATOR) :] if code_id != theme_id else path
        shown = found if limit is None else found[:limit]
        entry = session.get(CodeRow, code_id)
        groups.append(
            QuoteGroup(
                code_id=code_id,
                label=label,
                depth=path.count(PATH_SEPARATOR) - theme_path.count(PATH_SEPARATOR),
                brief_definition=entry.brief_definition if entry else "",
                quotes=tuple(shown),
                hidden=len(found) - len(shown),
            )
        )
    return Theme(
        code_id=theme_id,
        path=theme_path,
        fields=code_fields(code),
        counts=tuple(_counts(data, theme_id, name) for name in head.by),
        groups=tuple(groups),
        memos=tuple(_memos(session, members, data.paths)),
    )


def total_row(table: CountTable) -> CountRow:
    """The table's TOTAL row."""
    return next(r for r in table.rows if r.value == TOTAL)
