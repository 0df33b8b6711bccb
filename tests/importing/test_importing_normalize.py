from __future__ import annotations

import pytest

from codebook.services.importing.normalize import normalize_text


def test_leading_bom_is_removed() -> None:
    assert normalize_text("\ufeffInterviewer: ja") == "Interviewer: ja"


@pytest.mark.parametrize("line_end", ["\r\n", "\r", "\n"])
def test_line_ends_become_newlines(line_end: str) -> None:
    assert normalize_text(f"a{line_end}b{line_end}") == "a\nb\n"


def test_crlf_is_one_line_end_not_two() -> None:
    assert normalize_text("a\r\n\r\nb") == "a\n\nb"


def test_combining_accents_are_composed() -> None:
    assert normalize_text("cafe\u0301 reu\u0308nie") == "café reünie"


def test_control_characters_are_removed_but_tab_and_newline_kept() -> None:
    raw = "a\x00b\x07c\td\ne\x1bf\x7fg\x85h\x9fi\ufeffj"
    assert normalize_text(raw) == "abc\td\nefghij"


def test_control_between_letter_and_accent_does_not_block_composition() -> None:
    assert normalize_text("e\x00\u0301") == "é"


def test_emoji_astral_and_joiners_are_kept() -> None:
    text = "👍 𝄞 👩\u200d💻 ½ ﬁ"
    assert normalize_text(text) == text
