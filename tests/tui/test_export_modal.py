"""Export dialog (ctrl+e): a report or workbook that opens, with progress, or a reason why not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, ProgressBar, RadioSet

from codebook.project.exports import file_stem
from codebook.tui.app import CodebookApp
from codebook.tui.modals.confirm import ConfirmPreview
from codebook.tui.modals.export import ExportDialog
from codebook.tui.screens.analysis import AnalysisScreen
from codebook.tui.screens.coding import CodingScreen
from tui.coded import PROJECT_NAME, copy_of, record_notices, template
from tui.kit import running, scenario, settle


@pytest.fixture(scope="module")
def study_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return template(tmp_path_factory)


@pytest.fixture
def coded(study_file: Path, tmp_path: Path) -> str:
    return copy_of(study_file, tmp_path)


async def open_dialog(app: CodebookApp, pilot: Pilot[Any]) -> ExportDialog:
    await pilot.press("ctrl+e")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


def target(dialog: ExportDialog) -> Input:
    return dialog.query_one("#target", Input)


def test_word_report_at_the_chosen_path_in_the_apps_language(coded: str, tmp_path: Path) -> None:
    import docx

    out = tmp_path / "rapporten" / "thema's.docx"
    out.parent.mkdir()

    async def go() -> None:
        async with running(coded, lang="nl") as (app, pilot):
            notices = record_notices(app)
            dialog = await open_dialog(app, pilot)  # from the home screen, filter focused
            assert target(dialog).value == str(tmp_path / "Werkplaatsen-PO-themes.docx")
            bar = dialog.query_one("#progress", ProgressBar)
            target(dialog).value = str(out)
            await pilot.press("enter")
            await settle(pilot)
            assert bar.total is not None and bar.total > 0 and bar.progress == bar.total
            assert notices == [(f"{out} geschreven", "information")]
            assert not isinstance(app.screen, ExportDialog)

    scenario(go)
    report = docx.Document(str(out))
    texts = [p.text for p in report.paragraphs]
    assert "Inhoud" in texts and "Kennisdeling" in texts
    assert report.core_properties.language == "nl-NL"
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left


def test_excel_workbook_from_the_analysis_screen(coded: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    async def go() -> None:
        async with running(coded) as (app, pilot):
            await pilot.press("f5")
            await settle(pilot)
            assert isinstance(app.screen, AnalysisScreen)
            dialog = await open_dialog(app, pilot)
            dialog.query_one("#kind", RadioSet).focus()
            await pilot.press("down", "enter")  # Excel workbook
            expected = tmp_path / f"{file_stem(PROJECT_NAME)}-tables.xlsx"
            assert target(dialog).value == str(expected)  # the suggestion follows the kind
            bar = dialog.query_one("#progress", ProgressBar)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert bar.total is not None and bar.progress == bar.total
            assert isinstance(app.screen, AnalysisScreen)

    scenario(go)
    book = load_workbook(tmp_path / "Werkplaatsen-PO-tables.xlsx", read_only=True)
    # codings, matrix, co-occurrence, codebook, history, memos, and which coders were counted
    assert len(book.sheetnames) == 7
    book.close()


def test_an_unwritable_target_is_a_one_line_error_then_csv_works(
    coded: str, tmp_path: Path
) -> None:
    folder = tmp_path / "tabellen"

    async def go() -> None:
        async with running(coded) as (app, pilot):
            notices = record_notices(app)
            await pilot.press("enter")  # open a document: the transcript has the keyboard
            await settle(pilot)
            assert isinstance(app.screen, CodingScreen)
            dialog = await open_dialog(app, pilot)
            target(dialog).value = str(Path(coded) / "report.docx")  # inside a file
            await pilot.press("enter")
            await settle(pilot)
            assert len(notices) == 1 and notices[0][1] == "error"
            assert "\n" not in notices[0][0] and "report.docx" in notices[0][0]
            assert app.screen is dialog and not dialog.running
            assert target(dialog).has_focus and not target(dialog).disabled

            dialog.query_one("#kind", RadioSet).focus()
            await pilot.press("down", "down", "enter")  # CSV files
            target(dialog).value = str(folder)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert notices[-1] == (f"Wrote {folder}", "information")
            assert dialog.written == folder

            # Escape closes an idle dialog; under a dialog the export key does nothing.
            dialog = await open_dialog(app, pilot)
            await pilot.press("ctrl+e")
            assert app.screen is dialog
            await pilot.press("escape")
            assert not isinstance(app.screen, ExportDialog)

    scenario(go)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "codebook.csv",
        "codings.csv",
        "cooccurrence.csv",
        "counting.csv",
        "history.csv",
        "matrix.csv",
        "memos.csv",
    ]


def test_an_existing_report_is_replaced_only_when_the_user_confirms(
    coded: str, tmp_path: Path
) -> None:
    import docx

    out = tmp_path / "Werkplaatsen-PO-themes.docx"  # the suggested name: Enter would hit it
    out.write_bytes(b"last week's report")

    async def go() -> None:
        async with running(coded, lang="nl") as (app, pilot):
            notices = record_notices(app)
            dialog = await open_dialog(app, pilot)
            assert target(dialog).value == str(out)
            await pilot.press("enter")
            await settle(pilot)
            ask = app.screen
            assert isinstance(ask, ConfirmPreview)
            assert str(ask.query_one("#title").render()) == f"{out} vervangen?"
            await pilot.press("escape")  # keep it
            await settle(pilot)
            assert app.screen is dialog and not dialog.running and target(dialog).has_focus
            assert out.read_bytes() == b"last week's report" and notices == []

            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmPreview)
            await pilot.press("enter")  # replace it
            await settle(pilot)
            assert notices == [(f"{out} geschreven", "information")]
            assert not isinstance(app.screen, (ExportDialog, ConfirmPreview))

    scenario(go)
    assert "Inhoud" in [p.text for p in docx.Document(str(out)).paragraphs]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".docx") == [out.name]


def test_a_folder_of_csv_tables_lists_the_files_the_export_would_overwrite(
    coded: str, tmp_path: Path
) -> None:
    folder = tmp_path / "tabellen"
    folder.mkdir()
    (folder / "matrix.csv").write_text("old", encoding="utf-8")

    async def go() -> None:
        async with running(coded) as (app, pilot):
            dialog = await open_dialog(app, pilot)
            dialog.query_one("#kind", RadioSet).focus()
            await pilot.press("down", "down", "enter")  # CSV files
            target(dialog).value = str(folder)
            await pilot.press("ctrl+s")
            await settle(pilot)
            ask = app.screen
            assert isinstance(ask, ConfirmPreview)
            lines = str(ask.query_one("#preview").render()).splitlines()
            assert lines == ["The export overwrites these 1 files in it:", "matrix.csv"]
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is dialog

    scenario(go)
    assert (folder / "matrix.csv").read_text(encoding="utf-8") == "old"


def test_pdf_without_libreoffice_is_a_clear_error_in_the_dialog(
    coded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))

    async def go() -> None:
        async with running(coded) as (app, pilot):
            notices = record_notices(app)
            dialog = await open_dialog(app, pilot)
            dialog.query_one("#kind", RadioSet).focus()
            await pilot.press("down", "down", "down", "down", "enter")  # the PDF report
            assert target(dialog).value == str(tmp_path / "Werkplaatsen-PO-themes.pdf")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is dialog and not dialog.running
            assert len(notices) == 1 and notices[0][1] == "error"
            assert "LibreOffice" in notices[0][0]

    scenario(go)
    assert not (tmp_path / "Werkplaatsen-PO-themes.pdf").exists()


def test_the_report_can_show_a_codes_keywords_in_its_colour(coded: str, tmp_path: Path) -> None:
    import docx

    from codebook.project import Project

    with Project.open(coded, coder="anna") as door:
        quote = door.quotes("Kennisdeling")[0]
        keyword = max(quote.text.split(), key=len).strip(".,;:!?\"'")
        door.redefine_code("Kennisdeling", {"keywords": [keyword], "color": "#D62728"})
    out = tmp_path / "kernwoorden.docx"

    async def go() -> None:
        async with running(coded) as (app, pilot):
            dialog = await open_dialog(app, pilot)
            box = dialog.query_one("#highlight", Checkbox)
            assert box.display and not box.value
            box.focus()
            await pilot.press("space")
            assert box.value
            target(dialog).value = str(out)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, ExportDialog)

    scenario(go)
    runs = [run for p in docx.Document(str(out)).paragraphs for run in p.runs]
    marked = {r.text.casefold() for r in runs if r.bold and str(r.font.color.rgb) == "D62728"}
    assert keyword.casefold() in marked
