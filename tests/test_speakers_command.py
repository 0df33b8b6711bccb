"""``codebook speakers`` on real SQLite projects: the listing, rename, merge, re-split, undo."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from codebook.domain.cases import CaseLink, CaseRow
from codebook.domain.documents import ImportRequest
from codebook.project import Project
from helpers import run_cli as run

FOCUS_GROUP = (
    "Focusgroep werkplaats Noord, maart 2018\n"
    "\n"
    "Gespreksleider: Welkom allemaal. Wie wil beginnen?\n"
    "Anouk: Bij ons is de werkplaats echt gaan leven.\n"
    "Bas: Bij ons duurde het langer. Het bestuur moest eerst overtuigd worden.\n"
    "Anouk de Vries: Wij delen veel kennis met andere scholen.\n"
    "Gespreksleider: Wat is er nodig om dit te borgen?\n"
    "Bas: Geld van het bestuur.\n"
)

# The minute-taker typed the role in lower case, which the detector does not
# take for a name, so on import those lines are glued into the turn before them.
MEETING = (
    "Voorzitter: Welkom bij het overleg over de werkplaats.\n"
    "Anouk: Ik begin met de planning.\n"
    "project manager: De planning loopt twee weken uit.\n"
    "Bas: Dat had ik al gehoord.\n"
    "project manager: We schuiven de oplevering dus op.\n"
    "Anouk: Dan meld ik het bij het bestuur.\n"
)

#: The tables a speaker correction may change, and undo must restore.
EDITED = ("turn", "document", "case", "case_document", "coding")

ANNA = ("--coder", "anna")


def make_project(tmp_path: Path, name: str, text: str) -> str:
    """A project with one imported transcript whose participants are cases."""
    path = str(tmp_path / "study.db")
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    with Project.create(path, "study", "nl", coder="anna") as project:
        outcomes = project.import_transcripts([source], ImportRequest(speaker_cases=True))
    assert [outcome.status for outcome in outcomes] == ["imported"]
    return path


def code(path: str, document: str, passages: list[str]) -> None:
    """Code each passage (found in the document's text) with the code 'Planning'."""
    with Project.open(path, coder="anna") as project:
        text = project.open_document(document).text
        project.create_code("Planning")
        for passage in passages:
            start = text.index(passage)
            project.code(document, "Planning", start, start + len(passage))


def rows(path: str, tables: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables (all of them when none are named), as stored."""
    with closing(sqlite3.connect(path)) as db:
        names = tables or tuple(
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        return {name: db.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall() for name in names}


def table_rows(out: str) -> list[list[str]]:
    """The body rows of a rich table as printed, cell by cell."""
    return [
        [cell.strip() for cell in line.strip().strip("│").split("│")]
        for line in out.splitlines()
        if line.count("│") >= 4
    ]


def turns_of(path: str, document: str) -> list[tuple[str | None, str]]:
    with Project.open(path) as project:
        opened = project.open_document(document)
    return [(turn.speaker, opened.text[turn.start : turn.end]) for turn in opened.turns]


def sentences_of(path: str, document: str) -> list[str]:
    with Project.open(path) as project:
        opened = project.open_document(document)
    return [opened.text[start:end] for start, end in opened.sentences]


def test_the_listing_counts_turns_words_and_shares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_project(tmp_path, "focusgroep.txt", FOCUS_GROUP)
    code, out, err = run(capsys, "speakers", path, "focusgroep")
    assert (code, err) == (0, "")
    assert "'focusgroep.txt'" in out
    assert table_rows(out) == [
        ["Gespreksleider", "2", "13", "27%"],
        ["Anouk", "1", "8", "17%"],
        ["Bas", "2", "15", "31%"],
        ["Anouk de Vries", "1", "7", "15%"],
        ["(no speaker)", "1", "5", "10%"],
        ["4 speakers", "7", "48", ""],
    ]
    code, out, _ = run(capsys, "--lang", "nl", "speakers", path, "1")
    assert code == 0
    assert all(word in out for word in ("spreker", "beurten", "woorden", "aandeel"))
    assert table_rows(out)[-2:] == [
        ["(geen spreker)", "1", "5", "10%"],
        ["4 sprekers", "7", "48", ""],
    ]


def test_rename_moves_turns_and_case_links_and_keeps_every_coding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_project(tmp_path, "focusgroep.txt", FOCUS_GROUP)
    code(path, "focusgroep", ["Geld van het bestuur.", "Wij delen veel kennis"])
    before = rows(path, EDITED)

    status, out, err = run(
        capsys,
        *ANNA,
        "speakers",
        path,
        "focusgroep",
        "--rename",
        " bas =Bas de Jong",
        "--rename",
        "GESPREKSLEIDER=Moderator",
    )
    assert (status, err) == (0, "")
    assert "Renamed speaker 'Bas' to 'Bas de Jong' (2 turns)" in out
    assert "case 'Bas' is now linked to 'Bas de Jong'" in out
    assert "Renamed speaker 'Gespreksleider' to 'Moderator' (2 turns)" in out
    assert [row[0] for row in table_rows(out)][:4] == [
        "Moderator",
        "Anouk",
        "Bas de Jong",
        "Anouk de Vries",
    ]
    assert turns_of(path, "focusgroep")[2:4] == [
        ("Anouk", "Bij ons is de werkplaats echt gaan leven."),
        ("Bas de Jong", "Bij ons duurde het langer. Het bestuur moest eerst overtuigd worden."),
    ]
    with Project.open(path) as project:
        assert CaseRow("Bas", (CaseLink("focusgroep.txt", "Bas de Jong"),)) in project.cases()
        assert [c.text for c in project.codings(document="focusgroep")] == [
            "Wij delen veel kennis",
            "Geld van het bestuur.",
        ]
    after = rows(path, EDITED)
    assert after["coding"] == before["coding"]
    assert after["document"] == before["document"]

    status, out, _ = run(capsys, *ANNA, "undo", path)
    assert status == 0
    assert "rename speaker 'Bas' to 'Bas de Jong', 'Gespreksleider' to 'Moderator'" in out
    assert rows(path, EDITED) == before
    assert run(capsys, *ANNA, "redo", path)[0] == 0
    assert rows(path, EDITED) == after


def test_merge_refuses_two_cases_then_joins_one_case_and_undo_restores_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_project(tmp_path, "focusgroep.txt", FOCUS_GROUP)
    code(path, "focusgroep", ["Wij delen veel kennis met andere scholen."])
    untouched = rows(path)
    merge = ("speakers", path, "focusgroep", "--merge", "anouk de vries ")

    status, _, err = run(capsys, *ANNA, *merge)
    assert status == 2 and "--merge needs --into" in err
    status, _, err = run(capsys, *ANNA, *merge, "--into", "Anouk")
    assert status == 2
    assert "'Anouk' is case 'Anouk' and 'Anouk de Vries' is case 'Anouk de Vries'" in err
    assert "unlink one first" in err
    assert rows(path) == untouched

    # one participant under two labels: one case for both, then one speaker
    for command in (
        ("case", "unlink", path, "Anouk de Vries", "focusgroep", "--speaker", "Anouk de Vries"),
        ("case", "link", path, "Anouk", "focusgroep", "--speaker", "Anouk de Vries"),
    ):
        assert run(capsys, *ANNA, *command)[0] == 0
    before = rows(path, EDITED)
    status, out, err = run(capsys, *ANNA, *merge, "--into", "ANOUK")
    assert (status, err) == (0, "")
    assert "Merged speaker 'Anouk de Vries' into 'Anouk' (1 turn)" in out
    assert ["Anouk", "2", "15", "31%"] in table_rows(out)
    # the merged speaker's turns stay where they were, as turns of their own
    assert [turn for turn in turns_of(path, "focusgroep") if turn[0] == "Anouk"] == [
        ("Anouk", "Bij ons is de werkplaats echt gaan leven."),
        ("Anouk", "Wij delen veel kennis met andere scholen."),
    ]
    with Project.open(path) as project:
        assert [case for case in project.cases() if case.name.startswith("Anouk")] == [
            CaseRow("Anouk", (CaseLink("focusgroep.txt", "Anouk"),))
        ]
    assert rows(path, ("coding",)) == {"coding": before["coding"]}

    status, out, _ = run(capsys, *ANNA, "undo", path)
    assert "Undone: merge speaker 'Anouk de Vries' into 'Anouk' in 'focusgroep.txt'" in out
    assert rows(path, EDITED) == before


def test_speakers_that_differ_only_in_case_are_told_apart_by_exact_spelling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_project(tmp_path, "focusgroep.txt", FOCUS_GROUP)
    # as an older import left them: one person under two spellings
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE turn SET speaker = 'ANOUK' WHERE speaker = 'Anouk de Vries'")
    untouched = rows(path)
    status, _, err = run(capsys, *ANNA, "speakers", path, "focusgroep", "--rename", "anouk=Anna")
    assert status == 2
    assert "'anouk' matches several speakers of 'focusgroep.txt' (Anouk, ANOUK)" in err
    assert rows(path) == untouched
    status, out, _ = run(
        capsys, *ANNA, "speakers", path, "focusgroep", "--merge", "ANOUK", "--into", "Anouk"
    )
    assert status == 0 and "Merged speaker 'ANOUK' into 'Anouk' (1 turn)" in out


def test_a_label_shape_finds_the_glued_turns_and_keeps_names_and_codings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_project(tmp_path, "overleg.txt", MEETING)
    code(path, "overleg", ["De planning loopt twee weken uit.", "Dan meld ik het bij het bestuur."])
    assert [speaker for speaker, _ in turns_of(path, "overleg")] == [
        "Voorzitter",
        "Anouk",
        "Bas",
        "Anouk",
    ]
    run(capsys, *ANNA, "speakers", path, "overleg", "--rename", "Voorzitter=Marloes")
    before = rows(path, EDITED)

    status, out, err = run(capsys, *ANNA, "speakers", path, "overleg", "--label", "Project Manager")
    assert (status, err) == (0, "")
    assert "3 speakers in 4 turns before, 4 speakers in 6 turns now" in out
    assert "New speakers: project manager" in out
    assert "without turns now" not in out
    expected = [
        ("Marloes", "Welkom bij het overleg over de werkplaats."),
        ("Anouk", "Ik begin met de planning."),
        ("project manager", "De planning loopt twee weken uit."),
        ("Bas", "Dat had ik al gehoord."),
        ("project manager", "We schuiven de oplevering dus op."),
        ("Anouk", "Dan meld ik het bij het bestuur."),
    ]
    assert turns_of(path, "overleg") == expected
    # sentences are split again within the turns: none carries a label any more
    assert sentences_of(path, "overleg") == [text for _, text in expected]
    after = rows(path, EDITED)
    assert after["coding"] == before["coding"]
    with Project.open(path) as project:
        assert [(c.text, c.start, c.end) for c in project.codings(document="overleg")] == [
            (text, MEETING.index(text), MEETING.index(text) + len(text))
            for text in ("De planning loopt twee weken uit.", "Dan meld ik het bij het bestuur.")
        ]

    assert run(capsys, *ANNA, "undo", path)[0] == 0
    assert rows(path, EDITED) == before
    assert run(capsys, *ANNA, "redo", path)[0] == 0
    assert rows(path, EDITED) == after


def test_finding_the_same_turns_again_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_project(tmp_path, "focusgroep.txt", FOCUS_GROUP)
    untouched = rows(path)
    status, out, _ = run(capsys, *ANNA, "speakers", path, "focusgroep", "--label", "Bas")
    assert status == 0
    assert "these labels find the turns it already has; nothing changed" in out
    assert rows(path) == untouched


def test_a_case_whose_speaker_is_gone_after_a_resplit_is_kept_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Datum: 14 maart 2018\nAnouk: Bij ons is de werkplaats gaan leven.\nBas: Bij ons niet.\n"
    path = make_project(tmp_path, "gesprek.txt", text)
    # as an older detector left it: the header taken as a speaker, and made a case
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE turn SET speaker = 'Datum', start = 7 WHERE position = 0")
        (case_id,) = db.execute(
            "INSERT INTO \"case\" (name) VALUES ('Datum') RETURNING id"
        ).fetchone()
        db.execute(
            "INSERT INTO case_document (case_id, document_id, speaker) VALUES (?, 1, 'Datum')",
            (case_id,),
        )
    status, out, err = run(capsys, *ANNA, "speakers", path, "gesprek", "--label", "Anouk")
    assert (status, err) == (0, "")
    assert "Speakers without turns now: Datum" in out
    assert "warning: case 'Datum' is linked to speaker 'Datum', who has no turns now" in out
    assert turns_of(path, "gesprek")[0] == (None, "Datum: 14 maart 2018")
    with Project.open(path) as project:
        assert CaseRow("Datum", (CaseLink("gesprek.txt", "Datum"),)) in project.cases()


def test_caption_files_keep_the_turns_of_their_cues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    captions = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\n<v Anouk>Bij ons is de werkplaats gaan leven.\n\n"
        "00:00:05.000 --> 00:00:07.000\n<v Bas>Bij ons niet.\n"
    )
    path = make_project(tmp_path, "gesprek.vtt", captions)
    untouched = rows(path)
    status, _, err = run(capsys, *ANNA, "speakers", path, "gesprek", "--label", "Anouk")
    assert status == 2 and "read from .vtt captions" in err
    assert rows(path) == untouched
    status, out, _ = run(capsys, *ANNA, "speakers", path, "gesprek", "--rename", "Bas=Bas de Jong")
    assert status == 0 and "Renamed speaker 'Bas' to 'Bas de Jong' (1 turn)" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("nope",), "unknown document 'nope'"),
        (
            ("focusgroep", "--rename", "Eve=Evelien"),
            "'focusgroep.txt' has no speaker 'Eve' (its speakers: Gespreksleider, Anouk, Bas, "
            "Anouk de Vries)",
        ),
        (
            ("focusgroep", "--rename", "Bas= gespreksleider "),
            "already has a speaker 'Gespreksleider': use --merge",
        ),
        (("focusgroep", "--rename", "Bas=  "), "the new name is empty"),
        (("focusgroep", "--rename", "Bas"), "a rename is OLD=NEW, not 'Bas'"),
        (("focusgroep", "--rename", "Anouk=ANOUK DE VRIES"), "use --merge"),
        (("focusgroep", "--rename", "Bas=Bas de Jong", "--rename", "Eve=Eva"), "no speaker 'Eve'"),
        (("focusgroep", "--into", "Bas"), "--into goes with --merge"),
        (("focusgroep", "--merge", "Bas", "--into", "Anouk", "--label", "X"), "one of"),
        (("focusgroep", "--label", " "), "a --label needs the label"),
    ],
)
def test_refusals_leave_the_project_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: tuple[str, ...], message: str
) -> None:
    path = make_project(tmp_path, "focusgroep.txt", FOCUS_GROUP)
    untouched = rows(path)
    status, out, err = run(capsys, *ANNA, "speakers", path, *arguments)
    assert (status, out) == (2, "")
    assert message in err and len(err.strip().splitlines()) == 1
    assert rows(path) == untouched
