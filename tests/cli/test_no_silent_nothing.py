"""No silent nothing: a filter value no document has, or a mistyped code, says what exists.

``--where werkplaats=WOX`` would otherwise just list no quotes, and a
misspelt code name leave the user to compare the codebook by eye.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.study import build_study
from codebook.domain import CodebookError
from codebook.domain.queries import WhereMiss
from codebook.project import Project
from codebook.services.project_store import init_project
from helpers import run_cli as run


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("COLUMNS", raising=False)
    path = tmp_path / "study.db"
    store = init_project(path, "Werkplaatsen")
    try:
        build_study(store)
    finally:
        store.close()
    return str(path)


def test_a_where_value_no_document_has_warns_with_the_values_there_are(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "quotes", project, "Kennisdeling", "--where", "werkplaats=WOX")
    assert code == 1
    assert "warning: no document has werkplaats=WOX; werkplaats has: POINT, WOA, WOU" in err
    assert "0 quotes" in out


def test_the_warning_names_only_the_missing_value_and_the_query_goes_on(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "docs", project, "--where", "werkplaats=WOA", "--where", "werkplaats=wox"
    )
    assert code == 0
    assert "woa-01.txt" in out and "point-01.txt" not in out
    assert "werkplaats=wox" in err and "werkplaats=WOA" not in err


def test_the_warning_in_dutch_and_beside_a_count_table(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--lang", "nl", "matrix", project, "--where", "rol=minister")
    assert code == 1
    assert "geen document heeft rol=minister; rol heeft:" in err
    assert "niets gevonden" in err


def test_the_door_reports_misses_as_values_for_any_face(project: str) -> None:
    with Project.open(project, coder="anna") as door:
        assert door.check_where({"werkplaats": ["woa", "WOX"]}) == [
            WhereMiss("werkplaats", "WOX", ("POINT", "WOA", "WOU"))
        ]
        assert door.check_where({"Werkplaats": ["point"]}) == []
        assert door.check_where({}) == []


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Kennisdelng", "'Kennisdeling'"),
        ("rol van het schoolbestur", "'Rol van het schoolbestuur'"),
        ("Kennisdeling > Landelijke kennisdelin", "'Kennisdeling > Landelijke kennisdeling'"),
    ],
)
def test_an_unknown_code_suggests_the_nearest_names(
    project: str, capsys: pytest.CaptureFixture[str], typed: str, suggested: str
) -> None:
    code, out, err = run(capsys, "quotes", project, typed)
    assert code == 2
    assert out == ""
    # the nearest name first; a few more when they are near too
    assert err.startswith(f"error: unknown code '{typed}' – did you mean {suggested}")
    code, _, err = run(capsys, "--coder", "anna", "code", project, "woa-01.txt", typed, "0", "5")
    assert code == 2
    assert f"did you mean {suggested}" in err


def test_a_code_like_nothing_gets_no_suggestion(project: str) -> None:
    with (
        Project.open(project, coder="anna") as door,
        pytest.raises(CodebookError) as raised,
    ):
        door.codings(code="Zwembad")
    assert str(raised.value) == "unknown code 'Zwembad'"
