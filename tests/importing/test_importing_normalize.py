from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codebook.services.importing.normalize import Normalizer, normalize_text, stray_spans


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
    raw = "a\x00b\x07c\td\ne\x1bf\x7fg\x80h\x9fi\ufeffj"
    assert normalize_text(raw) == "abc\td\nefghij"


def test_control_between_letter_and_accent_does_not_block_composition() -> None:
    assert normalize_text("e\x00\u0301") == "é"


def test_emoji_astral_and_joiners_are_kept() -> None:
    text = "👍 𝄞 👩\u200d💻 ½ ﬁ"
    assert normalize_text(text) == text


def test_line_breaks_that_are_not_line_ends_become_spaces() -> None:
    raw = "een\x0btwee\x0cdrie\x85vier\u2028vijf\u2029zes"
    assert normalize_text(raw) == "een twee drie vier vijf zes"


def test_terminal_escape_sequences_are_removed_whole() -> None:
    raw = "\x1b[1;31mRood\x1b[0m en \x1b]0;venstertitel\x07klaar\x1b]8;;https://x.nl\x1b\\ \x1b(Bok"
    assert normalize_text(raw) == "Rood en klaar ok"


def test_a_lone_escape_is_removed_and_the_text_after_it_kept() -> None:
    assert normalize_text("Ja\x1b, zeker\x1b") == "Ja, zeker"


def test_bidirectional_overrides_and_isolates_are_removed() -> None:
    raw = "\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069i"
    assert normalize_text(raw) == "abcdefghi"


def test_direction_marks_and_joiners_are_kept() -> None:
    text = "قال \u200fنعم\u200f. 👩\u200d💻 \u200e(1)\u200e \u061c"
    assert normalize_text(text) == text


def test_the_normalizer_counts_what_it_removed_by_kind() -> None:
    normalizer = Normalizer()
    first = normalizer.normalize("a\x00\x00b\x07 \x1b[31mrood\x1b[0m \u202ex\u2028y")
    second = normalizer.normalize("c\x00\u2066d\u2069\x85e")
    assert (first, second) == ("ab rood x y", "cd e")
    assert normalizer.warnings() == (
        "removed 4 control characters: 3 NUL, 1 BEL",
        "removed 2 terminal escape sequences (colours or window titles for a terminal)",
        "removed 3 bidirectional controls that can reorder text on screen: "
        "1 U+202E RIGHT-TO-LEFT OVERRIDE, 1 U+2066 LEFT-TO-RIGHT ISOLATE, "
        "1 U+2069 POP DIRECTIONAL ISOLATE",
        "replaced 2 line breaks that are not a line end by a space: 1 U+2028 LINE SEPARATOR, 1 NEL",
    )


def test_a_clean_text_gives_no_warning() -> None:
    normalizer = Normalizer()
    assert normalizer.normalize("a\r\nb\tc 👍\u200d") == "a\nb\tc 👍\u200d"
    assert normalizer.warnings() == ()


def test_stray_carriage_returns_become_spaces_in_a_text_with_line_feeds() -> None:
    normalizer = Normalizer()
    spaced = normalizer.space_stray_carriage_returns("a\rb\r\rc\r\nd\r\r\ne\n\rf")
    assert spaced == "a b  c\nd\ne\n f"
    assert normalizer.warnings() == (
        "replaced 4 line breaks that are not a line end by a space: 4 CR",
    )


def test_carriage_returns_stay_line_ends_in_a_text_without_line_feeds() -> None:
    normalizer = Normalizer()
    assert normalizer.space_stray_carriage_returns("a\rb\r\rc") == "a\rb\r\rc"
    assert normalizer.warnings() == ()


def test_stray_spans_say_what_normalization_removes_and_replaces() -> None:
    raw = "a\x00b\x1b[0mc\u2028d\u202ee"
    assert stray_spans(raw) == [(1, 2, ""), (3, 7, ""), (8, 9, " "), (10, 11, "")]


# ---------------------------------------------------------------------------
# properties

# A lone ESC is left out: it takes what follows along when that reads as a sequence.
REMOVED = [chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20))]
REMOVED += [chr(c) for c in (*range(0x7F, 0x85), *range(0x86, 0xA0))] + ["\ufeff"]
REMOVED += [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
LINE_BREAKS = ["\x0b", "\x0c", "\x85", "\u2028", "\u2029"]
SEQUENCES = ["\x1b[31m", "\x1b[0m", "\x1b[2J", "\x1b]0;titel\x07", "\x1b]8;;u\x1b\\", "\x1b(B"]
FORBIDDEN = set(REMOVED) | set(LINE_BREAKS) | {"\r", "\x1b"}

# Text without anything normalization takes out: letters of any script, marks,
# emoji, joiners, direction marks, tabs and line feeds.
BASE_TEXT = st.text(
    st.characters(
        codec="utf-8",
        exclude_characters="".join(FORBIDDEN),
    )
)


def sprinkle(base: str, insertions: list[tuple[int, str]]) -> str:
    """``base`` with each stray put before the character at its position (never in another)."""
    before: dict[int, list[str]] = {}
    for position, stray in insertions:
        before.setdefault(position % (len(base) + 1), []).append(stray)
    pieces: list[str] = []
    for index in range(len(base) + 1):
        pieces.extend(before.get(index, []))
        pieces.append(base[index : index + 1])
    return "".join(pieces)


@settings(max_examples=300, deadline=None)
@given(BASE_TEXT, st.lists(st.tuples(st.integers(0), st.sampled_from(REMOVED + SEQUENCES))))
def test_removed_characters_leave_every_other_character_in_order(
    base: str, insertions: list[tuple[int, str]]
) -> None:
    normalizer = Normalizer()
    normalized = normalizer.normalize(sprinkle(base, insertions))
    assert normalized == unicodedata.normalize("NFC", base)
    assert not FORBIDDEN & set(normalized)
    assert bool(normalizer.warnings()) == bool(insertions)


@settings(max_examples=300, deadline=None)
@given(
    BASE_TEXT,
    st.lists(st.tuples(st.integers(0), st.sampled_from([*LINE_BREAKS, *REMOVED]))),
)
def test_line_breaks_become_spaces_and_keep_the_text_around_them(
    base: str, insertions: list[tuple[int, str]]
) -> None:
    sprinkled = sprinkle(base, insertions)
    expected = "".join(" " if char in LINE_BREAKS else char for char in sprinkled)
    expected = "".join(char for char in expected if char not in REMOVED)
    assert normalize_text(sprinkled) == unicodedata.normalize("NFC", expected)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.characters(codec="utf-8"), st.sampled_from([*sorted(FORBIDDEN), *SEQUENCES]))
    ).map("".join)
)
def test_nothing_that_acts_on_a_terminal_or_on_text_direction_survives(raw: str) -> None:
    normalized = normalize_text(raw)
    assert not (FORBIDDEN & set(normalized))
    assert normalize_text(normalized) == normalized
