from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codebook.domain import TurnSpan
from codebook.services.importing.speakers import (
    detect_turns,
    looks_like_speaker_label,
    parse_timecode,
    resolve_alias,
)


def spoken(text: str, turns: tuple[TurnSpan, ...]) -> list[tuple[str | None, str]]:
    return [(turn.speaker, text[turn.start : turn.end]) for turn in turns]


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("Marieke: Ja, dat klopt.", "Marieke"),
        ("MARIEKE: Ja, dat klopt.", "MARIEKE"),
        ("Marieke de Wit: Ja, dat klopt.", "Marieke de Wit"),
        ("Yasmina B.: Ja, dat klopt.", "Yasmina B."),
        ("Said el Amrani: Ja, dat klopt.", "Said el Amrani"),
        ("Jan-Willem van der Berg: Ja, dat klopt.", "Jan-Willem van der Berg"),
        ("[Marieke] Ja, dat klopt.", "Marieke"),
        ("I: Ja, dat klopt.", "I"),
        ("R: Ja, dat klopt.", "R"),
        ("Interviewer: Ja, dat klopt.", "Interviewer"),
        ("Respondent: Ja, dat klopt.", "Respondent"),
        ("Moderator: Ja, dat klopt.", "Moderator"),
        ("Geïnterviewde: Ja, dat klopt.", "Geïnterviewde"),
        ("interviewer: Ja, dat klopt.", "interviewer"),
        ("Deelnemer 3: Ja, dat klopt.", "Deelnemer 3"),
        ("**Marieke:** Ja, dat klopt.", "Marieke"),
        ("**Marieke**: Ja, dat klopt.", "Marieke"),
        ("__Marieke:__ Ja, dat klopt.", "Marieke"),
        ("  Marieke:   Ja, dat klopt.  ", "Marieke"),
        ("Marieke : Ja, dat klopt.", "Marieke"),
        ("De heer Pechtold (D66): Ja, dat klopt.", "De heer Pechtold (D66)"),
        ("Mevrouw Ouwehand (PvdD): Ja, dat klopt.", "Mevrouw Ouwehand (PvdD)"),
        ("De heer Van der Staaij  (SGP): Ja, dat klopt.", "De heer Van der Staaij (SGP)"),
        ("De voorzitter: Ja, dat klopt.", "De voorzitter"),
        ("Minister Rutte: Ja, dat klopt.", "Minister Rutte"),
        ("Staatssecretaris Van Ark: Ja, dat klopt.", "Staatssecretaris Van Ark"),
        ("Dr. Jansen (HvA): Ja, dat klopt.", "Dr. Jansen (HvA)"),
        ("dr. Jansen: Ja, dat klopt.", "dr. Jansen"),
        ("Ms. Smith (moderator): Ja, dat klopt.", "Ms. Smith (moderator)"),
        ("00:01:02 De heer Pechtold (D66): Ja, dat klopt.", "De heer Pechtold (D66)"),
    ],
)
def test_label_shapes(line: str, speaker: str) -> None:
    text = f"{line}\nRespondent: Volgende vraag."
    assert spoken(text, detect_turns(text).turns) == [
        (speaker, "Ja, dat klopt."),
        ("Respondent", "Volgende vraag."),
    ]


def test_bracketed_label_alone_on_a_line_takes_the_following_lines() -> None:
    text = "[Marieke]\nJa, dat klopt.\nEn verder niets.\n[Interviewer]\nDank je."
    assert spoken(text, detect_turns(text).turns) == [
        ("Marieke", "Ja, dat klopt.\nEn verder niets."),
        ("Interviewer", "Dank je."),
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "seconds"),
    [
        ("Marieke (00:01:02): Ja.", "Marieke", 62.0),
        ("Marieke [01:02:03.5]: Ja.", "Marieke", 3723.5),
        ("00:01:02 Marieke: Ja.", "Marieke", 62.0),
        ("[00:01:02] Marieke: Ja.", "Marieke", 62.0),
        ("(1:02) Marieke: Ja.", "Marieke", 62.0),
    ],
)
def test_timecoded_shapes(text: str, speaker: str, seconds: float) -> None:
    (turn,) = detect_turns(text).turns
    assert (turn.speaker, turn.timecode, text[turn.start : turn.end]) == (speaker, seconds, "Ja.")


def test_timecode_and_name_alone_on_a_line_needs_to_recur() -> None:
    text = "00:00:05 Speaker 1\nHallo.\n00:00:09 Jan Smit\nHoi.\n00:00:12 Jan Smit\nJa."
    assert spoken(text, detect_turns(text).turns) == [
        ("Speaker 1", "Hallo."),
        ("Jan Smit", "Hoi."),
        ("Jan Smit", "Ja."),
    ]
    assert detect_turns("10:30 Koffie\nEn dan verder.").turns == (TurnSpan(0, 27),)


def test_continuation_lines_belong_to_the_current_turn() -> None:
    text = "Interviewer: Eerste regel.\nTweede regel.\n\nDerde regel.\n\nRespondent: Ja."
    assert spoken(text, detect_turns(text).turns) == [
        ("Interviewer", "Eerste regel.\nTweede regel.\n\nDerde regel."),
        ("Respondent", "Ja."),
    ]


def test_text_before_the_first_speaker_is_a_turn_without_speaker() -> None:
    text = "Interview WOA-01\nDatum: 14 maart 2018\n\nInterviewer: Welkom."
    assert spoken(text, detect_turns(text).turns) == [
        (None, "Interview WOA-01\nDatum: 14 maart 2018"),
        ("Interviewer", "Welkom."),
    ]


def test_whitespace_before_the_first_speaker_is_not_a_turn() -> None:
    text = "\n  \n\tInterviewer: Welkom."
    assert spoken(text, detect_turns(text).turns) == [("Interviewer", "Welkom.")]


def test_text_without_labels_is_one_turn_without_speaker() -> None:
    text = "Gewoon een verhaal.\nZonder sprekers."
    assert detect_turns(text).turns == (TurnSpan(0, len(text)),)


@pytest.mark.parametrize(
    "sentence",
    [
        "Nou, mijn punt is: we moeten gewoon beginnen.",
        "Het punt is: we moeten gewoon beginnen.",
        "Dus: we moeten gewoon beginnen.",
        "Let op: we moeten gewoon beginnen.",
        "NB: we moeten gewoon beginnen.",
        "[onverstaanbaar] we moeten gewoon beginnen.",
        "[Lacht] we moeten gewoon beginnen.",
        "Zie https://example.org: daar staat het.",
        "De ouders zeiden het ook al eens: we moeten gewoon beginnen.",
        "Deel 1: introductie van het onderzoek.",
        "Datum: 14 maart 2018",
    ],
)
def test_sentences_with_a_colon_are_not_turns(sentence: str) -> None:
    text = f"Marieke: Eerst dit.\n{sentence}\nInterviewer: Dank je."
    assert spoken(text, detect_turns(text).turns) == [
        ("Marieke", f"Eerst dit.\n{sentence}"),
        ("Interviewer", "Dank je."),
    ]


def test_numbered_labels_count_when_they_recur() -> None:
    text = "Spreker 1: Hallo.\nP1: Hoi.\nJan 2: Ja.\nJan 2: Nee."
    assert [turn.speaker for turn in detect_turns(text).turns] == [
        "Spreker 1",
        "P1",
        "Jan 2",
        "Jan 2",
    ]


def test_a_common_word_label_counts_when_it_recurs() -> None:
    text = "Vraag: Hoe gaat het?\nAntwoord: Goed.\nVraag: En verder?\nAntwoord: Ook goed."
    assert [turn.speaker for turn in detect_turns(text).turns] == ["Vraag", "Antwoord"] * 2


def test_aliases_exact_then_case_insensitive() -> None:
    aliases = {"I": "Interviewer", "r": "Respondent", "R": "Rutger"}
    text = "I: Vraag.\nR: Antwoord.\ni: Nog een."
    assert [t.speaker for t in detect_turns(text, speaker_aliases=aliases).turns] == [
        "Interviewer",
        "Rutger",
        "Interviewer",
    ]
    assert resolve_alias("R", {"r": "Respondent"}) == "Respondent"
    assert resolve_alias("Marieke", None) == "Marieke"


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("00:01:02", 62.0), ("1:02", 62.0), ("01:00:00,250", 3600.25), ("12:34.5", 754.5)],
)
def test_parse_timecode(value: str, seconds: float) -> None:
    assert parse_timecode(value) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Marieke de Wit", True),
        ("J.P. Balkenende", True),
        ("O'Neill", True),
        ("Een Heel Lange Naam Met Zes", False),
        ("de Vries", False),
        ("Marieke van", False),
        ("Nou, mijn punt is", False),
        ("Datum", False),
        ("A" * 41, False),
    ],
)
def test_label_shape(label: str, expected: bool) -> None:
    assert looks_like_speaker_label(label) is expected


NAMES = ["Marieke", "Jan", "Yasmina", "Piet", "Anouk", "Mohammed", "Sanne", "Interviewer", "R"]
TEXTS = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\n\r:"),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NAMES), TEXTS), min_size=1, max_size=12))
def test_generated_transcripts_tile(lines: list[tuple[str, str]]) -> None:
    text = "\n".join(f"{name}: {said}" for name, said in lines)
    turns = detect_turns(text).turns

    assert [(t.speaker, text[t.start : t.end]) for t in turns] == [
        (name, said.strip()) for name, said in lines if said.strip()
    ]
    for turn in turns:
        assert turn.start < turn.end
        assert text[turn.start : turn.end] == text[turn.start : turn.end].strip()
    for earlier, later in itertools.pairwise(turns):
        assert earlier.end <= later.start

    covered = [0] * len(text)
    for turn in turns:
        for index in range(turn.start, turn.end):
            covered[index] += 1
    label_positions: set[int] = set()
    position = 0
    for name, said in lines:
        label_positions.update(range(position, position + len(name) + 1))
        position += len(name) + 2 + len(said) + 1
    for index, char in enumerate(text):
        if index in label_positions:
            assert covered[index] == 0
        elif char.isspace():
            assert covered[index] <= 1
        else:
            assert covered[index] == 1, (index, char)
