"""The codebook screen's history of a code (h), the comparison of two versions (d),
and the redefinition preview with the changed words marked."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from codebook.project import Project as ProjectDoor
from codebook.tui.app import CodebookApp
from codebook.tui.modals.confirm import ConfirmPreview
from codebook.tui.modals.prompt import TextPrompt
from codebook.tui.screens.code_history import (
    DELETED,
    INSERTED,
    CodebookDiffScreen,
    CodeHistoryScreen,
)
from codebook.tui.screens.codebook import CodebookScreen
from tui.kit import Project, running, scenario, settle

OLD_DEFINITION = "Teachers share what they learned with the whole team during the study day."
NEW_DEFINITION = "Teachers share what they learned with colleagues during the study day."


def revise(project: Project) -> None:
    """Kennisdeling renamed, then redefined with a reason, as a colleague would have done."""
    with ProjectDoor.open(project.path, coder="bram") as door:
        door.redefine_code(project.other, {"brief_definition": OLD_DEFINITION})
        door.rename_code(project.other, "Kennis delen", reason="shorter")
        door.redefine_code(
            project.other, {"brief_definition": NEW_DEFINITION}, reason="not only the team"
        )


async def codebook(app: CodebookApp, pilot: Pilot[Any], highlight: int) -> CodebookScreen:
    await pilot.press("f3")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CodebookScreen)
    screen.code_tree.select_code(highlight)
    await pilot.pause()
    return screen


def rows(table: DataTable[Any]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def styled(text: Text, style: str) -> list[str]:
    """The pieces of ``text`` drawn in ``style``."""
    return [text.plain[span.start : span.end] for span in text.spans if str(span.style) == style]


def changes_shown(app: CodebookApp) -> Text:
    content = app.screen.query_one("#changes", Static).content
    assert isinstance(content, Text)
    return content


def test_history_lists_a_codes_revisions_and_marks_the_changed_words(project: Project) -> None:
    revise(project)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await codebook(app, pilot, project.other)
            await pilot.press("h")
            await settle(pilot)
            assert isinstance(app.screen, CodeHistoryScreen)
            shown = rows(app.screen.query_one("#revisions", DataTable))
            versions = [row[0] for row in shown]
            kinds = [row[3] for row in shown]
            assert kinds == ["create", "redefine", "rename", "redefine"]
            assert versions == ["v3", "v4", "v5", "v6"]
            assert shown[-1][2] == "bram"
            assert shown[-1][5] == "not only the team"
            assert shown[2][5] == "shorter"
            # The newest revision is highlighted, its changes shown word by word, in full.
            text = changes_shown(app)
            assert "redefined: Kennis delen (brief_definition)" in text.plain
            assert styled(text, DELETED) == ["the whole team"]
            assert styled(text, INSERTED) == ["colleagues"]
            assert "during the study day." in text.plain
            # Enter on an older revision shows what that one did.
            await pilot.press("up", "enter")
            await settle(pilot)
            assert "renamed: Kennisdeling -> 'Kennis delen'" in changes_shown(app).plain
            await pilot.press("escape")
            assert isinstance(app.screen, CodebookScreen)

    scenario(go)


def test_history_of_a_code_without_revisions_of_its_own_after_creation(project: Project) -> None:
    async def go() -> None:
        async with running(project.path, lang="nl") as (app, pilot):
            await codebook(app, pilot, project.theme)
            await pilot.press("h")
            await settle(pilot)
            shown = rows(app.screen.query_one("#revisions", DataTable))
            assert [row[3] for row in shown] == ["aangemaakt"]
            title = str(app.screen.query_one("#title", Static).render())
            assert title == "Geschiedenis van 'Vormgeving'"

    scenario(go)


def test_compare_two_codebook_versions(project: Project) -> None:
    revise(project)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await codebook(app, pilot, project.other)
            await pilot.press("d")
            assert isinstance(app.screen, TextPrompt)
            assert app.screen.query_one(Input).value == "5 6"  # previous against current
            await pilot.press("ctrl+u", *"3 6", "enter")
            await settle(pilot)
            assert isinstance(app.screen, CodebookDiffScreen)
            title = str(app.screen.query_one("#title", Static).render())
            assert title == "Codebook version 3 → 6: 2 changes"
            text = changes_shown(app)
            assert "renamed: Kennisdeling -> 'Kennis delen'" in text.plain
            assert "Brief definition: " + NEW_DEFINITION in text.plain
            assert styled(text, INSERTED) == [NEW_DEFINITION]
            await pilot.press("escape")
            await pilot.press("d", "ctrl+u", *"9 1", "enter")
            await settle(pilot)
            assert isinstance(app.screen, CodebookScreen)  # an unknown version: said, not shown
            await pilot.press("d", "ctrl+u", *"vijf", "enter")
            await settle(pilot)
            assert isinstance(app.screen, CodebookScreen)

    scenario(go)


def test_redefinition_preview_shows_the_whole_definition_with_changed_words(
    project: Project,
) -> None:
    revise(project)
    longer = NEW_DEFINITION.replace("colleagues", "colleagues and parents")

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await codebook(app, pilot, project.other)
            await pilot.press("e", "tab", "home", "ctrl+k", *longer, "ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmPreview)
            content = app.screen.query_one("#preview", Static).content
            assert isinstance(content, Text)
            assert content.plain == "Brief definition: " + longer
            assert "".join(styled(content, INSERTED)).strip() == "and parents"
            assert styled(content, DELETED) == []

    scenario(go)
