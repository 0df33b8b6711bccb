"""Round trips: known turns come out of every format with their speakers and exact text."""

from __future__ import annotations

import codecs
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from codebook.domain import ParsedTranscript, TurnSpan
from codebook.services.importing import read_transcript

WriteFile = Callable[[str, bytes], Path]
MakeDocx = Callable[..., Path]
MakeOdt = Callable[..., Path]

TURNS = [
    ("Interviewer", "Hoe kijk je terug op de “werkplaats”?"),
    ("Geïnterviewde", "Eerlijk gezegd – heel positief. Eén reünie per jaar."),
    ("Interviewer", "Dank je."),
]
CLEAN_TEXT = "".join(f"{speaker}: {said}\n" for speaker, said in TURNS)


def spoken(parsed: ParsedTranscript) -> list[tuple[str | None, str]]:
    return [(turn.speaker, parsed.text[turn.start : turn.end]) for turn in parsed.turns]


@pytest.mark.parametrize("extension", [".txt", ".md"])
def test_plain_text(write_file: WriteFile, extension: str) -> None:
    parsed = read_transcript(write_file(f"t{extension}", CLEAN_TEXT.encode()))
    assert parsed.text == CLEAN_TEXT
    assert spoken(parsed) == TURNS
    assert (parsed.source_format, parsed.encoding) == (extension[1:], "utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CLEAN_TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + CLEAN_TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + CLEAN_TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + CLEAN_TEXT.encode("utf-16-be"), "utf-16-be"),
        (CLEAN_TEXT.encode("cp1252"), "cp1252"),
        (CLEAN_TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (CLEAN_TEXT.replace("\n", "\r").encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + CLEAN_TEXT.replace("\n", "\r\n").encode("utf-16-le"), "utf-16-le"),
        (CLEAN_TEXT.replace("\n", "\r\n").encode("cp1252"), "cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le",
        "utf16be",
        "cp1252",
        "crlf",
        "cr",
        "utf16-crlf",
        "cp1252-crlf",
    ],
)
def test_encodings_and_line_ends_give_the_same_text_and_offsets(
    write_file: WriteFile, data: bytes, encoding: str
) -> None:
    reference = read_transcript(write_file("clean.txt", CLEAN_TEXT.encode()))
    parsed = read_transcript(write_file("t.txt", data))
    assert parsed.text == reference.text
    assert parsed.turns == reference.turns
    assert parsed.encoding == encoding


def test_emoji_astral_and_combining_characters_keep_exact_offsets(write_file: WriteFile) -> None:
    raw = "Interviewer: Goed 👍 zo.\nR: Muziek 𝄞 en cafe\u0301s 👩\u200d💻.\nI: Oke\u0301."
    parsed = read_transcript(write_file("t.txt", raw.encode()))
    assert spoken(parsed) == [
        ("Interviewer", "Goed 👍 zo."),
        ("R", "Muziek 𝄞 en cafés 👩\u200d💻."),
        ("I", "Oké."),
    ]
    second = parsed.turns[1]
    assert (second.start, second.end) == (27, 27 + len("Muziek 𝄞 en cafés 👩\u200d💻."))
    assert second.end - second.start == 22


def test_docx_paragraphs_and_tables_in_order(make_docx: MakeDocx) -> None:
    path = make_docx(
        "t.docx",
        [
            "Interviewer: Hoe gaat het?",
            [["Naam", "Rol"], ["Jan", "Leraar"]],
            "Geïnterviewde: Goed.",
            "Nog een zin.",
        ],
        header="WOA project - vertrouwelijk",
        footer="Pagina 1",
    )
    parsed = read_transcript(path)
    assert parsed.text == (
        "Interviewer: Hoe gaat het?\nNaam\tRol\nJan\tLeraar\nGeïnterviewde: Goed.\nNog een zin."
    )
    assert spoken(parsed) == [
        ("Interviewer", "Hoe gaat het?\nNaam\tRol\nJan\tLeraar"),
        ("Geïnterviewde", "Goed.\nNog een zin."),
    ]
    assert (parsed.source_format, parsed.encoding) == ("docx", None)


def test_docx_round_trip(make_docx: MakeDocx) -> None:
    parsed = read_transcript(make_docx("t.docx", [f"{s}: {t}" for s, t in TURNS]))
    assert spoken(parsed) == TURNS


def test_odt_round_trip_with_heading(make_odt: MakeOdt) -> None:
    blocks = [("h", "Interview WOA-01")] + [("p", f"{s}: {t}") for s, t in TURNS]
    parsed = read_transcript(make_odt("t.odt", blocks))
    assert spoken(parsed) == [(None, "Interview WOA-01"), *TURNS]
    assert parsed.source_format == "odt"


def test_rtf_round_trip(write_file: WriteFile) -> None:
    rtf = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}\f0"
        rb" Interviewer: Hoe kijk je terug op de \ldblquote werkplaats\rdblquote ?\par"
        rb" Ge\'efnterviewde: Eerlijk gezegd \endash  heel positief. \u201?\'e9n reuni\'eb.\par"
        rb"}"
    )
    parsed = read_transcript(write_file("t.rtf", rtf))
    assert spoken(parsed) == [
        ("Interviewer", "Hoe kijk je terug op de “werkplaats”?"),
        ("Geïnterviewde", "Eerlijk gezegd – heel positief. Één reunië."),
    ]


ZOOM_VTT = """WEBVTT

1
00:00:01.000 --> 00:00:03.500
Marieke de Wit: Hallo allemaal.

2
00:00:03.500 --> 00:00:05.000
Marieke de Wit: Welkom &amp; fijn
dat jullie er zijn.

3
00:00:05.000 --> 00:00:07.250
Jan Smit: Dank je.

4
00:00:07.250 --> 00:00:09.000
Marieke de Wit: Goed.
"""


def test_zoom_vtt_merges_consecutive_cues_of_one_speaker(write_file: WriteFile) -> None:
    parsed = read_transcript(write_file("t.vtt", ZOOM_VTT.encode()))
    assert parsed.text == (
        "Marieke de Wit: Hallo allemaal. Welkom & fijn dat jullie er zijn.\n"
        "Jan Smit: Dank je.\n"
        "Marieke de Wit: Goed."
    )
    assert spoken(parsed) == [
        ("Marieke de Wit", "Hallo allemaal. Welkom & fijn dat jullie er zijn."),
        ("Jan Smit", "Dank je."),
        ("Marieke de Wit", "Goed."),
    ]
    assert [(t.timecode, t.timecode_end) for t in parsed.turns] == [
        (1.0, 5.0),
        (5.0, 7.25),
        (7.25, 9.0),
    ]


def test_teams_vtt_voice_tags(write_file: WriteFile) -> None:
    vtt = (
        "WEBVTT\n\n"
        "a1b2/12-0\n00:00:00.500 --> 00:00:02.000\n<v Yasmina B.>Goedemorgen.</v>\n\n"
        "a1b2/13-0\n00:00:02.000 --> 00:00:04.000\n<v Interviewer>Hoe gaat <i>het</i>?</v>\n\n"
        "00:00:04.000 --> 00:00:05.000\n<v Interviewer>Met jou.</v>\n"
    )
    parsed = read_transcript(write_file("t.vtt", vtt.encode()))
    assert spoken(parsed) == [
        ("Yasmina B.", "Goedemorgen."),
        ("Interviewer", "Hoe gaat het? Met jou."),
    ]
    assert (parsed.turns[1].timecode, parsed.turns[1].timecode_end) == (2.0, 5.0)


def test_vtt_cues_without_speaker_stay_separate(write_file: WriteFile) -> None:
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nEerste zin.\n\n00:02.000 --> 00:03.000\nTweede zin.\n"
    parsed = read_transcript(write_file("t.vtt", vtt.encode()))
    assert parsed.text == "Eerste zin.\nTweede zin."
    assert spoken(parsed) == [(None, "Eerste zin."), (None, "Tweede zin.")]


def test_srt_with_name_prefixes(write_file: WriteFile) -> None:
    srt = (
        "1\r\n00:00:01,000 --> 00:00:03,500\r\nInterviewer: Hallo <i>allemaal</i>.\r\n\r\n"
        "2\r\n00:00:03,500 --> 00:00:05,000\r\nInterviewer: Tweede regel\r\nloopt door.\r\n\r\n"
        "3\r\n00:00:05,000 --> 00:01:06,100\r\nRespondent: Ja.\r\n"
    )
    parsed = read_transcript(write_file("t.srt", srt.encode()))
    assert parsed.text == "Interviewer: Hallo allemaal. Tweede regel loopt door.\nRespondent: Ja."
    assert spoken(parsed) == [
        ("Interviewer", "Hallo allemaal. Tweede regel loopt door."),
        ("Respondent", "Ja."),
    ]
    assert (parsed.turns[1].timecode, parsed.turns[1].timecode_end) == (5.0, 66.1)


def test_aliases_apply_to_every_format(write_file: WriteFile, make_docx: MakeDocx) -> None:
    aliases = {"I": "Interviewer", "R": "Respondent"}
    text = "I: Vraag?\nR: Antwoord."
    txt = read_transcript(write_file("t.txt", text.encode()), speaker_aliases=aliases)
    docx = read_transcript(make_docx("t.docx", text.split("\n")), speaker_aliases=aliases)
    vtt_data = "WEBVTT\n\n00:01.000 --> 00:02.000\nI: Vraag?\n\n00:02.000 --> 00:03.000\nR: Ja.\n"
    vtt = read_transcript(write_file("t.vtt", vtt_data.encode()), speaker_aliases=aliases)
    for parsed in (txt, docx, vtt):
        assert [t.speaker for t in parsed.turns] == ["Interviewer", "Respondent"]


def test_extension_is_case_insensitive(write_file: WriteFile) -> None:
    parsed = read_transcript(write_file("T.TXT", CLEAN_TEXT.encode()))
    assert parsed.source_format == "txt"
    assert spoken(parsed) == TURNS


def test_turns_never_start_or_end_with_whitespace(write_file: WriteFile) -> None:
    raw = "  Intro  \n\nInterviewer:   \n  Vraag?  \n\nR:\tAntwoord.\t\n\n"
    parsed = read_transcript(write_file("t.txt", raw.encode()))
    for turn in parsed.turns:
        said = parsed.text[turn.start : turn.end]
        assert said == said.strip()
    assert spoken(parsed) == [(None, "Intro"), ("Interviewer", "Vraag?"), ("R", "Antwoord.")]


def test_path_is_used_as_given(write_file: WriteFile) -> None:
    path = write_file("t.txt", CLEAN_TEXT.encode())
    assert read_transcript(Path(str(path))).text == CLEAN_TEXT


def test_vtt_timing_without_spaces_around_the_arrow(write_file: WriteFile) -> None:
    vtt = b"WEBVTT\n\n00:01.000-->00:02.000\nJan: Hoi.\n"
    parsed = read_transcript(write_file("t.vtt", vtt))
    assert spoken(parsed) == [("Jan", "Hoi.")]


def test_a_transcript_sent_to_the_storing_process_arrives_unchanged(
    write_file: WriteFile,
) -> None:
    # Import workers pickle what they read; the turns travel as plain tuples.
    parsed = read_transcript(write_file("zoom.vtt", ZOOM_VTT.encode()))
    received = pickle.loads(pickle.dumps(parsed))
    assert received == parsed
    assert received.words == parsed.words > 0
    assert all(type(turn) is TurnSpan for turn in received.turns)
    assert [(t.timecode, t.timecode_end) for t in received.turns] == [
        (1.0, 5.0),
        (5.0, 7.25),
        (7.25, 9.0),
    ]
    assert spoken(received) == spoken(parsed)
