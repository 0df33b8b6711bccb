"""Caption files as exports really come: a title before the header, stray control characters,
``[Name]`` speakers; read leniently where nothing is lost, refused where something would be."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from codebook.domain import ImportFailed, ParsedTranscript
from codebook.domain.documents import ImportRequest
from codebook.project import Project
from codebook.services.importing import read_transcript

WriteFile = Callable[[str, bytes], Path]
MakeDocx = Callable[..., Path]

BOM = b"\xef\xbb\xbf"
CUES = (
    "1\n00:00:01.000 --> 00:00:03.000\nMarieke: Welkom allemaal.\n\n"
    "2\n00:00:03.000 --> 00:00:05.000\nJan: Dank je.\n\n"
    "3\n00:00:05.000 --> 00:00:07.000\nMarieke: Zullen we beginnen?\n"
)
CUES_TEXT = "Marieke: Welkom allemaal.\nJan: Dank je.\nMarieke: Zullen we beginnen?"
CUES_SPOKEN = [
    ("Marieke", "Welkom allemaal."),
    ("Jan", "Dank je."),
    ("Marieke", "Zullen we beginnen?"),
]
CONTROL_WARNINGS = {
    "control": "removed 2 control characters: 1 NUL, 1 BEL",
    "escape": "removed 2 terminal escape sequences (colours or window titles for a terminal)",
    "bidi": "removed 1 bidirectional control that can reorder text on screen: "
    "1 U+202E RIGHT-TO-LEFT OVERRIDE",
}


def spoken(parsed: ParsedTranscript) -> list[tuple[str | None, str]]:
    return [(turn.speaker, parsed.text[turn.start : turn.end]) for turn in parsed.turns]


def failure(path: Path) -> str:
    with pytest.raises(ImportFailed) as caught:
        read_transcript(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message[len(f"{path}: ") :]


# ---------------------------------------------------------------------------
# WebVTT: what comes before the header


def test_vtt_with_a_bom_and_blank_lines_before_the_header(write_file: WriteFile) -> None:
    parsed = read_transcript(write_file("t.vtt", BOM + f"\n\nWEBVTT\n\n{CUES}".encode()))
    assert parsed.text == CUES_TEXT
    assert spoken(parsed) == CUES_SPOKEN
    assert parsed.warnings == ("ignored 2 blank lines before the WEBVTT header",)


def test_vtt_with_a_title_and_meeting_id_before_the_header(write_file: WriteFile) -> None:
    vtt = f"Transcript of Zoom meeting\nMeeting ID: 812 3456 7890\n\nWEBVTT\n\n{CUES}"
    parsed = read_transcript(write_file("t.vtt", vtt.encode()))
    assert parsed.text == CUES_TEXT
    assert spoken(parsed) == CUES_SPOKEN
    assert parsed.warnings == (
        "ignored 2 lines before the WEBVTT header: "
        "'Transcript of Zoom meeting', 'Meeting ID: 812 3456 7890'",
    )


def test_vtt_header_lines_never_become_a_cue_or_a_speaker_in_the_project(tmp_path: Path) -> None:
    source = tmp_path / "zoom.vtt"
    source.write_bytes(
        BOM + f"Interview: Marieke\r\nWEBVTT\r\n\r\n{CUES}".replace("\n", "\r\n").encode()
    )
    with Project.create(tmp_path / "p.db", "t", "nl", coder="anna") as project:
        (outcome,) = project.import_transcripts([source], ImportRequest())
        assert (outcome.status, outcome.turns, outcome.speakers) == ("imported", 3, 2)
        assert outcome.warnings == (
            "ignored 1 line before the WEBVTT header: 'Interview: Marieke'",
        )
        opened = project.open_document("zoom")
    assert opened.text == CUES_TEXT
    assert [(t.speaker, opened.text[t.start : t.end], t.timecode) for t in opened.turns] == [
        ("Marieke", "Welkom allemaal.", 1.0),
        ("Jan", "Dank je.", 3.0),
        ("Marieke", "Zullen we beginnen?", 5.0),
    ]


def test_vtt_with_a_cue_before_the_header_is_refused(write_file: WriteFile) -> None:
    vtt = b"00:00:00.000 --> 00:00:01.000\nVoorwoord.\n\nWEBVTT\n\n" + CUES.encode()
    assert failure(write_file("t.vtt", vtt)) == (
        "not a valid WebVTT file "
        "(line 1: cue timing '00:00:00.000 --> 00:00:01.000' before the WEBVTT header on line 4)"
    )


def test_vtt_with_a_whole_text_before_the_header_is_refused(write_file: WriteFile) -> None:
    prose = "".join(f"Regel {n} van een ander document.\n" for n in range(1, 8))
    message = failure(write_file("t.vtt", f"{prose}WEBVTT\n\n{CUES}".encode()))
    assert message == (
        "not a valid WebVTT file "
        "(line 1: 'Regel 1 van een ander document.' and 6 more lines "
        "before the WEBVTT header on line 8)"
    )


def test_vtt_bad_timing_after_a_title_names_the_line_in_the_file(write_file: WriteFile) -> None:
    vtt = b"Titel\nWEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nHallo.\n"
    assert failure(write_file("t.vtt", vtt)) == (
        "not a valid WebVTT file (line 4: bad cue timing '00:00:01.000 --> 00:00:0x.000')"
    )


def test_vtt_cue_ending_before_it_starts_is_still_refused(write_file: WriteFile) -> None:
    vtt = b"\n\nWEBVTT\n\n00:00:09.000 --> 00:00:03.000\nHallo.\n"
    assert failure(write_file("t.vtt", vtt)) == (
        "not a valid WebVTT file "
        "(line 5: cue ends before it starts '00:00:09.000 --> 00:00:03.000')"
    )


def test_vtt_text_cut_off_from_its_cue_by_a_blank_line_is_reported(
    write_file: WriteFile,
) -> None:
    vtt = (
        "WEBVTT\nKind: captions\n\nNOTE made by hand\n\n"
        "00:00:01.000 --> 00:00:02.000\nMarieke: Eerste regel\n\ntweede regel\n\n"
        "00:00:02.000 --> 00:00:03.000\nJan: Ja.\n"
    )
    parsed = read_transcript(write_file("t.vtt", vtt.encode()))
    assert spoken(parsed) == [("Marieke", "Eerste regel"), ("Jan", "Ja.")]
    assert parsed.warnings == (
        "ignored 1 block of text outside any cue (a blank line ends a cue), "
        "the first on line 9: 'tweede regel'",
    )


# ---------------------------------------------------------------------------
# control, escape and bidi characters inside cues


def test_vtt_control_characters_in_a_cue_are_removed_without_splitting_it(
    write_file: WriteFile,
) -> None:
    cue = (
        "Marieke: Welkom\x00 \x1b[31mallemaal\x1b[0m\x07,\rfijn\u2028\u2028dat\x0cjullie\u0085er"
        "\u2029zijn. \u202e.nednow\r\r\n"
        "Jan: Dank je.\n"
    )
    vtt = f"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n{cue}\n00:00:03.000 --> 00:00:04.000\nJa.\n"
    parsed = read_transcript(write_file("t.vtt", vtt.encode()))
    # one cue: its second line stays in it, "Jan:" is text, not a new cue or speaker
    assert spoken(parsed) == [
        ("Marieke", "Welkom allemaal, fijn dat jullie er zijn. .nednow Jan: Dank je."),
        (None, "Ja."),
    ]
    assert parsed.warnings == (
        CONTROL_WARNINGS["control"],
        CONTROL_WARNINGS["escape"],
        CONTROL_WARNINGS["bidi"],
        "replaced 6 line breaks that are not a line end by a space: "
        "1 CR, 2 U+2028 LINE SEPARATOR, 1 FF, 1 NEL, 1 U+2029 PARAGRAPH SEPARATOR",
    )


def test_vtt_window_title_sequence_and_entities_are_removed(write_file: WriteFile) -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
        "<v Jan &#x202e;de Vries>\x1b]0;opname\x07Goed &#x2066;gezegd&#x2069;.</v>\n"
    )
    parsed = read_transcript(write_file("t.vtt", vtt.encode()))
    assert parsed.text == "Jan de Vries: Goed gezegd."
    assert parsed.warnings == (
        "removed 1 terminal escape sequence (colours or window titles for a terminal)",
        "removed 3 bidirectional controls that can reorder text on screen: "
        "1 U+202E RIGHT-TO-LEFT OVERRIDE, 1 U+2066 LEFT-TO-RIGHT ISOLATE, "
        "1 U+2069 POP DIRECTIONAL ISOLATE",
    )


def test_srt_control_characters_in_a_cue_are_removed(write_file: WriteFile) -> None:
    srt = (
        "1\r\n00:00:01,000 --> 00:00:03,000\r\n"
        "Interviewer: Hoe\x00 \x1b[1mging\x1b[0m het\x07?\r\r\n\u202eDe tweede regel.\r\n\r\n"
        "2\r\n00:00:03,000 --> 00:00:04,000\r\nRespondent: Goed.\r\n"
    )
    parsed = read_transcript(write_file("t.srt", srt.encode()))
    assert spoken(parsed) == [
        ("Interviewer", "Hoe ging het? De tweede regel."),
        ("Respondent", "Goed."),
    ]
    assert parsed.warnings == tuple(CONTROL_WARNINGS.values())


# ---------------------------------------------------------------------------
# SubRip: what comes before the first cue


def test_srt_with_a_bom_blank_lines_and_a_title_before_the_first_cue(
    write_file: WriteFile,
) -> None:
    srt = (
        "\r\n\r\nInterview Marieke, 14 maart\r\n\r\n"
        "1\r\n00:00:01,000 --> 00:00:03,000\r\nMarieke: Welkom allemaal.\r\n\r\n"
        "2\r\n00:00:03,000 --> 00:00:05,000\r\nJan: Dank je.\r\n\r\n"
        "3\r\n00:00:05,000 --> 00:00:07,000\r\nMarieke: Zullen we beginnen?\r\n"
    )
    parsed = read_transcript(write_file("t.srt", BOM + srt.encode()))
    assert parsed.text == CUES_TEXT
    assert spoken(parsed) == CUES_SPOKEN
    assert parsed.warnings == (
        "ignored 1 line before the first cue: 'Interview Marieke, 14 maart'",
    )


def test_srt_with_only_a_bom_and_blank_lines_first_has_no_warning(write_file: WriteFile) -> None:
    srt = b"\n\n1\n00:00:01,000 --> 00:00:02,000\nJan: Hoi.\n"
    parsed = read_transcript(write_file("t.srt", BOM + srt))
    assert (parsed.text, parsed.warnings) == ("Jan: Hoi.", ())


def test_srt_bad_timing_after_a_title_names_the_line_in_the_file(write_file: WriteFile) -> None:
    srt = b"Titel\n\n1\n00:00:01,000 --> 00:00:02,000\nHoi.\n\n2\n00:00:03,000 --> 00:0x:04,000\n"
    assert failure(write_file("t.srt", srt)) == (
        "not a valid SubRip file (line 8: bad cue timing '00:00:03,000 --> 00:0x:04,000')"
    )


def test_srt_with_a_whole_text_before_the_first_cue_is_refused(write_file: WriteFile) -> None:
    prose = "".join(f"Regel {n}.\n" for n in range(1, 8))
    srt = f"{prose}\n1\n00:00:01,000 --> 00:00:02,000\nHoi.\n"
    assert failure(write_file("t.srt", srt.encode())) == (
        "not a valid SubRip file (line 1: unexpected text 'Regel 1.')"
    )


# ---------------------------------------------------------------------------
# [Name] speakers


def test_bracketed_names_in_cues_are_speakers_and_sound_notes_are_not(
    write_file: WriteFile,
) -> None:
    vtt = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.000\n[Marieke de Wit] Welkom.\n\n"
        "00:00:02.000 --> 00:00:03.000\n[laughter] Dank je.\n\n"
        "00:00:03.000 --> 00:00:04.000\n[Interviewer]: Hoe ging het?\n\n"
        "00:00:04.000 --> 00:00:05.000\n[inaudible] ging goed.\n\n"
        "00:00:05.000 --> 00:00:06.000\n[music]\n\n"
        "00:00:06.000 --> 00:00:07.000\n[Marieke de Wit] Mooi. [Music]\n"
    )
    parsed = read_transcript(write_file("t.vtt", vtt.encode()))
    assert spoken(parsed) == [
        ("Marieke de Wit", "Welkom."),
        (None, "[laughter] Dank je."),
        ("Interviewer", "Hoe ging het?"),
        (None, "[inaudible] ging goed."),
        (None, "[music]"),
        ("Marieke de Wit", "Mooi. [Music]"),
    ]


def test_a_bracketed_word_that_is_not_a_name_stays_text(write_file: WriteFile) -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\n[pauze] we gaan door.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n[Vraag 3] Wat vond je ervan?\n"
    )
    parsed = read_transcript(write_file("t.srt", srt.encode()))
    assert spoken(parsed) == [
        (None, "[pauze] we gaan door."),
        (None, "[Vraag 3] Wat vond je ervan?"),
    ]


def test_srt_bracketed_names_recurring_are_speakers(write_file: WriteFile) -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\n[Yasmina] Hoi.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n[Ruud] Hallo.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\n[Yasmina] Zullen we?\n"
    )
    parsed = read_transcript(write_file("t.srt", srt.encode()))
    assert parsed.text == "Yasmina: Hoi.\nRuud: Hallo.\nYasmina: Zullen we?"


# ---------------------------------------------------------------------------
# binary files stay refused, whatever they are called


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("captions.vtt", f"WEBVTT\n\n{CUES}")
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["t.vtt", "t.srt", "t.txt"])
@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(256),
        zip_archive(),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nWEBVTT\n",
        os.urandom(4096),
    ],
    ids=["png", "zip", "pdf", "random"],
)
def test_binary_files_renamed_to_text_formats_are_refused(
    write_file: WriteFile, name: str, data: bytes
) -> None:
    assert failure(write_file(name, data)) == "not a text file (binary content)"


# ---------------------------------------------------------------------------
# the same characters in the other formats


def test_bidi_and_control_characters_in_plain_text_are_removed_with_a_warning(
    write_file: WriteFile,
) -> None:
    text = (
        "Interviewer: Wat stond er op het bord?\n"
        "Respondent: Er stond \u202eregalp\u202c, achterstevoren\x00 "
        "\x1b[1mgeschreven\x1b[0m.\x07\n"
        "Interviewer: Dank je wel voor dit gesprek, het was heel verhelderend.\n"
    )
    parsed = read_transcript(write_file("t.txt", text.encode()))
    assert spoken(parsed) == [
        ("Interviewer", "Wat stond er op het bord?"),
        ("Respondent", "Er stond regalp, achterstevoren geschreven."),
        ("Interviewer", "Dank je wel voor dit gesprek, het was heel verhelderend."),
    ]
    assert parsed.warnings == (
        CONTROL_WARNINGS["control"],
        CONTROL_WARNINGS["escape"],
        "removed 2 bidirectional controls that can reorder text on screen: "
        "1 U+202E RIGHT-TO-LEFT OVERRIDE, 1 U+202C POP DIRECTIONAL FORMATTING",
    )


def test_bidi_characters_in_a_word_document_are_removed_with_a_warning(
    make_docx: MakeDocx,
) -> None:
    path = make_docx(
        "t.docx",
        [
            "Interviewer: Hoe heet het bestand?",
            "Respondent: \u2067factuur\u2069 en \u202dexe.pdf\u202c, denk ik.",
        ],
    )
    parsed = read_transcript(path)
    assert spoken(parsed) == [
        ("Interviewer", "Hoe heet het bestand?"),
        ("Respondent", "factuur en exe.pdf, denk ik."),
    ]
    assert parsed.warnings == (
        "removed 4 bidirectional controls that can reorder text on screen: "
        "1 U+2067 RIGHT-TO-LEFT ISOLATE, 1 U+2069 POP DIRECTIONAL ISOLATE, "
        "1 U+202D LEFT-TO-RIGHT OVERRIDE, 1 U+202C POP DIRECTIONAL FORMATTING",
    )


def test_direction_marks_in_an_arabic_quote_are_kept(write_file: WriteFile) -> None:
    text = "Interviewer: Wat zei uw moeder?\nRespondent: Ze zei \u200fقالت: نعم!\u200f en lachte.\n"
    parsed = read_transcript(write_file("t.txt", text.encode()))
    assert parsed.text == text
    assert parsed.warnings == ()


def test_caption_speakers_differing_in_case_or_spacing_are_one_and_merge(
    write_file: WriteFile,
) -> None:
    vtt = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.000\n<v INTERVIEWEE>Hallo daar.\n\n"
        "00:00:02.000 --> 00:00:03.000\n<v Interviewee>Ja, echt.\n\n"
        "00:00:03.000 --> 00:00:04.000\n<v  Interviewee >Nou.\n\n"
        "00:00:04.000 --> 00:00:05.000\n<v Interviewer>Een vraag?\n"
    )
    parsed = read_transcript(write_file("c.vtt", vtt.encode()))
    assert parsed.text == "Interviewee: Hallo daar. Ja, echt. Nou.\nInterviewer: Een vraag?"
    assert [(t.speaker, t.timecode, t.timecode_end) for t in parsed.turns] == [
        ("Interviewee", 1.0, 4.0),
        ("Interviewer", 4.0, 5.0),
    ]
