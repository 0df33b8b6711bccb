"""``--lang nl`` speaks Dutch everywhere: every label table has both languages, every command
prints no English sentence of our own, and the report and history name revisions in Dutch."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import codebook.cli.labels
from helpers import INTERVIEW
from helpers import run_cli as run

# ---------------------------------------------------------------------------
# the tables


def label_tables() -> dict[str, Mapping[str, Mapping[str, str]]]:
    """Every table of user-facing words, by where it lives, as {language: {key: text}}."""
    from codebook.services.export.labels import LANGUAGES
    from codebook.tui.labels import LABELS as TUI

    found: dict[str, Mapping[str, Mapping[str, str]]] = {"tui": TUI, "export": LANGUAGES}
    for info in pkgutil.iter_modules(codebook.cli.labels.__path__):
        module = importlib.import_module(f"codebook.cli.labels.{info.name}")
        found[f"cli.labels.{info.name}"] = module.LABELS
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("where", sorted(label_tables()))
def test_each_table_has_the_same_keys_and_placeholders_in_english_and_dutch(where: str) -> None:
    table = label_tables()[where]
    assert set(table) == {"en", "nl"}
    assert sorted(set(table["en"]) ^ set(table["nl"])) == []
    differ = {k: v for k, v in table["en"].items() if fields(v) != fields(table["nl"][k])}
    assert differ == {}
    assert [k for k, v in table["nl"].items() if not v.strip()] == []


def test_every_dutch_error_line_keeps_the_placeholders_of_its_template() -> None:
    from codebook.domain.action_texts import DUTCH as ACTIONS
    from codebook.domain.error_texts import tables

    for table in (tables()["nl"], ACTIONS):
        assert {k: fields(k) for k in table} == {k: fields(v) for k, v in table.items()}


def test_dutch_names_a_coded_passage_fragment_never_segment() -> None:
    dutch = [text for table in label_tables().values() for text in table["nl"].values()]
    assert [text for text in dutch if re.search("segment", text, re.IGNORECASE)] == []
    english = [text for table in label_tables().values() for text in table["en"].values()]
    assert [text for text in english if re.search(r"\bpassages?\b", text, re.IGNORECASE)] == []


# ---------------------------------------------------------------------------
# a Dutch run of every command

_MARKUP = re.compile(r"\[/?[a-z ]+\]|\{[^}]*\}")


def english_phrases() -> set[str]:
    """The English sentences of our tables that a Dutch run must never print.

    Each English text is cut at its placeholders and markup; a piece of at
    least two words that its Dutch text does not also contain is a phrase
    only English output can hold ("nothing found", "skipped as duplicate").
    """
    from codebook.domain.action_texts import DUTCH as ACTIONS
    from codebook.domain.error_texts import tables

    pairs = [
        (en, table["nl"][key])
        for table in label_tables().values()
        for key, en in table["en"].items()
    ]
    pairs += list(tables()["nl"].items()) + list(ACTIONS.items())
    found = set()
    for en, nl in pairs:
        for piece in _MARKUP.split(en):
            words = re.findall(r"[A-Za-z][A-Za-z'-]*", piece)
            if len(words) >= 2 and piece.strip() not in nl:
                found.add(" ".join(words))
    return found


def english_in(output: str, phrases: set[str]) -> list[str]:
    flat = " ".join(re.findall(r"[A-Za-z][A-Za-z'-]*", output))
    return sorted(p for p in phrases if re.search(rf"(?<![\w'-]){re.escape(p)}(?![\w'-])", flat))


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """A small project built through the door: one interview, two codes, codings, an
    attribute, a case and a memo, and a second coder so agreement has something to compare."""
    from codebook.domain.documents import ImportRequest
    from codebook.project import Project

    interview = tmp_path / "marieke.txt"
    interview.write_text(INTERVIEW, encoding="utf-8")
    location = tmp_path / "studie.db"
    Project.create(location, "studie", "nl", coder="anna").close()
    start = INTERVIEW.index("Die geeft")
    with Project.open(location, coder="anna") as project:
        project.import_transcripts([interview], ImportRequest(attributes=("rol=leraar",)))
        project.create_code("Faciliteren")
        project.create_code("Gelijkwaardigheid")
        project.code("marieke", "Faciliteren", start, start + 18)
        project.code(
            "marieke", "Gelijkwaardigheid", INTERVIEW.index("Eerlijk"), INTERVIEW.index(" We")
        )
        project.link_case("Marieke", "marieke", "Marieke")
        target = project.memo_target(code="Faciliteren")
        assert target is not None
        project.add_memo(target, "Tijd is de voorwaarde.", "Tijd")
    with Project.open(location, coder="bram") as project:
        project.code("marieke", "Faciliteren", start, start + 30)
    return location


#: Commands the Dutch run leaves out, with the reason.
LEFT_OUT = {
    "tui": "a full-screen app; the TUI's words are checked in the TUI tests",
    "export pdf": "needs LibreOffice, which the test machine need not have",
}


def dutch_run(tmp_path: Path, study: Path) -> Iterator[tuple[str, ...]]:
    """Every command once, in an order where each finds what it needs."""
    p = str(study)
    start = INTERVIEW.index("Die geeft")
    survey = tmp_path / "vragenlijst.csv"
    survey.write_text(
        "respondent,rol,tijd genoeg,toelichting\n"
        "r1,leraar,eens,Er is te weinig tijd.\n"
        "r2,onderzoeker,oneens,Het rooster laat ruimte.\n",
        encoding="utf-8",
    )
    other = tmp_path / "bert.txt"
    other.write_text("Interviewer: Hoe gaat het?\nBert: Goed, dank je.\n", encoding="utf-8")
    yield "init", str(tmp_path / "nieuw.db")
    yield "import", p, str(other)
    yield "docs", p
    yield "codes", p
    yield "code", p, "marieke", "Faciliteren", str(start), str(start + 10)
    yield "codings", p
    yield "codings", p, "--code", "Faciliteren"
    yield "adjust", p, "4", str(start), str(start + 12)
    yield "uncode", p, "4"
    yield "attr", p, "marieke", "leeftijd:number=41"
    yield "undo", p
    yield "redo", p
    yield "info", p
    yield "quotes", p, "Faciliteren"
    yield "frequencies", p, "--by", "rol"
    yield "matrix", p, "--cases", "rol"
    yield "cooccurrence", p
    yield "crosstab", p, "rol", "leeftijd"
    yield "reference", p
    yield "agree", p, "--coders", "anna,bram", "--resamples", "0"
    yield "speakers", p, "marieke"
    yield "doc", "language", p, "marieke", "de"
    yield "review", p
    yield "suggest", p, "--keywords", "--list"
    yield "index", p
    yield "search", p, "tijd", "--lemma", "--counts", "--code-as", "Faciliteren", "--yes"
    yield "codebook", "show", p, "Faciliteren"
    yield "codebook", "tree", p
    yield "codebook", "export", p, str(tmp_path / "codeboek.yaml")
    yield "codebook", "rename", p, "Faciliteren", "Ondersteunen"
    yield "codebook", "redefine", p, "Ondersteunen", "--brief-definition", "Tijd en ruimte geven."
    yield "codebook", "recolour", p, "Ondersteunen", "#aa3300"
    yield "codebook", "recolor", p, "Ondersteunen", "#bb3300"
    yield "codebook", "move", p, "Gelijkwaardigheid", "--under", "Ondersteunen"
    yield "codebook", "split", p, "Ondersteunen", "Tijd", "Ruimte", "--default", "Tijd"
    yield "codebook", "merge", p, "Ruimte", "Tijd"
    yield "codebook", "retire", p, "Tijd"
    yield "codebook", "unretire", p, "Tijd"
    yield "codebook", "import", p, str(tmp_path / "codeboek.yaml"), "--dry-run"
    yield "codebook", "history", p
    yield "codebook", "diff", p, "1", "4"
    yield "memo", "add", p, "Een memo over het project.", "--project"
    yield "memo", "list", p
    yield "memo", "edit", p, "2", "Een beter memo."
    yield "memo", "delete", p, "2"
    yield "case", "link", p, "Bert", "bert"
    yield "case", "list", p
    yield "case", "unlink", p, "Bert", "bert"
    yield "case", "speakers", p, "bert"
    yield "export", "docx", p, str(tmp_path / "rapport.docx")
    yield "export", "xlsx", p, str(tmp_path / "rapport.xlsx")
    yield "export", "csv", p, str(tmp_path / "tabellen")
    yield "export", "qdpx", p, str(tmp_path / "studie.qdpx")
    yield "export", "agreement", p, str(tmp_path / "overeenstemming.docx"), "--coders", "anna,bram"
    yield "import-qdpx", str(tmp_path / "uitwisseling.db"), str(tmp_path / "studie.qdpx")
    yield "copy", p, str(tmp_path / "kopie.db")
    yield "merge", p, str(tmp_path / "kopie.db"), "--dry-run"
    yield "survey", "import", p, str(survey), "--id", "respondent", "--attr", "rol"
    yield "survey", "items", p
    yield "survey", "link", p, "tijd genoeg", "Tijd"
    yield "survey", "counts", p, "tijd genoeg", "--by", "rol"
    yield "survey", "unlink", p, "tijd genoeg"


def every_command() -> set[str]:
    import typer.main

    from codebook.cli import app

    names: set[str] = set()

    def walk(command: object, path: tuple[str, ...]) -> None:
        children = getattr(command, "commands", None)
        if children is None:
            names.add(" ".join(path))
            return
        for name, child in children.items():
            walk(child, (*path, name))

    walk(typer.main.get_command(app), ())
    return names


def test_every_command_prints_no_english_of_ours_with_lang_nl(
    tmp_path: Path,
    study: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # no table header wraps in the middle of a phrase
    phrases = english_phrases()
    commands = every_command()
    ran: set[str] = set()
    english: dict[str, list[str]] = {}
    failed: dict[str, str] = {}
    for args in dutch_run(tmp_path, study):
        name = " ".join(args[:2]) if " ".join(args[:2]) in commands else args[0]
        ran.add(name)
        code, out, err = run(capsys, "--lang", "nl", "--coder", "anna", *args)
        if code not in (0, 1) and args != ("codings", str(study)):
            failed[name] = err
        if found := english_in(out + err, phrases):
            english[name] = found
    assert failed == {}
    assert english == {}
    assert sorted(commands - ran - set(LEFT_OUT)) == []


def test_a_codings_call_without_doc_or_code_says_so_in_dutch(
    study: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--lang", "nl", "codings", str(study))
    assert code == 2
    assert "--doc" in err and "--code" in err and "give either" not in err


def test_one_coding_is_counted_in_the_singular(
    study: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--lang", "nl", "codings", str(study), "--code", "Gelijkwaardigheid")
    assert code == 0 and "1 codering" in out and "1 coderingen" not in out
    code, out, _ = run(capsys, "codings", str(study), "--code", "Gelijkwaardigheid")
    assert "1 coding" in out and "1 codings" not in out


# ---------------------------------------------------------------------------
# undo descriptions and revision kinds


def test_undo_and_redo_say_what_they_did_in_dutch(
    study: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = str(study)
    run(capsys, "--coder", "anna", "codebook", "rename", p, "Faciliteren", "Ondersteunen")
    code, out, _ = run(capsys, "--lang", "nl", "--coder", "anna", "undo", p)
    assert code == 0
    assert "Ongedaan gemaakt: 'Faciliteren' hernoemd tot 'Ondersteunen'" in out
    code, out, _ = run(capsys, "--lang", "nl", "--coder", "anna", "redo", p)
    assert "Opnieuw gedaan: 'Faciliteren' hernoemd tot 'Ondersteunen'" in out
    code, out, _ = run(capsys, "--coder", "anna", "undo", p)
    assert "Undone: rename 'Faciliteren' to 'Ondersteunen'" in out


def test_an_action_description_from_an_older_version_stays_as_it_was() -> None:
    from codebook.domain.action_texts import action_text

    assert action_text("something we never wrote", "nl") == "something we never wrote"
    assert action_text("memo on code 'Tijd'", "nl") == "memo bij code 'Tijd'"
    assert action_text("apply 'A > B' at 3-9", "nl") == "'A > B' toegepast op 3-9"


def test_the_history_names_revision_kinds_in_dutch(
    study: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = str(study)
    run(capsys, "--coder", "anna", "codebook", "rename", p, "Faciliteren", "Ondersteunen")
    run(capsys, "--coder", "anna", "codebook", "retire", p, "Ondersteunen")
    code, out, _ = run(capsys, "--lang", "nl", "codebook", "history", p)
    assert code == 0
    assert "hernoemd: 'Faciliteren' hernoemd tot 'Ondersteunen'" in out
    assert "buiten gebruik gesteld: 'Ondersteunen' buiten gebruik gesteld" in out
    assert "rename" not in out and "retire" not in out


def test_the_report_appendix_and_title_page_are_dutch(
    study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    p = str(study)
    run(capsys, "--coder", "anna", "codebook", "rename", p, "Faciliteren", "Ondersteunen")
    target = tmp_path / "rapport.docx"
    code, _, err = run(
        capsys, "--lang", "nl", "export", "docx", p, str(target), "--where", "rol=leraar"
    )
    assert code == 0, err
    document = docx.Document(str(target))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"aangemaakt", "hernoemd"} <= cells
    assert not {"create", "rename"} & cells
    text = "\n".join(par.text for par in document.paragraphs)
    assert "rol = leraar" in text or "rol=leraar" in text
    assert english_in(text + "\n".join(cells), english_phrases()) == []
