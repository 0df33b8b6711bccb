"""Speaker labels on a line of their own, with titles and parties, and the guards around them."""

from __future__ import annotations

import pytest

from codebook.domain import TurnSpan
from codebook.services.importing.speakers import detect_turns


def spoken(text: str, turns: tuple[TurnSpan, ...]) -> list[tuple[str | None, str]]:
    return [(turn.speaker, text[turn.start : turn.end]) for turn in turns]


MIXED = """Focusgroep werkplaats
Datum: 14 maart 2018

### Moderator
Welkom allemaal.

### Anouk de Vries
Bij ons is de werkplaats gaan leven.
Echt waar.

### Anouk de Vries
Nog één ding.

**Bas**
Bij ons duurde het langer.

__R__

Dat herken ik.

**Bas**
Precies.

Speaker 1  0:03
Ik was even weg.

Jane Doe  00:01:12
Sorry, ik ben laat.

Jane Doe  00:01:30
Waar waren we?

Interviewer:
Bij de werkplaats.

Interviewer :
En verder?

De heer Pechtold (D66): Voorzitter, een vraag.
Mevrouw Ouwehand (PvdD):
Een interruptie.
De voorzitter: Gaat uw gang.
Minister Rutte: Ik antwoord kort.
Dr. Jansen (HvA): Vanuit het onderzoek.
Ms. Smith (moderator): Thank you.
"""


def test_every_label_shape_mixed_in_one_file() -> None:
    detected = detect_turns(MIXED)

    assert spoken(MIXED, detected.turns) == [
        (None, "Focusgroep werkplaats\nDatum: 14 maart 2018"),
        ("Moderator", "Welkom allemaal."),
        ("Anouk de Vries", "Bij ons is de werkplaats gaan leven.\nEcht waar."),
        ("Anouk de Vries", "Nog één ding."),
        ("Bas", "Bij ons duurde het langer."),
        ("R", "Dat herken ik."),
        ("Bas", "Precies."),
        ("Speaker 1", "Ik was even weg."),
        ("Jane Doe", "Sorry, ik ben laat."),
        ("Jane Doe", "Waar waren we?"),
        ("Interviewer", "Bij de werkplaats."),
        ("Interviewer", "En verder?"),
        ("De heer Pechtold (D66)", "Voorzitter, een vraag."),
        ("Mevrouw Ouwehand (PvdD)", "Een interruptie."),
        ("De voorzitter", "Gaat uw gang."),
        ("Minister Rutte", "Ik antwoord kort."),
        ("Dr. Jansen (HvA)", "Vanuit het onderzoek."),
        ("Ms. Smith (moderator)", "Thank you."),
    ]
    assert [turn.timecode for turn in detected.turns[7:10]] == [3.0, 72.0, 90.0]
    assert detected.warnings == ()


@pytest.mark.parametrize(
    ("shape", "timed"),
    [
        ("### {name}", False),
        ("## {name}:", False),
        ("### **{name}**", False),
        ("**{name}**", False),
        ("__{name}__", False),
        ("**{name}:**", False),
        ("**{name}**:", False),
        ("{name}:", False),
        ("{name} :", False),
        ("[{name}]", False),
        ("{name}  {time}", True),
        ("{name} {time}", True),
        ("{name} ({time})", True),
        ("{time} {name}", True),
        ("[{time}] {name}:", True),
    ],
)
def test_a_label_alone_on_its_line_takes_the_lines_below(shape: str, timed: bool) -> None:
    names = ["Marieke de Wit", "Jan", "Marieke de Wit", "Jan"]
    blocks = [
        f"{shape.format(name=name, time=f'00:0{i}:1{i}')}\n\nZin {i} van {name}.\nTweede regel."
        for i, name in enumerate(names)
    ]
    text = "\n\n".join(blocks)

    turns = detect_turns(text).turns

    assert spoken(text, turns) == [
        (name, f"Zin {i} van {name}.\nTweede regel.") for i, name in enumerate(names)
    ]
    expected_times = [60.0 * i + 10 + i for i in range(4)] if timed else [None] * 4
    assert [turn.timecode for turn in turns] == expected_times


def test_a_report_with_headings_stays_unlabelled() -> None:
    text = (
        "# Evaluatie van de werkplaats\n\n"
        "### Introduction\nDit rapport beschrijft de eerste twee jaar.\n\n"
        "### Method\nWe hielden twaalf interviews.\n\n"
        "### Findings\nDe scholen werken meer samen.\n\n"
        "### Amsterdam\nIn Amsterdam ging het sneller.\n\n"
        "**Aanbeveling 1**\nMaak tijd vrij.\n\n"
        "Opening  9:30\nLunch  12:30\n"
    )
    detected = detect_turns(text)

    assert detected.turns == (TurnSpan(0, len(text.rstrip())),)
    assert detected.warnings == ()


def test_a_heading_that_recurs_with_another_makes_a_one_off_heading_a_speaker() -> None:
    text = (
        "### Interviewer\nHoe begon het?\n\n### Marieke\nMet een vraag.\n\n"
        "### Interviewer\nVan wie?\n\n### Marieke\nVan de directeur.\n\n"
        "### Anouk\nIk was er ook bij.\n"
    )
    assert [turn.speaker for turn in detect_turns(text).turns] == [
        "Interviewer",
        "Marieke",
        "Interviewer",
        "Marieke",
        "Anouk",
    ]


def test_one_recurring_heading_does_not_make_every_heading_a_speaker() -> None:
    text = (
        "### Interviewer\nWat zag u in Amsterdam?\n\n### Amsterdam\nDaar ging het snel.\n\n"
        "### Interviewer\nEn in Utrecht?\n\n### Utrecht\nDaar ging het langzaam.\n"
    )
    detected = detect_turns(text)
    assert [turn.speaker for turn in detected.turns] == ["Interviewer", "Interviewer"]
    assert detected.warnings[0].endswith(": line 4 '### Amsterdam', line 10 '### Utrecht'")


def test_a_one_off_speaker_in_a_transcript_of_name_and_timecode_lines() -> None:
    text = (
        "Speaker 1  0:03\nHallo allemaal.\n\nJane Doe  0:09\nHoi.\n\n"
        "Speaker 1  0:15\nZullen we?\n\nJane Doe  0:20\nJa.\n\n"
        "Piet Smit  1:02:03\nIk schuif even aan.\n"
    )
    turns = detect_turns(text).turns
    assert [(turn.speaker, turn.timecode) for turn in turns] == [
        ("Speaker 1", 3.0),
        ("Jane Doe", 9.0),
        ("Speaker 1", 15.0),
        ("Jane Doe", 20.0),
        ("Piet Smit", 3723.0),
    ]


def test_a_parliamentary_debate_keeps_members_apart_by_party() -> None:
    members = [
        "De heer Klaver (GroenLinks)",
        "De heer De Jong (PVV)",
        "De heer De Jong (D66)",
        "Mevrouw Van Toorenburg (CDA)",
        "De heer Van Haga (Groep Van Haga)",
    ]
    lines = ["De voorzitter:", "Ik open de vergadering."]
    for member in members:
        lines += [f"{member}:", f"Voorzitter, ik ben {member.split()[-2]}."]
        lines += ["De voorzitter:", "Dank u wel."]
    lines += ["Minister-president Rutte:", "Ik dank de leden.", "De minister-president:", "Ja."]
    text = "\n".join(lines)

    turns = detect_turns(text).turns

    assert len(turns) == 13
    assert {turn.speaker for turn in turns} == {
        "De voorzitter",
        *members,
        "Minister-president Rutte",
        "De minister-president",
    }
    assert [turn.speaker for turn in turns].count("De voorzitter") == 6


def test_labels_given_by_the_user_are_taken_in_every_shape() -> None:
    text = (
        "Interviewer: Wat doet u?\n"
        "Datum: Ik? Ik plan de vergaderingen.\n"
        "### project manager\nEn ik leid ze.\n"
        "Interviewer: Dank u.\n"
    )
    detected = detect_turns(text, labels=("Datum", "Project Manager:"))

    assert spoken(text, detected.turns) == [
        ("Interviewer", "Wat doet u?"),
        ("Datum", "Ik? Ik plan de vergaderingen."),
        ("project manager", "En ik leid ze."),
        ("Interviewer", "Dank u."),
    ]
    assert detected.warnings == ()
    without = detect_turns(text)
    assert [turn.speaker for turn in without.turns] == ["Interviewer", "Interviewer"]
    assert len(without.warnings) == 1
