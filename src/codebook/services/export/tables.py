"""The tables that the Excel and CSV exports share: one builder, two writers.

- ``codings``: every coding with its quote text, position, memo, a sentence of
  context either side, and the document's attributes;
- ``matrix``: code x case (documents, the case table, or an attribute's values);
- ``cooccurrence``: code x code within a segment, sentence or turn;
- ``codebook``: every code with all structured fields;
- ``history``: the codebook's revisions.

The unit of the two count tables is in their first header cell, e.g.
"Code (segments)", so a table never loses its meaning when copied elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from codebook.services.analysis import MISSING, TOTAL, CodingSet, Unit, Within
from codebook.services.export.labels import labels, timecode
from codebook.services.export.report import codebook_entries, history
from codebook.services.retrieval import NO_FILTERS, Filters, all_quotes, attribute_text

if TYPE_CHECKING:
    import pandas as pd

Cell = str | int | float | None
TABLE_KEYS = ("codings", "matrix", "cooccurrence", "codebook", "history")


@dataclass(frozen=True)
class ExportTable:
    """One table: ``key`` names its CSV file, ``title`` its sheet (in the report language)."""

    key: str
    title: str
    header: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class TableOptions:
    filters: Filters = NO_FILTERS
    lang: str = "en"
    context: int = 1
    cases: str | None = None
    unit: Unit = "segments"
    within: Within = "segment"
    with_children: bool = False


def build_tables(session: Session, options: TableOptions | None = None) -> list[ExportTable]:
    """All five tables, in ``TABLE_KEYS`` order."""
    options = options or TableOptions()
    lab = labels(options.lang)
    data = CodingSet.load(session, options.filters)
    return [
        codings_table(session, options, lab),
        _frame_table(
            "matrix",
            lab["sheet_matrix"],
            lab,
            data.matrix(options.cases, options.unit, with_children=options.with_children),
            lab[f"unit_{options.unit}"],
        ),
        _frame_table(
            "cooccurrence",
            lab["sheet_cooccurrence"],
            lab,
            data.cooccurrence(options.within, with_children=options.with_children),
            lab[f"unit_{options.within}"],
        ),
        codebook_table(session, lab),
        history_table(session, lab),
    ]


def codings_table(session: Session, options: TableOptions, lab: Mapping[str, str]) -> ExportTable:
    quotes = all_quotes(session, options.filters, context=options.context)
    names = sorted({k for q in quotes for k in q.attributes})
    header = [
        "#",
        lab["document"],
        lab["code"],
        lab["coder"],
        lab["start"],
        lab["end"],
        lab["speaker"],
        lab["turn_number"],
        lab["timecode"],
        lab["codebook_version"],
        lab["text"],
        lab["note"],
        lab["context_before"],
        lab["context_after"],
        *names,
    ]
    rows: list[list[Cell]] = []
    for q in quotes:
        c = q.codings[0]
        rows.append(
            [
                c.id,
                q.document,
                c.code,
                c.coder,
                q.start,
                q.end,
                q.speaker or "",
                q.turn,
                timecode(q.timecode) if q.timecode is not None else "",
                c.codebook_version,
                q.text,
                c.note or "",
                q.context_before.strip(),
                q.context_after.strip(),
                *(attribute_text(q.attributes[n]) if n in q.attributes else "" for n in names),
            ]
        )
    return ExportTable("codings", lab["sheet_codings"], header, rows)


def _frame_table(
    key: str, title: str, lab: Mapping[str, str], frame: pd.DataFrame, unit: str
) -> ExportTable:
    def column(name: object) -> str:
        text = str(name)
        return lab["total"] if text == TOTAL else lab["none"] if text == MISSING else text

    header = [f"{lab['code']} ({unit})", *(column(c) for c in frame.columns)]
    rows: list[list[Cell]] = [
        [str(label), *(int(v) for v in values)]
        for label, values in zip(frame.index, frame.to_numpy().tolist(), strict=True)
    ]
    return ExportTable(key, title, header, rows)


def codebook_table(session: Session, lab: Mapping[str, str]) -> ExportTable:
    header = [
        lab["code"],
        lab["name"],
        lab["brief_definition"],
        lab["full_definition"],
        lab["when_to_use"],
        lab["when_not_to_use"],
        lab["example"],
        lab["keywords"],
        lab["color"],
        lab["status"],
        lab["codings"],
    ]
    rows: list[list[Cell]] = []
    for e in codebook_entries(session):
        f = e.fields
        rows.append(
            [
                e.path,
                f.name,
                f.brief_definition,
                f.full_definition,
                f.when_to_use,
                f.when_not_to_use,
                f.example,
                ", ".join(f.keywords),
                f.color,
                lab["retired"] if e.retired else lab["active"],
                e.codings,
            ]
        )
    return ExportTable("codebook", lab["sheet_codebook"], header, rows)


def history_table(session: Session, lab: Mapping[str, str]) -> ExportTable:
    header = [lab["version"], lab["kind"], lab["who"], lab["when"], lab["reason"]]
    rows: list[list[Cell]] = [
        [r.version, r.kind, r.who, r.when.strftime("%Y-%m-%d %H:%M:%S"), r.reason]
        for r in history(session)
    ]
    return ExportTable("history", lab["sheet_history"], header, rows)
