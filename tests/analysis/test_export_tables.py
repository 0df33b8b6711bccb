"""Excel and CSV exports read back: sheet names, headers, values checked against queries."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from analysis.study import BESTUUR, GELIJK, LANDELIJK, Study
from codebook.db.models import Coding
from codebook.domain.exports import TableOptions
from codebook.domain.queries import Filters
from codebook.services.export.csv_files import export_csv
from codebook.services.export.tables import build_tables
from codebook.services.export.xlsx import export_xlsx

SHEETS_EN = ["Codings", "Code x case", "Co-occurrence", "Counted", "Codebook", "History", "Memos"]
SHEETS_NL = [
    "Coderingen",
    "Code x casus",
    "Co-occurrentie",
    "Geteld",
    "Codeboek",
    "Geschiedenis",
    "Memo's",
]


def as_csv(value: object) -> str:
    """A table cell as its CSV text: dates in ISO 8601."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return "" if value is None else str(value)


def rows_of(path: Path, sheet: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def test_workbook_sheets_and_values(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "codings.xlsx"
    seen: list[tuple[int, int]] = []
    with study.store.read() as s:
        tables = export_xlsx(s, out, progress=lambda d, t: seen.append((d, t)))
        n_codings = s.scalar(select(func.count()).select_from(Coding))
    assert seen[-1] == (9, 9)
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == SHEETS_EN
    assert [t.key for t in tables] == [
        "codings",
        "matrix",
        "cooccurrence",
        "counting",
        "codebook",
        "history",
        "memos",
    ]
    codings = rows_of(out, "Codings")
    header = codings[0]
    assert header[:4] == ("#", "Document", "Code", "Coder")
    assert header[-2:] == ("rol", "werkplaats")
    assert len(codings) - 1 == n_codings
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in codings[1:]}
    with study.store.read() as s:
        for coding in s.scalars(select(Coding)):
            row = by_id[coding.id]
            document = next(n for n, i in study.docs.items() if i == coding.document_id)
            assert row["Document"] == document
            assert row["Text"] == study.texts[document][coding.start : coding.end]
            assert (row["Start"], row["End"]) == (coding.start, coding.end)
    judith = next(r for r in by_id.values() if r["Code"] == LANDELIJK and r["Speaker"] == "Judith")
    assert judith["Memo"] == "mooi"
    assert judith["werkplaats"] == "WOA"
    assert judith["Context after"] == "Ook binnen de werkplaats praten we veel."
    matrix = rows_of(out, "Code x case")
    assert matrix[0] == ("Code (segments)", "point-01.txt", "woa-01.txt", "wou-01.txt")
    assert dict((r[0], r[1:]) for r in matrix[1:])[GELIJK] == (0, 1, 0)  # anna and bram alike
    cooc = rows_of(out, "Co-occurrence")
    assert cooc[0][0] == "Code (overlapping coded segments)"
    labels = list(cooc[0][1:])
    row = next(r for r in cooc if r[0] == "Kennisdeling")
    assert row[1 + labels.index(LANDELIJK)] == 1
    codebook = rows_of(out, "Codebook")
    assert [r[0] for r in codebook[1:]][-1] == BESTUUR
    history = rows_of(out, "History")
    assert [r[0] for r in history[1:]] == [1, 2, 3, 4, 5, 6]
    assert history[0][3] == "When (UTC)"
    assert all(isinstance(r[3], datetime) for r in history[1:])  # a date Excel can sort by


def test_dutch_workbook_and_table_options(study: Study, tmp_path: Path) -> None:
    out = tmp_path / "coderingen.xlsx"
    options = TableOptions(
        filters=Filters({"werkplaats": ["WOA"]}),
        lang="nl",
        cases="rol",
        unit="words",
        within="turn",
        with_children=True,
        context=0,
    )
    with study.store.read() as s:
        export_xlsx(s, out, options)
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == SHEETS_NL
    codings = rows_of(out, "Coderingen")
    assert codings[0][:4] == ("#", "Document", "Code", "Codeur")
    assert {r[1] for r in codings[1:]} == {"woa-01.txt"}
    assert all(r[12] is None for r in codings[1:])  # no context asked
    matrix = rows_of(out, "Code x casus")
    assert matrix[0] == ("Code (gecodeerde woorden)", "coördinator")
    assert matrix[1] == ("Kennisdeling", 14)
    cooc = rows_of(out, "Co-occurrentie")
    assert cooc[0][0] == "Code (beurten)"


def test_text_starting_with_equals_stays_text(study: Study, tmp_path: Path) -> None:
    with study.store.write() as s:
        from codebook.services.coding import set_note

        coding = s.scalar(select(Coding.id).where(Coding.note == "mooi"))
        assert coding is not None
        set_note(s, study.coders["anna"], coding, "=SUM(A1:A3)")
    out = tmp_path / "x.xlsx"
    with study.store.read() as s:
        export_xlsx(s, out)
    book = openpyxl.load_workbook(out)
    memos = [c.value for c in book["Codings"]["L"]]
    assert "=SUM(A1:A3)" in memos
    cell = next(c for c in book["Codings"]["L"] if c.value == "=SUM(A1:A3)")
    assert cell.data_type == "s"


def test_csv_files_are_utf8_with_bom_and_match_the_tables(study: Study, tmp_path: Path) -> None:
    folder = tmp_path / "export" / "csv"
    with study.store.read() as s:
        paths = export_csv(s, folder)
        tables = build_tables(s)
    assert [p.name for p in paths] == [
        "codings.csv",
        "matrix.csv",
        "cooccurrence.csv",
        "counting.csv",
        "codebook.csv",
        "history.csv",
        "memos.csv",
    ]
    for path, table in zip(paths, tables, strict=True):
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == table.header
        assert rows[1:] == [[as_csv(v) for v in row] for row in table.rows]
    assert "coördinator".encode() in paths[0].read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_export_to_a_missing_folder_fails_cleanly(study: Study, tmp_path: Path, lang: str) -> None:
    from codebook.domain import CodebookError

    out = tmp_path / "nowhere" / "x.xlsx"
    with study.store.read() as s, pytest.raises(CodebookError, match=f"{out}: cannot write"):
        export_xlsx(s, out, TableOptions(lang=lang))
    assert not (tmp_path / "nowhere").exists()
