"""Every bad input gives one ImportFailed line that starts with the file and names the problem."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from codebook.domain import ImportFailed
from codebook.services.importing import read_transcript

WriteFile = Callable[[str, bytes], Path]
MakeDocx = Callable[..., Path]


def failure(path: Path, **options: int) -> str:
    with pytest.raises(ImportFailed) as caught:
        read_transcript(path, **options)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message[len(f"{path}: ") :]


def test_missing_file(tmp_path: Path) -> None:
    assert failure(tmp_path / "weg.txt") == "file not found"


def test_empty_file(write_file: WriteFile) -> None:
    assert failure(write_file("leeg.txt", b"")) == "empty transcript"


def test_file_with_only_whitespace_and_a_bom(write_file: WriteFile) -> None:
    assert failure(write_file("leeg.txt", b"\xef\xbb\xbf \r\n\t\r\n")) == "empty transcript"


def test_binary_file_named_txt(write_file: WriteFile) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
    assert failure(write_file("foto.txt", png)) == "not a text file (binary content)"


def test_undecodable_bytes(write_file: WriteFile) -> None:
    # no NUL bytes, not UTF-8, not cp1252, and charset-normalizer finds nothing
    data = bytes(range(0x80, 0x100)) * 8
    assert failure(write_file("raar.txt", data)) == "not a text file (binary content)"


def test_zero_byte_docx(write_file: WriteFile) -> None:
    assert failure(write_file("leeg.docx", b"")) == "not a valid Word document (empty file)"


def test_truncated_docx(make_docx: MakeDocx, tmp_path: Path) -> None:
    whole = make_docx("heel.docx", ["Interviewer: Hallo."]).read_bytes()
    path = tmp_path / "kapot.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert re.fullmatch(r"not a valid Word document \(.*(truncated|damaged).*\)", failure(path))


def test_zip_that_is_not_a_word_document(write_file: WriteFile) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"\xff\xd8\xff")
    message = failure(write_file("archief.docx", buffer.getvalue()))
    assert message == "not a valid Word document (a zip archive without word/document.xml)"


def test_old_doc_renamed_docx(write_file: WriteFile) -> None:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    assert "old .doc format" in failure(write_file("oud.docx", ole2))


def test_zero_byte_odt(write_file: WriteFile) -> None:
    assert failure(write_file("leeg.odt", b"")) == "not a valid OpenDocument text (empty file)"


def test_zip_that_is_not_an_odt(write_file: WriteFile) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x.txt", "x")
    message = failure(write_file("x.odt", buffer.getvalue()))
    assert message == "not a valid OpenDocument text (a zip archive without content.xml)"


def test_unknown_extension(write_file: WriteFile) -> None:
    assert failure(write_file("notulen.xyz", b"hallo")) == (
        "unsupported format '.xyz' (supported: .docx, .md, .odt, .rtf, .srt, .txt, .vtt)"
    )


def test_no_extension(write_file: WriteFile) -> None:
    assert failure(write_file("notulen", b"hallo")).startswith("unsupported format '(none)'")


def test_vtt_with_broken_timestamp(write_file: WriteFile) -> None:
    vtt = (
        b"WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.500\nHallo.\n\n2\n00:00:03.5OO --> 00:00:05\nJa.\n"
    )
    assert failure(write_file("t.vtt", vtt)) == (
        "not a valid WebVTT file (line 8: bad cue timing '00:00:03.5OO --> 00:00:05')"
    )


def test_vtt_with_seconds_out_of_range(write_file: WriteFile) -> None:
    vtt = b"WEBVTT\n\n00:00:61.000 --> 00:01:03.000\nHallo.\n"
    assert "line 3: bad cue timing" in failure(write_file("t.vtt", vtt))


def test_vtt_cue_ending_before_it_starts(write_file: WriteFile) -> None:
    vtt = b"WEBVTT\n\n00:00:09.000 --> 00:00:03.000\nHallo.\n"
    assert "line 3: cue ends before it starts" in failure(write_file("t.vtt", vtt))


def test_vtt_without_webvtt_header(write_file: WriteFile) -> None:
    message = failure(write_file("t.vtt", b"00:00:01.000 --> 00:00:02.000\nHallo.\n"))
    assert message.startswith("not a valid WebVTT file (line 1: expected the WEBVTT header")


def test_vtt_without_cues_is_empty(write_file: WriteFile) -> None:
    assert failure(write_file("t.vtt", b"WEBVTT\n\nNOTE nothing here\n")) == "empty transcript"


def test_srt_with_broken_timestamp(write_file: WriteFile) -> None:
    srt = b"1\n00:00:01,000 --> 00:00:02,000\nHoi.\n\n2\n00:00:03,000 --> 00:00:0x,000\nJa.\n"
    assert failure(write_file("t.srt", srt)) == (
        "not a valid SubRip file (line 6: bad cue timing '00:00:03,000 --> 00:00:0x,000')"
    )


def test_srt_that_is_not_srt(write_file: WriteFile) -> None:
    message = failure(write_file("t.srt", b"Gewoon een tekst.\nMet twee regels.\n"))
    assert message == "not a valid SubRip file (line 1: unexpected text 'Gewoon een tekst.')"


def test_rtf_that_is_not_rtf(write_file: WriteFile) -> None:
    assert failure(write_file("t.rtf", b"Interviewer: hallo")) == (
        "not an RTF file (it does not start with {\\rtf)"
    )


def test_file_over_the_size_limit(write_file: WriteFile) -> None:
    path = write_file("groot.txt", b"Interviewer: " + b"bla " * 600)
    assert failure(path, max_bytes=1024) == "too large (2.4 KB, limit 1 KB)"


def test_size_limit_is_reported_in_megabytes(write_file: WriteFile) -> None:
    path = write_file("groot.txt", b"x" * (3 * 1024 * 1024 + 1))
    assert failure(path, max_bytes=2 * 1024 * 1024) == "too large (3 MB, limit 2 MB)"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "map.txt"
    folder.mkdir()
    assert failure(folder) == "is a directory, not a file"


def test_other_opendocument_type_renamed_odt(write_file: WriteFile) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    message = failure(write_file("rekenblad.odt", buffer.getvalue()))
    assert message == (
        "not a valid OpenDocument text "
        "(a different kind of OpenDocument file: application/vnd.oasis.opendocument.spreadsheet)"
    )
