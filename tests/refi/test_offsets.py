"""Selections from other tools land on the same characters in our normalized text, whatever
the producer counted (code points or UTF-16 units, a BOM, CRLF) and however the text is
stored (BOM, CRLF, decomposed accents, characters beyond the BMP)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from codebook.services.importing.normalize import normalize_text
from codebook.services.refi.offsets import (
    CODE_POINTS,
    UTF16_UNITS,
    Aligned,
    Counting,
    Unit,
    align,
    detect,
)

WORDS = ["Marieke", "vertelt", "over", "haar", "café", "en", "de", "school", "tijd", "samen"]


def build(
    pieces: list[str], counting: Counting, *, bom: bool = False
) -> tuple[str, list[tuple[int, int]], list[str]]:
    """A stored text of ``pieces``; every odd piece is selected, its offsets in ``counting``.

    Returns the text, the selections and what each must cover in our normalized text.
    No piece may split a CRLF or a character.
    """
    position = 1 if bom and counting.bom_counted else 0
    selections, expected = [], []
    for index, piece in enumerate(pieces):
        length = counting.length(piece)
        if index % 2:
            selections.append((position, position + length))
            expected.append(normalize_text(piece))
        position += length
    return ("\ufeff" if bom else "") + "".join(pieces), selections, expected


def covered(
    text: str, selections: list[tuple[int, int]], counting: Counting | None = None
) -> tuple[Aligned, list[str | None]]:
    """The alignment, and the text each selection covers in our normalized text."""
    aligned = align(text, selections, counting)
    assert aligned.text == normalize_text(text)
    return aligned, [aligned.text[r[0] : r[1]] if r else None for r in aligned.ranges]


# A text that tells UTF-16 units from code points: characters beyond the BMP (an emoji, an
# emoji with a skin-tone modifier, CJK extension B) and decomposed accents before and
# between the selected words.
NVIVO_PIECES = [
    "Ze lacht 😀 en zegt: 👍🏽 prima, 𠀀 klopt. Cafe\u0301 ",
    "gezellig",
    " 😀 en dan ",
    "samenwerking",
    ", re\u0301sume\u0301 👍🏽 ",
    "de schoolleider",
    " 𠀀😀 ",
    "tijd",
    " voor e\u0301e\u0301n ",
    "café",
    " 👍🏽. ",
    "Einde",
    ".",
]


def test_a_utf16_producer_is_detected_and_every_selection_covers_its_words() -> None:
    counting = Counting(UTF16_UNITS)
    text, selections, expected = build(NVIVO_PIECES, counting)
    aligned, texts = covered(text, selections)
    assert aligned.counting == counting
    assert aligned.counting.describe() == "UTF-16 code units"
    assert texts == expected
    assert texts[-2] == "café"  # composed (NFC) in our text


def test_the_same_text_with_code_point_offsets_is_detected_as_code_points() -> None:
    text, selections, expected = build(NVIVO_PIECES, Counting(CODE_POINTS))
    aligned, texts = covered(text, selections)
    assert aligned.counting == Counting(CODE_POINTS)
    assert aligned.counting.describe() == "code points"
    assert texts == expected


def test_a_bom_counted_or_not_is_detected() -> None:
    pieces = ["Dit ", "is", " een ", "tekst", " met ", "een BOM", " ervoor."]
    for bom_counted in (False, True):
        counting = Counting(bom_counted=bom_counted)
        text, selections, expected = build(pieces, counting, bom=True)
        aligned, texts = covered(text, selections)
        assert aligned.counting == counting
        assert texts == expected
    assert Counting(bom_counted=True).describe() == "code points (a BOM counted)"


def test_crlf_counted_as_two_or_as_one_is_detected() -> None:
    pieces = ["Interviewer: Hoe gaat het?\r\n", "Marieke", ": Goed.\r\n\r\n", "Interviewer"]
    pieces += [": En de school?\r\n", "Marieke: Ook goed", ".\r\n"]
    for cr_counted in (True, False):
        counting = Counting(cr_counted=cr_counted)
        text, selections, expected = build(pieces, counting)
        aligned, texts = covered(text, selections)
        assert aligned.counting == counting
        assert texts == expected
        assert "\r" not in aligned.text
    assert Counting(cr_counted=False).describe() == "code points (CRLF counted as one)"


def test_everything_at_once_bom_crlf_utf16_and_decomposed_accents() -> None:
    pieces = [line.replace("\n", "\r\n") for line in NVIVO_PIECES]
    for counting in (
        Counting(UTF16_UNITS, bom_counted=False, cr_counted=True),
        Counting(UTF16_UNITS, bom_counted=True, cr_counted=False),
        Counting(CODE_POINTS, bom_counted=True, cr_counted=True),
    ):
        text, selections, expected = build([*pieces[:3], "\r\n", *pieces[3:]], counting, bom=True)
        aligned, texts = covered(text, selections)
        assert aligned.counting == counting, counting
        assert texts == expected


def test_plain_text_maps_by_identity_and_outside_selections_are_none() -> None:
    text = "Een gewone tekst zonder bijzonderheden."
    aligned = align(text, [(0, 3), (4, 10), (30, 60), (5, 5), (-1, 2), (7, 3)])
    assert aligned.text == text
    assert aligned.counting == Counting()
    assert aligned.ranges == [(0, 3), (4, 10), None, None, None, None]


def test_selections_beyond_a_special_text_are_none() -> None:
    text = "caf\u00e9 😀 ok"
    aligned = align(text, [(0, 4), (0, 99), (8, 7)], Counting(UTF16_UNITS))
    assert aligned.ranges == [(0, 4), None, None]


def test_a_position_inside_a_decomposed_letter_widens_to_the_whole_letter() -> None:
    text = "re\u0301sume\u0301 klopt"  # résumé, both accents decomposed
    # start before the cluster "e\u0301" stays before "é"; an end between "e" and its accent
    # moves after "é"; a start between them moves before it.
    assert covered(text, [(1, 2), (2, 4), (0, 7)], Counting())[1] == ["é", "és", "résumé"]


def test_a_position_inside_a_surrogate_pair_widens_to_the_whole_character() -> None:
    text = "a😀b"
    assert covered(text, [(0, 2), (2, 4)], Counting(UTF16_UNITS))[1] == ["a😀", "😀b"]


def test_the_length_of_a_text_in_each_counting() -> None:
    text = "\ufeffa😀\r\nb"
    assert Counting().length(text) == 5
    assert Counting(UTF16_UNITS).length(text) == 6
    assert Counting(bom_counted=True, cr_counted=False).length(text) == 5
    assert align(text, [(0, Counting(UTF16_UNITS).length(text))], Counting(UTF16_UNITS)).ranges == [
        (0, len(normalize_text(text)))
    ]


def test_detect_without_selections_takes_the_usual_counting() -> None:
    assert detect("\ufeffa😀\r\nb", []) == Counting()
    assert detect("plain", [(0, 2)]) == Counting()


def test_a_large_text_with_many_selections() -> None:
    separators = [" ", " ", " 😀 e\u0301n\r\n", " ", ", 👍🏽 "]
    pieces = []
    for index in range(20000):
        pieces += [separators[index % len(separators)], WORDS[index % len(WORDS)]]
    for counting in (Counting(), Counting(UTF16_UNITS, cr_counted=False)):
        text, selections, expected = build(pieces, counting)
        aligned, texts = covered(text, selections)
        assert aligned.counting == counting
        assert texts == expected


# ---------------------------------------------------------------------------
# property: at every piece boundary, every counting maps exactly

TOKENS = st.sampled_from(
    [
        "ab",
        "word",
        " ",
        "\n",
        "\r\n",
        "\rx",
        "\t",
        "😀",
        "👍🏽",
        "𠀀",
        "e\u0301",
        "é",
        "A\u030a",
        "\u212b",  # ANGSTROM SIGN: NFC turns it into Å
        "x\u0323\u0307",  # two marks NFC reorders and partly composes
        "\u1100\u1161",  # Hangul jamo NFC composes into one syllable
        "\x07",
        "\ufeff",
        "\u0085",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(TOKENS, min_size=1, max_size=30),
    st.booleans(),
    st.sampled_from([CODE_POINTS, UTF16_UNITS]),
    st.booleans(),
    st.booleans(),
)
def test_every_counting_maps_piece_boundaries_exactly(
    tokens: list[str], bom: bool, unit: Unit, bom_counted: bool, cr_counted: bool
) -> None:
    counting = Counting(unit, bom_counted, cr_counted)
    text = ("\ufeff" if bom else "") + "".join(tokens)
    boundaries = [
        counting.length(("\ufeff" if bom else "") + "".join(tokens[:k]))
        for k in range(len(tokens) + 1)
    ]
    pairs = [(a, b) for a in range(len(tokens)) for b in range(a + 1, len(tokens) + 1)]
    aligned = align(text, [(boundaries[a], boundaries[b]) for a, b in pairs], counting)
    assert aligned.text == normalize_text(text)
    for (a, b), found in zip(pairs, aligned.ranges, strict=True):
        expected = normalize_text("".join(tokens[a:b]))
        if expected:
            assert found is not None
            assert aligned.text[found[0] : found[1]] == expected
        else:
            assert found is None
