"""The analysis and export commands as a user runs them: output, exit codes, one-line errors.

The commands are mounted on a copy of the main app the way ``codebook.cli`` mounts
them (``analysis_app`` at the top level, ``export_app`` as ``export``), so the
global options (--lang) and the error handling of ``cli.main`` apply.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
import typer

from analysis.study import BESTUUR, LANDELIJK, build_study
from codebook import cli
from codebook.cli.analysis import analysis_app
from codebook.cli.export import export_app
from codebook.services.project_store import init_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
    app.callback()(cli.main_options)
    app.add_typer(analysis_app)
    app.add_typer(export_app, name="export")
    monkeypatch.setattr(cli, "app", app)
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "study.db"
    store = init_project(path, "Werkplaatsen")
    build_study(store)
    store.close()
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_quotes_with_filters_and_context(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "quotes", project, "Kennisdeling", "--with-children",
        "--where", "werkplaats=WOA", "--where", "werkplaats=POINT", "--coded-by", "anna",
        "--context", "1",
    )  # fmt: skip
    assert code == 0
    assert "Landelijk delen we weinig." in out
    assert "woa-01.txt · Judith · turn 2 · rol=coördinator, werkplaats=WOA" in out
    assert "memo: mooi" in out
    assert "De kennis blijft" in out  # context of Karel's quote, though coded by bram
    assert out.rstrip().endswith("4 quotes\ncounted: anna")


def test_quotes_of_a_query(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    query = f'"{BESTUUR}" NEAR/2 "{LANDELIJK}"'
    code, out, _ = run(capsys, "quotes", project, query, "--across-coders")
    assert code == 0
    assert "\n2 quotes\n" in out
    code, out, _ = run(capsys, "quotes", project, query)
    assert code == 0
    assert "\n1 quote\n" in out  # Karel's passage pairs bram's code with anna's
    code, out, _ = run(capsys, "quotes", project, "Kennisdeling* NOT Landelijke kennisdeling")
    assert code == 0
    assert "\n2 quotes\n" in out  # the two "binnen" passages
    code, out, _ = run(capsys, "quotes", project, "Gelijkwaardigheid", "--coded-by", "bram")
    assert out.rstrip().endswith("1 quote\ncounted: bram")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("quotes", "{p}", "Onbekend"), "error: unknown code 'Onbekend'"),
        (("quotes", "{p}", '"A" AND'), "expected a code at the end"),
        (("quotes", "{p}", "Kennisdeling", "--where", "regio=Noord"), "unknown attribute 'regio'"),
        (("frequencies", "{p}", "--unit", "zinnen"), "unknown unit 'zinnen'"),
        (("cooccurrence", "{p}", "--within", "alinea"), "unknown co-occurrence unit 'alinea'"),
        (("export", "docx", "{p}", "{d}/missing/r.docx"), "{d}/missing/r.docx: cannot write"),
        (("export", "docx", "{p}", "{d}/r.docx", "--max-quotes", "-1"), "--max-quotes must be"),
    ],
)
def test_errors_are_one_line(
    project: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    folder = str(Path(project).parent)
    filled = [a.format(p=project, d=folder) for a in args]
    code, out, err = run(capsys, *filled)
    assert code == 2
    assert message.format(d=folder) in " ".join(err.split())
    assert "Traceback" not in err + out


def test_frequencies_matrix_and_cooccurrence_state_their_unit(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "frequencies", project, "--by", "werkplaats", "--unit", "words")
    assert code == 0
    assert "Codes by werkplaats (words coded)" in out
    assert "POINT" in out
    code, out, _ = run(capsys, "matrix", project, "--cases", "rol", "--with-children")
    assert code == 0
    assert "Code x case matrix (segments)" in out
    assert "schoolleider" in out
    code, out, _ = run(
        capsys, "cooccurrence", project, "--within", "turn", "--code", "Kennisdeling",
        "--code", BESTUUR, "--with-children",
    )  # fmt: skip
    assert code == 0
    assert "Co-occurrence (turns)" in out


def test_export_commands_write_their_files(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "rapport.docx"
    code, out, _ = run(
        capsys, "--lang", "nl", "export", "docx", project, str(report),
        "--themes", "Kennisdeling", "--by", "rol", "--max-quotes", "1",
    )  # fmt: skip
    assert code == 0
    assert "1 themes" in out
    headings = [
        p.text for p in docx.Document(str(report)).paragraphs if p.style.name == "Heading 1"
    ]
    assert headings == ["Kennisdeling", "Bijlage A. Codeboek", "Bijlage B. Revisiegeschiedenis"]
    book = tmp_path / "coderingen.xlsx"
    code, _, _ = run(capsys, "--lang", "nl", "export", "xlsx", project, str(book))
    assert code == 0
    assert openpyxl.load_workbook(book, read_only=True).sheetnames[0] == "Coderingen"
    folder = tmp_path / "csv"
    code, out, _ = run(capsys, "export", "csv", project, str(folder), "--cases", "werkplaats")
    assert code == 0
    assert (
        (folder / "matrix.csv")
        .read_text(encoding="utf-8-sig")
        .startswith("Code (segments),POINT,WOA,WOU")
    )


def test_a_matrix_wider_than_the_terminal_is_printed_in_parts_with_every_cell(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from codebook.cli.analysis import print_table
    from codebook.domain.analysis import CountedCoders, Tabulation

    monkeypatch.setenv("COLUMNS", "80")
    cases = tuple(f"Deelnemer {n:02}" for n in range(1, 28))
    frame = Tabulation(
        "code",
        ("Kennisdeling", "Borging > Financiering", "Rol van de coördinator"),
        cases,
        tuple(tuple(n * 10 + c for c in range(27)) for n in range(3)),
        "segments",
        CountedCoders("union", ("anna",)),
    )
    print_table(frame, "Code x case matrix (segments)")
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "…" not in out
    parts = [line for line in out.splitlines() if "Code x case matrix (segments) (" in line]
    assert len(parts) > 1 and parts[-1].strip().endswith(f"({len(parts)}/{len(parts)})")
    assert all(case in out for case in cases)
    cells = {int(word) for line in out.splitlines() for word in line.split() if word.isdigit()}
    assert {n * 10 + c for c in range(27) for n in range(3)} <= cells
