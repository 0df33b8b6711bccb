"""The questionnaire screen (F8): every item, the highlighted one's answers per group as bars."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from codebook.domain.surveys import SurveyRequest
from codebook.project import Project
from codebook.tui.screens.surveys import SurveyScreen
from codebook.tui.widgets.table import FittedTable
from tui.kit import running, scenario, settle

STATEMENT = "De schoolleider heeft een onderzoekende houding"
OPEN = "Wat levert het op?"
ROWS = [
    ("R1", "WOA", "collega", "eens", "Meer overleg."),
    ("R2", "WOA", "collega", "helemaal eens", ""),
    ("R3", "WOU", "leerkracht-onderzoeker", "oneens", "Tijd."),
    ("R4", "WOU", "collega", "eens", ""),
]


def project_with_survey(tmp_path: Path) -> str:
    source = tmp_path / "vragenlijst.csv"
    lines = [f"respondent;werkplaats;rol;{STATEMENT};{OPEN}"]
    lines += [";".join(row) for row in ROWS]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    location = tmp_path / "studie.db"
    with Project.create(location, "studie", coder="anna") as door:
        door.import_survey(
            source,
            SurveyRequest(
                id_column="respondent",
                attributes=("werkplaats", "rol"),
                open_columns=(OPEN,),
                scales={STATEMENT: "likert5"},
            ),
        )
    return str(location)


def bars(screen: SurveyScreen) -> str:
    return str(screen.query_one("#bars", Static).render())


def test_items_and_their_answers_per_group_then_by_another_attribute(tmp_path: Path) -> None:
    location = project_with_survey(tmp_path)

    async def go() -> None:
        async with running(location, lang="nl") as (app, pilot):
            await pilot.press("f8")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SurveyScreen)
            table = screen.query_one("#items", FittedTable)
            assert table.row_count == 2
            assert [str(c.label) for c in table.columns.values()][2] == "vraag"
            shown = bars(screen)
            assert "WOA" in shown and "WOU" in shown
            assert "50% 50%" in shown.split("WOA", 1)[1].splitlines()[0].replace(" 0%", "")
            assert "(n = 2)" in shown and "(n = 4)" in shown and "helemaal eens" in shown
            await pilot.press("slash")
            by = screen.query_one("#by", Input)
            assert by.has_focus
            by.value = "rol"
            await pilot.press("enter")
            await settle(pilot)
            shown = bars(screen)
            assert "leerkracht-onderzoeker" in shown and "collega" in shown and "(n = 3)" in shown
            await pilot.press("down")
            await settle(pilot)
            assert "codeerscherm" in bars(screen)  # the open question: its answers are documents
            by.value = "school"
            await pilot.press("up")
            await settle(pilot)
            assert "school" in bars(screen) and "werkplaats" in bars(screen)  # what it does have
            await pilot.press("escape")
            assert not isinstance(app.screen, SurveyScreen)

    scenario(go)


def test_a_project_without_a_questionnaire_says_how_to_import_one(tmp_path: Path) -> None:
    location = tmp_path / "leeg.db"
    Project.create(location, "leeg", coder="anna").close()

    async def go() -> None:
        async with running(str(location)) as (app, pilot):
            await pilot.press("f8")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SurveyScreen)
            assert "codebook survey import" in bars(screen)

    scenario(go)
