"""``codebook suggest PROJECT``: suggested codings from the codebook's keywords or a model
trained on the project's own codings, and the queue an analyst works through.

The actions run in the order a session needs them: ``--keywords`` (autocode
from the keywords), ``--train`` (with ``--evaluate`` the scores on held-out
sentences first), ``--model`` (queue what the trained model proposes), then
``--accept``/``--reject`` by number; ``--list``, or no action at all, lists
the open queue. Nothing is coded except by ``--accept``, as the acting coder.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from codebook.cli.common import (
    Cell,
    Column,
    FormatOpt,
    Output,
    ProjectArg,
    console,
    found_nothing,
    one_line,
    opened,
    print_rows,
    say,
    tell,
    top_level_commands,
    translated,
)
from codebook.cli.labels.suggest import LABELS

if TYPE_CHECKING:
    from codebook.domain.suggestions import Suggestion, SuggestionRun, TrainingReport

suggest_app = top_level_commands()


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


@suggest_app.command("suggest")
def suggest(
    project: ProjectArg,
    keywords: Annotated[
        bool, typer.Option("--keywords", help="Queue the sentences where a code's keyword occurs.")
    ] = False,
    train: Annotated[
        bool, typer.Option("--train", help="Train the suggester on the project's coded sentences.")
    ] = False,
    evaluate: Annotated[
        bool,
        typer.Option("--evaluate", help="Train, and report precision, recall and F1 per code."),
    ] = False,
    model: Annotated[
        bool, typer.Option("--model", help="Queue what the trained suggester proposes.")
    ] = False,
    threshold: Annotated[
        float, typer.Option("--threshold", metavar="P", help="Lowest confidence for --model.")
    ] = 0.5,
    accept: Annotated[
        list[int] | None,
        typer.Option("--accept", metavar="N", help="Accept suggestion N (codes it as you)."),
    ] = None,
    reject: Annotated[
        list[int] | None, typer.Option("--reject", metavar="N", help="Reject suggestion N.")
    ] = None,
    listing: Annotated[bool, typer.Option("--list", help="List the open suggestions.")] = False,
    output: FormatOpt = Output.table,
) -> None:
    """Suggest codings from the codebook's keywords (--keywords) or a model trained on
    the project's codings (--train, --evaluate, --model); list the queue and accept or
    reject suggestions by number. Only an accept codes anything."""
    decided = list(accept or []) + list(reject or [])
    acted = keywords or train or evaluate or model or decided
    with opened(project) as door:
        if keywords:
            _print_run(t("keywords"), door.autocode_keywords(), output)
        if train or evaluate:
            _print_report(door.train_suggester(progress=_progress(), evaluate=evaluate), output)
        if model:
            _print_run(t("model"), door.suggest_from_model(threshold), output)
        for number in accept or []:
            tell(t("accepted", id=number, coding=door.accept_suggestion(number)), output)
        for number in reject or []:
            door.reject_suggestion(number)
            tell(t("rejected", id=number), output)
        if decided:
            tell(t("undo"), output)
        if listing or not acted:
            _print_queue(door.suggestions(), output)


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None
    err = console(stderr=True)

    def show(epoch: int, epochs: int, loss: float) -> None:
        err.print(t("epoch", epoch=epoch, epochs=epochs, loss=f"{loss:.3f}"), markup=False)

    return show


def _print_run(source: str, run: SuggestionRun, output: Output) -> None:
    tell(
        t(
            "run",
            source=source,
            added=run.added,
            rejected=run.rejected_before,
            coded=run.already_coded,
            queued=run.already_queued,
        ),
        output,
    )


SCORE_COLUMNS = (
    Column("code", "col_code"),
    Column("precision", "col_precision", right=True, spec=".2f"),
    Column("recall", "col_recall", right=True, spec=".2f"),
    Column("f1", "col_f1", right=True, spec=".2f"),
    Column("sentences", "col_support", right=True),
)


def _print_report(report: TrainingReport, output: Output) -> None:
    seconds = f"{report.seconds:.1f}"
    codes = ", ".join(report.codes)
    tell(t("trained", sentences=report.sentences, seconds=seconds, codes=codes), output)
    if report.skipped:
        skipped = ", ".join(f"{code} ({n})" for code, n in report.skipped)
        tell(t("skipped", codes=skipped), output)
    if report.scores:
        columns = [Column(c.key, t(c.header), c.right, c.spec) for c in SCORE_COLUMNS]
        rows: list[list[Cell]] = [
            [s.code, s.precision, s.recall, s.f1, s.support] for s in report.scores
        ]
        print_rows(columns, rows, title=t("scores_title", count=report.held_out), output=output)


QUEUE_COLUMNS = (
    Column("id", "col_id", right=True),
    Column("document", "col_document"),
    Column("code", "col_code"),
    Column("reason", "col_why"),
    Column("sentence", "col_sentence"),
)


def _reason(suggestion: Suggestion) -> Cell:
    if suggestion.keyword is not None:
        return suggestion.keyword
    return suggestion.confidence


def _print_queue(queue: list[Suggestion], output: Output) -> None:
    columns = [Column(c.key, t(c.header), c.right) for c in QUEUE_COLUMNS]
    table = output is Output.table
    rows: list[list[Cell]] = [
        [s.id, s.document, s.code, _reason(s), one_line(s.text) if table else s.text] for s in queue
    ]
    if queue or not table:
        print_rows(columns, rows, title=t("queue_title", count=len(queue)), output=output)
    if not queue:
        if table:
            say(t("empty"))
        found_nothing()
    if table:
        say(t("hint"))
