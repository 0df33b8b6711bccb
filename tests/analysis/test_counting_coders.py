"""Counting that knows about coders: a passage two coders coded counts once, not twice.

The project: three interviews, one coded by anna, bram and consensus, one by
anna alone, one by bram alone, so every way of counting gives its own figure
for the code "Samenwerking" (union 4, summed 7, anna alone 3, consensus 1).
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
import typer

from codebook import cli
from codebook.cli.analysis import analysis_app
from codebook.cli.export import export_app
from codebook.domain import AttributeType, CodebookError, CodeFields
from codebook.domain.analysis import TOTAL, TableRequest
from codebook.domain.queries import NO_FILTERS, Filters
from codebook.project import Project
from codebook.services.codebook.codes import create_code
from codebook.services.coding import NewCoding, apply_codings
from codebook.services.documents import set_attributes
from codebook.services.project_store import coder_id, init_project
from helpers import add_doc

SHARED = (
    "Interviewer: Hoe gaat het?\n"
    "Judith: We werken samen als gelijken. Soms is dat lastig. "
    "De hogeschool luistert naar ons. Het bestuur betaalt de uren.\n"
)
ANNA_ONLY = "Interviewer: En verder?\nKarel: We werken goed samen.\n"
BRAM_ONLY = "Interviewer: En verder?\nIlse: Samen lukt het.\n"

S, A, B = "Samenwerking", "Bestuur", "Financiering"

# (document, code, passage, coder)
CODINGS = (
    ("gedeeld.txt", S, "We werken samen als gelijken.", "anna"),
    ("gedeeld.txt", S, "werken samen", "bram"),  # inside anna's: the same passage
    ("gedeeld.txt", S, "We werken samen als gelijken.", "consensus"),
    ("gedeeld.txt", S, "De hogeschool luistert naar ons.", "anna"),
    ("gedeeld.txt", S, "De hogeschool luistert naar ons.", "bram"),
    ("gedeeld.txt", A, "Het bestuur betaalt de uren.", "anna"),
    ("gedeeld.txt", B, "betaalt de uren", "bram"),  # bram's B on anna's A
    ("anna.txt", S, "We werken goed samen.", "anna"),
    ("bram.txt", S, "Samen lukt het.", "bram"),
)
WARNING = "warning: 1 double-coded document (codings by 2 or more coders): gedeeld.txt"


@pytest.fixture
def path(tmp_path: Path) -> str:
    location = tmp_path / "team.db"
    store = init_project(location, "Team")
    texts = {"gedeeld.txt": SHARED, "anna.txt": ANNA_ONLY, "bram.txt": BRAM_ONLY}
    with store.write() as s:
        coders = {name: coder_id(s, name) for name in ("anna", "bram", "consensus")}
        docs = {name: add_doc(s, coders["anna"], name, text) for name, text in texts.items()}
        for doc in docs.values():
            set_attributes(s, coders["anna"], doc, {"rol": (AttributeType.CATEGORY, "leraar")})
        codes = {name: create_code(s, coders["anna"], CodeFields(name)).id for name in (S, A, B)}
        for who, coder in coders.items():
            items = []
            for doc, code, passage, by in CODINGS:
                if by == who:
                    start = texts[doc].index(passage)
                    items.append(NewCoding(docs[doc], codes[code], start, start + len(passage)))
            apply_codings(s, coder, items)
    store.close()
    return str(location)


def segments(path: str, filters: Filters = NO_FILTERS) -> int:
    with Project.open(path, coder="anna") as project:
        frame = project.table(TableRequest(filters=filters))
    return int(frame.value(S, TOTAL))


def test_each_passage_counts_once_per_code_by_default(path: str) -> None:
    with Project.open(path, coder="anna") as project:
        frame = project.table(TableRequest())
    assert frame.value(S, TOTAL) == 4
    counted = frame.counted
    assert counted.line() == (
        "counted: the union of anna, bram, consensus (passages coded by several count once)"
    )
    assert counted.warning() == WARNING + "; overlapping codings of one code count once"


def test_summing_coders_counts_every_coding(path: str) -> None:
    assert segments(path, Filters(sum_coders=True)) == 7
    with Project.open(path, coder="anna") as project:
        frame = project.table(TableRequest(filters=Filters(sum_coders=True)))
    assert frame.counted.line() == ("counted: every coder's codings summed (anna, bram, consensus)")


def test_one_coder_or_two_of_them(path: str) -> None:
    assert segments(path, Filters(coders=("anna",))) == 3
    assert segments(path, Filters(coders=("anna", "bram"))) == 4
    assert segments(path, Filters(coders=("anna", "bram"), sum_coders=True)) == 6


def test_the_reference_coder_alone_counts_once_set(path: str) -> None:
    assert segments(path, Filters(reference="consensus")) == 1
    with Project.open(path, coder="anna") as project:
        project.set_reference_coder("consensus")
        assert project.reference_coder() == "consensus"
        frame = project.table(TableRequest())
        assert frame.value(S, TOTAL) == 1
        assert frame.counted.line() == "counted: consensus (reference coder)"
        # an explicit coder filter or a sum still wins over the project's setting
        assert project.table(TableRequest(filters=Filters(sum_coders=True))).value(S, TOTAL) == 7
        with pytest.raises(CodebookError, match="unknown coder 'nobody'"):
            project.set_reference_coder("nobody")
        project.undo()
        assert project.reference_coder() is None
        assert project.table(TableRequest()).value(S, TOTAL) == 4


def test_a_boolean_query_combines_one_coder_at_a_time(path: str) -> None:
    query = f'"{A}" AND "{B}"'
    with Project.open(path, coder="anna") as project:
        assert project.quotes(query) == []
        (found,) = project.quotes(query, Filters(across_coders=True))
        assert found.text == "betaalt de uren"
        assert {c.coder for c in found.codings} == {"anna", "bram"}


def test_a_passage_coded_by_several_is_one_quote(path: str) -> None:
    with Project.open(path, coder="anna") as project:
        found = project.quotes(S)
        summed = project.quotes(S, Filters(sum_coders=True))
    assert len(found) == 4
    first = next(q for q in found if q.document == "gedeeld.txt")
    assert first.text == "We werken samen als gelijken."
    assert sorted(c.coder for c in first.codings) == ["anna", "bram", "consensus"]
    assert len(summed) == 7


# --------------------------------------------------------------------------- the faces


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> None:
    app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
    app.callback()(cli.main_options)
    app.add_typer(analysis_app)
    app.add_typer(export_app, name="export")
    monkeypatch.setattr(cli, "app", app)
    monkeypatch.setenv("COLUMNS", "200")


def run(capsys: pytest.CaptureFixture[str], *args: str, found: bool = True) -> str:
    """The command's output; its exit code says whether anything was found (0) or not (1)."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    assert code == (0 if found else 1), err
    return out


def total_of(out: str) -> str:
    return next(line for line in out.splitlines() if S in line).split()[-2]


@pytest.mark.usefixtures("app")
def test_cli_tables_say_what_they_count(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "frequencies", path)
    assert total_of(out) == "4"
    assert "counted: the union of anna, bram, consensus" in out
    assert WARNING in out
    out = run(capsys, "frequencies", path, "--sum-coders")
    assert total_of(out) == "7"
    assert "counted: every coder's codings summed (anna, bram, consensus)" in out
    out = run(capsys, "matrix", path, "--reference", "consensus")
    assert "counted: consensus (reference coder)" in out
    out = run(capsys, "--lang", "nl", "cooccurrence", path, "--coded-by", "anna")
    assert "geteld: anna" in out


@pytest.mark.usefixtures("app")
def test_cli_reference_and_queries(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert "no reference coder" in run(capsys, "reference", path)
    assert "reference coder set to consensus" in run(capsys, "reference", path, "consensus")
    out = run(capsys, "frequencies", path)
    assert total_of(out) == "1"
    assert "counted: consensus (reference coder)" in out
    assert "reference coder cleared" in run(capsys, "reference", path, "--clear")
    query = f'"{A}" AND "{B}"'
    assert run(capsys, "quotes", path, query, found=False).startswith("0 quotes\n")
    assert "\n1 quote\n" in run(capsys, "quotes", path, query, "--across-coders")


@pytest.mark.usefixtures("app")
def test_word_report_says_what_it_counts(
    path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.docx"
    run(capsys, "export", "docx", path, str(out))
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    counted = "counted: the union of anna, bram, consensus (passages coded by several count once)"
    assert paragraphs.count(counted) == 1 + 3  # the title page and every chapter
    assert WARNING + "; overlapping codings of one code count once" in paragraphs
    segments_cell = [
        row.cells[2].text
        for table in docx.Document(str(out)).tables
        for row in table.rows
        if row.cells[0].text == "Total"
    ]
    assert segments_cell[0] == "4"


@pytest.mark.usefixtures("app")
def test_workbook_says_what_it_counts(
    path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tables.xlsx"
    run(capsys, "export", "xlsx", path, str(out))
    book = openpyxl.load_workbook(out, read_only=True)
    lines = [row[0] for row in book["Counted"].iter_rows(values_only=True)]
    assert lines[1].startswith("counted: the union of anna, bram, consensus")
    assert lines[2].startswith(WARNING)
