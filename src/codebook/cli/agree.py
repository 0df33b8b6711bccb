"""``codebook agree``: how far coders agree, per code and pooled, and what was counted.

Every output says its unit and the rule by which a unit counts as coded, and
marks alpha against Krippendorff's thresholds; ``--json`` prints the same
figures for scripts. Words follow ``--lang``; the numbers come from the door.
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
    console,
    opened,
    print_rows,
    say,
    top_level_commands,
    translated,
)
from codebook.cli.labels.agree import LABELS

if TYPE_CHECKING:
    from codebook.domain.agreement import AgreementRequest, AgreementResult, Figures, Interval

agree_app = top_level_commands()

UNDEFINED = "–"


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


CodersOpt = Annotated[
    str, typer.Option("--coders", metavar="A,B[,C...]", help="The coders to compare.")
]
AgreementUnitOpt = Annotated[
    str, typer.Option(help="What one decision is: sentence, turn, character or document.")
]
CodesOpt = Annotated[
    list[str] | None,
    typer.Option("--codes", metavar="CODE", help="Only this code (repeatable; default all)."),
]
ChildrenOpt = Annotated[
    bool, typer.Option("--children", help="Count a code's sub-codes as the code.")
]
MinOverlapOpt = Annotated[
    float | None,
    typer.Option(
        "--min-overlap",
        metavar="F",
        help="A unit counts as coded only when codings cover this share of it (0-1).",
    ),
]
ResamplesOpt = Annotated[
    int, typer.Option(help="Bootstrap resamples for the 95% intervals (0: none).")
]
SeedOpt = Annotated[int, typer.Option(help="Seed of the bootstrap, so reruns agree.")]


def agreement_request(
    coders: str,
    unit: str,
    codes: list[str] | None,
    children: bool,
    where: list[str] | None,
    min_overlap: float | None,
    bootstrap: tuple[int, int],
) -> AgreementRequest:
    """The agreement options, as ``agree`` and ``export agreement`` share them, as a request."""
    from codebook.domain.agreement import AgreementRequest, check_agreement_unit
    from codebook.domain.queries import Filters, parse_where

    resamples, seed = bootstrap
    return AgreementRequest(
        coders=tuple(name.strip() for name in coders.split(",") if name.strip()),
        unit=check_agreement_unit(unit),
        codes=tuple(codes or ()),
        with_children=children,
        filters=Filters(parse_where(where or [])),
        min_overlap=min_overlap,
        resamples=max(resamples, 0),
        seed=seed,
    )


@agree_app.command("agree")
def agree(
    project: ProjectArg,
    coders: CodersOpt,
    unit: AgreementUnitOpt = "sentence",
    codes: CodesOpt = None,
    children: ChildrenOpt = False,
    where: WhereOpt = None,
    min_overlap: MinOverlapOpt = None,
    resamples: ResamplesOpt = 1000,
    seed: SeedOpt = 15,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the figures as JSON (as --format json).")
    ] = False,
    output: FormatOpt = Output.table,
) -> None:
    """Agreement between coders: percent, Cohen's or Fleiss' kappa, Krippendorff's alpha."""
    request = agreement_request(
        coders, unit, codes, children, where, min_overlap, (resamples, seed)
    )
    with opened(project) as door:
        result = door.agreement(request, list_disagreements=False)
    if as_json or output is Output.json:
        import json

        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    if output is Output.csv:
        _print_csv(result)
        return
    _print(result)


def _print_csv(result: AgreementResult) -> None:
    """One row per code and one for all codes (code empty), each interval as two columns."""
    rows = [(code.path, code.figures.as_json()) for code in result.codes]
    rows.append(("", result.overall.as_json()))
    flat: list[dict[str, Cell]] = []
    for path, figures in rows:
        row: dict[str, Cell] = {"code": path}
        for key, value in figures.items():
            if key.endswith("_ci"):
                low, high = value or (None, None)
                row[f"{key}_low"], row[f"{key}_high"] = low, high
            else:
                row[key] = value
        flat.append(row)
    keys = list(dict.fromkeys(k for row in flat for k in row))
    columns = [Column(key, key) for key in keys]
    print_rows(columns, [[row.get(k) for k in keys] for row in flat], title="", output=Output.csv)


def _print(result: AgreementResult) -> None:
    from rich.table import Table
    from rich.text import Text

    for line in _header(result):
        say(line)
    many = len(result.coders) > 2
    table = Table(title=t("title"))
    table.add_column(t("col_code"), overflow="fold")
    for key in ("col_units", "col_coded", "col_percent"):
        table.add_column(t(key), justify="right")
    table.add_column(t("col_fleiss" if many else "col_kappa"), justify="right", no_wrap=True)
    table.add_column(t("col_alpha"), justify="right", no_wrap=True)
    table.add_column(t("col_verdict"))
    for code in result.codes:
        table.add_row(Text(code.path), *_cells(code.figures, many))
    table.add_section()
    table.add_row(t("overall"), *_cells(result.overall, many), style="bold")
    console().print(table)
    say(t("thresholds"))


def _header(result: AgreementResult) -> list[str]:
    count = len(result.documents)
    rule = (
        t("rule_character")
        if result.unit == "character"
        else t("rule_any")
        if result.min_overlap is None
        else t("rule_share", share=f"{result.min_overlap:.0%}")
    )
    if result.with_children:
        rule += "; " + t("rule_children")
    unit = t(
        "unit_documents" if result.unit == "document" else "unit",
        unit=t(f"unit_{result.unit}"),
        count=f"{result.n_units:,}",
        plural=t(f"plural_{result.unit}"),
        documents=f"{count:,}",
        documents_word=t("document_1" if count == 1 else "document_n"),
    )
    spread = (
        t("bootstrap", resamples=result.resamples, seed=result.seed)
        if result.resamples
        else t("no_bootstrap")
    )
    return [
        t("coders", names=", ".join(result.coders)),
        t("documents", count=count, names=", ".join(result.documents)),
        f"{unit}; {rule}",
        t("overall_meaning"),
        spread,
    ]


def _cells(figures: Figures, many: bool) -> list[str]:
    kappa, kappa_ci = (
        (figures.fleiss, figures.fleiss_ci) if many else (figures.kappa, figures.kappa_ci)
    )
    percent = UNDEFINED if figures.percent is None else f"{figures.percent:.1%}"
    verdict = figures.verdict
    marked = UNDEFINED if verdict is None else t(verdict)
    return [
        f"{figures.n_units:,}",
        f"{figures.coded_units:,}",
        percent,
        _with_interval(kappa, kappa_ci),
        _with_interval(figures.alpha, figures.alpha_ci),
        f"[{_STYLE[verdict]}]{marked}[/]" if verdict else marked,
    ]


_STYLE = {"acceptable": "green", "tentative": "yellow", "not acceptable": "red"}


def _with_interval(value: float | None, interval: Interval | None) -> str:
    """``0.743 [0.61, 0.85]``: the figure to three decimals, its 95% interval to two."""
    if value is None:
        return UNDEFINED
    spread = "" if interval is None else f" [{interval[0]:.2f}, {interval[1]:.2f}]"
    return f"{value:.3f}{spread}"
