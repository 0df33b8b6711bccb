"""Help lists every key binding of every screen, dialog and widget, each once."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import DataTable, Label

import codebook.tui
from codebook.tui.app import CodebookApp
from codebook.tui.labels import EN, NL, label
from codebook.tui.screens.coding import CodingScreen
from codebook.tui.screens.help import HelpScreen, declared_bindings, sections
from codebook.tui.widgets.transcript import TranscriptView
from tui.kit import Project, open_document, running, scenario, settle

Row = tuple[str, str, str]


def classes_with_keys() -> list[type[DOMNode]]:
    """Every screen, dialog and widget of codebook.tui that declares keys, except the app.

    Found by importing every module of the package, so a screen added later is
    found without anybody remembering to list it here.
    """
    found: list[type[DOMNode]] = []
    for module_info in pkgutil.walk_packages(codebook.tui.__path__, "codebook.tui."):
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                cls.__module__ == module.__name__
                and issubclass(cls, DOMNode)
                and not issubclass(cls, CodebookApp)
                and cls.__dict__.get("BINDINGS")
                and cls not in found
            ):
                found.append(cls)
    return found


def test_declared_bindings_are_our_own_and_split_per_key() -> None:
    keys = {b.key for b in declared_bindings(TranscriptView)}
    assert {"w", "ctrl+right", "full_stop", "alt+down", "s", "t"} <= keys
    assert "f6" not in keys  # Textual's own TextArea keys are not ours to document
    assert all(isinstance(b, Binding) for b in declared_bindings(CodingScreen))


def test_every_screen_dialog_and_widget_with_keys_has_its_section_in_help() -> None:
    """A new screen whose keys Help does not list is a screen nobody can learn."""
    found = {cls.__name__ for cls in classes_with_keys()}
    # The ones the issue found missing, so the search cannot pass for finding nothing.
    assert {"RetrievalScreen", "QuoteTable", "AnalysisScreen", "CountTable"} <= found
    assert {"ExportDialog", "ReviewScreen", "CellQuotesScreen", "TranscriptView"} <= found
    listed = {cls.__name__ for _section, classes in sections() for cls in classes}
    assert sorted(found - listed) == []


def test_every_key_is_described_in_english_and_dutch() -> None:
    bindings = [b for cls in [CodebookApp, *classes_with_keys()] for b in declared_bindings(cls)]
    names = [name for name, _classes in sections()]
    assert len(names) == len(set(names))
    words = {b.description for b in bindings} | set(names) | {"section_global", "back_or_cancel"}
    assert sorted(words - set(EN)) == []
    assert sorted(words - set(NL)) == []


def help_rows(app: CodebookApp) -> list[Row]:
    """(where, keys, does) of every row, as shown."""
    assert isinstance(app.screen, HelpScreen)
    table = app.screen.query_one(DataTable)
    return [
        (str(row[0]), str(row[1]), str(row[2]))
        for row in (table.get_row_at(i) for i in range(table.row_count))
    ]


def help_title(app: CodebookApp) -> str:
    return str(app.screen.query_one("#help-title", Label).render())


def first_section(rows: list[Row]) -> tuple[str, set[tuple[str, str]], int]:
    """The name of the first section, its (keys, does) pairs and its number of rows."""
    name = rows[0][0]
    count = next((i for i, row in enumerate(rows) if row[0] != name), len(rows))
    return name, {(keys, does) for _where, keys, does in rows[:count]}, count


def keys_in(shown: str) -> list[str]:
    """The single keys of one row: ``z / ^z`` is two, ``1–9`` is nine."""
    keys: list[str] = []
    for part in shown.split(" / "):
        first, dash, last = part.partition("–")
        if dash and first.isdigit() and last.isdigit():
            keys.extend(str(n) for n in range(int(first), int(last) + 1))
        else:
            keys.append(part)
    return keys


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_help_lists_every_key_of_every_section_once(project: Project, lang: str) -> None:
    async def go() -> None:
        async with running(project.path, lang=lang) as (app, pilot):
            await pilot.press("f1")
            await settle(pilot)
            rows = help_rows(app)
            everywhere = label("section_global", lang)
            back = label("back_or_cancel", lang)
            # Escape going back or cancelling is one row, under everywhere; the
            # documents' escape clears the filter instead, and says so.
            escapes = {(where, does) for where, keys, does in rows if "esc" in keys_in(keys)}
            assert escapes == {
                (everywhere, back),
                (label("section_home", lang), label("clear_filter", lang)),
            }
            shown: dict[tuple[str, str, str], int] = {}
            for where, keys, does in rows:
                for key in keys_in(keys):
                    shown[(where, key, does)] = shown.get((where, key, does), 0) + 1
            per_section: dict[tuple[str, str], int] = {}
            for where, key, _does in shown:
                per_section[(where, key)] = per_section.get((where, key), 0) + 1
            assert [k for k, n in {**shown, **per_section}.items() if n > 1] == []
            expected = [(everywhere, b) for b in declared_bindings(CodebookApp)]
            for section, classes in sections():
                for cls in classes:
                    for binding in declared_bindings(cls):
                        if binding.key != "escape" or binding.description == "clear_filter":
                            expected.append((label(section, lang), binding))
            missing = [
                (where, binding.key, binding.description)
                for where, binding in expected
                if (where, app.get_key_display(binding), label(binding.description, lang))
                not in shown
                # A widget's key its screen binds too is listed once, with the screen's words.
                and not any(
                    (where, app.get_key_display(binding)) == (w, k) for w, k, _does in shown
                )
            ]
            assert missing == []
            assert (label("section_export", lang), "^s", label("export_start", lang)) in shown
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)
            assert project.codings() == []

    scenario(go)


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
        },
    ),
    ("f5", "en", "analysis", {("^n", "next table"), ("^t", "with subcodes")}),
    ("f5", "nl", "analyse", {("^n", "volgende tabel"), ("^t", "met subcodes")}),
    ("f3", "en", "codebook", {("g", "merge"), ("p", "pin"), ("z / ^z", "undo")}),
    ("f3", "nl", "codeboek", {("g", "samenvoegen"), ("p", "vastzetten")}),
    ("f7", "en", "review", {("k", "keep"), ("z", "undo")}),
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
            # Escape goes back here as everywhere: it is listed there, not again.
            assert all("esc" not in keys_in(keys) for keys, _does in own)
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
            # The screen's own keys and those of the transcript and the code tree on it;
            # the transcript's ctrl+z is the screen's undo, so one line for both spellings.
            assert {("c", "code…"), ("w / ^→", "next word"), ("p", "pin")} <= own
            assert {("1–9", "apply pinned code"), ("z / ^z", "undo")} <= own
            assert [keys for keys, does in own if does == "undo"] == ["z / ^z"]

    scenario(go)
