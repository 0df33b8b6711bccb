"""The remapping rules on small texts: what an edit does to the passage a coding covers."""

from __future__ import annotations

import pytest

from codebook.services.text_edits.diffing import ANCHOR, Hunk, landmarks, text_diff
from codebook.services.text_edits.remap import OffsetMap, coding_range

TEXT = "Hij gaf ons elke week twee uur. Zonder die tijd lukt het niet."


def moved(old: str, new: str, phrase: str) -> str | None:
    """The text the coding on ``phrase`` covers after ``old`` became ``new``; None: vanished."""
    start = old.index(phrase)
    found = coding_range(OffsetMap(text_diff(old, new)), old, new, start, start + len(phrase))
    return None if found is None else new[found[0] : found[1]]


@pytest.mark.parametrize(
    ("new", "phrase", "expected"),
    [
        # untouched text moves with the edits before it
        ("Zij gaf ons elke week twee uur. Zonder die tijd lukt het niet.", "twee uur", "twee uur"),
        # text inserted right at an edge stays outside, inside is covered
        (TEXT.replace("twee uur", "wel twee uur"), "twee uur", "twee uur"),
        (TEXT.replace("twee uur", "twee volle uur"), "twee uur", "twee volle uur"),
        # an edge inside a replaced word snaps to cover the whole new word
        (TEXT.replace("elke week", "maandelijks"), "elke", "maandelijks"),
        (TEXT.replace("tijd", "tijdje"), "die tijd", "die tijdje"),
        (TEXT.replace("twee", "drie"), "twee uur", "drie uur"),
        # a passage whose characters are all deleted vanishes
        (TEXT.replace(" Zonder die tijd lukt het niet.", ""), "Zonder die tijd", None),
        (TEXT.replace("elke week ", ""), "elke", None),
        # a deletion inside shortens the passage, one at an edge trims it
        (TEXT.replace("elke week ", ""), "ons elke week twee", "ons twee"),
        (TEXT.replace("ons elke", "ons"), "elke week", "week"),
        (TEXT.replace(" elke", ""), "elke week", "week"),
        (TEXT.replace("elke week twee", "elke  twee"), "week twee", "twee"),
    ],
)
def test_a_coding_follows_its_text(new: str, phrase: str, expected: str | None) -> None:
    assert moved(TEXT, new, phrase) == expected


def test_a_word_edit_stays_in_its_word() -> None:
    """An edit inside a word replaces the word; one beside it leaves the word alone."""
    new = TEXT.replace("uur.", "uur, echt.").replace("tijd", "tijdje")
    diff = text_diff(TEXT, new)
    dot, word = TEXT.index(". Zonder"), TEXT.index("tijd")
    assert diff.hunks == (
        Hunk(dot, dot, dot, dot + len(", echt")),
        Hunk(word, word + 4, word + 6, word + 6 + len("tijdje")),
    )
    assert (diff.inserted, diff.deleted) == (12, 4)
    assert diff.kept_share == (len(TEXT) - 4) / len(new)


def test_unchanged_stretches_are_found_back() -> None:
    new = "Zij gaf ons elke week twee uur. Zonder die tijd lukt het niet."
    offsets = OffsetMap(text_diff(TEXT, new))
    assert offsets.unchanged_source(4, 10) == (4, 10)
    assert offsets.unchanged_source(0, 5) is None
    longer = OffsetMap(text_diff(TEXT, "Nou. " + TEXT))
    assert longer.unchanged_source(5, 10) == (0, 5)
    assert longer.unchanged_source(3, 10) is None


def test_a_long_text_is_compared_piece_by_piece() -> None:
    """Every line corrected: cut at landmarks, each correction is found as itself."""
    lines = [
        f"Sanne: In week {n} hadden we {n % 7} uur voor de werkplaats nodig." for n in range(400)
    ]
    old = "\n".join(lines) + "\n"
    new = "\n".join(line.replace(" nodig", " echt nodig") for line in lines) + "\n"
    marks = landmarks(old, new)
    assert len(marks) > 10
    assert all(old[a : a + ANCHOR] == new[b : b + ANCHOR] for a, b in marks)

    diff = text_diff(old, new)

    assert len(diff.hunks) == 400 and (diff.inserted, diff.deleted) == (400 * 5, 0)
    rebuilt, at = [], 0
    for hunk in diff.hunks:
        rebuilt += [old[at : hunk.old_start], new[hunk.new_start : hunk.new_end]]
        at = hunk.old_end
    assert "".join([*rebuilt, old[at:]]) == new
