"""What the theme report says, gathered from the project, independent of Word.

The docx writer renders these dataclasses; a future HTML or Markdown report
(or a TUI preview) can render the same ones. Themes are gathered one at a
time (``gather_theme``) so a writer can report progress per chapter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy.orm import Session

from codebook.domain import AttributeType, CodebookError
from codebook.domain.analysis import DEFAULT_BY, TOTAL
from codebook.domain.codebook import PATH_SEPARATOR, CodeItem
from codebook.domain.exports import ReportOptions
from codebook.domain.history import HistoryEntry
from codebook.domain.queries import Code, Filters
from codebook.domain.quotes import Quote
from codebook.domain.review import ReviewedCount
from codebook.domain.surveys import SurveyItem
from codebook.services.analysis import CodingSet
from codebook.services.codebook.codes import load_code_tree, resolve_code
from codebook.services.codebook.history import codebook_history
from codebook.services.codebook.log import current_version
from codebook.services.documents import attribute_names
from codebook.services.export.labels import labels
from codebook.services.export.report_figures import (
    ReportFigure,
    linked_items,
    segments_figure_of,
    survey_figures,
)
from codebook.services.memos import list_memos
from codebook.services.project_store import coders_by_id, meta
from codebook.services.retrieval.quotes import retrieve
from codebook.services.review import reviewed_counts
from codebook.services.surveys.items import list_items
from codebook.services.workspace import code_items


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
    keywords: tuple[str, ...] = ()  # the code's and the theme's, to highlight in the quotes
    color: str = ""  # the code's colour, "#RRGGBB"


@dataclass(frozen=True)
class MemoRow:
    code: str
    title: str
    text: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class Theme:
    code: CodeItem
    counts: tuple[CountTable, ...]
    groups: tuple[QuoteGroup, ...]
    memos: tuple[MemoRow, ...]
    figures: tuple[ReportFigure, ...] = ()

    @property
    def quote_count(self) -> int:
        return sum(len(g.quotes) for g in self.groups)


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
    #: whose codings the counts and quotes count, and the double-coding warning,
    #: in the report's language
    counted: list[str] = field(default_factory=list)
    #: every code, retired ones too, in codebook order; the chapters read their codes here
    codebook: list[CodeItem] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    #: memos on the project and on documents (memos on codes go with their theme);
    #: ``MemoRow.code`` holds the document's name, or "" for the project
    memos: list[MemoRow] = field(default_factory=list)
    #: by code id, how many of its codings were re-checked after its definition changed
    reviewed: dict[int, ReviewedCount] = field(default_factory=dict)
    #: every questionnaire item, read once for the chapters that show linked ones
    survey_items: list[SurveyItem] = field(default_factory=list)


def describe_filters(filters: Filters) -> str:
    """``werkplaats = WOA or POINT; rol = schoolleider; coder: anna`` (empty: no filter)."""
    parts = [f"{key} = {' or '.join(values)}" for key, values in filters.where.items()]
    if filters.coders:
        parts.append(f"coder: {', '.join(filters.coders)}")
    return "; ".join(parts)


def _default_by(session: Session) -> list[str]:
    names = {n.lower(): n for n in attribute_names(session)}
    chosen = [names[n] for n in DEFAULT_BY if n in names]
    if "rol" in names and "role" in names:
        chosen.remove(names["role"])
    if chosen:
        return chosen
    return attribute_names(session, AttributeType.CATEGORY)[:2]


def theme_ids(session: Session, refs: Sequence[str]) -> list[int]:
    """The chapters' codes: ``refs`` resolved, or every top-level code when empty."""
    if not refs:
        return list(load_code_tree(session, include_retired=False).children())
    out: list[int] = []
    for ref in refs:
        code = resolve_code(session, ref)
        if code.id not in out:
            out.append(code.id)
    return out


def report_codes(session: Session, themes: Sequence[int]) -> list[int]:
    """Every code a report on ``themes`` counts or quotes: the themes and all below them."""
    tree = load_code_tree(session, include_retired=True)
    return sorted({c for theme in themes for c in tree.descendants(theme)})


def gather_head(
    session: Session, data: CodingSet, options: ReportOptions, themes: Sequence[int]
) -> ReportHead:
    """Title page facts, chosen attributes, the theme list, codebook and history."""
    by = list(options.by) or _default_by(session)
    known = {n.lower(): n for n in attribute_names(session)}
    for name in [*by, *(options.citation or ())]:
        if name.lower() not in known:
            listed = ", ".join(sorted(known.values())) or CodebookError("none yet")
            raise CodebookError(
                "unknown attribute '{name}' (attributes: {listed})", name=name, listed=listed
            )
    by = [known[n.lower()] for n in by]
    if options.citation is not None:
        citation = [known[n.lower()] for n in options.citation]
    else:  # role first, as a citation reads: "Judith (coördinator, WOA)"
        citation = sorted(by, key=lambda n: n.lower() not in ("rol", "role"))
    coders = coders_by_id(session)
    return ReportHead(
        project=meta(session, "name"),
        day=date.today(),
        coders=list(data.counted.coders) or sorted(coders.values()),
        codebook_version=current_version(session),
        documents=len(data.documents),
        selection=describe_filters(options.filters),
        by=by,
        citation=citation,
        theme_ids=list(themes),
        counted=data.counted.lines(options.lang),
        codebook=code_items(session, include_retired=True),
        history=codebook_history(session),
        memos=_general_memos(session),
        reviewed=reviewed_counts(session),
        survey_items=list_items(session) if options.figures else [],
    )


def _general_memos(session: Session) -> list[MemoRow]:
    return [
        MemoRow(m.target.label, m.title, m.text, m.coder, m.created_at)
        for kind in ("project", "document")
        for m in list_memos(session, kind=kind)
    ]


def _counts(data: CodingSet, theme_id: int, by: str) -> CountTable:
    tables = {
        unit: data.frequencies(by, unit, codes=[theme_id], with_children=True, total=True)
        for unit in ("documents", "segments", "words")
    }
    rows = tuple(
        CountRow(
            value,
            tables["documents"].cells[0][i],
            tables["segments"].cells[0][i],
            tables["words"].cells[0][i],
        )
        for i, value in enumerate(tables["segments"].columns)
    )
    return CountTable(by, rows)


def _one_per_passage(quotes: list[Quote]) -> list[Quote]:
    """A passage coded alike by several coders is quoted once, with all their codings.

    Overlapping codings are already one quote unless coders are summed; then
    the count tables count each coding, while a passage is still quoted once.
    """
    out: dict[tuple[int, int, int], Quote] = {}
    for q in quotes:
        key = (q.document_id, q.start, q.end)
        found = out.get(key)
        out[key] = q if found is None else replace(found, codings=found.codings + q.codings)
    return list(out.values())


def _memos(session: Session, code_ids: Sequence[int], paths: Mapping[int, str]) -> list[MemoRow]:
    """The memos on ``code_ids``, oldest first across all of them."""
    wanted = set(code_ids)
    found = [m for m in list_memos(session, kind="code") if m.target.id in wanted]
    found.sort(key=lambda m: (m.created_at, m.id))
    return [
        MemoRow(paths.get(m.target.id or 0, ""), m.title, m.text, m.coder, m.created_at)
        for m in found
    ]


def gather_theme(
    session: Session, data: CodingSet, head: ReportHead, theme_id: int, options: ReportOptions
) -> Theme:
    """One chapter: definition, count tables, quotes grouped by code, memos.

    The codes' definitions come from ``head.codebook``, read once for all chapters.
    """
    codes = {c.id: c for c in head.codebook}
    theme = codes.get(theme_id)
    if theme is None:
        raise CodebookError("unknown code {code}", code=theme_id)
    theme_path = data.tree.path(theme_id)
    quotes = retrieve(session, Code(theme_id, with_children=True), options.filters)
    by_code: dict[int, list[Quote]] = {}
    for q in quotes:
        by_code.setdefault(q.codings[0].code_id, []).append(q)
    by_code = {code_id: _one_per_passage(found) for code_id, found in by_code.items()}
    limit = options.max_quotes
    groups: list[QuoteGroup] = []
    members = data.tree.descendants(theme_id)
    for code_id in members:
        found = by_code.get(code_id, [])
        entry = codes.get(code_id)
        if entry is not None and entry.retired and not found:
            continue
        path = data.tree.path(code_id)
        label = path[len(theme_path) + len(PATH_SEPARATOR) :] if code_id != theme_id else path
        shown = found if limit is None else found[:limit]
        groups.append(
            QuoteGroup(
                code_id=code_id,
                label=label,
                depth=path.count(PATH_SEPARATOR) - theme_path.count(PATH_SEPARATOR),
                brief_definition=entry.brief_definition if entry else "",
                quotes=tuple(shown),
                hidden=len(found) - len(shown),
                keywords=(*(entry.keywords if entry else ()), *theme.keywords),
                color=(entry.color if entry else "") or theme.color,
            )
        )
    return Theme(
        code=theme,
        counts=tuple(_counts(data, theme_id, name) for name in head.by),
        groups=tuple(groups),
        memos=tuple(_memos(session, members, data.tree.paths())),
        figures=tuple(_figures(session, data, head, theme_id, options)) if options.figures else (),
    )


def _figures(
    session: Session, data: CodingSet, head: ReportHead, theme_id: int, options: ReportOptions
) -> list[ReportFigure]:
    """The theme's questionnaire figures, then its coded segments per the first count
    attribute (werkplaats), each grouped by that attribute."""
    if not head.by:
        return []
    by = head.by[0]
    lab = labels(options.lang)
    items = linked_items(head.survey_items, data.tree.path(theme_id))
    figures = survey_figures(
        session, items, by, options.filters.where, options.split_threshold, options.lang
    )
    name = data.tree.path(theme_id).rsplit(PATH_SEPARATOR, 1)[-1]
    caption = lab["segments_figure"].format(theme=name, attribute=by)
    segments = segments_figure_of(data, theme_id, by, caption, options.lang)
    return [*figures, *([segments] if segments else [])]


def total_row(table: CountTable) -> CountRow:
    """The table's TOTAL row."""
    return next(r for r in table.rows if r.value == TOTAL)
