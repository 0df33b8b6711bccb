"""``codebook survey ...``: questionnaires beside the interviews.

``import`` reads a CSV or XLSX file of one respondent per row: chosen columns
become the respondent's attributes (werkplaats, rol), open questions short
documents coded like any transcript, the other columns typed answers. Each
respondent is a case. ``items`` lists the questions, ``counts`` counts one
closed question's answers per group, ``link`` puts a question in a theme's
chapter of the report. Every change can be undone with ``codebook undo``.
Messages follow ``--lang``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from codebook.cli.common import (
    Cell,
    Column,
    FormatOpt,
    Output,
    ProjectArg,
    WhereOpt,
    command_group,
    found_nothing,
    opened,
    print_rows,
    refuse,
    say,
    translated,
)
from codebook.cli.labels.survey import LABELS

if TYPE_CHECKING:
    from codebook.domain.surveys import SurveyItem

survey_app = command_group(
    "survey", "Questionnaires: import one, list its items, count answers per group, link to themes."
)

ItemArg = Annotated[
    str,
    typer.Argument(
        metavar="ITEM", help="The item's number, its column header, or a part only it has."
    ),
]


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


def _scales(values: list[str] | None) -> dict[str, str]:
    from codebook.domain.surveys import SCALE_NAMES

    scales: dict[str, str] = {}
    for value in values or ():
        column, sep, name = value.rpartition("=")
        if not sep or not column.strip() or name.strip() not in SCALE_NAMES:
            refuse(t("bad_scale", value=value, names=", ".join(SCALE_NAMES)))
        scales[column.strip()] = name.strip()
    return scales


@survey_app.command("import")
def import_(
    project: ProjectArg,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The questionnaire: a .csv or .xlsx file.")
    ],
    id_column: Annotated[
        str | None,
        typer.Option(
            "--id", metavar="COLUMN", help="The respondent's id (default: the row number)."
        ),
    ] = None,
    attributes: Annotated[
        list[str] | None,
        typer.Option(
            "--attr", metavar="COLUMN", help="A column of respondent attributes (repeatable)."
        ),
    ] = None,
    open_columns: Annotated[
        list[str] | None,
        typer.Option(
            "--open", metavar="COLUMN", help="An open question: its answers become documents."
        ),
    ] = None,
    scales: Annotated[
        list[str] | None,
        typer.Option(
            "--scale",
            metavar="COLUMN=NAME",
            help="A closed question's scale: likert5, likert4, yesno, choice or number.",
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", metavar="NAME", help="The sheet of an .xlsx file.")
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="NAME", help="The survey's name (default: the file's)."),
    ] = None,
) -> None:
    """Import a questionnaire: one respondent per row, nothing imported if a row is bad."""
    from codebook.domain.surveys import SurveyRequest

    request = SurveyRequest(
        id_column=id_column,
        attributes=tuple(attributes or ()),
        open_columns=tuple(open_columns or ()),
        scales=_scales(scales),
        sheet=sheet,
        name=name,
    )
    with opened(project) as door:
        summary = door.import_survey(file, request)
    say(
        t(
            "imported",
            survey=summary.survey,
            source=summary.source,
            respondents=summary.respondents,
            items=summary.items,
            answers=summary.open_answers,
        )
    )
    if summary.repeated_answers:
        say(t("repeated", count=summary.repeated_answers))


@survey_app.command("items")
def items(
    project: ProjectArg,
    survey: Annotated[
        str | None, typer.Option("--survey", metavar="NAME", help="Only this survey's items.")
    ] = None,
    output: FormatOpt = Output.table,
) -> None:
    """List the questionnaire items with their kind, answer labels and theme."""
    with opened(project) as door:
        found = door.survey_items(survey)
    columns = (
        Column("number", t("col_number"), right=True),
        Column("survey", t("col_survey")),
        Column("item", t("col_item")),
        Column("kind", t("col_kind")),
        Column("labels", t("col_labels")),
        Column("theme", t("col_theme")),
    )
    rows: list[tuple[Cell, ...]] = [
        (item.id, item.survey, item.key, item.kind, " | ".join(item.labels), item.code)
        for item in found
    ]
    title = t("items_title_1") if len(found) == 1 else t("items_title", count=len(found))
    print_rows(columns, rows, title=title, output=output)
    if not found:
        found_nothing()


@survey_app.command("counts")
def counts(
    project: ProjectArg,
    item: ItemArg,
    by: Annotated[
        str, typer.Option("--by", metavar="ATTRIBUTE", help="The attribute that makes the groups.")
    ] = "werkplaats",
    where: WhereOpt = None,
    output: FormatOpt = Output.table,
) -> None:
    """Count a closed item's answers per label, per group of respondents."""
    from codebook.domain.queries import parse_where

    with opened(project) as door:
        found = door.item_counts(_item_ref(item), by, parse_where(where or []))
    columns = (
        Column("group", found.attribute),
        *(Column(label, label, right=True) for label in found.item.labels),
        Column("n", t("col_n"), right=True),
    )
    rows: list[tuple[Cell, ...]] = [
        (group, *row, sum(row)) for group, row in zip(found.groups, found.counts, strict=True)
    ]
    if len(found.groups) > 1:
        rows.append((t("all"), *found.merged(), found.n()))
    print_rows(
        columns, rows, title=t("counts_title", item=found.item.key, n=found.n()), output=output
    )
    if not found.groups:
        found_nothing()


@survey_app.command("link")
def link(
    project: ProjectArg,
    item: ItemArg,
    code: Annotated[
        str, typer.Argument(metavar="CODE", help="The theme: a code's path, name or number.")
    ],
) -> None:
    """Show an item's figure in the chapter of a theme of the report."""
    with opened(project) as door:
        linked = door.link_item(_item_ref(item), code)
    _say_link(linked)


@survey_app.command("unlink")
def unlink(project: ProjectArg, item: ItemArg) -> None:
    """Show an item with no theme."""
    with opened(project) as door:
        linked = door.unlink_item(_item_ref(item))
    _say_link(linked)


def _item_ref(item: str) -> str | int:
    return int(item) if item.strip().isdigit() else item


def _say_link(item: SurveyItem) -> None:
    if item.code is None:
        say(t("unlinked", number=item.id, item=item.key))
    else:
        say(t("linked", number=item.id, item=item.key, code=item.code))
