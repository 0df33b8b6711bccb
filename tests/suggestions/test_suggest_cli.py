"""``codebook suggest``: keyword autocode, the queue, accept and reject by number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli
from suggestions.test_keyword_queue import project_with_keywords
from suggestions.test_learning import corpus_project


def test_keywords_list_accept_and_reject_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = project_with_keywords(tmp_path)
    code, out, _ = run_cli(capsys, "suggest", location)
    assert code == 1
    code, out, _ = run_cli(capsys, "suggest", location, "--keywords")
    assert code == 0 and "3 suggestions added" in out
    code, out, _ = run_cli(capsys, "suggest", location, "--list", "--format", "json")
    queue = json.loads(out)
    assert [(r["code"], r["reason"]) for r in queue] == [
        ("Samenwerking", "samenwerken"),
        ("Samenwerking", "ouderraad vergaderen"),
        ("Kennis", "kennisdel*"),
    ]
    first, second = queue[0]["id"], queue[1]["id"]
    code, out, _ = run_cli(
        capsys,
        "--coder",
        "bram",
        "suggest",
        location,
        "--accept",
        str(first),
        "--reject",
        str(second),
    )
    assert code == 0
    code, out, _ = run_cli(capsys, "suggest", location, "--format", "json")
    assert [r["id"] for r in json.loads(out)] == [queue[2]["id"]]
    code, out, _ = run_cli(capsys, "codings", location, "--doc", "anna", "--format", "csv")
    assert "bram" in out and "Samenwerking" in out


def test_training_without_codings_is_one_line_and_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = project_with_keywords(tmp_path)
    code, _, err = run_cli(capsys, "--lang", "nl", "suggest", location, "--train")
    assert code == 2
    assert "geen gecodeerde zinnen om van te leren" in err and len(err.strip().splitlines()) == 1


def test_evaluate_prints_scores_per_code_and_names_the_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = corpus_project(tmp_path, learnable=True)
    code, out, err = run_cli(capsys, "suggest", location, "--evaluate", "--format", "json")
    assert code == 0
    [score] = json.loads(out)
    assert score["code"] == "Tijd" and score["f1"] > 0.8 and score["sentences"] > 0
    assert "Zeldzaam (2)" in err
    code, out, _ = run_cli(capsys, "suggest", location, "--evaluate")
    assert "unit: sentences" in out and "Skipped for too few coded sentences" in out
