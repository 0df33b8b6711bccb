"""Help lists every key binding, generated from the BINDINGS themselves."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.widgets import DataTable, Label

from codebook.tui.app import CodebookApp
from codebook.tui.labels import label
from codebook.tui.screens.coding import CodingScreen
from codebook.tui.screens.help import HelpScreen, declared_bindings, sections
from codebook.tui.widgets.transcript import TranscriptView
from tui.kit import Project, open_document, running, scenario, settle


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


def help_rows(app: CodebookApp) -> list[tuple[str, str, str]]:
    """(where, keys, does) of every row, as shown."""
    assert isinstance(app.screen, HelpScreen)
    table = app.screen.query_one(DataTable)
    return [
        (str(row[0]), str(row[1]), str(row[2]))
        for row in (table.get_row_at(i) for i in range(table.row_count))
    ]


def help_title(app: CodebookApp) -> str:
    return str(app.screen.query_one("#help-title", Label).render())


def first_section(rows: list[tuple[str, str, str]]) -> tuple[str, set[tuple[str, str]], int]:
    """The name of the first section, its (keys, does) pairs and its number of rows."""
    name = rows[0][0]
    count = next((i for i, row in enumerate(rows) if row[0] != name), len(rows))
    return name, {(keys, does) for _where, keys, does in rows[:count]}, count


EVERYWHERE = {
    "en": ("everywhere", {("f4", "quotes"), ("f5", "analysis"), ("^e", "export")}),
    "nl": ("overal", {("f4", "citaten"), ("f5", "analyse"), ("^e", "exporteren")}),
}
SCREENS = [
    (
        "f4",
        "en",
        "quotes",
        {
            ("⏎", "open in transcript"),
            ("space", "read in context"),
            ("^r", "retrieve"),
            ("^t", "with subcodes"),
            ("esc", "back"),
        },
    ),
    (
        "f4",
        "nl",
        "citaten",
        {
            ("⏎", "openen in transcript"),
            ("space", "lezen in context"),
            ("^r", "zoeken"),
            ("^t", "met subcodes"),
            ("esc", "terug"),
        },
    ),
    ("f5", "en", "analysis", {("^n", "next table"), ("^t", "with subcodes"), ("esc", "back")}),
    ("f5", "nl", "analyse", {("^n", "volgende tabel"), ("^t", "met subcodes"), ("esc", "terug")}),
    ("f3", "en", "codebook", {("g", "merge"), ("p", "pin"), ("esc", "back")}),
    ("f3", "nl", "codeboek", {("g", "samenvoegen"), ("p", "vastzetten"), ("esc", "terug")}),
]


@pytest.mark.parametrize(("key", "lang", "name", "pairs"), SCREENS)
def test_help_starts_with_the_keys_of_the_screen_it_was_opened_from(
    project: Project, key: str, lang: str, name: str, pairs: set[tuple[str, str]]
) -> None:
    async def go() -> None:
        async with running(project.path, lang=lang) as (app, pilot):
            await pilot.press(key)
            await settle(pilot)
            origin = app.screen
            await pilot.press("f1")
            await settle(pilot)
            assert help_title(app) == f"{label('help_title', lang)} · {name}"
            rows = help_rows(app)
            section, own, count = first_section(rows)
            assert section == name
            assert pairs <= own
            # Then the keys that work everywhere, under their own heading.
            everywhere, global_pairs = EVERYWHERE[lang]
            assert rows[count][0] == everywhere
            assert global_pairs <= {
                (keys, does) for where, keys, does in rows if where == everywhere
            }
            await pilot.press("escape")
            assert app.screen is origin

    scenario(go)


def test_help_from_the_coding_screen_lists_the_transcripts_keys_under_coding(
    project: Project,
) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await open_document(app, pilot, project.doc)
            await pilot.press("f1")
            await settle(pilot)
            assert help_title(app) == "Keys · coding"
            section, own, _count = first_section(help_rows(app))
            assert section == "coding"
            # The screen's own keys and those of the transcript and the code tree on it.
            assert {("c", "code…"), ("w, ^→", "next word"), ("p", "pin")} <= own

    scenario(go)


def test_every_screen_with_keys_has_its_section_in_help() -> None:
    """A new screen whose keys Help does not list is a screen nobody can learn."""
    import importlib
    import pkgutil

    import codebook.tui.screens as screens
    from codebook.tui.screens.base import ProjectScreen

    for module in pkgutil.iter_modules(screens.__path__):
        importlib.import_module(f"{screens.__name__}.{module.name}")
    listed = {cls for _section, classes in sections() for cls in classes}
    pending = list(ProjectScreen.__subclasses__())
    found = []
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("codebook.") and declared_bindings(cls):
            found.append(cls)
    assert found, "no screens found: the test would pass for nothing"
    assert [cls.__name__ for cls in found if cls not in listed] == []
