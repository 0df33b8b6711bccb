"""``codebook review`` on the command line: the queue with its counts and definitions, and
keep, recode and remove by number, each taken back by ``codebook undo``."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.cli.labels.review import LABELS
from codebook.project import Project
from helpers import run_cli as run
from test_review import _span, study

__all__ = ["study"]


@pytest.fixture
def redefined(study: Path) -> Path:
    with Project.open(study, coder="anna") as project:
        project.redefine_code("Tijd", {"brief_definition": "Uren die de schoolleider vrijmaakt."})
    return study


def _ids(path: Path) -> dict[str, int]:
    with Project.open(path, coder="anna") as project:
        return {i.coding.text: i.coding.id for i in project.review_queue().items}


def test_the_queue_lists_codings_counts_and_the_marked_definition(
    redefined: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--coder", "anna", "review", str(redefined), "--diff")
    assert (code, err) == (0, "")
    first = _ids(redefined)["De schoolleider geeft ons tijd."]
    assert "Codings awaiting review: 3" in out
    assert "  Tijd: 3" in out
    assert f"#{first}  school.txt, turn 1 (Marieke)  anna  Tijd" in out
    assert '    "De schoolleider geeft ons tijd."' in out
    assert "    made under v3, code redefined in v4" in out
    assert (
        "brief definition: Uren die de [-school-]{+schoolleider+} [-geeft.-]{+vrijmaakt.+}" in out
    )


def test_keep_recode_remove_and_undo_by_number(
    redefined: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _ids(redefined)
    first, second, third = (
        ids["De schoolleider geeft ons tijd."],
        ids["Twee uur per week is genoeg."],
        ids["Dan schuiven we het op."],
    )
    code, out, _ = run(capsys, "--coder", "anna", "review", str(redefined), str(first), "--keep")
    assert code == 0
    assert "Kept 1 codings, re-stamped with codebook version 4." in out
    assert set(_ids(redefined)) == {"Twee uur per week is genoeg.", "Dan schuiven we het op."}

    args = ("--coder", "anna", "--lang", "nl", "review", str(redefined), str(second))
    code, out, _ = run(capsys, *args, "--recode", "Druk")
    assert code == 0
    assert "1 coderingen omgezet naar 'Druk'." in out
    with Project.open(redefined) as project:
        assert {c.text for c in project.codings(code="Druk")} == {
            "Soms is het druk.",
            "Twee uur per week is genoeg.",
        }

    code, out, _ = run(capsys, "--coder", "anna", "review", str(redefined), str(third), "--remove")
    assert code == 0
    assert _ids(redefined) == {}
    code, out, _ = run(capsys, "--coder", "anna", "review", str(redefined))
    assert out.strip() == LABELS["en"]["empty"]

    for _ in range(2):
        assert run(capsys, "--coder", "anna", "undo", str(redefined))[0] == 0
    assert set(_ids(redefined)) == {"Twee uur per week is genoeg.", "Dan schuiven we het op."}


def test_only_one_code_and_mistakes_are_one_line(
    redefined: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(redefined, coder="anna") as project:
        project.redefine_code("Druk", {"brief_definition": "Werkdruk."})
        project.code("school", "Druk", *_span("Dan schuiven we het op."))
    code, out, _ = run(capsys, "--coder", "anna", "review", str(redefined), "--code", "Druk")
    assert code == 0
    assert "Codings awaiting review: 1" in out
    assert "Soms is het druk." in out and "Tijd" not in out

    code, _, err = run(
        capsys, "--coder", "anna", "review", str(redefined), "1", "--keep", "--remove"
    )
    assert (code, err.strip()) == (2, "error: " + LABELS["en"]["one_action"])
    code, _, err = run(capsys, "--coder", "anna", "review", str(redefined), "--keep")
    assert (code, err.strip()) == (2, "error: " + LABELS["en"]["no_codings"])
    druk = _ids(redefined)["Soms is het druk."]
    recent = max(c for c in _all_codings(redefined) if c != druk)
    code, _, err = run(capsys, "--coder", "anna", "review", str(redefined), str(recent), "--keep")
    assert (code, err.strip()) == (2, f"error: coding {recent} does not await review")


def _all_codings(path: Path) -> list[int]:
    with Project.open(path) as project:
        return [c.id for code in ("Tijd", "Druk") for c in project.codings(code=code)]
