"""``codebook search PROJECT QUERY`` and ``codebook index PROJECT``: find every place
something is said, as keyword-in-context lines with counts, and code the hits in one step.

The index is brought up to date before a search (with a progress bar when
documents must be indexed). ``--code-as`` previews coding the hits and codes
them only with ``--yes``, as one action ``codebook undo`` takes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from codebook.cli.common import (
    Cell,
    Column,
    FormatOpt,
    Output,
    ProjectArg,
    WhereOpt,
    console,
    found_nothing,
    one_line,
    opened,
    print_rows,
    progress_bar,
    refuse,
    say,
    tell,
    top_level_commands,
    translated,
)
from codebook.cli.labels.search import LABELS

if TYPE_CHECKING:
    from codebook.domain.search import BulkPreview, BulkScope, SearchResult

search_app = top_level_commands()

MIN_SIDE = 10
"""Context characters kept either side in a narrow terminal; CSV and JSON carry it whole."""

SCOPES = ("word", "sentence", "turn")


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


@search_app.command("search")
def search(
    project: ProjectArg,
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help="Words, a phrase, or a pattern with --regex.")
    ],
    lemma: Annotated[
        bool, typer.Option("--lemma", help="Match every inflection of the words.")
    ] = False,
    regex: Annotated[
        bool, typer.Option("--regex", help="QUERY is a regular expression (Python syntax).")
    ] = False,
    phrase: Annotated[
        bool, typer.Option("--phrase", help="The words must follow each other.")
    ] = False,
    where: WhereOpt = None,
    code: Annotated[
        str | None, typer.Option("--code", help="Only inside this code's segments.")
    ] = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", metavar="NAME", help="Only in this speaker's turns.")
    ] = None,
    documents: Annotated[
        list[str] | None, typer.Option("--doc", metavar="NAME", help="Only this document.")
    ] = None,
    context: Annotated[
        int, typer.Option("--context", metavar="N", min=0, help="Words shown either side.")
    ] = 8,
    counts: Annotated[
        bool, typer.Option("--counts", help="Also count the hits per attribute value.")
    ] = False,
    code_as: Annotated[
        str | None, typer.Option("--code-as", metavar="CODE", help="Code the hits with CODE.")
    ] = None,
    scope: Annotated[
        str, typer.Option("--scope", help="What --code-as codes: word, sentence or turn.")
    ] = "word",
    yes: Annotated[bool, typer.Option("--yes", help="Apply --code-as (else preview).")] = False,
    output: FormatOpt = Output.table,
) -> None:
    """Find words (a trailing * matches any ending), inflections (--lemma), phrases or
    patterns, as keyword-in-context lines with hits per document; code them with --code-as."""
    from codebook.domain.queries import parse_where
    from codebook.domain.search import SearchQuery

    if scope not in SCOPES:
        refuse(t("bad_scope", scope=scope, scopes=", ".join(SCOPES)))
    chosen = cast("BulkScope", scope)
    request = SearchQuery(
        query,
        lemma=lemma,
        phrase=phrase,
        regex=regex,
        where=tuple(parse_where(where or []).items()),
        code=code,
        speaker=speaker,
        documents=tuple(documents or ()),
        context=context,
    )
    with opened(project) as door:
        with progress_bar(t("indexing"), stderr=True) as report:
            result = door.search(request, progress=report)
        _print_hits(result, output, counts)
        if code_as is not None and result.hits:
            preview = door.preview_bulk_code(result.hits, code_as, chosen)
            _print_preview(preview, output)
            if yes:
                made = door.bulk_code(result.hits, code_as, chosen)
                tell(t("applied", count=made, code=preview.code), output)
            else:
                tell(t("apply_hint"), output)
    if not result.hits:
        found_nothing()


HIT_COLUMNS = (
    Column("document", "col_document"),
    Column("speaker", "col_speaker"),
    Column("turn", "col_turn", right=True),
    Column("offset", "col_offset", right=True),
    Column("left", "col_left", right=True),
    Column("match", "col_match"),
    Column("right", "col_right"),
)


def _print_hits(result: SearchResult, output: Output, counts: bool) -> None:
    table = output is Output.table
    if not result.hits:
        if table:
            say(t("none", query=result.query.text))
        else:
            print_rows(_columns(HIT_COLUMNS), [], title="", output=output)
        return
    side = _side_width(result) if table else 0
    rows: list[list[Cell]] = [
        [
            hit.document,
            hit.speaker,
            hit.turn,
            hit.start,
            _tail(hit.left, side) if table else hit.left,
            hit.match,
            _head(hit.right, side) if table else hit.right,
        ]
        for hit in result.hits
    ]
    title = t("hits_title", query=result.query.text, count=len(result.hits))
    print_rows(_columns(HIT_COLUMNS), rows, title=title, output=output)
    if not table:
        return
    per_document: list[list[Cell]] = [[row.value, row.hits] for row in result.per_document]
    print_rows(_counted(t("col_document")), per_document, title="", output=output)
    if counts:
        for attribute, values in result.per_attribute:
            rows = [[row.value, row.hits] for row in values]
            print_rows(_counted(attribute), rows, title="", output=output)


def _counted(header: str) -> list[Column]:
    """A count table's columns, the first headed by what is counted (the table is narrow,
    so a title would wrap)."""
    return [Column("value", header), Column("hits", t("col_hits"), right=True)]


def _side_width(result: SearchResult) -> int:
    """Characters of context either side so that a hit's line fits the terminal unwrapped,
    which keeps the matches in one column."""
    cells = [(h.document, h.speaker or "", h.turn, h.start, h.match) for h in result.hits]
    headers = [t(c.header) for c in HIT_COLUMNS if c.key not in ("left", "right")]
    fixed = sum(
        max(len(header), *(len(str(row[at])) for row in cells)) for at, header in enumerate(headers)
    )
    borders = 3 * len(HIT_COLUMNS) + 1
    return max(MIN_SIDE, (console().width - fixed - borders) // 2)


def _tail(text: str, width: int) -> str:
    """The end of the left context, cut at a word."""
    if len(text) <= width:
        return text
    cut = text[len(text) - width + 1 :]
    return "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut


def _head(text: str, width: int) -> str:
    """The start of the right context, cut at a word."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    return cut[: cut.rfind(" ")] + "…" if " " in cut else cut + "…"


def _columns(columns: tuple[Column, ...]) -> list[Column]:
    return [Column(c.key, t(c.header), c.right, c.spec) for c in columns]


PREVIEW_COLUMNS = (
    Column("document", "col_document"),
    Column("start", "col_start", right=True),
    Column("end", "col_end", right=True),
    Column("hits", "col_hits", right=True),
    Column("already_coded", "col_already"),
    Column("text", "col_text"),
)


def _print_preview(preview: BulkPreview, output: Output) -> None:
    table = output is Output.table
    rows: list[list[Cell]] = [
        [
            s.document,
            s.start,
            s.end,
            s.hits,
            (t("yes") if s.already_coded else "") if table else s.already_coded,
            one_line(s.text) if table else s.text,
        ]
        for s in preview.segments
    ]
    title = t(
        "preview_title",
        code=preview.code,
        scope=preview.scope,
        new=preview.new,
        count=len(preview.segments),
    )
    if table:
        print_rows(_columns(PREVIEW_COLUMNS), rows, title=title, output=output)
    else:
        tell(title, output)


@search_app.command("index")
def index(
    project: ProjectArg,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Build the whole index again.")
    ] = False,
) -> None:
    """Build the text index of the documents that lack one (all of them with --rebuild),
    and show its size. A search does this by itself; this does it ahead of time."""
    with opened(project) as door:
        with progress_bar(t("indexing"), stderr=True) as report:
            built = door.refresh_index(report, rebuild=rebuild)
        say(t("built", count=built))
        stats = door.index_stats()
    say(t("indexed", documents=stats.documents, words=stats.words, forms=stats.forms))
