"""``codebook survey import|items|counts|link|unlink`` as an analyst types them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codebook.domain import CodeFields
from codebook.domain.surveys import ParsedItem, ParsedSurvey, Respondent
from codebook.services.codebook.codes import create_code
from codebook.services.project_store import coder_id, init_project
from codebook.services.surveys.storage import store_survey
from helpers import run_cli, stored_rows

AGREE = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")
STATEMENT = "De schoolleider heeft een onderzoekende houding"
INVOLVED = "Ben je betrokken geweest bij het opstellen van de onderzoeksvraag?"
OPEN = "Wat levert de werkplaats jouw school op?"
HEADER = f"respondent;werkplaats;rol;{STATEMENT};{INVOLVED};{OPEN}\n"


def _respondent(row: int, werkplaats: str, agree: int, involved: int) -> Respondent:
    return Respondent(
        row, f"R{row}", {"werkplaats": ("text", werkplaats)}, (agree, involved, f"Antwoord {row}.")
    )


@pytest.fixture
def project(tmp_path: Path) -> str:
    """A project holding a small questionnaire, stored as the import would store it."""
    location = str(tmp_path / "studie.db")
    store = init_project(location, "studie")
    items = (
        ParsedItem(STATEMENT, "likert", AGREE),
        ParsedItem(INVOLVED, "yesno", ("ja", "nee")),
        ParsedItem(OPEN, "open"),
    )
    people = [_respondent(2, "WOA", 3, 1), _respondent(3, "WOA", 4, 1), _respondent(4, "WOU", 3, 0)]
    with store.write() as session:
        me = coder_id(session, "anna")
        store_survey(
            session, me, ParsedSurvey("Vragenlijst", "v.csv", "utf-8", items, tuple(people)),
            language="nl",
        )  # fmt: skip
        theme = create_code(session, me, CodeFields("Rol van de schoolleider")).id
        create_code(session, me, CodeFields("Onderzoekende houding"), theme)
    store.close()
    return location


def test_items_lists_every_question_with_kind_labels_and_theme(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "survey", "items", project, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["item"], r["kind"], r["theme"]) for r in rows] == [
        (STATEMENT, "likert", None),
        (INVOLVED, "yesno", None),
        (OPEN, "open", None),
    ]
    assert rows[1]["labels"] == "ja | nee"


def test_counts_per_werkplaats_with_a_total_row(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "survey", "counts", project, "houding", "--format", "csv")
    assert code == 0
    assert out.splitlines() == [
        "group,helemaal oneens,oneens,neutraal,eens,helemaal eens,n",
        "WOA,0,0,0,1,1,2",
        "WOU,0,0,0,1,0,1",
        "all,0,0,0,2,1,3",
    ]
    code, out, _ = run_cli(
        capsys, "survey", "counts", project, "betrokken", "--where", "werkplaats=wou",
        "--format", "csv",
    )  # fmt: skip
    assert out.splitlines() == ["group,ja,nee,n", "WOU,1,0,1"]


def test_counts_of_an_open_question_is_an_error_in_the_chosen_language(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "survey", "counts", project, "levert", "--lang", "nl")
    assert code == 2
    assert "vraag 'Wat levert de werkplaats jouw school op?' heeft antwoorden" in err


def test_link_shows_the_theme_and_undo_takes_it_back(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    theme = "Rol van de schoolleider > Onderzoekende houding"
    code, out, _ = run_cli(capsys, "survey", "link", project, "houding", theme, "--coder", "anna")
    assert code == 0 and f"is shown with theme '{theme}'" in out
    _, out, _ = run_cli(capsys, "survey", "items", project, "--format", "json")
    assert json.loads(out)[0]["theme"] == theme
    assert run_cli(capsys, "undo", project, "--coder", "anna")[0] == 0
    _, out, _ = run_cli(capsys, "survey", "items", project, "--format", "json")
    assert json.loads(out)[0]["theme"] is None
    run_cli(capsys, "survey", "link", project, "1", theme, "--coder", "anna")
    code, out, _ = run_cli(capsys, "survey", "unlink", project, "1", "--coder", "anna")
    assert code == 0 and "is shown with no theme" in out


def test_a_bad_scale_option_is_refused_before_anything_is_read(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "v2.csv"
    source.write_text(HEADER + "R1;WOA;collega;eens;ja;Veel\n", encoding="utf-8")
    code, _, err = run_cli(
        capsys, "survey", "import", project, str(source), "--scale", f"{STATEMENT}=likert7"
    )
    assert code == 2 and "use COLUMN=NAME" in err


def test_import_of_a_semicolon_csv_then_undo_leaves_the_project_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(tmp_path / "leeg.db")
    init_project(location, "leeg").close()
    before = stored_rows(location)
    source = tmp_path / "vragenlijst.csv"
    source.write_text(
        HEADER
        + "R1;WOA;collega;eens;ja;Meer overleg in het team.\n"
        + "R2;WOU;leerkracht-onderzoeker;helemaal eens;nee;\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(
        capsys, "survey", "import", location, str(source), "--id", "respondent",
        "--attr", "werkplaats", "--attr", "rol", "--open", OPEN,
        "--scale", f"{STATEMENT}=likert5", "--scale", f"{INVOLVED}=yesno", "--coder", "anna",
    )  # fmt: skip
    assert code == 0, err
    assert "respondents 2, closed items 2, open answers stored as documents 1" in out
    code, out, _ = run_cli(capsys, "docs", location, "--where", "werkplaats=WOA", "--format", "csv")
    assert "vragenlijst R1 Wat levert de werkplaats jouw school op?" in out
    code, out, err = run_cli(
        capsys, "survey", "import", location, str(source), "--id", "respondent", "--coder", "anna"
    )
    assert code == 2 and "already in the project" in err
    assert run_cli(capsys, "undo", location, "--coder", "anna")[0] == 0
    after = stored_rows(location)
    for table in ("action", "coder"):
        before.pop(table), after.pop(table)
    assert after == before
