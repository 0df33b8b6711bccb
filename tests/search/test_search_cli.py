"""``codebook search`` and ``codebook index``: keyword-in-context lines and counts, exit codes
(0 found, 1 nothing, 2 an error), bulk coding previewed and applied with --yes, and the same
search on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codebook.domain.search import SearchQuery
from codebook.project import Project
from helpers import run_cli, stored_rows

from .conftest import DUTCH, make_project


@pytest.fixture
def project(tmp_path: Path) -> str:
    location = make_project(tmp_path, {"anna.txt": (DUTCH, "nl")})
    with Project.open(location, coder="anna") as door:
        door.set_attributes("anna", ["regio=noord"])
        door.create_code("Onderwijs")
    return location


def test_search_prints_hits_in_context_and_counts(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "search", project, "scholen", "--lemma", "--counts")
    assert code == 0
    assert "Hits of 'scholen': 3" in out
    rows = [line.split("│")[1:-1] for line in out.splitlines() if "│ school" in line]
    assert [[cell.strip() for cell in row[:3]] for row in rows] == [
        ["anna.txt", "Anna", "2"],
        ["anna.txt", "Bram", "4"],
    ]
    assert rows[1][5].strip() == "school" and rows[1][6].strip() == "klein is"
    counts = [line.split("│")[1:-1] for line in out.splitlines() if "│" in line][-2:]
    assert [[cell.strip() for cell in row] for row in counts] == [["anna.txt", "3"], ["noord", "3"]]
    assert "┃ regio " in out
    code, out, _ = run_cli(
        capsys, "search", project, "school", "--speaker", "Bram", "--format", "json"
    )
    assert code == 0
    assert json.loads(out) == [
        {
            "document": "anna.txt",
            "speaker": "Bram",
            "turn": 4,
            "offset": DUTCH.index("school klein"),
            "left": "De ouders helpen niet. Ik denk dat de",
            "match": "school",
            "right": "klein is",
        }
    ]


def test_exit_codes_for_nothing_found_and_bad_queries(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stored_rows(project)
    code, out, _ = run_cli(capsys, "search", project, "fiets")
    assert (code, out.strip()) == (1, "Nothing found for 'fiets'.")
    code, _, err = run_cli(capsys, "search", project, "[a", "--regex")
    assert code == 2 and "invalid regular expression '[a'" in err
    code, _, err = run_cli(capsys, "search", project, " ")
    assert code == 2 and "empty search" in err
    code, _, err = run_cli(capsys, "search", project, "x" * 1001)
    assert code == 2 and "too long" in err
    code, _, err = run_cli(capsys, "search", project, "school", "--code", "Onderwjs")
    assert code == 2 and "Onderwjs" in err
    code, _, err = run_cli(capsys, "--lang", "nl", "search", project, "[a", "--regex")
    assert code == 2 and "ongeldige reguliere expressie" in err
    assert stored_rows(project) == before


def test_code_as_previews_then_applies_with_yes_and_undo_takes_it_back(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("search", project, "school", "--lemma", "--code-as", "Onderwijs", "--scope", "turn")
    code, out, _ = run_cli(capsys, *args)
    assert code == 0
    assert "Coding with 'Onderwijs' (turn): 3 new of 3 segments" in out
    assert "add --yes" in out
    with Project.open(project, coder="anna") as door:
        assert door.codings(document="anna") == []
    code, out, _ = run_cli(capsys, *args, "--yes")
    assert code == 0 and "Coded 3 segments with 'Onderwijs'" in out and "codebook undo" in out
    with Project.open(project, coder="anna") as door:
        assert len(door.codings(document="anna")) == 3
    assert run_cli(capsys, "undo", project)[0] == 0
    with Project.open(project, coder="anna") as door:
        assert door.codings(document="anna") == []


def test_index_builds_ahead_and_reports_its_size(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "index", project)
    assert code == 0
    assert "Built the index of 0 documents." in out
    assert "Index: 1 documents, 32 words, 25 word forms." in out
    code, out, _ = run_cli(capsys, "--lang", "nl", "index", project, "--rebuild")
    assert code == 0 and "Index van 1 documenten gebouwd." in out


def test_search_on_postgresql_as_on_sqlite(tmp_path: Path, location: str) -> None:
    make_project(tmp_path, {"anna.txt": (DUTCH, "nl")}, location)
    with Project.open(location, coder="anna") as door:
        hits = door.search(SearchQuery("samenwerken", lemma=True)).hits
        assert [hit.match for hit in hits] == ["samengewerkt", "samenwerkt"]
        assert door.bulk_code(hits, door.create_code("Samenwerking"), "sentence") == 2
        door.undo()
        assert door.codings(document="anna") == []
