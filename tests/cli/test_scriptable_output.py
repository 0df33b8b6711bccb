"""Output a script can read: whole lines in a pipe, tables as CSV or JSON, telling exit codes.

A script pipes ``codebook docs`` into another program: rich's 80 columns would
cut cells, a table would need parsing, and an empty answer would look like a
found one. These run the real command on a small coded study.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.study import BESTUUR, LANDELIJK, build_study
from codebook.services.project_store import init_project
from helpers import run_cli as run

LONG_NOTE = (
    "interview afgenomen op locatie bij de werkplaats, in aanwezigheid van de coördinator "
    "en twee leraren-onderzoekers die later aansloten"
)


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


def test_piped_output_keeps_long_cells_whole_on_one_line(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "--coder", "anna", "attr", project, "woa-01.txt", f"notitie={LONG_NOTE}"
    )
    assert code == 0, err
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    done = subprocess.run(
        [sys.executable, "-m", "codebook.cli", "docs", project],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if "woa-01.txt" in line)
    assert LONG_NOTE in line
    assert len(line) > 200


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_docs_as_csv_parse_back_with_numbers_and_english_keys(
    project: str, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    code, out, err = run(capsys, "--lang", lang, "docs", project, "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["document"] for r in rows] == ["point-01.txt", "woa-01.txt", "wou-01.txt"]
    assert rows[0].keys() >= {"id", "words", "turns", "coded", "codings", "werkplaats", "rol"}
    point = rows[0]
    assert point["werkplaats"] == "POINT"
    assert int(point["codings"]) == 3
    assert float(point["coded"]) == pytest.approx(0.5)
    assert int(point["words"]) > 10


def test_docs_as_json_are_objects_keyed_the_same_in_every_language(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, english, _ = run(capsys, "docs", project, "--format", "json")
    _, dutch, _ = run(capsys, "--lang", "nl", "docs", project, "--format", "json")
    assert json.loads(english) == json.loads(dutch)
    by_name = {d["document"]: d for d in json.loads(english)}
    assert by_name["woa-01.txt"]["codings"] == 6
    assert by_name["woa-01.txt"]["werkplaats"] == "WOA"
    assert isinstance(by_name["wou-01.txt"]["words"], int)


def test_codings_as_json_carry_the_whole_passage(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "codings", project, "--code", "Kennisdeling", "--format", "json")
    assert code == 0, err
    [coding] = json.loads(out)
    assert coding["text"] == (
        "We delen kennis landelijk via de conferentie. Ook binnen de werkplaats praten we veel."
    )
    assert coding["coder"] == "anna"
    assert coding["end"] - coding["start"] == len(coding["text"])


def test_a_count_table_as_csv_with_the_counted_line_on_stderr(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "frequencies", project, "--by", "werkplaats", "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    header, body = rows[0], rows[1:]
    assert header[1:4] == ["POINT", "WOA", "WOU"] or set(header[1:]) >= {"POINT", "WOA", "WOU"}
    bestuur = next(r for r in body if r[0] == BESTUUR)
    counts = dict(zip(header[1:], map(int, bestuur[1:]), strict=True))
    assert counts["POINT"] == 1 and counts["WOA"] == 1 and counts["WOU"] == 0
    assert "counted:" in err and "counted:" not in out


def test_quotes_as_json(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "quotes", project, LANDELIJK, "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    assert [q["text"] for q in found] == [
        "Landelijk delen we weinig.",
        "We delen kennis landelijk via de conferentie.",
    ]
    assert found[1]["speaker"] == "Judith" and found[1]["memo"] == "mooi"
    assert found[1]["codes"] == LANDELIJK


def test_a_query_that_finds_nothing_exits_1_and_says_so(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "quotes", project, BESTUUR, "--where", "werkplaats=WOU", "--format", "json"
    )
    assert (code, json.loads(out)) == (1, [])
    assert "nothing found" in err
    code, out, err = run(capsys, "--lang", "nl", "docs", project, "--where", "rol=minister")
    assert code == 1
    assert "niets gevonden" in err


def test_a_bad_format_is_a_usage_error(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "docs", project, "--format", "xml")
    assert code == 2
    assert out == ""
    assert "xml" in err


def test_agreement_as_json_and_as_csv(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, as_json, err = run(capsys, "agree", project, "--coders", "anna,bram", "--json")
    assert code == 0, err
    _, as_format, _ = run(capsys, "agree", project, "--coders", "anna,bram", "--format", "json")
    assert json.loads(as_format) == json.loads(as_json)
    _, out, _ = run(capsys, "agree", project, "--coders", "anna,bram", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    figures = json.loads(as_json)
    assert [r["code"] for r in rows] == [*figures["codes"], ""]
    assert int(rows[-1]["n_units"]) == figures["overall"]["n_units"]
