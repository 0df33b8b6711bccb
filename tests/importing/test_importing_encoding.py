from __future__ import annotations

import codecs
import gzip
import io
import os
import zipfile

import pytest

from codebook.domain import ImportFailed
from codebook.services.importing.encoding import decode_text

DUTCH = "Geïnterviewde: Ik vond het “heel” goed – echt waar. Ook voor één reünie.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (DUTCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + DUTCH.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + DUTCH.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + DUTCH.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + DUTCH.encode("utf-32-le"), "utf-32-le"),
        (DUTCH.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_recognised(data: bytes, encoding: str) -> None:
    assert decode_text(data, "t.txt") == (DUTCH, encoding)


def test_cp1252_without_windows_punctuation_is_still_cp1252() -> None:
    text = "Geïnterviewde: Ik vond het heel goed, echt waar.\n"
    assert decode_text(text.encode("cp1252"), "t.txt") == (text, "cp1252")


def test_short_cp1252_with_curly_quotes_is_cp1252() -> None:
    assert decode_text("I: “Ja”\n".encode("cp1252"), "t.txt") == ("I: “Ja”\n", "cp1252")


def test_cyrillic_single_byte_text_is_not_forced_into_cp1252() -> None:
    text = "Привет, как дела? Это тест на кириллице, и всё хорошо. " * 3
    decoded = decode_text(text.encode("cp1251"), "t.txt")
    assert decoded.text == text


def test_utf16_without_bom_is_recognised() -> None:
    assert decode_text(DUTCH.encode("utf-16-le"), "t.txt") == (DUTCH, "utf-16-le")


def test_a_png_header_means_binary() -> None:
    with pytest.raises(ImportFailed, match=r"^t\.txt: not a text file \(binary content\)$"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "t.txt")


def test_control_characters_mean_binary() -> None:
    with pytest.raises(ImportFailed, match="not a text file"):
        decode_text(bytes(range(1, 32)) * 20, "t.txt")


def test_bytes_charset_normalizer_refuses_are_binary() -> None:
    with pytest.raises(ImportFailed, match=r"^t\.txt: not a text file \(binary content\)$"):
        decode_text(bytes(range(0x80, 0x100)) * 8, "t.txt")


def test_broken_text_after_a_bom_names_the_encoding() -> None:
    with pytest.raises(ImportFailed, match=r"^t\.txt: not valid UTF-8 text"):
        decode_text(codecs.BOM_UTF8 + b"ok \xff\xfe", "t.txt")


def test_utf8_with_a_stray_cp1252_byte_keeps_the_utf8_characters() -> None:
    data = "Geïnterviewde: één reünie ".encode() + "“ja”".encode("cp1252") + b"\n"
    assert decode_text(data, "t.txt") == ("Geïnterviewde: één reünie “ja”\n", "utf-8+cp1252")


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("interview.txt", DUTCH * 20)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"IHDR" + DUTCH.encode() * 5,
        b"\xff\xd8\xff\xe0" + DUTCH.encode() * 5,
        b"GIF89a" + DUTCH.encode() * 5,
        b"%PDF-1.7\n" + DUTCH.encode() * 5,
        zip_archive(),
        gzip.compress(DUTCH.encode() * 20),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + DUTCH.encode("utf-16-le") * 5,
        b"\x00\x00\x00\x20ftypisom" + DUTCH.encode() * 5,
    ],
    ids=["png", "jpeg", "gif", "pdf", "zip", "gzip", "ole2-doc", "mp4"],
)
def test_common_binary_formats_are_refused_by_how_they_start(data: bytes) -> None:
    # most are followed by readable text: only how they start tells them from a transcript
    with pytest.raises(ImportFailed, match=r"^t\.txt: not a text file \(binary content\)$"):
        decode_text(data, "t.txt")


@pytest.mark.parametrize("size", [512, 4096, 65536])
def test_random_bytes_are_binary(size: int) -> None:
    with pytest.raises(ImportFailed, match=r"^t\.txt: not a text file \(binary content\)$"):
        decode_text(os.urandom(size), "t.txt")


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_transcript_with_a_few_nuls_and_bells_is_text(encoding: str) -> None:
    text = DUTCH * 4 + "R: Ja\x00 dat\x00 klopt.\x07\n"
    assert decode_text(text.encode(encoding), "t.txt") == (text, encoding)


def test_terminal_colours_on_every_line_are_text() -> None:
    # two escape sequences per short line: far more ESCs than the control share allows
    text = "\x1b[1;32mInterviewer:\x1b[0m Hoe gaat het?\n\x1b[1;34mR:\x1b[0m Goed.\n" * 30
    assert decode_text(text.encode(), "t.txt") == (text, "utf-8")


def test_text_that_is_mostly_control_characters_is_binary_even_with_text_around() -> None:
    data = (DUTCH + "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 3).encode()
    with pytest.raises(ImportFailed, match="not a text file"):
        decode_text(data, "t.txt")
