"""The core commands: create and import, list documents and codes, code, undo, info, tui.

Each command opens the project through the door (``common.opened``), calls
its use cases and prints the values they return; messages come from
``labels.core.LABELS`` in the --lang language.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from codebook.cli.common import (
    ERROR,
    Cell,
    Column,
    FormatOpt,
    Output,
    ProjectArg,
    WhereOpt,
    console,
    fail,
    found_nothing,
    one_line,
    opened,
    print_rows,
    progress_bar,
    refuse,
    settings,
    top_level_commands,
    translated,
    warn_where,
)
from codebook.cli.labels.core import LABELS
from codebook.cli.tree import print_code_tree

if TYPE_CHECKING:
    from codebook.domain.documents import ImportOutcome

core_app = top_level_commands()


def _t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


@core_app.command()
def init(
    project: ProjectArg,
    name: Annotated[str | None, typer.Option(help="Project title.")] = None,
    language: Annotated[
        str,
        typer.Option(
            help="Language of the transcripts: nl, en, de, fr, ... (--lang: of the labels)."
        ),
    ] = "nl",
) -> None:
    """Create a new, empty project."""
    from codebook.domain.languages import checked_language
    from codebook.project import Project

    title = project if settings.db else name
    Project.create(settings.db or project, title, checked_language(language)).close()
    console().print(_t("created", project=project))


@core_app.command("import")
def import_(
    project: ProjectArg,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="Transcript files or folders.")
    ],
    attr: Annotated[
        list[str] | None,
        typer.Option(help="Attribute for every file: key=value or key:type=value."),
    ] = None,
    attributes: Annotated[
        Path | None, typer.Option(help="Sidecar CSV or YAML mapping file names to attributes.")
    ] = None,
    speaker: Annotated[
        list[str] | None, typer.Option(help="Speaker alias LABEL=NAME, e.g. I=Interviewer.")
    ] = None,
    pseudonymise: Annotated[
        Path | None, typer.Option(help="CSV of name,pseudonym replaced before storing.")
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            help="Language of these transcripts (nl, en, de, ...); detected per file when left out."
        ),
    ] = None,
    max_mb: Annotated[float, typer.Option(help="Refuse files larger than this.")] = 50.0,
    case: Annotated[
        list[str] | None,
        typer.Option("--case", help="Link every file to this case (repeatable)."),
    ] = None,
    speaker_cases: Annotated[
        bool,
        typer.Option(
            "--speaker-cases",
            help="Make each participant speaker a case (not the interviewer or moderator).",
        ),
    ] = False,
    replace: Annotated[
        str | None,
        typer.Option(
            "--replace",
            metavar="DOC",
            help="Replace this document's text by the corrected FILE; codings are carried over.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="With --replace: show the plan, change nothing.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="With --replace: apply without asking.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="With --replace: accept a file that looks like another one."),
    ] = False,
) -> None:
    """Import transcripts (.docx .odt .rtf .txt .md .vtt .srt), each file all-or-nothing.

    With --replace DOC, FILE is a corrected version of a document already imported.
    """
    from rich.markup import escape
    from rich.table import Table

    from codebook.domain.documents import ImportRequest

    request = ImportRequest(
        language=language,
        attributes=tuple(attr or ()),
        sidecar=attributes,
        speakers=tuple(speaker or ()),
        pseudonyms=pseudonymise,
        max_mb=max_mb,
        cases=tuple(case or ()),
        speaker_cases=speaker_cases,
    )
    if replace is not None or dry_run or yes or force:
        from codebook.cli.replace import replace_document

        replace_document(project, files, replace, request, dry_run=dry_run, yes=yes, force=force)
        return
    with opened(project) as door, progress_bar(_t("importing"), stderr=False) as progress:
        outcomes = door.import_transcripts(files, request, progress)
    with_cases = bool(request.cases or request.speaker_cases)
    table = Table(title=_t("import_title"))
    with_detail = any(o.detail for o in outcomes)
    columns = ("file", "result", "encoding", "speakers", "turns", "words")
    for column in (*columns, "detail") if with_detail else columns:
        if column in ("file", "detail"):
            # a file name or a reason cut off with "…" would hide which file failed and why
            table.add_column(_t(f"col_{column}"), overflow="fold")
        else:
            # short values: squeezing them would break the header words instead
            numeric = column in ("speakers", "turns", "words")
            table.add_column(
                _t(f"col_{column}"), no_wrap=True, justify="right" if numeric else "left"
            )
    if with_cases:
        table.add_column(_t("col_cases"), overflow="fold")
    for o in outcomes:
        style = {"imported": "green", "duplicate": "yellow"}.get(o.status, "red")
        table.add_row(
            o.path.name,
            f"[{style}]{_t('status_' + o.status)}[/{style}]",
            o.encoding or "",
            str(o.speakers) if o.status == "imported" else "",
            str(o.turns) if o.status == "imported" else "",
            str(o.words) if o.status == "imported" else "",
            *([o.detail_text(settings.lang)] if with_detail else []),
            *([", ".join(o.cases)] if with_cases else []),
        )
    out = console()
    out.print(table)
    for o in outcomes:
        for warning in o.warnings:
            out.print(_t("import_warning", file=o.path.name, warning=escape(warning)))
    counts = {
        s: sum(1 for o in outcomes if o.status == s) for s in ("imported", "duplicate", "failed")
    }
    out.print(_t("import_summary", **counts))
    for line in _language_lines(outcomes):
        out.print(escape(line))
    for o in outcomes:
        if o.status == "failed":
            fail(o.detail_text(settings.lang))
    not_imported = [o.path.name for o in outcomes if o.status == "interrupted"]
    if not_imported:
        names = escape(", ".join(not_imported))
        out.print(
            _t("import_interrupted", stored=counts["imported"], total=len(outcomes), names=names)
        )
        raise typer.Exit(130)  # as a shell reports Ctrl-C
    if counts["failed"]:
        raise typer.Exit(ERROR)


def _language_lines(outcomes: Sequence[ImportOutcome]) -> list[str]:
    """The languages the files were split in, below the table: a column would push the
    file names out of an 80-column terminal. The most common language is counted, the
    others name their files, and files too short to tell are named."""
    from codebook.cli.labels.languages import LABELS as LANGUAGE_LABELS

    files: dict[str, list[str]] = {}
    kept: list[str] = []
    for outcome in outcomes:
        if outcome.status == "imported" and outcome.language is not None:
            files.setdefault(outcome.language, []).append(outcome.path.name)
            if outcome.language_defaulted:
                kept.append(outcome.path.name)
    if not files:
        return []
    main = max(files, key=lambda language: len(files[language]))
    shown = [f"{main} ({len(files[main])})"]
    shown += [
        f"{language} ({', '.join(names)})" for language, names in files.items() if language != main
    ]
    lines = [translated(LANGUAGE_LABELS, "languages", languages="; ".join(shown))]
    if kept:
        lines.append(translated(LANGUAGE_LABELS, "kept", files=", ".join(kept)))
    return lines


@core_app.command()
def docs(project: ProjectArg, where: WhereOpt = None, output: FormatOpt = Output.table) -> None:
    """List the documents with their attributes and coding progress."""
    from codebook.domain.queries import parse_where

    wanted = parse_where(where or [])
    with opened(project) as door:
        warn_where(door.check_where(wanted))
        rows = door.documents(wanted)
    names = sorted({k for r in rows for k in r.attributes})
    columns = [
        Column(key, _t(f"col_{key}"), right=key in ("id", "words", "turns"), spec=spec)
        for key, spec in (
            ("id", ""),
            ("document", ""),
            ("format", ""),
            ("words", ""),
            ("turns", ""),
            ("coded", ".0%"),
            ("codings", ""),
        )
    ]
    columns += [Column(name, name) for name in names]
    table = [
        [
            r.id,
            r.name,
            r.source_format,
            r.words,
            r.turns,
            r.progress,
            r.codings,
            *(r.attributes.get(n) for n in names),
        ]
        for r in rows
    ]
    title = _t("docs_title_1" if len(rows) == 1 else "docs_title", count=len(rows))
    print_rows(columns, table, title=title, output=output)
    if not rows:
        found_nothing()


@core_app.command()
def codes(
    project: ProjectArg,
    retired: Annotated[bool, typer.Option(help="Show retired codes too.")] = False,
    output: FormatOpt = Output.table,
) -> None:
    """Show the code tree with the number of codings per code (as 'codebook tree')."""
    print_code_tree(project, retired, output)


@core_app.command()
def code(
    project: ProjectArg,
    doc: Annotated[str, typer.Argument(metavar="DOC", help="Document name or number.")],
    code_ref: Annotated[str, typer.Argument(metavar="CODE", help="Code path, name or number.")],
    start: Annotated[
        int, typer.Argument(metavar="START", help="First character (0-based code point).")
    ],
    end: Annotated[int, typer.Argument(metavar="END", help="End character (exclusive).")],
    note: Annotated[str | None, typer.Option(help="A memo on this coding.")] = None,
) -> None:
    """Code the passage START..END of a document."""
    with opened(project) as door:
        coding = door.code(doc, code_ref, start, end, note)
    console().print(
        _t("coded", id=coding.id, code=coding.code_name, quote=one_line(coding.text, 70))
    )


@core_app.command()
def uncode(
    project: ProjectArg,
    coding_ids: Annotated[list[int], typer.Argument(metavar="CODING", help="Coding numbers.")],
) -> None:
    """Remove codings by number."""
    with opened(project) as door:
        removed = door.uncode(coding_ids)
    console().print(_t("removed", count=removed))


@core_app.command()
def adjust(
    project: ProjectArg,
    coding_id: Annotated[
        int, typer.Argument(metavar="CODING", help="Coding number (see 'codebook codings').")
    ],
    start: Annotated[
        int, typer.Argument(metavar="START", help="New first character (0-based code point).")
    ],
    end: Annotated[int, typer.Argument(metavar="END", help="New end character (exclusive).")],
) -> None:
    """Move the edges of one of your codings to START..END (its code and memo stay)."""
    with opened(project) as door:
        coding = door.adjust(coding_id, start, end)
    console().print(
        _t("adjusted", id=coding.id, code=coding.code_name, quote=one_line(coding.text, 70))
    )


@core_app.command()
def codings(
    project: ProjectArg,
    doc: Annotated[str | None, typer.Option(help="Codings of this document.")] = None,
    code_ref: Annotated[str | None, typer.Option("--code", help="Codings of this code.")] = None,
    output: FormatOpt = Output.table,
) -> None:
    """List codings of a document or of a code."""
    from codebook.domain import CodebookError

    if (doc is None) == (code_ref is None):
        raise CodebookError("give either --doc or --code")
    with opened(project) as door:
        rows = door.codings(document=doc, code=code_ref)
    title = "codings_title_1" if len(rows) == 1 else "codings_title"
    keys = ("id", "doc", "code", "start", "end", "coder", "version", "text")
    columns = [Column(k, _t(f"col_{k}"), right=k in ("id", "doc", "start", "end")) for k in keys]
    table: list[list[Cell]] = [
        [
            r.id,
            r.document_id,
            r.code_name,
            r.start,
            r.end,
            r.coder,
            r.codebook_version,
            one_line(r.text, 60) if output is Output.table else r.text,
        ]
        for r in rows
    ]
    print_rows(columns, table, title=_t(title, count=len(rows)), output=output)
    if not rows:
        found_nothing()


@core_app.command()
def attr(
    project: ProjectArg,
    doc: Annotated[str, typer.Argument(metavar="DOC", help="Document name or number.")],
    values: Annotated[
        list[str], typer.Argument(metavar="KEY=VALUE", help="key=value or key:type=value.")
    ],
) -> None:
    """Set attributes of a document."""
    with opened(project) as door:
        document, keys = door.set_attributes(doc, values)
    console().print(_t("attributes_set", keys=", ".join(keys), document=document.name))


@core_app.command()
def undo(project: ProjectArg) -> None:
    """Undo your last action (coding, memo, import, attribute or codebook revision)."""
    with opened(project) as door:
        action = door.undo()
    console().print(_t("nothing_to_undo") if action is None else _t("undone", action=_done(action)))


@core_app.command()
def redo(project: ProjectArg) -> None:
    """Redo the action you undid last."""
    with opened(project) as door:
        action = door.redo()
    console().print(_t("nothing_to_redo") if action is None else _t("redone", action=_done(action)))


def _done(action: str) -> str:
    """The journal's English description of an action, in --lang."""
    from codebook.domain.action_texts import action_text

    return action_text(action, settings.lang)


INFO_COLUMNS = tuple(
    Column(key, key)
    for key in (
        "name",
        "language",
        "codebook_version",
        "documents",
        "words",
        "codes",
        "codings",
        "coders",
    )
)
"""The summary as one row for a script; ``coders`` is the names joined by ", "."""


@core_app.command()
def info(project: ProjectArg, output: FormatOpt = Output.table) -> None:
    """Summarise a project: documents, words, codes, codings, coders."""
    with opened(project) as door:
        s = door.summary()
    if output is not Output.table:
        row: list[Cell] = [
            s.name,
            s.language,
            s.codebook_version,
            s.documents,
            s.words,
            s.codes,
            s.codings,
            ", ".join(s.coders),
        ]
        print_rows(INFO_COLUMNS, [row], title="", output=output)
        return
    out = console()
    out.print(_t("info_title", name=s.name, language=s.language, version=s.codebook_version))
    out.print(
        _t(
            "info_counts",
            documents=s.documents,
            words=s.words,
            codes=s.codes,
            codings=s.codings,
        )
    )
    out.print(_t("info_coders", coders=", ".join(s.coders) or "-"))


@core_app.command()
def tui(
    project: ProjectArg,
    coding: Annotated[
        int | None,
        typer.Option(
            "--coding",
            metavar="N",
            help="Open the coding screen at coding N (see 'codebook codings'), selected.",
        ),
    ] = None,
) -> None:
    """Open the coding workspace (terminal UI) on a project."""
    from codebook.domain import CodebookError
    from codebook.tui.app import run_app

    with opened(project, interactive=True) as door:
        place = None
        if coding is not None:
            try:
                place = door.coding_place(coding)
            except CodebookError as exc:
                # a wrong number is an error, told before the screen takes the terminal
                refuse(exc.text(settings.lang))
        run_app(door, settings.lang, place)
