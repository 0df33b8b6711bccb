"""``codebook codebook ...`` in-process against a SQLite project: output, exit codes, errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from codebook.cli import app
from codebook.cli.codebook import codebook_app
from codebook.services.codebook.codes import resolve_code
from codebook.services.codebook.yaml_format import load_yaml
from codebook.services.coding import apply_coding
from codebook.services.project_store import coder_id, open_project
from helpers import add_doc, counts, run_cli

if not any(group.typer_instance is codebook_app for group in app.registered_groups):
    app.add_typer(codebook_app, name="codebook")

CODEBOOKS = Path(__file__).resolve().parents[1] / "codebooks"
GENERIC = CODEBOOKS / "generic-interview-en.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--coder", "anna", *args)


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "p.db")
    assert run(capsys, "init", path)[0] == 0
    code, out, _ = run(capsys, "codebook", "import", path, str(GENERIC), "--reason", "start")
    assert code == 0, out
    return path


def _codings(project: str) -> list[int]:
    """Three codings on 'Barriers' by anna; returns their ids."""
    store = open_project(project)
    try:
        with store.write() as s:
            anna = coder_id(s, "anna")
            doc = add_doc(s, anna)
            barriers = resolve_code(s, "Barriers").id
            return [
                apply_coding(s, anna, doc, barriers, a, b) for a, b in ((0, 5), (6, 9), (10, 20))
            ]
    finally:
        store.close()


def test_import_into_an_empty_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "p.db")
    run(capsys, "init", path)
    code, out, _ = run(capsys, "codebook", "import", path, str(GENERIC))
    assert code == 0
    assert "Import plan for generic-interview-en.yaml: 1 codebook, 16 create" in out
    assert "create: 'Barriers > Resource constraints'" in out
    assert "Codebook version 1: import codebook 'Generic interview codebook'" in out


def test_tree_and_show(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    _codings(project)
    code, out, _ = run(capsys, "codebook", "tree", project)
    assert code == 0
    assert "Barriers (3, 3 with sub-codes)" in out
    assert "Resource constraints (0)" in out
    code, out, _ = run(capsys, "codebook", "show", project, "Barriers > Resource constraints")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Barriers > Resource constraints"
    assert "guid: 819cb0ed-9f13-4074-9149-670dc1659c45" in lines[1]
    assert "Brief definition: Lack of time, money, staff, space or materials." in lines
    assert "Keywords: time, money, funding, staff, workload, budget" in lines


def test_revisions_history_diff_and_undo(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    steps = [
        (["rename", project, "Barriers", "Obstacles", "--reason", "plainer"], "version 2"),
        (
            ["redefine", project, "Obstacles", "--brief-definition", "What gets in the way."],
            "redefine 'Obstacles': brief_definition",
        ),
        (["recolour", project, "Obstacles", "#00AA00"], "recolour 'Obstacles' from #D62728"),
        (
            ["move", project, "Resource constraints", "--top", "--position", "1"],
            "to the top level at position 1",
        ),
        (["merge", project, "Emotions", "Context"], "merge 'Emotions' into 'Context'"),
        (["retire", project, "Recommendations"], "retire 'Recommendations'"),
        (["unretire", project, "Recommendations"], "unretire 'Recommendations'"),
    ]
    for args, expected in steps:
        code, out, err = run(capsys, "codebook", *args)
        assert (code, err) == (0, ""), args
        assert expected in out
    code, out, _ = run(capsys, "codebook", "history", project)
    assert code == 0
    assert out.splitlines()[1].startswith("v2  ")
    assert "anna  rename: rename 'Barriers' to 'Obstacles'  (reason: plainer)" in out
    code, out, _ = run(capsys, "codebook", "history", project, "Obstacles")
    # v5 moved a code to the top, ahead of Obstacles, whose position changed.
    assert [line.split()[0] for line in out.splitlines()] == ["v1", "v2", "v3", "v4", "v5"]
    code, out, _ = run(capsys, "codebook", "diff", project, "1", "5")
    assert code == 0
    assert "renamed: 'Barriers' -> 'Obstacles'" in out
    assert "moved: 'Resource constraints' (was 'Barriers > Resource constraints')" in out
    assert "  Brief definition: [-Anything-]{+What gets in+} the [-participant says" in out
    code, out, _ = run(capsys, "undo", project)
    assert "Undone: unretire 'Recommendations'" in out


def test_split_with_assignments(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    _first, second, _third = _codings(project)
    code, out, err = run(
        capsys,
        "codebook",
        "split",
        project,
        "Barriers",
        "Practical barriers",
        "Social barriers",
        "--assign",
        f"{second}=Social barriers",
        "--default",
        "Practical barriers",
        "--reason",
        "too broad",
    )
    assert (code, err) == (0, "")
    assert "split 'Barriers' into 'Practical barriers', 'Social barriers'" in out
    assert "  Practical barriers: 2 codings" in out
    assert "  Social barriers: 1 codings" in out
    code, out, _ = run(capsys, "codebook", "tree", project, "--retired")
    assert "Barriers (0, 0 with sub-codes) retired" not in out  # sub-codes moved away
    assert "Barriers (0) retired" in out
    assert "Practical barriers (2, 2 with sub-codes)" in out


def test_split_without_default_must_assign_everything(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first, *_ = _codings(project)
    before = counts(open_project(project))
    code, _, err = run(
        capsys, "codebook", "split", project, "Barriers", "A", "B", "--assign", f"{first}=A"
    )
    assert code == 2
    assert "2 codings of 'Barriers' are not assigned" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "codebook", "split", project, "Barriers", "A", "B", "--assign", "x")
    assert code == 2
    assert "use CODING=NEWNAME" in err
    assert counts(open_project(project)) == before


def test_import_plan_dry_run_and_confirmation(
    project: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    revised = GENERIC.read_text(encoding="utf-8").replace("name: Barriers", "name: Obstacles")
    path = tmp_path / "revised.yaml"
    path.write_text(revised, encoding="utf-8")
    store = open_project(project)
    before = counts(store)
    code, out, _ = run(capsys, "codebook", "import", project, str(path), "--dry-run")
    assert code == 0
    assert "rename: 'Barriers' -> 'Obstacles'" in out
    assert "Dry run: nothing changed" in out
    assert counts(store) == before
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _ = run(capsys, "codebook", "import", project, str(path))
    assert code == 1
    assert "Apply this plan?" in out
    assert "Nothing changed" in out
    assert counts(store) == before
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, _ = run(capsys, "codebook", "import", project, str(path), "--reason", "v2")
    assert code == 0
    assert "Codebook version 2: import codebook" in out
    code, out, _ = run(capsys, "codebook", "import", project, str(path), "--yes")
    assert (code, out.strip()) == (
        0,
        "Nothing to change: the codebook already matches revised.yaml",
    )
    store.close()


def test_export_yaml_and_qdc(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "codebook", "retire", project, "Emotions")
    code, out, _ = run(capsys, "codebook", "export", project, str(tmp_path / "book.yaml"))
    assert (code, out.strip()) == (0, f"Wrote 15 codes to {tmp_path / 'book.yaml'}")
    code, out, _ = run(
        capsys, "codebook", "export", project, str(tmp_path / "all.yml"), "--retired"
    )
    assert "Wrote 16 codes" in out
    assert "retired: true" in (tmp_path / "all.yml").read_text(encoding="utf-8")
    code, out, _ = run(capsys, "codebook", "export", project, str(tmp_path / "book.qdc"))
    assert code == 0
    assert (tmp_path / "book.qdc").read_bytes().startswith(b"<?xml")
    code, _, err = run(capsys, "codebook", "export", project, str(tmp_path / "x.qdc"), "--retired")
    assert code == 2
    assert "cannot mark codes as retired" in err
    names = [c.fields.name for c in load_yaml(tmp_path / "book.yaml").codes]
    assert "Emotions" not in names


def test_errors_are_one_line(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ncodes:\n  - name: A\n    colour: red\n", encoding="utf-8")
    before = counts(open_project(project))
    cases = [
        (["import", project, str(bad)], f"{bad}:4:5: unknown field 'colour'"),
        (["rename", project, "Nope", "X"], "unknown code 'Nope'"),
        (["move", project, "Barriers", "--under", "Resource constraints"], "cycle: cannot move"),
        (["recolour", project, "Barriers", "blue"], "not of the form #RRGGBB"),
        (["redefine", project, "Barriers"], "give at least one field"),
        (["diff", project, "0", "99"], "unknown codebook version 99"),
        (["merge", project, "Barriers", "Barriers"], "cannot merge 'Barriers' into itself"),
    ]
    for args, message in cases:
        code, _out, err = run(capsys, "codebook", *args)
        assert code == 2, args
        assert message in err, (args, err)
        assert len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err
    assert counts(open_project(project)) == before


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "codebook", "--help")
    assert code == 0
    for name in (
        "show",
        "tree",
        "history",
        "diff",
        "import",
        "export",
        "rename",
        "redefine",
        "recolour",
        "move",
        "merge",
        "split",
        "retire",
        "unretire",
    ):
        assert f"  {name}" in out
