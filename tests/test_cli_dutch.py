"""The core commands speak Dutch with ``--lang nl``; service errors stay English."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import INTERVIEW
from helpers import run_cli as run


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "p.db")
    code, out, _ = run(capsys, "--lang", "nl", "init", path)
    assert code == 0 and "aangemaakt" in out
    return path


def nl(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run(capsys, "--lang", "nl", *args)


def add_code(project: str, name: str = "Faciliteren") -> None:
    from codebook.domain import CodeFields
    from codebook.services.codebook.codes import create_code
    from codebook.services.project_store import coder_id, open_project

    store = open_project(project)
    with store.write() as s:
        create_code(s, coder_id(s, "anna"), CodeFields(name))
    store.close()


def test_import_in_dutch(project: str, interview: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = nl(capsys, "import", project, str(interview), "--case", "Marieke")
    assert code == 0
    assert "1 geïmporteerd, 0 overgeslagen (dubbel), 0 mislukt" in out
    for header in ("bestand", "resultaat", "tekenset", "beurten", "woorden", "casussen"):
        assert header in out
    assert "imported" not in out
    code, out, _ = nl(capsys, "import", project, str(interview))
    assert code == 0
    assert "0 geïmporteerd, 1 overgeslagen (dubbel), 0 mislukt" in out
    assert "dubbel" in out.split("0 geïmporteerd")[0]  # the status in the table


def test_a_failed_import_says_mislukt_and_why_in_dutch(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = nl(capsys, "import", project, str(tmp_path / "absent.txt"))
    assert code == 2
    assert "0 geïmporteerd, 0 overgeslagen (dubbel), 1 mislukt" in out
    assert "absent.txt: bestand niet gevonden" in out + err


def test_docs_in_dutch(
    project: str,
    interview: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "160")  # wide enough that no header wraps
    nl(capsys, "import", project, str(interview), "--attr", "werkplaats=WOA")
    code, out, _ = nl(capsys, "docs", project)
    assert code == 0
    assert "1 document" in out and "1 documents" not in out
    for header in ("formaat", "woorden", "beurten", "gecodeerd", "coderingen", "werkplaats"):
        assert header in out
    assert "marieke.txt" in out and "WOA" in out


def test_code_codings_undo_redo_in_dutch(
    project: str, interview: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nl(capsys, "import", project, str(interview))
    add_code(project)
    start = INTERVIEW.index("Die geeft")
    code, out, _ = nl(
        capsys, "--coder", "anna", "code", project, "marieke", "Faciliteren", str(start),
        str(start + 18),
    )  # fmt: skip
    assert code == 0 and "Codering 1: Faciliteren bij “Die geeft ons tijd”" in out
    code, out, _ = nl(capsys, "codings", project, "--code", "Faciliteren")
    assert code == 0 and "1 codering" in out and "1 coderingen" not in out
    for header in ("begin", "eind", "codeur", "tekst"):
        assert header in out
    assert "Die geeft ons tijd" in out and "anna" in out
    code, out, _ = nl(capsys, "--coder", "anna", "undo", project)
    assert code == 0 and "Ongedaan gemaakt: 'Faciliteren' toegepast op" in out
    code, out, _ = nl(capsys, "codings", project, "--code", "Faciliteren")
    assert "0 coderingen" in out
    code, out, _ = nl(capsys, "--coder", "anna", "redo", project)
    assert code == 0 and "Opnieuw gedaan: 'Faciliteren' toegepast op" in out
    code, out, _ = nl(capsys, "--coder", "anna", "redo", project)
    assert code == 0 and "Niets om opnieuw te doen" in out
    code, out, _ = nl(capsys, "--coder", "anna", "uncode", project, "1")
    assert code == 0 and "1 codering(en) verwijderd" in out


def test_nothing_to_undo_in_dutch(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = nl(capsys, "--coder", "bram", "undo", project)
    assert code == 0 and "Niets om ongedaan te maken" in out


def test_attr_in_dutch(project: str, interview: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nl(capsys, "import", project, str(interview))
    code, out, _ = nl(capsys, "attr", project, "marieke", "leeftijd:number=41")
    assert code == 0 and "leeftijd ingesteld voor marieke.txt" in out


def test_info_in_dutch(project: str, interview: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nl(capsys, "--coder", "anna", "import", project, str(interview))
    code, out, _ = nl(capsys, "info", project)
    assert code == 0
    assert "(taal nl, codeboekversie" in out
    assert "documenten" in out and "woorden" in out and "coderingen" in out
    assert "codeurs: anna" in out


def test_english_stays_the_default(
    project: str, interview: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "import", project, str(interview))
    assert code == 0 and "1 imported, 0 skipped as duplicate, 0 failed" in out
    code, out, _ = run(capsys, "info", project)
    assert "(language nl, codebook version" in out and "coders:" in out


def test_code_tree_in_dutch(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    from codebook.domain import CodeFields
    from codebook.services.codebook.codes import create_code
    from codebook.services.codebook.revisions import retire_code
    from codebook.services.project_store import coder_id, open_project

    store = open_project(project)
    with store.write() as s:
        me = coder_id(s, "anna")
        create_code(s, me, CodeFields("Borging"))
        create_code(s, me, CodeFields("Financiering"), "Borging")
        create_code(s, me, CodeFields("Oud"), "Borging")
    with store.write() as s:
        retire_code(s, me, "Borging > Oud")
    store.close()
    code, out, _ = nl(capsys, "codes", project, "--retired")
    assert code == 0
    assert out.splitlines()[0] == "codeboek"
    assert "Borging (0, 0 met subcodes)" in out
    assert "Oud (0) buiten gebruik" in out
    code, out, _ = run(capsys, "codes", project, "--retired")
    assert "Borging (0, 0 with sub-codes)" in out and "Oud (0) retired" in out
