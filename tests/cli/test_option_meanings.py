"""One meaning per option: --coder is who acts, before or after the command; --coded-by
filters; --lang is the interface's language and --language a transcript's; usage lines
name their arguments in capitals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from codebook import cli
from codebook.cli.labels.options import LABELS
from codebook.project import Project
from helpers import run_cli as run

TEXT = (
    "Interviewer: How do you share knowledge?\n"
    "Judith: We meet every week. The new teachers learn a lot there.\n"
    "Interviewer: And with other schools?\n"
    "Judith: Hardly. Nobody has the time for it.\n"
)


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A project with one interview: 'Sharing' coded by anna, 'Time' by bram."""
    path = str(tmp_path / "p.db")
    interview = tmp_path / "judith.txt"
    interview.write_text(TEXT, encoding="utf-8")
    assert run(capsys, "init", path)[0] == 0
    assert (
        run(capsys, "--coder", "anna", "import", path, str(interview), "--language", "en")[0] == 0
    )
    with Project.open(path, coder="anna") as door:
        door.create_code("Sharing")
        door.create_code("Time")
        door.code("judith.txt", "Sharing", TEXT.index("We meet"), TEXT.index(" The new"))
    with Project.open(path, coder="bram") as door:
        door.code("judith.txt", "Time", TEXT.index("Nobody"), len(TEXT) - 1)
    return path


def commands() -> Iterator[tuple[list[str], Any]]:
    """Every command of ``codebook``, with the words that call it."""

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        children = getattr(command, "commands", None)
        if not children:
            yield path, command
            return
        for name, child in children.items():
            yield from walk(child, [*path, name])

    yield from walk(typer.main.get_command(cli.app), [])


def codings_of(project: str, code: str) -> list[tuple[str, str]]:
    with Project.open(project, coder="anna") as door:
        return [(c.coder, c.text) for c in door.codings(code=code)]


def test_every_usage_line_names_its_arguments_in_capitals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    walked = list(commands())
    assert len(walked) > 40
    for path, _command in walked:
        code, out, _ = run(capsys, *path, "--help")
        assert code == 0, path
        usage = out.splitlines()[0]
        assert usage.startswith(f"Usage: codebook {' '.join(path)} [OPTIONS]"), usage
        assert "{" not in usage, usage
        placeholders = usage.split("[OPTIONS]")[1].split()
        for placeholder in placeholders:
            assert re.fullmatch(r"\[?[A-Z][A-Z0-9_=]*(\.[a-z|A-Z.]+)?\]?(\.\.\.)?", placeholder), (
                path,
                placeholder,
            )
        for option in ("--db URL", "--coder NAME", "--lang en|nl"):
            assert option in out, (path, option)


def test_code_usage_reads_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "code", "--help")
    assert out.splitlines()[0] == "Usage: codebook code [OPTIONS] PROJECT DOC CODE START END"
    _, out, _ = run(capsys, "review", "--help")
    assert out.splitlines()[0] == "Usage: codebook review [OPTIONS] PROJECT [CODING]..."


def test_coder_after_the_command_is_who_acts(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    start, end = TEXT.index("The new"), TEXT.index(" there")
    code, _, err = run(capsys, "code", project, "judith.txt", "Sharing", str(start), str(end),
                       "--coder", "carla")  # fmt: skip
    assert (code, err) == (0, "")
    assert ("carla", "The new teachers learn a lot") in codings_of(project, "Sharing")


def test_tui_takes_the_coder_after_the_project(
    project: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str | None, str]] = []
    monkeypatch.setattr(
        "codebook.tui.app.run_app", lambda door, lang, at=None: started.append((door.coder, lang))
    )
    assert run(capsys, "tui", project, "--coder", "anna", "--lang", "nl")[0] == 0
    assert started == [("anna", "nl")]


def test_an_option_given_twice_differently_is_refused_naming_both(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = codings_of(project, "Sharing")
    code, _, err = run(capsys, "--coder", "anna", "code", project, "judith.txt", "Sharing",
                       "0", "5", "--coder", "bram")  # fmt: skip
    assert code == 2
    assert "--coder" in err and "'anna'" in err and "'bram'" in err
    assert codings_of(project, "Sharing") == before
    code, _, err = run(capsys, "docs", project, "--lang", "nl", "--lang", "en")
    assert code == 2 and "'nl'" in err and "'en'" in err
    code, out, _ = run(capsys, "--lang", "nl", "docs", project, "--lang", "nl")
    assert code == 0 and "judith.txt" in out


def test_lang_after_the_command_sets_the_interface_language(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "quotes", project, "Sharing", "--lang", "nl")
    assert code == 0 and "\ngeteld: " in out
    code, _, err = run(capsys, "quotes", project, "Sharing", "--lang", "de")
    assert code == 2 and "unknown language 'de'" in err


def test_import_keeps_the_transcript_language_apart_from_the_interface_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "p.db")
    assert run(capsys, "init", path)[0] == 0
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text(TEXT.replace("Judith", "Karel"), encoding="utf-8")
    code, out, _ = run(capsys, "--coder", "anna", "import", path, str(first),
                       "--language", "en", "--lang", "en")  # fmt: skip
    assert code == 0 and "1 imported" in out
    code, out, _ = run(capsys, "--coder", "anna", "import", path, str(second),
                       "--lang", "nl", "--language", "en")  # fmt: skip
    assert code == 0 and "1 geïmporteerd" in out


def test_coded_by_filters_quotes_and_tables(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "quotes", project, "Time", "--coded-by", "bram")
    assert code == 0 and "Nobody has the time" in out
    code, out, _ = run(capsys, "quotes", project, "Time", "--coded-by", "anna")
    assert code == 1 and "Nobody" not in out
    code, out, _ = run(capsys, "frequencies", project, "--coded-by", "anna", "--format", "csv")
    assert code == 0 and out.splitlines()[1:] == ["Sharing,1", "Time,0"]


def test_old_coder_filter_gets_a_hint_and_an_unchanged_answer(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, unfiltered, quiet = run(capsys, "quotes", project, "Time")
    assert code == 0 and quiet == ""
    code, out, err = run(capsys, "quotes", project, "Time", "--coder", "anna")
    assert code == 0 and out == unfiltered
    assert err.strip() == LABELS["en"]["coder_hint"].format(name="anna")
    code, out, err = run(capsys, "--coder", "anna", "quotes", project, "Time")
    assert (code, out, err) == (0, unfiltered, "")


def test_memo_list_filters_by_writer_with_coded_by(
    project: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "memo", "add", project, "--project", "By anna.", "--coder", "anna")[0] == 0
    assert run(capsys, "memo", "add", project, "--project", "By bram.", "--coder", "bram")[0] == 0
    code, out, _ = run(capsys, "memo", "list", project, "--coded-by", "bram")
    assert code == 0 and "By bram." in out and "By anna." not in out
