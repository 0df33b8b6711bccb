"""Speaker corrections through the project door, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from codebook.domain import CodebookError
from codebook.domain.cases import CaseLink, CaseRow
from codebook.domain.documents import ImportRequest
from codebook.domain.speakers import Renamed, SpeakerCount
from codebook.project import Project

GROUP = (
    "Gespreksleider: Wie wil beginnen?\n"
    "Anouk: Bij ons is de werkplaats echt gaan leven.\n"
    "Bas: Bij ons duurde het langer.\n"
    "Anouk de Vries: Wij delen veel kennis.\n"
    "Bas: Geld van het bestuur.\n"
)


@pytest.fixture
def project(location: str, tmp_path: Path) -> Any:
    source = tmp_path / "groep.txt"
    source.write_text(GROUP, encoding="utf-8")
    with Project.create(location, "study", "nl", coder="anna") as opened:
        opened.import_transcripts([source], ImportRequest(speaker_cases=True))
        opened.create_code("Financiering")
        start = GROUP.index("Geld van")
        opened.code("groep", "Financiering", start, start + len("Geld van het bestuur."))
        yield opened


def state(project: Project) -> tuple[Any, ...]:
    """What a speaker correction may change, as the door hands it out."""
    opened = project.open_document("groep")
    return opened.turns, opened.sentences, opened.codings, tuple(project.cases())


def test_rename_and_merge_follow_cases_and_undo_restores_them(project: Project) -> None:
    untouched = state(project)
    edit = project.rename_speakers("groep", [("BAS", "Bas de Jong")])
    assert edit.renamed == (Renamed("Bas", "Bas de Jong", 2, ("Bas",)),)
    assert edit.after.speakers[2] == SpeakerCount("Bas de Jong", 2, 9)
    renamed = state(project)
    assert renamed[2] == untouched[2]  # the codings, ids and all
    assert CaseRow("Bas", (CaseLink("groep.txt", "Bas de Jong"),)) in renamed[3]

    with pytest.raises(CodebookError, match="'Anouk' is case 'Anouk' and 'Anouk de Vries' is"):
        project.merge_speakers("groep", ["anouk de vries"], "Anouk")
    assert state(project) == renamed

    project.unlink_case("Anouk de Vries", "groep", "Anouk de Vries")
    unlinked = state(project)
    edit = project.merge_speakers("groep", ["Anouk de Vries", "Anouk"], "Anouk V.")
    assert [(r.old, r.new, r.turns, r.cases) for r in edit.renamed] == [
        ("Anouk de Vries", "Anouk V.", 1, ()),
        ("Anouk", "Anouk V.", 1, ("Anouk",)),
    ]
    assert edit.after.names == ("Gespreksleider", "Anouk V.", "Bas de Jong")
    merged = state(project)
    assert merged[2] == untouched[2]

    assert project.undo() == (
        "merge speaker 'Anouk de Vries', 'Anouk' into 'Anouk V.' in 'groep.txt'"
    )
    assert state(project) == unlinked
    assert project.undo() is not None  # the unlink
    assert project.undo() == "rename speaker 'Bas' to 'Bas de Jong' in 'groep.txt'"
    assert state(project) == untouched
    for _ in range(3):
        assert project.redo() is not None
    assert state(project) == merged


def test_finding_the_same_turns_again_records_nothing(project: Project) -> None:
    untouched = state(project)
    result = project.resplit_speakers("groep", ["Bas"])
    assert not result.changed and result.before == result.after
    assert state(project) == untouched
    assert (project.undo() or "").startswith("apply 'Financiering'")
