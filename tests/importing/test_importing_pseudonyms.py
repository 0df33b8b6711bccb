from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from codebook.domain import ImportFailed, ParsedTranscript
from codebook.services.importing import load_pseudonyms, pseudonymise, read_transcript

WriteFile = Callable[[str, bytes], Path]
MakeDocx = Callable[..., Path]

PSEUDONYMS = {"Marieke": "Anna", "Marieke de Wit": "Fatima B.", "Jan": "Kees"}


def spoken(parsed: ParsedTranscript) -> list[tuple[str | None, str]]:
    return [(turn.speaker, parsed.text[turn.start : turn.end]) for turn in parsed.turns]


def test_longest_name_first_whole_words_any_case() -> None:
    text = "Marieke de Wit en MARIEKE, marieke; Mariekes, Jansen, jan. Marieke  de\tWit!"
    assert pseudonymise(text, PSEUDONYMS) == (
        "Fatima B. en Anna, Anna; Mariekes, Jansen, Kees. Fatima B.!"
    )


def test_names_never_join_lines() -> None:
    assert pseudonymise("Marieke de\nWit", PSEUDONYMS) == "Anna de\nWit"


def test_names_with_punctuation_and_accents() -> None:
    mapping = {"Yasmina B.": "Sara K.", "Zoë": "Eva", "O'Neill": "Smith"}
    assert pseudonymise("Yasmina B. zei: Zoë en O'Neill.", mapping) == (
        "Sara K. zei: Eva en Smith."
    )


def test_text_and_speaker_labels_are_pseudonymised(write_file: WriteFile) -> None:
    raw = "Interviewer: Dag Marieke.\nMarieke de Wit: Dag! Jan komt later.\nJan: Ik ben er.\n"
    parsed = read_transcript(write_file("t.txt", raw.encode()), pseudonyms=PSEUDONYMS)
    assert (
        parsed.text
        == "Interviewer: Dag Anna.\nFatima B.: Dag! Kees komt later.\nKees: Ik ben er.\n"
    )
    assert spoken(parsed) == [
        ("Interviewer", "Dag Anna."),
        ("Fatima B.", "Dag! Kees komt later."),
        ("Kees", "Ik ben er."),
    ]


def test_a_pseudonym_that_does_not_look_like_a_name_keeps_the_turn(write_file: WriteFile) -> None:
    raw = "Interviewer: Dag Marieke.\nMarieke: Dag.\n"
    parsed = read_transcript(write_file("t.txt", raw.encode()), pseudonyms={"Marieke": "[naam]"})
    assert spoken(parsed) == [("Interviewer", "Dag [naam]."), ("[naam]", "Dag.")]


def test_aliases_that_are_real_names_are_pseudonymised(write_file: WriteFile) -> None:
    parsed = read_transcript(
        write_file("t.txt", b"R: Ja.\n"),
        speaker_aliases={"R": "Marieke de Wit"},
        pseudonyms=PSEUDONYMS,
    )
    assert spoken(parsed) == [("Fatima B.", "Ja.")]


def test_captions_are_pseudonymised(write_file: WriteFile) -> None:
    vtt = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\nMarieke de Wit: Hoi Jan.\n\n"
        "00:02.000 --> 00:03.000\n<v Jan>Hoi Marieke.</v>\n"
    )
    parsed = read_transcript(write_file("t.vtt", vtt.encode()), pseudonyms=PSEUDONYMS)
    assert parsed.text == "Fatima B.: Hoi Kees.\nKees: Hoi Anna."
    assert spoken(parsed) == [("Fatima B.", "Hoi Kees."), ("Kees", "Hoi Anna.")]


def test_docx_is_pseudonymised(make_docx: MakeDocx) -> None:
    path = make_docx("t.docx", ["Marieke: Hallo Jan.", "Jan: Hoi."])
    parsed = read_transcript(path, pseudonyms=PSEUDONYMS)
    assert spoken(parsed) == [("Anna", "Hallo Kees."), ("Kees", "Hoi.")]


def test_load_pseudonyms_with_header_and_semicolons(write_file: WriteFile) -> None:
    path = write_file("namen.csv", b"naam;pseudoniem\nMarieke de Wit;Fatima B.\r\nJan;Kees\n")
    assert load_pseudonyms(path) == {"Marieke de Wit": "Fatima B.", "Jan": "Kees"}


def test_load_pseudonyms_without_header(write_file: WriteFile) -> None:
    path = write_file("namen.csv", b'Marieke,Anna\n\n"Wit, de",Bos\n')
    assert load_pseudonyms(path) == {"Marieke": "Anna", "Wit, de": "Bos"}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            b"name,pseudonym\nMarieke,Anna\nJan\n",
            "line 3: expected 2 columns (name, pseudonym), found 1",
        ),
        (b"Marieke,Anna,extra\n", "line 1: expected 2 columns (name, pseudonym), found 3"),
        (b"Marieke,Anna\n,Kees\n", "line 2: empty name"),
        (b"Marieke,\n", "line 1: empty pseudonym"),
        (
            b"Marieke,Anna\nJan,Kees\nmarieke,Bea\n",
            "line 3: 'marieke' already has pseudonym 'Anna' (line 1)",
        ),
    ],
)
def test_load_pseudonyms_errors_name_file_and_line(
    write_file: WriteFile, content: bytes, problem: str
) -> None:
    path = write_file("namen.csv", content)
    with pytest.raises(ImportFailed) as caught:
        load_pseudonyms(path)
    assert str(caught.value) == f"{path}: {problem}"


def test_load_pseudonyms_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match=r"namen\.csv: file not found$"):
        load_pseudonyms(tmp_path / "namen.csv")
