"""No silent misattribution: recurring roles taken, rejected labels warned, one name per speaker."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from codebook.domain import TurnSpan
from codebook.services.importing import read_transcript
from codebook.services.importing.readers import NO_SPEAKERS
from codebook.services.importing.speakers import detect_turns, unify_speakers


def spoken(text: str, turns: tuple[TurnSpan, ...]) -> list[tuple[str | None, str]]:
    return [(turn.speaker, text[turn.start : turn.end]) for turn in turns]


MEETING = """Project Manager: Goedemorgen allemaal.
Marketing Expert: Morgen.
User Interface: Hoi.
Industrial Designer: Hallo.
Project Manager: Vandaag gaat het over de afstandsbediening.
PhD C:
Marketing Expert: Ik heb onderzoek gedaan onder gebruikers.
User Interface:
PhD C:
Project Manager: Dank je.
"""


def test_recurring_roles_are_speakers_even_with_a_never_word_and_empty_labels_give_no_turn() -> (
    None
):
    detected = detect_turns(MEETING)

    assert spoken(MEETING, detected.turns) == [
        ("Project Manager", "Goedemorgen allemaal."),
        ("Marketing Expert", "Morgen."),
        ("User Interface", "Hoi."),
        ("Industrial Designer", "Hallo."),
        ("Project Manager", "Vandaag gaat het over de afstandsbediening."),
        ("Marketing Expert", "Ik heb onderzoek gedaan onder gebruikers."),
        ("Project Manager", "Dank je."),
    ]
    assert detected.warnings == ()


def test_a_label_without_speech_gives_no_turn_and_loses_no_text() -> None:
    for text, expected in [
        ("PhD C:\nPhD A: Ja.\nPhD C:\nPhD A: Nee.", [("PhD A", "Ja."), ("PhD A", "Nee.")]),
        ("Interviewer:\nRespondent: Ja.", [("Respondent", "Ja.")]),
        ("Interviewer: Vraag?\n\nRespondent:\n   \n", [("Interviewer", "Vraag?")]),
        ("### Interviewer\n\n### Respondent\nJa.", [("Respondent", "Ja.")]),
    ]:
        turns = detect_turns(text).turns
        assert spoken(text, turns) == expected
        assert all(turn.start < turn.end for turn in turns)


INTERVIEW = """Interviewer: Hoe begon de werkplaats?
Respondent: Met een vraag van de directeur.
Vraag: hoe krijgen we leerkrachten aan het onderzoek?
Dat was het begin.
Interviewer: En toen?
Respondent: Toen zijn we gestart.
Noot: de directeur is later vertrokken.
"""


def test_one_off_label_like_lines_inside_speech_are_warned_with_their_line() -> None:
    detected = detect_turns(INTERVIEW)

    assert spoken(INTERVIEW, detected.turns) == [
        ("Interviewer", "Hoe begon de werkplaats?"),
        (
            "Respondent",
            "Met een vraag van de directeur.\n"
            "Vraag: hoe krijgen we leerkrachten aan het onderzoek?\nDat was het begin.",
        ),
        ("Interviewer", "En toen?"),
        ("Respondent", "Toen zijn we gestart.\nNoot: de directeur is later vertrokken."),
    ]
    (warning,) = detected.warnings
    assert warning.startswith("2 label-like lines not taken as speakers")
    assert warning.endswith(": line 3 'Vraag:', line 7 'Noot:'")


def test_the_warning_names_a_handful_and_counts_the_rest() -> None:
    lines = ["Interviewer: Vertel."]
    for n in range(8):
        lines += [f"Respondent: Punt {n}.", "Noot: zie bijlage."]
    lines.append("## Deel 2")
    (warning,) = detect_turns("\n".join(lines)).warnings

    assert warning.startswith("9 label-like lines not taken as speakers")
    shown = ", ".join(f"line {n} 'Noot:'" for n in (3, 5, 7, 9, 11))
    assert warning.endswith(f": {shown}, and 4 more")


def test_a_heading_inside_a_transcript_is_warned_not_taken() -> None:
    text = "Interviewer: Eerste deel.\nRespondent: Ja.\n\n## Deel 2\n\nInterviewer: Verder."
    detected = detect_turns(text)
    assert spoken(text, detected.turns)[1] == ("Respondent", "Ja.\n\n## Deel 2")
    assert detected.warnings[0].endswith(": line 4 '## Deel 2'")


def test_header_fields_annotations_and_sentences_with_a_colon_are_not_warned() -> None:
    text = (
        "Interview WOA-01\n"
        "Interviewer: Anna de Vries\n"
        "Respondent: R12\n"
        "Datum: 14 maart 2018\n"
        "Locatie: De Regenboog\n\n"
        "Interviewer: Welkom. [Lacht]\n"
        "[lacht] Zullen we beginnen?\n"
        "Respondent: Ja. Het punt is: we hebben weinig tijd.\n"
        "[Onverstaanbaar]\n"
        "Let op: dit is belangrijk.\n"
        "De ouders zeiden het ook: we moeten beginnen.\n"
    )
    detected = detect_turns(text)

    assert [turn.speaker for turn in detected.turns] == [
        None,
        "Interviewer",
        "Respondent",
        "Interviewer",
        "Respondent",
    ]
    assert detected.warnings == ()


def test_spellings_that_differ_in_case_or_spacing_are_one_speaker() -> None:
    text = (
        "INTERVIEWEE: a\nInterviewee: b\n Interviewee : c\n"
        "Interviewee1: d\n Interviewee1  : e\n"
        "interviewer: f\nInterviewer: g\n"
    )
    assert [turn.speaker for turn in detect_turns(text).turns] == [
        "Interviewee",
        "Interviewee",
        "Interviewee",
        "Interviewee1",
        "Interviewee1",
        "interviewer",
        "interviewer",
    ]


def test_unify_speakers_on_caption_turns_keeps_offsets_and_turns_without_speaker() -> None:
    turns = (
        TurnSpan(0, 5, "ESTHER", 1.0, 2.0),
        TurnSpan(6, 9, None),
        TurnSpan(10, 14, "Esther"),
        TurnSpan(15, 20, " esther "),
        TurnSpan(21, 25, "Esther"),
        TurnSpan(26, 30, "Joost  de Wit"),
    )
    assert unify_speakers(turns) == (
        TurnSpan(0, 5, "Esther", 1.0, 2.0),
        TurnSpan(6, 9, None),
        TurnSpan(10, 14, "Esther"),
        TurnSpan(15, 20, "Esther"),
        TurnSpan(21, 25, "Esther"),
        TurnSpan(26, 30, "Joost de Wit"),
    )


def test_aliases_are_applied_before_spellings_are_unified() -> None:
    text = "I: Vraag.\nR: Antwoord.\nINTERVIEWER: Nog een.\ni: En nog een."
    turns = detect_turns(text, speaker_aliases={"I": "Interviewer", "R": "Respondent"}).turns
    assert [turn.speaker for turn in turns] == [
        "Interviewer",
        "Respondent",
        "Interviewer",
        "Interviewer",
    ]


ROLES = ["Interviewer", "R", "Moderator", "Speaker 2", "Gespreksleider"]
ANY_NAMES = ["Anouk de Vries", "Project Manager", "De heer Pechtold (D66)", "Datum", "PhD C"]
LABEL_SHAPES = [
    "{name}: ",
    "{name}:",
    "### {name}",
    "**{name}**",
    "__{name}__",
    "**{name}:** ",
    "[{name}] ",
    "[{name}]",
    "{name}  0:{n:02}",
    "00:00:{n:02} {name}: ",
]
SPEECH = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\n\r:[#*_"),
    max_size=30,
)
LINES = st.lists(
    st.tuples(st.none() | st.sampled_from(LABEL_SHAPES), st.integers(0, len(ROLES) - 1), SPEECH),
    min_size=1,
    max_size=14,
)


@settings(max_examples=300, deadline=None)
@given(LINES, st.booleans())
def test_turns_tile_the_text_for_any_mix_of_labels_and_speech(
    lines: list[tuple[str | None, int, str]], user_named: bool
) -> None:
    names = ANY_NAMES if user_named else ROLES
    parts: list[str] = []
    label_chars: set[int] = set()
    expected: list[tuple[str | None, str]] = []
    position = 0
    for shape, name_index, said in lines:
        if shape is not None:
            name = names[name_index]
            label = shape.format(name=name, n=len(parts) % 60)
            said = said if label.endswith(" ") else ""
            label_chars.update(range(position, position + len(label.rstrip())))
            parts.append(label + said)
            expected.append((name, said))
        else:
            parts.append(said)
            if expected:
                expected[-1] = (expected[-1][0], f"{expected[-1][1]}\n{said}")
            else:
                expected.append((None, said))
        position += len(parts[-1]) + 1
    text = "\n".join(parts)

    turns = detect_turns(text, labels=names if user_named else ()).turns

    assert [turn.speaker for turn in turns] == [
        speaker for speaker, said in expected if said.strip()
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
    for index, char in enumerate(text):
        if index in label_chars:
            assert covered[index] == 0, (index, char)
        elif not char.isspace():
            assert covered[index] == 1, (index, char)


def test_read_transcript_txt_reports_lines_not_taken(tmp_path: Path) -> None:
    path = tmp_path / "interview.txt"
    path.write_text(INTERVIEW.replace("\n", "\r\n"), encoding="utf-8")

    parsed = read_transcript(path)

    assert [turn.speaker for turn in parsed.turns] == ["Interviewer", "Respondent"] * 2
    assert len(parsed.warnings) == 1
    assert parsed.warnings[0].endswith(": line 3 'Vraag:', line 7 'Noot:'")


def test_read_transcript_md_with_heading_labels_and_a_report_without(tmp_path: Path) -> None:
    transcript = tmp_path / "focusgroep.md"
    transcript.write_text(
        "# Focusgroep\n\n"
        "### Moderator\nWelkom.\n\n### Anouk\nDank je.\n\n"
        "### Moderator\nWie nog meer?\n\n### Bas\nIk.\n\n### Anouk\nEn ik.\n",
        encoding="utf-8",
    )
    report = tmp_path / "rapport.md"
    report.write_text(
        "# Rapport\n\n### Introduction\nTekst.\n\n### Method\nMeer tekst.\n", encoding="utf-8"
    )

    parsed = read_transcript(transcript)
    assert spoken(parsed.text, parsed.turns) == [
        (None, "# Focusgroep"),
        ("Moderator", "Welkom."),
        ("Anouk", "Dank je."),
        ("Moderator", "Wie nog meer?"),
        ("Bas", "Ik."),
        ("Anouk", "En ik."),
    ]
    assert parsed.warnings == ()
    assert read_transcript(report).warnings == (NO_SPEAKERS,)


def test_a_tab_separated_line_is_not_a_speaker_label() -> None:
    """A table pasted as text: "Judith<TAB>Zie: ..." is two cells, not the speaker "Judith Zie"."""
    text = "Judith\tZie: ik weet het niet.\nJan\tJa: goed zo.\n"
    assert [turn.speaker for turn in detect_turns(text).turns] == [None]


def test_recurring_sound_annotations_are_never_speakers() -> None:
    text = "[Applause]\nMarieke: Dank jullie wel.\n[Applause]\nJan: Graag gedaan.\n[applause]\n"
    turns = detect_turns(text).turns
    assert {turn.speaker for turn in turns} == {None, "Marieke", "Jan"}
    assert spoken(text, turns)[1] == ("Marieke", "Dank jullie wel.\n[Applause]")


def test_a_moderator_named_with_the_role_in_parentheses_is_not_a_participant() -> None:
    from codebook.services.importing.speakers import is_interviewing_role

    assert is_interviewing_role("Ms. Smith (moderator)")
    assert is_interviewing_role("Anna (gespreksleider)")
    assert not is_interviewing_role("Dr. Jansen (HvA)")
    assert not is_interviewing_role("Mevrouw Ouwehand (PvdD)")
