"""Reading questionnaire exports as analysts get them: Excel's CSV on a Dutch machine, UTF-8
from a survey tool, an XLSX workbook, and the mistakes those files come with."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from codebook.domain import ImportFailed
from codebook.domain.surveys import ParsedSurvey
from codebook.services.surveys.reading import read_survey

AGREE = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")
LEADER = "De schoolleider faciliteert mijn onderzoekstijd"
EQUAL = "Ervaar je een gelijkwaardige samenwerkingsrelatie met de HO-onderzoeker?"
USED = "Door wie wordt de kennis uit jouw onderzoek nu gebruikt?"
YIELD = "Wat levert de werkplaats jouw school op?"
YEARS = "Hoeveel jaar werk je in het onderwijs?"
OPINION = "Wat vind je ervan, eerlijk gezegd, als collega?"


def write_csv(
    path: Path, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8"
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def read(path: Path, **options: object) -> ParsedSurvey:
    arguments: dict[str, object] = {
        "id_column": "respondent",
        "attributes": (),
        "open_columns": (),
        "scales": {},
    }
    arguments.update(options)
    return read_survey(path, **arguments)  # type: ignore[arg-type]


def failure(path: Path, **options: object) -> str:
    with pytest.raises(ImportFailed) as caught:
        read(path, **options)
    return str(caught.value)


def small(tmp_path: Path, *rows: list[str], name: str = "vragenlijst.csv") -> Path:
    header = ["respondent", "werkplaats", LEADER, YIELD]
    return write_csv(tmp_path / name, [header, *rows])


# --- files as they come ---------------------------------------------------------------


def test_a_comma_csv_in_utf8_with_bom_gives_typed_attributes_inferred_scales_and_gaps(
    tmp_path: Path,
) -> None:
    rows = [
        ["respondent", "werkplaats", "jaren", "datum", LEADER, EQUAL, USED, YEARS, YIELD],
        ["R1", "WOA", "12", "2024-03-05", "Eens", "ja", "in de school", "12", "Tijd."],
        ["R2", "POINT", "3,5", "", "4", "n", "Weet ik niet", "2,5", ""],
        ["R3", "WOU", "", "2024-04-11", " helemaal  oneens ", "", "weet ik niet", "", "Veel!"],
        ["R4", "WOA", "20", "2024-03-07", "strongly agree", "J", "door mij in de klas", "31", ""],
    ]
    source = write_csv(tmp_path / "vragenlijst.csv", rows, encoding="utf-8-sig")

    survey = read(
        source,
        attributes=("werkplaats", "jaren", "datum:date"),
        open_columns=(YIELD,),
    )

    assert (survey.name, survey.source, survey.encoding) == (
        "vragenlijst",
        "vragenlijst.csv",
        "utf-8-sig",
    )
    assert [(item.key, item.kind, item.labels) for item in survey.items] == [
        (LEADER, "likert", AGREE),
        (EQUAL, "yesno", ("nee", "ja")),
        (USED, "choice", ("in de school", "Weet ik niet", "door mij in de klas")),
        (YEARS, "number", ()),
        (YIELD, "open", ()),
    ]
    first, second, third, fourth = survey.respondents
    assert (first.row, first.id) == (2, "R1")
    assert first.attributes == {
        "werkplaats": ("text", "WOA"),
        "jaren": ("number", 12.0),
        "datum": ("date", date(2024, 3, 5)),
    }
    assert second.attributes == {"werkplaats": ("text", "POINT"), "jaren": ("number", 3.5)}
    assert first.answers == (3, 1, 0, 12.0, "Tijd.")
    assert second.answers == (3, 0, 1, 2.5, None)
    assert third.answers == (0, None, 1, None, "Veel!")
    assert fourth.answers == (4, 1, 2, 31.0, None)


def test_a_semicolon_csv_in_cp1252_keeps_its_dutch_letters_and_commas_in_headers(
    tmp_path: Path,
) -> None:
    question = "Hoe vaak, ongeveer, deel je kennis met één collega?"
    # more commas than semicolons in the header: the delimiter is the one that splits rows evenly
    rows = [
        ["respondent", "rol", question, OPINION],
        ["R1", "coördinator", "één keer", "Goed, maar één uur is te weinig"],
        ["R2", "leerkracht-onderzoeker", "nooit", "Geen idee"],
        ["R3", "coördinator", "één keer", ""],
    ]
    source = write_csv(tmp_path / "enquête.csv", rows, delimiter=";", encoding="cp1252")

    survey = read(source, attributes=("rol",), open_columns=(OPINION,))

    assert survey.encoding == "cp1252"
    assert [item.key for item in survey.items] == [question, OPINION]
    assert survey.items[0].labels == ("één keer", "nooit")
    assert [r.attributes["rol"] for r in survey.respondents] == [
        ("text", "coördinator"),
        ("text", "leerkracht-onderzoeker"),
        ("text", "coördinator"),
    ]
    assert survey.respondents[0].answers == (0, "Goed, maar één uur is te weinig")


def test_without_an_id_column_rows_are_numbered_as_a_spreadsheet_shows_them(
    tmp_path: Path,
) -> None:
    source = tmp_path / "anoniem.csv"
    source.write_text(
        f"werkplaats,{LEADER},{YIELD}\n"
        'WOA,eens,"Meer tijd.\nEn een plek."\n'
        "\n"
        "POINT,oneens,\n"
        "WOU,oneens,\n",
        encoding="utf-8",
    )

    survey = read(source, id_column=None, attributes=("werkplaats",), open_columns=(YIELD,))

    assert [(r.row, r.id) for r in survey.respondents] == [(2, "2"), (4, "4"), (5, "5")]
    assert survey.respondents[0].answers == (3, "Meer tijd.\nEn een plek.")


def test_a_column_that_fits_several_scales_takes_the_first_and_numbers_beyond_them_are_numbers(
    tmp_path: Path,
) -> None:
    rows = [
        ["respondent", "twee labels", "schaalcijfers", "cijfer", "ja of nee", "leeg"],
        ["R1", "oneens", "1", "7", "yes", ""],
        ["R2", "eens", "2", "8,5", "no", ""],
        ["R3", "eens", "2", "10", "y", ""],
    ]
    survey = read(write_csv(tmp_path / "v.csv", rows))

    kinds = [(item.kind, item.labels) for item in survey.items]
    assert kinds == [
        ("likert", AGREE),
        ("likert", AGREE),
        ("number", ()),
        ("yesno", ("nee", "ja")),
        ("open", ()),
    ]
    assert [r.answers for r in survey.respondents] == [
        (1, 0, 7.0, 1, None),
        (3, 1, 8.5, 0, None),
        (3, 1, 10.0, 1, None),
    ]


def test_a_named_scale_wins_over_inference(tmp_path: Path) -> None:
    rows = [["respondent", "vier punten", "keuze"], ["R1", "1", "2"], ["R2", "4", "1"]]
    survey = read(
        write_csv(tmp_path / "v.csv", rows), scales={"vier punten": "likert4", "keuze": "choice"}
    )

    assert [(item.kind, item.labels) for item in survey.items] == [
        ("likert", ("helemaal oneens", "oneens", "eens", "helemaal eens")),
        ("choice", ("2", "1")),
    ]
    assert [r.answers for r in survey.respondents] == [(0, 0), (3, 1)]


def workbook(path: Path, *sheets: tuple[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


XLSX_ROWS: list[list[object]] = [
    ["respondent", "werkplaats", "ingevuld op", LEADER, EQUAL, YIELD],
    [101, "WOA", datetime(2024, 5, 14), 4, "ja", "Onderzoek hoort erbij."],
    [102, "POINT", datetime(2024, 5, 15), 2.0, None, None],
    [103, "WOU", datetime(2024, 5, 15), 5, "nee"],
]


def test_an_xlsx_with_two_sheets_needs_one_chosen_and_then_reads_typed_cells(
    tmp_path: Path,
) -> None:
    source = workbook(
        tmp_path / "vragenlijst.xlsx",
        ("Toelichting", [["Deze vragenlijst is afgenomen in mei 2024."]]),
        ("Antwoorden", XLSX_ROWS),
    )

    assert failure(source) == (
        f"{source}: 2 sheets ('Toelichting', 'Antwoorden'); choose one with --sheet"
    )
    assert failure(source, sheet="Blad1") == (
        f"{source}: no sheet 'Blad1'; the sheets are: 'Toelichting', 'Antwoorden'"
    )

    survey = read(
        source,
        sheet="Antwoorden",
        attributes=("werkplaats", "ingevuld op"),
        open_columns=(YIELD,),
    )

    assert survey.encoding is None
    assert [(item.kind, item.labels) for item in survey.items] == [
        ("likert", AGREE),
        ("yesno", ("nee", "ja")),
        ("open", ()),
    ]
    assert [(r.row, r.id) for r in survey.respondents] == [(2, "101"), (3, "102"), (4, "103")]
    assert survey.respondents[0].attributes == {
        "werkplaats": ("text", "WOA"),
        "ingevuld op": ("date", date(2024, 5, 14)),
    }
    assert [r.answers for r in survey.respondents] == [
        (3, 1, "Onderzoek hoort erbij."),
        (1, None, None),
        (4, 0, None),
    ]


def test_an_xlsx_with_merged_header_cells_is_refused_naming_them(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["respondent", "Over de schoolleider", None, "werkplaats"])
    sheet.append(["R1", "eens", "oneens", "WOA"])
    sheet.merge_cells("B1:C1")
    source = tmp_path / "samengevoegd.xlsx"
    book.save(source)

    assert failure(source) == (
        f"{source}, row 1: merged header cells B1:C1; give every column its own header"
    )


def test_a_value_beyond_the_header_of_an_xlsx_names_its_cell(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["respondent", LEADER],
        ["R1", "eens"],
        ["R2", "oneens", None, "vergeten kolom"],
    ]
    source = workbook(tmp_path / "breed.xlsx", ("Blad1", rows))

    assert failure(source) == (
        f"{source}, row 3, column D: a value beyond the last column (the header has 2 columns)"
    )


# --- bad input: one line naming file, row and column; nothing returned ------------------


def test_a_ragged_csv_row_names_its_row_and_column(tmp_path: Path) -> None:
    long_row = small(tmp_path, ["R1", "WOA", "eens", ""], ["R2", "WOA", "eens", "Ja", "extra"])
    short_row = small(tmp_path, ["R1", "WOA", "eens", ""], ["R2", "WOA"], name="kort.csv")

    assert failure(long_row) == (
        f"{long_row}, row 3, column E: a value beyond the last column (the header has 4 columns)"
    )
    assert failure(short_row) == (
        f"{short_row}, row 3, column '{LEADER}': the row ends before this column (2 of 4 values)"
    )


def test_an_answer_not_on_a_named_scale_lists_the_labels(tmp_path: Path) -> None:
    source = small(tmp_path, ["R1", "WOA", "eens", ""], ["R2", "WOA", "mwah", ""])

    assert failure(source, scales={LEADER: "likert5"}) == (
        f"{source}, row 3, column '{LEADER}': 'mwah' is not on the likert5 scale "
        "(helemaal oneens, oneens, neutraal, eens, helemaal eens)"
    )


def test_a_duplicate_respondent_names_both_rows(tmp_path: Path) -> None:
    source = small(
        tmp_path, ["R1", "WOA", "eens", ""], ["R2", "WOA", "eens", ""], ["R1", "WOU", "eens", ""]
    )

    assert failure(source) == (
        f"{source}, row 4, column 'respondent': respondent 'R1' is also on row 2"
    )


def test_a_missing_respondent_id_names_its_row(tmp_path: Path) -> None:
    source = small(tmp_path, ["R1", "WOA", "eens", ""], ["", "WOA", "eens", ""])

    assert failure(source) == f"{source}, row 3, column 'respondent': no respondent id"


def test_a_bad_number_or_date_names_its_row_and_column(tmp_path: Path) -> None:
    rows = [["respondent", "datum", YEARS], ["R1", "2024-03-05", "4"], ["R2", "maart", "vijf"]]
    source = write_csv(tmp_path / "v.csv", rows)

    assert failure(source, attributes=("datum:date",)) == (
        f"{source}, row 3, column 'datum': 'maart' is not a date (expected yyyy-mm-dd)"
    )
    assert failure(source, scales={YEARS: "number"}, open_columns=("datum",)) == (
        f"{source}, row 3, column '{YEARS}': 'vijf' is not a number"
    )


def test_an_empty_or_repeated_header_is_refused(tmp_path: Path) -> None:
    gap = write_csv(tmp_path / "gat.csv", [["respondent", "", LEADER], ["R1", "x", "eens"]])
    twice = write_csv(tmp_path / "dubbel.csv", [["respondent", LEADER, LEADER], ["R1", "1", "2"]])

    assert failure(gap) == f"{gap}, row 1, column B: a column without a header"
    assert failure(twice) == (f"{twice}, row 1: columns B and C have the same header '{LEADER}'")


def test_an_option_naming_no_column_lists_the_columns(tmp_path: Path) -> None:
    source = small(tmp_path, ["R1", "WOA", "eens", ""])
    columns = f"'respondent', 'werkplaats', '{LEADER}', '{YIELD}'"

    assert failure(source, attributes=("rol",)) == (
        f"{source}: no column 'rol' (named by --attr); the columns are: {columns}"
    )
    assert failure(source, scales={"Vraag 9": "likert5"}) == (
        f"{source}: no column 'Vraag 9' (named by --scale); the columns are: {columns}"
    )
    assert failure(source, open_columns=(LEADER,), scales={LEADER: "likert5"}) == (
        f"{source}: column '{LEADER}' is named by both --open and --scale"
    )
    assert failure(source, scales={LEADER: "likert7"}) == (
        f"{source}: unknown scale 'likert7' for column '{LEADER}' "
        "(use likert5, likert4, yesno, choice, number)"
    )


def test_an_attribute_type_is_declared_after_a_colon_unless_the_header_has_one(
    tmp_path: Path,
) -> None:
    rows = [["respondent", "Rol: in de werkplaats", "cohort"], ["R1", "coach", "2021"]]
    source = write_csv(tmp_path / "v.csv", rows)

    survey = read(source, attributes=("Rol: in de werkplaats", "cohort:text"))

    assert survey.respondents[0].attributes == {
        "Rol: in de werkplaats": ("text", "coach"),
        "cohort": ("text", "2021"),
    }
    assert failure(source, attributes=("cohort:jaartal",)) == (
        f"{source}: --attr 'cohort:jaartal': unknown type 'jaartal' for 'cohort' "
        "(use text, number, date, category)"
    )


def test_free_text_left_unnamed_is_refused_with_the_way_out(tmp_path: Path) -> None:
    rows = [["respondent", "Toelichting"], *[["R" + str(n), f"antwoord {n}"] for n in range(13)]]
    source = write_csv(tmp_path / "v.csv", rows)

    assert failure(source) == (
        f"{source}, column 'Toelichting': 13 different answers, too many for a closed "
        "question; name it with --open (free text) or --scale"
    )
    assert read(source, open_columns=("Toelichting",)).respondents[12].answers == ("antwoord 12",)


def test_a_file_in_no_detectable_encoding_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "kapot.csv"
    source.write_bytes(bytes(range(32)) * 40)

    assert failure(source) == f"{source}: not a text file (binary content)"


def test_an_old_excel_file_or_a_sheet_of_a_csv_is_refused(tmp_path: Path) -> None:
    old = tmp_path / "vragenlijst.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    source = small(tmp_path, ["R1", "WOA", "eens", ""])

    assert failure(old) == (f"{old}: not a questionnaire file (use .csv or .xlsx, not '.xls')")
    assert failure(source, sheet="Blad1") == f"{source}: --sheet applies to .xlsx files only"


def test_the_errors_read_in_dutch_with_the_same_row_and_column(tmp_path: Path) -> None:
    source = small(tmp_path, ["R1", "WOA", "eens", ""], ["R2", "WOA", "mwah", ""])

    with pytest.raises(ImportFailed) as caught:
        read(source, scales={LEADER: "likert5"})

    assert caught.value.text("nl") == (
        f"{source}, rij 3, kolom '{LEADER}': 'mwah' staat niet op de schaal likert5 "
        "(helemaal oneens, oneens, neutraal, eens, helemaal eens)"
    )
