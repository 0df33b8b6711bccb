"""Coding by keyboard: pins and number keys, palette, repeat, tree, mouse; all checked in the DB."""

from __future__ import annotations

from codebook import config
from codebook.tui.modals.palette import CodePalette
from codebook.tui.widgets.code_tree import CodeTreeView
from codebook.tui.widgets.transcript import TranscriptView
from tui.kit import Project, guid, open_document, pin, running, scenario, settle

# marieke.txt: the interviewer's first question, and Marieke's two sentences in turn 2.
Q1 = (13, 54)
EERLIJK = (64, 93)
BEDENKEN = (94, 121)


def test_pin_in_tree_then_apply_with_number_key(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            tree = screen.query_one(CodeTreeView)
            tree.focus()
            tree.select_code(project.sub)
            await pilot.press("p")
            assert app.ctx.pins.slots[0] == guid(project, project.sub)
            screen.transcript.focus()
            await pilot.press("s", "1")
            assert project.codings() == [(project.doc, project.sub, *Q1, None)]
            # The screen shows it only after the commit, and shows it at once.
            assert [s.view.code_id for s in screen.model.index.at(Q1[0])] == [project.sub]  # type: ignore[union-attr]

    scenario(go)
    # Pins are remembered in the config, per project.
    assert any(
        k.startswith("pins:") and guid(project, project.sub) in v for k, v in config.load().items()
    )


def test_pins_survive_a_restart(project: Project) -> None:
    async def first() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.code_tree.focus()
            screen.code_tree.select_code(project.other)
            await pilot.press("p")

    async def second() -> None:
        async with running(project.path) as (app, pilot):
            await open_document(app, pilot, project.doc)
            await pilot.press("right_square_bracket")
            await pilot.press("s", "1")
            assert [c[1] for c in project.codings()] == [project.other]

    scenario(first)
    scenario(second)


def test_number_key_without_pin_or_selection_changes_nothing(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await open_document(app, pilot, project.doc)
            await pilot.press("1")
            pin(app, guid(project, project.theme))
            await pilot.press("1")  # nothing selected
            await pilot.press("2")  # nothing pinned
            assert project.codings() == []

    scenario(go)


def test_palette_applies_any_code_by_fuzzy_name(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await open_document(app, pilot, project.doc)
            await pilot.press("s", "c")
            assert isinstance(app.screen, CodePalette)
            await pilot.press(*"kenn", "enter")
            assert project.codings() == [(project.doc, project.other, *Q1, None)]
            await pilot.press("right_square_bracket", "s", "c", *"vorm schl", "enter")
            assert project.codings()[-1] == (project.doc, project.sub, *EERLIJK, None)

    scenario(go)


def test_palette_escape_applies_nothing(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await open_document(app, pilot, project.doc)
            await pilot.press("s", "c", *"kenn", "escape")
            assert project.codings() == []

    scenario(go)


def test_repeat_last_code_on_a_new_selection(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.theme))
            await pilot.press("r")  # nothing to repeat yet
            await pilot.press("s", "1", "right_square_bracket", "right_square_bracket", "s", "r")
            assert project.codings() == [
                (project.doc, project.theme, *Q1, None),
                (project.doc, project.theme, *BEDENKEN, None),
            ]

    scenario(go)


def test_second_code_on_the_range_just_coded(project: Project) -> None:
    """'s 1 2' codes one sentence twice: after applying, the cursor rests at its end."""

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.theme), guid(project, project.other))
            await pilot.press("s", "1", "2")
            assert sorted(c[1:4] for c in project.codings()) == sorted(
                [(project.theme, *Q1), (project.other, *Q1)]
            )
            await pilot.press("w", "2")  # cursor moved away: no selection, nothing applied
            assert len(project.codings()) == 2

    scenario(go)


def test_enter_in_the_tree_applies_the_highlighted_code(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            await pilot.press("t", "tab")
            assert app.focused is screen.code_tree
            screen.code_tree.select_code(project.other)
            await pilot.press("enter")
            assert project.codings() == [(project.doc, project.other, *Q1, None)]

    scenario(go)


def test_mouse_selection_is_trimmed_and_coded(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            view = screen.query_one(TranscriptView)
            pin(app, guid(project, project.other))
            gutter = view.gutter_width
            # Drag over "Eerlijk gezegd " on row 1 (text starts after "Marieke: ").
            row_start = 55
            start_x = gutter + (EERLIJK[0] - row_start)
            await pilot.mouse_down(view, offset=(start_x, 1))
            await pilot.hover(view, offset=(start_x + 15, 1))
            await pilot.mouse_up(view, offset=(start_x + 15, 1))
            assert view.selected_range() == (64, 79)
            await pilot.press("1")
            assert project.codings() == [(project.doc, project.other, 64, 78, None)]

    scenario(go)


def test_coding_is_committed_before_it_is_shown(project: Project) -> None:
    """A second process sees the coding as soon as the screen does."""

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.sub))
            shown: list[list[tuple[int, int, int, int, str | None]]] = []
            original = screen.transcript.redraw_range

            def spy(start: int, end: int) -> None:
                shown.append(project.codings())  # read at the moment the screen updates
                original(start, end)

            screen.transcript.redraw_range = spy  # type: ignore[method-assign]
            await pilot.press("s", "1")
            assert shown == [[(project.doc, project.sub, *Q1, None)]]

    scenario(go)


def test_tree_counts_follow_applied_codings(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            pin(app, guid(project, project.other))
            await pilot.press("s", "1")
            await settle(pilot)
            assert screen.code_tree.items[project.other].count == 1
            assert "1/4" in str(screen.query_one("#title").render())

    scenario(go)
