"""Help lists every key binding, generated from the BINDINGS themselves."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable

from codebook.tui.labels import label
from codebook.tui.screens.coding import CodingScreen
from codebook.tui.screens.help import HelpScreen, declared_bindings, sections
from codebook.tui.widgets.transcript import TranscriptView
from tui.kit import Project, running, scenario


def test_declared_bindings_are_our_own_and_split_per_key() -> None:
    keys = {b.key for b in declared_bindings(TranscriptView)}
    assert {"w", "ctrl+right", "full_stop", "alt+down", "s", "t"} <= keys
    assert "f6" not in keys  # Textual's own TextArea keys are not ours to document
    assert all(isinstance(b, Binding) for b in declared_bindings(CodingScreen))


def test_help_screen_shows_every_binding_in_the_chosen_language(project: Project) -> None:
    async def go() -> None:
        async with running(project.path, lang="nl") as (app, pilot):
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            table = app.screen.query_one(DataTable)
            rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
            described = {row[2] for row in rows}
            expected = {label(b.description, "nl") for b in declared_bindings(type(app))}
            for _section, classes in sections():
                for cls in classes:
                    expected |= {label(b.description, "nl") for b in declared_bindings(cls)}
            assert expected <= described
            assert any(row[1].startswith("w") and row[2] == "volgend woord" for row in rows)
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)
            assert project.codings() == []

    scenario(go)
