"""Apply and undo from the TUI on both backends (SQLite file and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select

from codebook.db.engine import Store
from codebook.db.models import Coding
from codebook.project import Project
from codebook.tui.app import CodebookApp
from helpers import seed
from tui.kit import SIZE, open_document, scenario, settle


def codings(store: Store) -> list[tuple[int, int, int]]:
    with store.read() as session:
        rows = session.execute(select(Coding.code_id, Coding.start, Coding.end)).all()
    return [(c, s, e) for c, s, e in rows]


def test_apply_and_undo(store: Store, coder: int) -> None:
    fx = seed(store, coder)

    async def go() -> None:
        with Project.open(store.location, coder="anna") as project:
            app = CodebookApp(project, "en")
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                await open_document(app, pilot, fx.doc)
                await pilot.press("s", "c", *"kenn", "enter")
                # helpers' sentences include the speaker label: the first is 0-54
                assert codings(store) == [(fx.other, 0, 54)]
                await pilot.press("z")
                assert codings(store) == []
                await pilot.press("Z")
                assert codings(store) == [(fx.other, 0, 54)]

    scenario(go)
