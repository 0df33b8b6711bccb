"""Every listing a script may read, as CSV or JSON; exit codes 0 found, 1 nothing, 2 error.

A script reads ``codebook codes --format json`` instead of parsing a tree, and
tells an empty answer (1) from a broken command (2) by the exit code alone.
These run the real commands on a small coded study.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from analysis.study import BINNEN, LANDELIJK, build_study
from codebook.services.project_store import init_project
from helpers import run_cli as run
from helpers import stored_rows


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


def as_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def as_csv(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    code, out, err = run(capsys, *args, "--format", "csv")
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out)))


def test_codes_as_json_count_each_code_and_its_branch(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = {c["path"]: c for c in as_json(capsys, "codes", project)}
    assert codes["Kennisdeling"]["codings"] == 1
    assert codes["Kennisdeling"]["total"] == 5  # its own, two landelijk, two binnen
    assert codes[LANDELIJK]["parent"] == codes["Kennisdeling"]["id"]
    assert codes[LANDELIJK]["name"] == "Landelijke kennisdeling"
    assert codes[LANDELIJK]["retired"] is False
    assert isinstance(codes[BINNEN]["depth"], int) and codes[BINNEN]["depth"] == 1


def test_codebook_tree_as_csv_is_the_same_in_dutch(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    english = as_csv(capsys, "codebook", "tree", project)
    dutch = as_csv(capsys, "--lang", "nl", "codebook", "tree", project)
    assert english == dutch
    assert [r["path"] for r in english][:3] == ["Kennisdeling", LANDELIJK, BINNEN]
    assert int(english[0]["total"]) == 5


def test_info_is_one_object_with_numbers(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    [info] = as_json(capsys, "--lang", "nl", "info", project)
    assert info["name"] == "Werkplaatsen"
    assert (info["documents"], info["codings"]) == (3, 9)
    assert set(info["coders"].split(", ")) >= {"anna", "bram"}


def test_speakers_as_json_with_shares_as_fractions(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    speakers = {s["speaker"]: s for s in as_json(capsys, "speakers", project, "woa-01.txt")}
    assert speakers["Judith"]["turns"] == 2
    assert speakers["Interviewer"]["turns"] == 2
    total = sum(s["share"] for s in speakers.values())
    assert total == pytest.approx(1.0)
    assert speakers["Judith"]["share"] > 0.5


def test_a_speaker_rename_as_json_keeps_stdout_parseable(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "speakers", project, "woa-01.txt", "--rename", "Judith=Joke", "--format", "json"
    )
    assert code == 0, err
    assert "Joke" in {s["speaker"] for s in json.loads(out)}
    assert "Judith" in err


def test_memos_as_csv_and_none_is_nothing_found(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "memo", "list", project, "--format", "json")
    assert (code, "nothing found") == (1, err.strip())
    add = ("--coder", "anna", "memo", "add", project)
    assert (
        run(capsys, *add, "Kennis stroomt, maar niet landelijk", "--code", "Kennisdeling")[0] == 0
    )
    assert run(capsys, *add, "Drie werkplaatsen", "--project", "--title", "Opzet")[0] == 0
    rows = as_csv(capsys, "memo", "list", project)
    by_on = {r["on"]: r for r in rows}
    assert by_on["code"]["target"] == "Kennisdeling"
    assert by_on["code"]["text"] == "Kennis stroomt, maar niet landelijk"
    assert (by_on["project"]["title"], by_on["project"]["target"]) == ("Opzet", "")
    assert by_on["project"]["coder"] == "anna"
    assert by_on["project"]["updated"][:4].isdigit() and "T" in by_on["project"]["updated"]


def test_cases_as_json_one_row_per_link(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "case", "list", project, "--format", "csv")
    assert code == 1
    assert (
        run(capsys, "case", "link", project, "Judith", "woa-01.txt", "--speaker", "Judith")[0] == 0
    )
    assert run(capsys, "case", "link", project, "WOA", "woa-01.txt")[0] == 0
    links = as_json(capsys, "case", "list", project)
    assert {(c["case"], c["document"], c["speaker"]) for c in links} == {
        ("Judith", "woa-01.txt", "Judith"),
        ("WOA", "woa-01.txt", None),
    }


def test_history_and_review_after_a_redefinition(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    redefine = ("--coder", "anna", "codebook", "redefine", project, "Kennisdeling")
    code, _, err = run(capsys, *redefine, "--brief-definition", "Delen", "--reason", "scherper")
    assert code == 0, err
    [entry] = [e for e in as_json(capsys, "codebook", "history", project) if e["kind"] != "create"]
    assert (entry["coder"], entry["reason"]) == ("anna", "scherper")
    assert isinstance(entry["version"], int)
    waiting = as_json(capsys, "review", project)
    assert [w["code"] for w in waiting] == ["Kennisdeling"]
    [item] = waiting
    assert item["reason"] == "redefined"
    assert item["changed_in"] == entry["version"]
    assert item["made_in"] < item["changed_in"]
    assert item["text"].startswith("We delen kennis landelijk")
    code, out, err = run(capsys, "review", project, "--code", LANDELIJK, "--format", "json")
    assert (code, json.loads(out), err.strip()) == (1, [], "nothing found")


def test_the_reference_coder_as_json(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert as_json(capsys, "reference", project) == [{"reference": None}]
    assert run(capsys, "reference", project, "bram")[0] == 0
    assert as_csv(capsys, "--lang", "nl", "reference", project) == [{"reference": "bram"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("codebook", "history", "{p}", "Onbekend"), "unknown code 'Onbekend'"),
        (("speakers", "{p}", "nergens.txt", "--format", "json"), "unknown document"),
        (("memo", "list", "{p}", "--code", "Onbekend", "--format", "csv"), "unknown code"),
        (("info", "{d}/missing.db", "--format", "json"), "missing.db"),
    ],
)
def test_an_error_exits_2_with_one_line_and_no_output(
    project: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    filled = [a.format(p=project, d=Path(project).parent) for a in args]
    code, out, err = run(capsys, *filled)
    assert (code, out) == (2, "")
    assert err.startswith("error:") and message in err
    assert len(err.strip().splitlines()) == 1


def test_codebook_export_never_replaces_a_file_without_force(
    project: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "codeboek.yml"
    target.write_text("mijn eigen aantekeningen\n", encoding="utf-8")
    before = stored_rows(project)
    code, out, err = run(capsys, "--lang", "nl", "codebook", "export", project, str(target))
    assert (code, out) == (2, "")
    assert str(target) in err and "--force" in err
    assert len(err.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "mijn eigen aantekeningen\n"
    assert stored_rows(project) == before
    code, out, err = run(capsys, "codebook", "export", project, str(target), "--force")
    assert code == 0, err
    assert "Landelijke kennisdeling" in target.read_text(encoding="utf-8")
