"""Agreement screen (F6): the door's figures on screen, and the disagreement queue whose
resolutions become the consensus coder's codings, undone with z."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input

from codebook.domain.agreement import AgreementRequest
from codebook.domain.documents import ImportRequest
from codebook.project import Project
from codebook.tui.modals.palette import CodePalette
from codebook.tui.modals.prompt import TextPrompt
from codebook.tui.screens.agreement import AgreementScreen, number
from tui.kit import running, scenario, settle

SCHOOL = (
    "Marieke: De schoolleider geeft ons tijd. Twee uur per week is genoeg. "
    "Soms is het druk. Dan schuiven we het op.\n"
)


def _inside(sentence: str) -> tuple[int, int]:
    start = SCHOOL.index(sentence)
    return start + 3, start + len(sentence) - 3


@pytest.fixture
def study(tmp_path: Path) -> str:
    """Anna and Ben agree on the first sentence; each codes one more sentence alone."""
    path = tmp_path / "study.db"
    school = tmp_path / "school.txt"
    school.write_text(SCHOOL, encoding="utf-8")
    with Project.create(path, "study", coder="anna") as project:
        project.import_transcripts([school], ImportRequest())
        project.create_code("Tijd")
    plan = {
        "anna": ["De schoolleider geeft ons tijd.", "Twee uur per week is genoeg."],
        "ben": ["De schoolleider geeft ons tijd.", "Soms is het druk."],
    }
    for coder, sentences in plan.items():
        with Project.open(path, coder=coder) as project:
            for sentence in sentences:
                project.code("school", "Tijd", *_inside(sentence))
    return str(path)


def consensus(path: str) -> list[tuple[Any, ...]]:
    """The consensus coder's codings, read over a fresh connection."""
    with sqlite3.connect(path) as db:
        return db.execute(
            'SELECT coding.start, coding."end", coding.note FROM coding '
            "JOIN coder ON coder.id = coding.coder_id WHERE coder.name = 'consensus'"
        ).fetchall()


def rows(screen: AgreementScreen, table: str) -> list[list[str]]:
    shown = screen.query_one(f"#{table}", DataTable)
    return [[str(c).strip() for c in shown.get_row_at(i)] for i in range(shown.row_count)]


def test_figures_match_the_door_and_keep_a_is_undone_with_z(study: str) -> None:
    with Project.open(study) as project:
        expected = project.agreement(AgreementRequest(coders=("anna", "ben")))

    async def run() -> None:
        async with running(study, coder="lead") as (app, pilot):
            await pilot.press("f6")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, AgreementScreen)
            assert screen.query_one("#coders", Input).value == "anna, ben"
            figures = rows(screen, "figures")
            tijd = expected.codes[0].figures
            assert figures[0][:5] == [
                "Tijd",
                str(tijd.n_units),
                number(tijd.percent, tijd.percent_ci),
                number(tijd.kappa, tijd.kappa_ci),
                number(tijd.alpha, tijd.alpha_ci),
            ]
            overall = expected.overall
            assert figures[-1][3:5] == [
                number(overall.kappa, overall.kappa_ci),
                number(overall.alpha, overall.alpha_ci),
            ]
            queue = rows(screen, "queue")
            assert [(r[3], r[4]) for r in queue] == [("anna", "ben"), ("ben", "anna")]
            assert "Twee uur per week is genoeg." in str(screen.query_one("#detail").render())
            await pilot.press("down", "up")  # walk the queue back to Anna's sentence
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, TextPrompt)
            await pilot.press(*"about time", "enter")
            await settle(pilot)
            start, end = _inside("Twee uur per week is genoeg.")
            assert consensus(study) == [(start, end, "about time")]
            assert rows(screen, "queue")[0][5] == "keep anna"
            await pilot.press("h")
            await settle(pilot)
            assert [r[3] for r in rows(screen, "queue")] == ["ben"]
            await pilot.press("z")
            await settle(pilot)
            assert consensus(study) == []
            assert len(rows(screen, "queue")) == 2

    scenario(run)


def test_keep_a_coder_by_name_and_recode_from_the_palette(study: str) -> None:
    with Project.open(study, coder="anna") as project:
        project.create_code("Werkdruk")

    async def run() -> None:
        async with running(study, coder="lead") as (app, pilot):
            await pilot.press("f6")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, AgreementScreen)
            await pilot.press("k")  # keep by name: what reaches a third coder too
            await settle(pilot)
            assert isinstance(app.screen, TextPrompt)
            await pilot.press(*"BEN", "enter")  # names match in any case
            await settle(pilot)
            await pilot.press("enter")  # no note
            await settle(pilot)
            assert rows(screen, "queue")[0][5] == "keep ben"
            assert consensus(study) == []  # ben did not code anna's sentence: nothing kept

            await pilot.press("down", "r")
            await settle(pilot)
            assert isinstance(app.screen, CodePalette)
            await pilot.press(*"werkdr", "enter")
            await settle(pilot)
            await pilot.press(*"past beter", "enter")
            await settle(pilot)
            sentence = "Soms is het druk."
            whole = SCHOOL.index(sentence)
            with sqlite3.connect(study) as db:
                recoded = db.execute(
                    'SELECT code.name, coding.start, coding."end", coding.note FROM coding '
                    "JOIN code ON code.id = coding.code_id "
                    "JOIN coder ON coder.id = coding.coder_id WHERE coder.name = 'consensus'"
                ).fetchall()
            assert recoded == [("Werkdruk", whole, whole + len(sentence), "past beter")]

    scenario(run)
