"""The tables that the Excel and CSV exports share: one builder, two writers.

- ``codings``: every coding with its quote text, position (turn, timecode),
  speaker, coder, the codebook version it was made under, memo, a sentence of
  context either side, and the document's attributes;
- ``matrix``: code x case (documents, the case table, or an attribute's values);
- ``cooccurrence``: code x code within a segment, sentence or turn;
- ``counting``: whose codings those two count (the union of coders, their sum
  or the reference coder) and which documents are double-coded, and that the
  codings table, unlike the Word report's quotes, keeps one row per coding;
- ``codebook``: every code with all structured fields;
- ``history``: the codebook's revisions;
- ``memos``: every analytic memo (on the project, a document, a code or one
  coding) with what it is written on.

The unit of the two count tables is in their first header cell, e.g.
"Code (segments)", so a table never loses its meaning when copied elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from codebook.domain.analysis import MISSING, TOTAL, Tabulation
from codebook.domain.exports import Cell, ExportTable, TableOptions
from codebook.domain.transcripts import attribute_text, timecode
from codebook.services.analysis import CodingSet
from codebook.services.codebook.codes import load_code_tree
from codebook.services.codebook.history import codebook_history
from codebook.services.coding import NotedCoding, noted_codings
from codebook.services.export.labels import labels
from codebook.services.memos import list_memos
from codebook.services.note_history import note_times
from codebook.services.project_store import meta
from codebook.services.retrieval.lookups import coder_ids, matching_documents
from codebook.services.retrieval.quotes import all_quotes
from codebook.services.workspace import code_items

TABLE_KEYS = ("codings", "matrix", "cooccurrence", "counting", "codebook", "history", "memos")


def build_tables(session: Session, options: TableOptions | None = None) -> list[ExportTable]:
    """All seven tables, in ``TABLE_KEYS`` order."""
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
        ExportTable(
            "counting",
            lab["sheet_counting"],
            [lab["counted_header"]],
            [
                [line]
                for line in [
                    *data.counted.lines(options.lang),
                    lab["codings_rows"].format(sheet=lab["sheet_codings"]),
                ]
            ],
        ),
        codebook_table(session, lab),
        history_table(session, lab),
        memos_table(session, options, lab),
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
    key: str, title: str, lab: Mapping[str, str], table: Tabulation, unit: str
) -> ExportTable:
    def column(name: object) -> str:
        text = str(name)
        return lab["total"] if text == TOTAL else lab["none"] if text == MISSING else text

    header = [f"{lab['code']} ({unit})", *(column(c) for c in table.columns)]
    rows: list[list[Cell]] = [
        [label, *values] for label, values in zip(table.rows, table.cells, strict=True)
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
    rows: list[list[Cell]] = [
        [
            c.path,
            c.name,
            c.brief_definition,
            c.full_definition,
            c.when_to_use,
            c.when_not_to_use,
            c.example,
            ", ".join(c.keywords),
            c.color,
            lab["retired"] if c.retired else lab["active"],
            c.count,
        ]
        for c in code_items(session, include_retired=True)
    ]
    return ExportTable("codebook", lab["sheet_codebook"], header, rows)


def history_table(session: Session, lab: Mapping[str, str]) -> ExportTable:
    header = [lab["version"], lab["kind"], lab["who"], lab["when_utc"], lab["reason"]]
    rows: list[list[Cell]] = [
        [
            r.version,
            lab.get(f"revision_{r.kind}", r.kind),
            r.coder,
            r.created_at.replace(microsecond=0),
            r.reason,
        ]
        for r in codebook_history(session)
    ]
    return ExportTable("history", lab["sheet_history"], header, rows)


# --------------------------------------------------------------------------- memos

_MEMO_KINDS = ("project", "document", "code", "coding")


@dataclass(frozen=True)
class _MemoEntry:
    kind: str
    on: str  # the target's name: project name, document name, code path ("… (gone)" if removed)
    coding: NotedCoding | None
    document_id: int | None  # the document a memo on a document or coding belongs to
    coder_id: int
    author: str
    title: str
    text: str
    created: datetime
    edited: datetime

    def sort_key(self) -> tuple[int, str, str, int, datetime]:
        c = self.coding
        return (
            _MEMO_KINDS.index(self.kind) if self.kind in _MEMO_KINDS else len(_MEMO_KINDS),
            self.on.casefold(),
            c.document.casefold() if c else "",
            c.start if c else 0,
            self.created,
        )

    def cells(self, lab: Mapping[str, str]) -> list[Cell]:
        c = self.coding
        return [
            lab.get(f"on_{self.kind}", self.kind),
            self.on,
            c.document if c else "",
            c.start if c else None,
            c.end if c else None,
            c.passage if c else "",
            self.title,
            self.text,
            self.author,
            self.created,
            self.edited,
        ]


def memos_table(session: Session, options: TableOptions, lab: Mapping[str, str]) -> ExportTable:
    """Every memo with its target named, so a colleague reading the workbook sees the thinking.

    A memo on one coding is that coding's note (``services.memos``); it is
    listed here too, with the code, document and passage it annotates, because
    in the codings table it is easily missed. The filters mean what they mean
    for the codings: ``coders`` keeps the memos those coders wrote (a note is
    written by its coding's coder), ``where`` keeps memos on the selected
    documents and on codings in them; memos on the project and on codes belong
    to no one document and always stay. A target that was removed is named
    "<id> (gone)", as ``memo list`` does, and without a ``where`` filter the
    memo stays. Times are UTC as stored, to the second.
    """
    documents = matching_documents(session, options.filters.where)
    authors = coder_ids(session, options.filters.coders)
    entries = _memo_entries(session)
    header = [
        lab["kind"],
        lab["memo_on"],
        lab["document"],
        lab["start"],
        lab["end"],
        lab["passage"],
        lab["memo_title"],
        lab["memo_text"],
        lab["author"],
        lab["created_utc"],
        lab["edited_utc"],
    ]
    rows = [
        e.cells(lab)
        for e in sorted(entries, key=_MemoEntry.sort_key)
        if (authors is None or e.coder_id in authors)
        and (documents is None or e.kind in ("project", "code") or e.document_id in documents)
    ]
    return ExportTable("memos", lab["sheet_memos"], header, rows)


def _memo_entries(session: Session) -> list[_MemoEntry]:
    memos = list_memos(session)
    on_codings = [
        m.target.id for m in memos if m.target.kind == "coding" and m.target.id is not None
    ]
    codings = noted_codings(session, on_codings)
    paths = load_code_tree(session, include_retired=True).paths()
    project = meta(session, "name")
    entries: list[_MemoEntry] = []
    for m in memos:
        kind, target_id = m.target.kind, m.target.id
        coding = codings.get(target_id) if kind == "coding" and target_id is not None else None
        document_id = target_id if kind == "document" else None
        if kind == "project":
            on = project
        elif kind != "coding":
            on = m.target.label
        elif coding is None:
            on = _gone(target_id)
        else:
            on, document_id = paths.get(coding.code_id, _gone(coding.code_id)), coding.document_id
        entries.append(
            _MemoEntry(
                kind=kind,
                on=on,
                coding=coding,
                document_id=document_id,
                coder_id=m.coder_id,
                author=m.coder,
                title=m.title,
                text=m.text,
                created=m.created_at.replace(microsecond=0),
                edited=m.updated_at.replace(microsecond=0),
            )
        )
    noted = {c.id: c for c in codings.values() if c.note}
    times = note_times(session, noted)
    for c in noted.values():
        created, edited = times.get(c.id, (None, c.created_at))
        entries.append(
            _MemoEntry(
                kind="coding",
                on=paths.get(c.code_id, _gone(c.code_id)),
                coding=c,
                document_id=c.document_id,
                coder_id=c.coder_id,
                author=c.coder,
                title="",
                text=c.note or "",
                created=(created or c.created_at).replace(microsecond=0),
                edited=edited.replace(microsecond=0),
            )
        )
    return entries


def _gone(target_id: int | None) -> str:
    """How ``services.memos`` names a target that no longer exists."""
    return f"{target_id} (gone)"
