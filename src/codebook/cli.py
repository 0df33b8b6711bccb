"""The ``codebook`` command: parses arguments, calls services, prints with rich.

Only typer is imported at module level; services (SQLAlchemy, spaCy, ...)
are imported inside the commands so ``codebook --help`` stays instant.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from codebook import __version__
from codebook.cli_labels import LABELS

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy.orm import Session

    from codebook.db.engine import Store

app = typer.Typer(
    name="codebook",
    help="Qualitative analysis of interview and focus-group transcripts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ProjectArg = Annotated[
    str,
    typer.Argument(
        metavar="PROJECT",
        help="Project file (.db), or a postgresql+psycopg:// URL; with --db, the project's name.",
    ),
]


@dataclass
class Settings:
    db: str | None = None
    coder: str | None = None
    lang: str = "en"


settings = Settings()


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def coder_name() -> str:
    from codebook.config import default_coder

    return settings.coder or default_coder()


def my_coder_id(session: Session) -> int:
    """The id of the coder running this command, registered on first use."""
    from codebook.services.project import coder_id

    return coder_id(session, coder_name())


def say(text: str) -> None:
    """Print text as written: names in brackets are not markup, numbers not highlighted."""
    console().print(text, markup=False, highlight=False, soft_wrap=True)


def translated(labels: Mapping[str, Mapping[str, str]], key: str, **values: Any) -> str:
    """A command's message in the --lang language (English when it has none)."""
    text = labels.get(settings.lang, labels["en"])[key]
    return text.format(**values) if values else text


def _t(key: str, **values: Any) -> str:
    """A core command's message (from ``cli_labels``) in the --lang language."""
    return translated(LABELS, key, **values)


def location(project: str) -> str:
    return settings.db or project


def open_store(project: str) -> Store:
    """Open a project; with --db the PROJECT argument must name the project stored there."""
    from codebook.domain import CodebookError
    from codebook.services.project import meta, open_project

    store = open_project(location(project))
    if settings.db:
        with store.read() as session:
            name = meta(session, "name")
        if name != project:
            store.close()
            raise CodebookError(f"that database holds project '{name}', not '{project}'")
    return store


@contextmanager
def project_session(project: str, *, write: bool) -> Iterator[Session]:
    """One transaction on the project, which is closed again however the command ends."""
    store = open_store(project)
    try:
        with store.write() if write else store.read() as session:
            yield session
    finally:
        store.close()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"codebook {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(help="Database URL, e.g. postgresql+psycopg://user@host/dbname."),
    ] = None,
    coder: Annotated[
        str | None, typer.Option(help="Who is coding (default: the remembered coder).")
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of labels and reports: en or nl.")] = "en",
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Qualitative analysis of interview and focus-group transcripts."""
    from codebook.domain import CodebookError

    if lang not in ("en", "nl"):
        raise CodebookError(f"unknown language '{lang}' (use en or nl)")
    settings.db, settings.coder, settings.lang = db, coder, lang


@app.command()
def init(
    project: ProjectArg,
    name: Annotated[str | None, typer.Option(help="Project title.")] = None,
    language: Annotated[str, typer.Option(help="Transcript language: nl or en.")] = "nl",
) -> None:
    """Create a new, empty project."""
    from codebook.services.project import init_project

    title = project if settings.db else name
    store = init_project(location(project), title, language)
    store.close()
    console().print(_t("created", project=project))


def _parse_attrs(values: list[str]) -> dict[str, Any]:
    from codebook.services.importing.sidecar import parse_attr_flag

    out: dict[str, Any] = {}
    for value in values:
        key, kind, typed = parse_attr_flag(value)
        out[key] = (kind, typed)
    return out


def _parse_aliases(values: list[str]) -> dict[str, str]:
    from codebook.domain import CodebookError

    out = {}
    for value in values:
        label, sep, name = value.partition("=")
        if not sep or not label.strip() or not name.strip():
            raise CodebookError(f"--speaker '{value}': use LABEL=NAME, e.g. I=Interviewer")
        out[label.strip()] = name.strip()
    return out


@app.command("import")
def import_(
    project: ProjectArg,
    files: Annotated[list[Path], typer.Argument(help="Transcript files or folders.")],
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
    language: Annotated[str, typer.Option(help="Transcript language (nl or en).")] = "nl",
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
) -> None:
    """Import transcripts (.docx .odt .rtf .txt .md .vtt .srt), each file all-or-nothing."""
    from rich.progress import Progress
    from rich.table import Table

    from codebook.services.importing.pseudonymise import load_pseudonyms
    from codebook.services.importing.sidecar import load_sidecar
    from codebook.services.transcripts import ImportOptions, expand_paths, import_files

    options = ImportOptions(
        language=language,
        attributes=_parse_attrs(attr or []),
        sidecar=load_sidecar(attributes) if attributes else {},
        speaker_aliases=_parse_aliases(speaker or []),
        pseudonyms=load_pseudonyms(pseudonymise) if pseudonymise else {},
        max_bytes=int(max_mb * 1024 * 1024),
        cases=tuple(case or ()),
        speaker_cases=speaker_cases,
    )
    paths = [p for p in expand_paths(files) if attributes is None or p != attributes]
    store = open_store(project)
    out = console()
    with Progress(console=out, transient=True) as bar:
        task = bar.add_task(_t("importing"), total=len(paths))
        outcomes = import_files(
            store, coder_name(), paths, options, progress=lambda _o: bar.advance(task)
        )
    store.close()
    with_cases = bool(options.cases or options.speaker_cases)
    table = Table(title=_t("import_title"))
    for column in ("file", "result", "encoding", "turns", "words", "detail"):
        # a file name or a reason cut off with "…" would hide which file failed and why
        table.add_column(_t(f"col_{column}"), overflow="fold")
    if with_cases:
        table.add_column(_t("col_cases"))
    for o in outcomes:
        style = {"imported": "green", "duplicate": "yellow"}.get(o.status, "red")
        table.add_row(
            o.path.name,
            f"[{style}]{_t('status_' + o.status)}[/{style}]",
            o.encoding or "",
            str(o.turns) if o.status == "imported" else "",
            str(o.words) if o.status == "imported" else "",
            o.detail,
            *([", ".join(o.cases)] if with_cases else []),
        )
    out.print(table)
    counts = {
        s: sum(1 for o in outcomes if o.status == s) for s in ("imported", "duplicate", "failed")
    }
    out.print(_t("import_summary", **counts))
    for o in outcomes:
        if o.status == "failed":
            _fail(o.detail)
    if counts["failed"]:
        raise typer.Exit(1)


@app.command()
def docs(project: ProjectArg) -> None:
    """List the documents with their attributes and coding progress."""
    from rich.table import Table

    from codebook.services.documents import list_documents

    store = open_store(project)
    with store.read() as session:
        rows = list_documents(session)
    store.close()
    names = sorted({k for r in rows for k in r.attributes})
    table = Table(title=_t("docs_title_1" if len(rows) == 1 else "docs_title", count=len(rows)))
    for column in ("id", "document", "format", "words", "turns", "coded", "codings"):
        right = column in ("id", "words", "turns")
        table.add_column(_t(f"col_{column}"), justify="right" if right else "left")
    for name in names:
        table.add_column(name)
    for r in rows:
        table.add_row(
            str(r.id),
            r.name,
            r.source_format,
            str(r.words),
            str(r.turns),
            f"{r.progress:.0%}",
            str(r.codings),
            *(str(r.attributes.get(n, "")) for n in names),
        )
    console().print(table)


@app.command()
def codes(
    project: ProjectArg,
    retired: Annotated[bool, typer.Option(help="Show retired codes too.")] = False,
) -> None:
    """Show the code tree with the number of codings per code (as 'codebook tree')."""
    from codebook.cli_codebook import tree

    tree(project, retired)


@app.command()
def code(
    project: ProjectArg,
    doc: Annotated[str, typer.Argument(help="Document name or number.")],
    code_ref: Annotated[str, typer.Argument(metavar="CODE", help="Code path, name or number.")],
    start: Annotated[int, typer.Argument(help="First character (0-based code point).")],
    end: Annotated[int, typer.Argument(help="End character (exclusive).")],
    note: Annotated[str | None, typer.Option(help="A memo on this coding.")] = None,
) -> None:
    """Code the passage START..END of a document."""
    from codebook.services.codebook.codes import resolve_code
    from codebook.services.coding import apply_coding
    from codebook.services.documents import resolve_document
    from codebook.services.project import coder_id

    store = open_store(project)
    with store.write() as session:
        document = resolve_document(session, doc)
        target = resolve_code(session, code_ref)
        coding_id = apply_coding(
            session, coder_id(session, coder_name()), document.id, target.id, start, end, note
        )
        quote = document.text[start:end]
    store.close()
    short = quote if len(quote) <= 70 else quote[:67] + "..."
    console().print(_t("coded", id=coding_id, code=target.name, quote=short))


@app.command()
def uncode(
    project: ProjectArg,
    coding_ids: Annotated[list[int], typer.Argument(metavar="CODING", help="Coding numbers.")],
) -> None:
    """Remove codings by number."""
    from codebook.services.coding import remove_codings
    from codebook.services.project import coder_id

    store = open_store(project)
    with store.write() as session:
        removed = remove_codings(session, coder_id(session, coder_name()), coding_ids)
    store.close()
    console().print(_t("removed", count=removed))


@app.command()
def codings(
    project: ProjectArg,
    doc: Annotated[str | None, typer.Option(help="Codings of this document.")] = None,
    code_ref: Annotated[str | None, typer.Option("--code", help="Codings of this code.")] = None,
) -> None:
    """List codings of a document or of a code."""
    from rich.table import Table

    from codebook.domain import CodebookError
    from codebook.services.codebook.codes import resolve_code
    from codebook.services.coding import codings_of_code, codings_of_document
    from codebook.services.documents import resolve_document

    if (doc is None) == (code_ref is None):
        raise CodebookError("give either --doc or --code")
    store = open_store(project)
    with store.read() as session:
        if doc is not None:
            rows = codings_of_document(session, resolve_document(session, doc).id)
        else:
            rows = codings_of_code(session, [resolve_code(session, code_ref or "").id])
    store.close()
    title = "codings_title_1" if len(rows) == 1 else "codings_title"
    table = Table(title=_t(title, count=len(rows)))
    for column in ("id", "doc", "code", "start", "end", "coder", "version", "text"):
        table.add_column(_t(f"col_{column}"))
    for r in rows:
        text = r.text.replace("\n", " ")
        table.add_row(
            str(r.id),
            str(r.document_id),
            r.code_name,
            str(r.start),
            str(r.end),
            r.coder,
            str(r.codebook_version),
            text if len(text) < 60 else text[:57] + "...",
        )
    console().print(table)


@app.command()
def attr(
    project: ProjectArg,
    doc: Annotated[str, typer.Argument(help="Document name or number.")],
    values: Annotated[list[str], typer.Argument(help="key=value or key:type=value.")],
) -> None:
    """Set attributes of a document."""
    from codebook.services.documents import resolve_document, set_attributes
    from codebook.services.project import coder_id

    parsed = _parse_attrs(values)
    store = open_store(project)
    with store.write() as session:
        document = resolve_document(session, doc)
        set_attributes(session, coder_id(session, coder_name()), document.id, parsed)
    store.close()
    console().print(_t("attributes_set", keys=", ".join(parsed), document=document.name))


def _undo_redo(project: str, redo: bool) -> None:
    from codebook.services.journal import redo as redo_action
    from codebook.services.journal import undo as undo_action
    from codebook.services.project import coder_id

    store = open_store(project)
    with store.write() as session:
        cid = coder_id(session, coder_name())
        action = redo_action(session, cid) if redo else undo_action(session, cid)
    store.close()
    if action is None:
        console().print(_t("nothing_to_redo" if redo else "nothing_to_undo"))
    else:
        console().print(_t("redone" if redo else "undone", action=action.description))


@app.command()
def undo(project: ProjectArg) -> None:
    """Undo your last action (coding, memo, import, attribute or codebook revision)."""
    _undo_redo(project, redo=False)


@app.command()
def redo(project: ProjectArg) -> None:
    """Redo the action you undid last."""
    _undo_redo(project, redo=True)


@app.command()
def info(project: ProjectArg) -> None:
    """Summarise a project: documents, words, codes, codings, coders."""
    from codebook.services.project import summary

    store = open_store(project)
    with store.read() as session:
        s = summary(session)
    store.close()
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


@app.command()
def tui(project: ProjectArg) -> None:
    """Open the coding workspace (terminal UI) on a project."""
    from codebook.tui.app import run_app

    open_store(project).close()
    run_app(location(project), settings.coder, settings.lang)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user errors become one line on stderr and exit code 1, never a traceback.

    Typer handles its own usage errors (exit 2) in standalone mode; everything a
    service raises for bad input is a ``CodebookError`` and is printed here.
    """
    from codebook.domain import CodebookError

    try:
        app(args=argv, prog_name="codebook")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except CodebookError as exc:
        _fail(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"{where}{exc.strerror or exc}")
        return 1
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError

        if not isinstance(exc, SQLAlchemyError):
            raise
        _fail(f"database error: {getattr(exc, 'orig', None) or exc}")
        return 1
    return 0


def _fail(message: str) -> None:
    console(stderr=True).print(f"[red]error:[/red] {message}", soft_wrap=True, markup=True)


def _mount_subcommands() -> None:
    """The codebook, memo, case, analysis and export commands live in their own modules."""
    from codebook.cli_analysis import analysis_app, export_app
    from codebook.cli_case import case_app
    from codebook.cli_codebook import codebook_app
    from codebook.cli_memo import memo_app

    app.add_typer(codebook_app, name="codebook")
    app.add_typer(memo_app, name="memo")
    app.add_typer(case_app, name="case")
    app.add_typer(export_app, name="export")
    app.add_typer(analysis_app)


_mount_subcommands()

if __name__ == "__main__":
    # Run the imported ``codebook.cli``, not this ``__main__`` copy of it: the
    # sub-command modules read the global options from ``codebook.cli.settings``.
    from codebook import cli as _cli

    sys.exit(_cli.main())
