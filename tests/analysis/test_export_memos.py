"""Memos in the Excel and CSV exports, read back with openpyxl and the csv module.

The study's codings already carry two notes ("mooi" by anna, "eens" by bram);
``with_memos`` adds memos of every other kind at fixed times and one note
written, then edited, after its coding, with the journal's times fixed too.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from analysis.study import BESTUUR, CODINGS, GELIJK, LANDELIJK, Study
from analysis.test_export_tables import as_csv, rows_of
from codebook.db.engine import Store
from codebook.db.models import Action, Coding, Memo
from codebook.domain.exports import TableOptions
from codebook.domain.queries import Filters
from codebook.services.coding import set_note
from codebook.services.export.csv_files import export_csv
from codebook.services.export.xlsx import export_xlsx
from codebook.services.memos import (
    MemoDraft,
    add_memos,
    code_target,
    document_target,
    project_target,
)

HEADER_EN = (
    "Kind",
    "On",
    "Document",
    "Start",
    "End",
    "Segment",
    "Title",
    "Text",
    "Author",
    "Created (UTC)",
    "Last edited (UTC)",
)
HEADER_NL = (
    "Soort",
    "Bij",
    "Document",
    "Begin",
    "Einde",
    "Fragment",
    "Titel",
    "Tekst",
    "Auteur",
    "Aangemaakt (UTC)",
    "Laatst gewijzigd (UTC)",
)
MULTILINE = "Open gesprek.\nJudith twijfelt over de rol van het bestuur.\n\n- na te vragen"
ACCENTS = "Coördinator: één groot succes 🎉, of naïef? Ça dépend."
TIJD = "Het bestuur geeft tijd."


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 3, day, hour, 0)


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def coding_of(study: Study, s: Session, doc: str, code: str, coder: str) -> Coding:
    passage = next(p for d, c, p, who, _ in CODINGS if (d, c, who) == (doc, code, coder))
    start, end = study.span(doc, passage)
    found = s.scalar(
        select(Coding).where(
            Coding.document_id == study.docs[doc],
            Coding.code_id == study.codes[code],
            Coding.coder_id == study.coders[coder],
            Coding.start == start,
            Coding.end == end,
        )
    )
    assert found is not None
    return found


@pytest.fixture
def with_memos(study: Study) -> Study:
    anna, bram = study.coders["anna"], study.coders["bram"]
    with study.store.write() as s:
        add_memos(
            s,
            anna,
            [
                MemoDraft(project_target(), "Focus op borging.", "Koers", at(1)),
                MemoDraft(document_target(s, "point-01.txt"), ACCENTS, "", at(2, 11)),
                MemoDraft(code_target(s, BESTUUR), "Bestuur = randvoorwaarde.", "", at(3)),
            ],
            "anna's memos",
        )
        add_memos(
            s,
            bram,
            [
                MemoDraft(document_target(s, "woa-01.txt"), MULTILINE, "Eerste indruk", at(2, 10)),
                MemoDraft(code_target(s, LANDELIJK), "Zeldzaam.", "", at(4)),
            ],
            "bram's memos",
        )
        tijd = coding_of(study, s, "point-01.txt", BESTUUR, "bram").id
        set_note(s, bram, tijd, "Tijd of geld?")
        set_note(s, bram, tijd, "Tijd, niet geld.")
        first, second = s.scalars(
            select(Action.id).where(Action.kind == "coding.note").order_by(Action.id)
        )
        s.execute(update(Action).where(Action.id == first).values(created_at=at(5)))
        s.execute(update(Action).where(Action.id == second).values(created_at=at(6, 14)))
    return study


def coded_at(study: Study, doc: str, code: str, coder: str) -> datetime:
    with study.store.read() as s:
        return coding_of(study, s, doc, code, coder).created_at.replace(microsecond=0)


def expected_rows(study: Study) -> list[tuple[object, ...]]:
    woa_landelijk = study.span("woa-01.txt", "We delen kennis landelijk via de conferentie.")
    woa_gelijk = study.span("woa-01.txt", "De samenwerking met de hogeschool is gelijkwaardig.")
    point_tijd = study.span("point-01.txt", TIJD)
    mooi = coded_at(study, "woa-01.txt", LANDELIJK, "anna")
    eens = coded_at(study, "woa-01.txt", GELIJK, "bram")
    return [
        ("project", "test project", None, None, None, None, "Koers", "Focus op borging.",
         "anna", at(1), at(1)),
        ("document", "point-01.txt", None, None, None, None, None, ACCENTS, "anna",
         at(2, 11), at(2, 11)),
        ("document", "woa-01.txt", None, None, None, None, "Eerste indruk", MULTILINE, "bram",
         at(2, 10), at(2, 10)),
        ("code", LANDELIJK, None, None, None, None, None, "Zeldzaam.", "bram", at(4), at(4)),
        ("code", BESTUUR, None, None, None, None, None, "Bestuur = randvoorwaarde.", "anna",
         at(3), at(3)),
        ("coding", LANDELIJK, "woa-01.txt", *woa_landelijk,
         "We delen kennis landelijk via de conferentie.", None, "mooi", "anna", mooi, mooi),
        ("coding", BESTUUR, "point-01.txt", *point_tijd, TIJD, None, "Tijd, niet geld.", "bram",
         at(5), at(6, 14)),
        ("coding", GELIJK, "woa-01.txt", *woa_gelijk,
         "De samenwerking met de hogeschool is gelijkwaardig.", None, "eens", "bram", eens, eens),
    ]  # fmt: skip


def test_memos_sheet_lists_every_kind_with_its_target(with_memos: Study, tmp_path: Path) -> None:
    out = tmp_path / "memos.xlsx"
    with with_memos.store.read() as s:
        tables = export_xlsx(s, out)
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[-1] == "Memos"
    assert tables[-1].key == "memos"
    rows = rows_of(out, "Memos")
    assert rows[0] == HEADER_EN
    assert rows[1:] == expected_rows(with_memos)


def test_memos_sheet_wraps_text_and_stores_real_dates(with_memos: Study, tmp_path: Path) -> None:
    out = tmp_path / "memos.xlsx"
    with with_memos.store.read() as s:
        export_xlsx(s, out)
    sheet = openpyxl.load_workbook(out)["Memos"]
    text = next(c for c in sheet["H"] if c.value == MULTILINE)
    assert text.alignment.wrap_text and text.alignment.vertical == "top"
    assert not sheet.cell(text.row, 1).alignment.wrap_text
    assert sheet.column_dimensions["H"].width == 80
    created = sheet.cell(text.row, 10)
    assert created.is_date and created.value == at(2, 10)
    assert created.number_format == "yyyy-mm-dd hh:mm:ss"
    assert sheet.freeze_panes == "A2"


def test_memos_csv_keeps_lines_and_accents_and_writes_iso_times(
    with_memos: Study, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    with with_memos.store.read() as s:
        paths = export_csv(s, folder)
    assert paths[-1] == folder / "memos.csv"
    rows = csv_rows(paths[-1])
    assert rows[0] == list(HEADER_EN)
    assert rows[1:] == [[as_csv(v) for v in row] for row in expected_rows(with_memos)]
    assert rows[3][7] == MULTILINE and rows[2][7] == ACCENTS
    assert rows[1][9:] == ["2024-03-01T09:00:00", "2024-03-01T09:00:00"]
    assert "🎉".encode() in paths[-1].read_bytes()


def test_dutch_headers_and_kinds(with_memos: Study, tmp_path: Path) -> None:
    out = tmp_path / "memos.xlsx"
    folder = tmp_path / "csv"
    with with_memos.store.read() as s:
        export_xlsx(s, out, TableOptions(lang="nl"))
        export_csv(s, folder, TableOptions(lang="nl"))
    rows = rows_of(out, "Memo's")
    assert rows[0] == HEADER_NL
    assert [r[0] for r in rows[1:]] == ["project"] + ["document"] * 2 + ["code"] * 2 + [
        "codering"
    ] * 3
    assert csv_rows(folder / "memos.csv")[0] == list(HEADER_NL)
    assert csv_rows(folder / "memos.csv")[-1][0] == "codering"


def test_a_memo_on_a_coding_names_its_code_document_and_passage(
    with_memos: Study, tmp_path: Path
) -> None:
    """Also a memo row written on a coding (the schema allows it), beside the notes."""
    with with_memos.store.write() as s:
        coding = coding_of(with_memos, s, "point-01.txt", LANDELIJK, "anna")
        s.add(
            Memo(
                target_kind="coding",
                target_id=coding.id,
                coder_id=with_memos.coders["bram"],
                title="Tegenspraak",
                text="Vergelijk met WOA.",
                created_at=at(7),
                updated_at=at(8),
            )
        )
    out = tmp_path / "memos.xlsx"
    with with_memos.store.read() as s:
        export_xlsx(s, out)
    rows = rows_of(out, "Memos")
    found = next(r for r in rows if r[7] == "Vergelijk met WOA.")
    start, end = with_memos.span("point-01.txt", "Landelijk delen we weinig.")
    assert found == (
        "coding", LANDELIJK, "point-01.txt", start, end, "Landelijk delen we weinig.",
        "Tegenspraak", "Vergelijk met WOA.", "bram", at(7), at(8),
    )  # fmt: skip
    # ordered by code path, then document: point-01 before woa-01 under the same code
    landelijk = [r[2] for r in rows if r[0] == "coding" and r[1] == LANDELIJK]
    assert landelijk == ["point-01.txt", "woa-01.txt"]


def test_coder_and_where_filters_apply_to_memos(with_memos: Study, tmp_path: Path) -> None:
    out = tmp_path / "bram.xlsx"
    with with_memos.store.read() as s:
        export_xlsx(s, out, TableOptions(filters=Filters(coders=("bram",))))
    rows = rows_of(out, "Memos")[1:]
    assert {r[8] for r in rows} == {"bram"}
    assert [r[7] for r in rows] == [MULTILINE, "Zeldzaam.", "Tijd, niet geld.", "eens"]

    out = tmp_path / "point.xlsx"
    with with_memos.store.read() as s:
        export_xlsx(s, out, TableOptions(filters=Filters({"werkplaats": ["POINT"]})))
    rows = rows_of(out, "Memos")[1:]
    # the project and codes belong to no one document: their memos stay
    assert [(r[0], r[7]) for r in rows] == [
        ("project", "Focus op borging."),
        ("document", ACCENTS),
        ("code", "Zeldzaam."),
        ("code", "Bestuur = randvoorwaarde."),
        ("coding", "Tijd, niet geld."),
    ]


def test_memos_on_removed_targets_are_named_gone(with_memos: Study, tmp_path: Path) -> None:
    with with_memos.store.write() as s:
        s.execute(
            update(Memo).where(Memo.text == MULTILINE).values(target_id=12345)
        )  # the document is gone (an undone import, say)
        s.add(
            Memo(
                target_kind="coding",
                target_id=67890,
                coder_id=with_memos.coders["anna"],
                title="",
                text="Over een verdwenen codering.",
                created_at=at(9),
                updated_at=at(9),
            )
        )
    folder = tmp_path / "csv"
    with with_memos.store.read() as s:
        export_csv(s, folder)
        export_csv(s, tmp_path / "woa", TableOptions(filters=Filters({"werkplaats": ["WOA"]})))
    rows = csv_rows(folder / "memos.csv")
    gone_doc = next(r for r in rows if r[7] == MULTILINE)
    assert gone_doc[:3] == ["document", "12345 (gone)", ""]
    gone_coding = next(r for r in rows if r[7] == "Over een verdwenen codering.")
    assert gone_coding[:6] == ["coding", "67890 (gone)", "", "", "", ""]
    # a removed target cannot be shown to lie in the selected documents
    texts = [r[7] for r in csv_rows(tmp_path / "woa" / "memos.csv")[1:]]
    assert MULTILINE not in texts and "Over een verdwenen codering." not in texts
    assert "mooi" in texts


def test_no_memos_gives_headers_only(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "leeg.xlsx"
    folder = tmp_path / "leeg"
    with store.read() as s:
        tables = export_xlsx(s, out)
        export_csv(s, folder, TableOptions(lang="nl"))
    assert tables[-1].rows == []
    assert rows_of(out, "Memos") == [HEADER_EN]
    assert csv_rows(folder / "memos.csv") == [list(HEADER_NL)]
