"""The suggestion queue (F10): keywords propose, one key accepts or rejects, undo reverts."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from codebook.project import Project as Door
from codebook.tui.screens.coding import CodingScreen
from codebook.tui.screens.suggestions import SuggestionScreen
from codebook.tui.widgets.table import FittedTable
from tui.kit import SECOND, build_project, running, scenario, settle

DELEN = "We delen de resultaten in het team."
PRESENTEREN = "Op de landelijke dag presenteren we."


def project_with_keywords(tmp_path: Path) -> tuple[str, int, int]:
    """The TUI test project with a code whose keywords are inflected in jeroen.txt."""
    project = build_project(tmp_path / "suggest.db")
    with Door.open(project.path, coder="anna") as door:
        door.create_code("Presenteren")
        door.redefine_code("Presenteren", {"keywords": ["delen", "present*"]})
    return project.path, project.doc2, project.other


def rows(screen: SuggestionScreen) -> list[list[str]]:
    table = screen.query_one("#queue", FittedTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def test_keywords_propose_and_one_key_accepts_or_rejects(tmp_path: Path) -> None:
    location, doc2, _ = project_with_keywords(tmp_path)

    async def go() -> None:
        async with running(location) as (app, pilot):
            await pilot.press("f10")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SuggestionScreen)
            assert rows(screen) == []
            await pilot.press("k")
            await settle(pilot)
            assert [(r[0], r[1], r[2], r[3]) for r in rows(screen)] == [
                ("jeroen.txt", "Presenteren", "“delen”", DELEN),
                ("jeroen.txt", "Presenteren", "“present*”", PRESENTEREN),
            ]
            assert DELEN in str(screen.query_one("#sentence", Static).render())
            await pilot.press("y")
            await settle(pilot)
            assert [r[3] for r in rows(screen)] == [PRESENTEREN]
            await pilot.press("n")
            await settle(pilot)
            assert rows(screen) == []
            await pilot.press("k")  # a rejected suggestion does not come back
            await settle(pilot)
            assert rows(screen) == []
            await pilot.press("z")  # undoes the rejection: it waits again
            await settle(pilot)
            assert [r[3] for r in rows(screen)] == [PRESENTEREN]
            await pilot.press("enter")
            await settle(pilot)
            coding = app.screen
            assert isinstance(coding, CodingScreen) and coding.document_id == doc2
            at = SECOND.index(PRESENTEREN)
            assert coding.transcript.selected_range() == (at, at + len(PRESENTEREN))

    scenario(go)
    with Door.open(location, coder="anna") as door:
        made = door.codings(document="jeroen.txt")
        assert [(c.code_name, c.coder, c.text) for c in made] == [("Presenteren", "anna", DELEN)]


def test_training_without_codings_says_why_and_queues_nothing(tmp_path: Path) -> None:
    location, _, _ = project_with_keywords(tmp_path)

    async def go() -> None:
        async with running(location, lang="nl") as (app, pilot):
            await pilot.press("f10")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SuggestionScreen)
            await pilot.press("t")
            await settle(pilot)
            assert rows(screen) == []
            assert any("gecodeerde zinnen" in n.message for n in app._notifications)

    scenario(go)
