"""The attribute x attribute table (werkplaats x rol) and the quotes behind every count.

Counts are checked against the codings as stored (one segment per distinct
passage and code, as two coders coding one passage alike are one segment),
and every cell of every kind of table must list exactly as many quotes as it
counts, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import typer

from analysis.study import BESTUUR, GELIJK, Study, build_study
from codebook import cli
from codebook.cli.analysis import analysis_app
from codebook.domain import CodebookError
from codebook.domain.analysis import TOTAL, TableRequest
from codebook.domain.queries import Filters
from codebook.project import Project
from codebook.services.project_store import init_project

PLACE_ROLE = {
    "woa-01.txt": ("WOA", "coördinator"),
    "point-01.txt": ("POINT", "schoolleider"),
    "wou-01.txt": ("WOU", "coördinator"),
}


def stored_counts(door: Project, study: Study, *, summed: bool) -> Counter[tuple[str, str]]:
    """Codings per (werkplaats, rol) read as stored: every coding when ``summed``, else
    each distinct (code, document, range) once."""
    names = {doc_id: name for name, doc_id in study.docs.items()}
    seen: set[tuple[int, int, int, int]] = set()
    counts: Counter[tuple[str, str]] = Counter()
    for code_id in study.codes.values():
        for c in door.codings(code=code_id):
            key = (c.code_id, c.document_id, c.start, c.end)
            if summed or key not in seen:
                seen.add(key)
                counts[PLACE_ROLE[names[c.document_id]]] += 1
    return counts


@pytest.mark.parametrize("summed", [False, True])
def test_werkplaats_by_rol_counts_the_stored_codings(
    study: Study, location: str, summed: bool
) -> None:
    with Project.open(location, coder="anna") as door:
        request = TableRequest(
            kind="crosstab", rows="werkplaats", columns="rol", filters=Filters(sum_coders=summed)
        )
        frame = door.table(request)
        stored = stored_counts(door, study, summed=summed)
    assert list(frame.rows) == ["POINT", "WOA", "WOU", TOTAL]
    assert list(frame.columns) == ["coördinator", "schoolleider", TOTAL]
    assert frame.index_name == "werkplaats" and frame.unit == "segments"
    for place in ("POINT", "WOA", "WOU"):
        for role in ("coördinator", "schoolleider"):
            assert frame.value(place, role) == stored[(place, role)], (place, role)
    assert frame.value("WOA", "coördinator") == (6 if summed else 5)  # bram's Gelijkwaardigheid
    assert frame.value(TOTAL, TOTAL) == sum(stored.values())
    assert frame.value("POINT", TOTAL) == frame.value("POINT", "schoolleider") == 3


def test_one_code_its_subtree_and_one_coder(study: Study, location: str) -> None:
    base = TableRequest(kind="crosstab", rows="werkplaats", columns="rol")
    with Project.open(location, coder="anna") as door:
        alone = door.table(TableRequest(**{**base.__dict__, "codes": ("Kennisdeling",)}))
        tree = door.table(
            TableRequest(**{**base.__dict__, "codes": ("Kennisdeling",), "with_children": True})
        )
        bram = door.table(TableRequest(**{**base.__dict__, "filters": Filters(coders=("bram",))}))
        by_role = door.table(TableRequest(kind="crosstab", rows="rol", columns="werkplaats"))
    assert alone.value(TOTAL, TOTAL) == 1  # Judith's two sentences, coded with the theme itself
    assert tree.value("WOA", "coördinator") == 3 and tree.value("POINT", "schoolleider") == 2
    assert bram.value("WOA", "coördinator") == 1 and bram.value("POINT", "schoolleider") == 2
    assert bram.counted.coders == ("bram",)
    assert list(by_role.rows) == ["coördinator", "schoolleider", TOTAL]
    assert by_role.value("coördinator", "WOA") == 5


@pytest.mark.parametrize(
    "request_",
    [
        TableRequest(kind="crosstab", rows="werkplaats", columns="rol"),
        TableRequest(kind="crosstab", rows="rol", columns="werkplaats", codes=(GELIJK,)),
        TableRequest(kind="frequencies", columns="werkplaats", with_children=True),
        TableRequest(kind="frequencies", columns="rol", filters=Filters(sum_coders=True)),
        TableRequest(kind="matrix", columns="documents", filters=Filters(coders=("bram",))),
        TableRequest(
            kind="matrix", columns="werkplaats", filters=Filters({"rol": ("coördinator",)})
        ),
    ],
    ids=["crosstab", "crosstab-code", "children", "summed", "one-coder", "filtered"],
)
def test_every_cell_lists_as_many_quotes_as_it_counts(
    study: Study, location: str, request_: TableRequest
) -> None:
    with Project.open(location, coder="anna") as door:
        frame = door.table(request_)
        assert frame.counted_anything()
        for row in frame.rows:
            for column in frame.columns:
                quotes = door.cell_quotes(request_, str(row), str(column))
                assert len(quotes) == frame.value(row, column), (row, column)


def test_a_passage_two_coders_coded_alike_is_one_quote_with_both(
    study: Study, location: str
) -> None:
    request = TableRequest(kind="crosstab", rows="werkplaats", columns="rol", codes=(GELIJK,))
    with Project.open(location, coder="anna") as door:
        [quote] = door.cell_quotes(request, "WOA", "coördinator", context=1)
    assert quote.text == "De samenwerking met de hogeschool is gelijkwaardig."
    assert sorted(c.coder for c in quote.codings) == ["anna", "bram"]
    assert quote.context_before.endswith("Interviewer: En de samenwerking?\nJudith: ")


def test_wrong_requests_say_what_is_wrong(study: Study, location: str) -> None:
    with Project.open(location, coder="anna") as door:
        with pytest.raises(CodebookError, match="two attributes"):
            door.table(TableRequest(kind="crosstab", columns="rol"))
        with pytest.raises(CodebookError, match="unknown attribute 'regio'"):
            door.table(TableRequest(kind="crosstab", rows="regio", columns="rol"))
        with pytest.raises(CodebookError, match="no cell 'Onbekend'"):
            door.cell_quotes(TableRequest(columns="werkplaats"), "Onbekend", "WOA")
        with pytest.raises(CodebookError, match="no cells"):
            door.cell_quotes(TableRequest(kind="cooccurrence"), BESTUUR, BESTUUR)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
    app.callback()(cli.main_options)
    app.add_typer(analysis_app)
    monkeypatch.setattr(cli, "app", app)
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "study.db"
    store = init_project(path, "Werkplaatsen")
    build_study(store)
    store.close()
    return str(path)


def test_cli_crosstab(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["crosstab", project, "werkplaats", "rol", "--code", "Kennisdeling",
                     "--with-children"])  # fmt: skip
    out, _ = capsys.readouterr()
    assert code == 0
    said = " ".join(out.split())  # the title wraps over the narrow table
    assert "werkplaats x rol (segments of Kennisdeling and its subcodes)" in said
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") > 2}
    assert rows["WOA"].replace(" ", "") == "│WOA│3│0│3│"
    assert "counted: the union of anna, bram" in out

    code = cli.main(
        ["--lang", "nl", "crosstab", project, "rol", "werkplaats", "--coded-by", "bram"]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    assert "rol x werkplaats (fragmenten van alle codes)" in " ".join(out.split())
    assert out.rstrip().endswith("geteld: bram")

    code = cli.main(["crosstab", project, "regio", "rol"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.strip().startswith("error: unknown attribute 'regio'")
