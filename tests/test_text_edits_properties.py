"""Properties of correcting a coded text, for random edits: untouched codings keep their text,
undo gives back every row exactly.

The texts are words of characters that occur once each (CJK ideographs), and
inserted text uses other characters, so that "the characters an edit did not
touch" has one meaning: with repeated letters, a diff may equally well say
that the first or the second "a" of "aa" was deleted. An edit touches the
words it changes or attaches to (``diffing.whole_words``): a coding on other
words, however close, must cover exactly the same characters afterwards.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from codebook.db.models import Base
from codebook.domain.documents import ImportRequest
from codebook.project import Project
from codebook.services.project_store import open_project
from codebook.services.text_edits.diffing import text_diff
from codebook.services.text_edits.remap import OffsetMap, coding_range

WORD_CHARS = [chr(0x4E00 + i) for i in range(400)]
# inserted text: other characters, and spaces often enough to start or end it
INSERTED = [*(chr(0x3400 + i) for i in range(10)), " ", " ", " ", " "]
LABELS = ("Interviewer", "Respondent")


@dataclass(frozen=True)
class Edit:
    """Replace ``length`` characters at ``at`` (offsets into the original) by ``text``."""

    at: int
    length: int
    text: str


@st.composite
def words(draw: st.DrawFn, lengths: list[int], used: set[str]) -> list[str]:
    out = []
    for length in lengths:
        word = "".join(
            draw(st.sampled_from([c for c in WORD_CHARS if c not in used])) for _ in range(length)
        )
        used.update(word)
        out.append(word)
    return out


@st.composite
def turn_texts(draw: st.DrawFn, turns: int) -> list[str]:
    """``turns`` texts of one to six words; no character twice in all of them."""
    used: set[str] = set()
    texts = []
    for _ in range(turns):
        lengths = draw(st.lists(st.integers(1, 4), min_size=1, max_size=6))
        texts.append(" ".join(draw(words(lengths, used))))
    return texts


@st.composite
def edits_within(draw: st.DrawFn, regions: list[tuple[int, int]]) -> list[Edit]:
    """Up to three edits inside each region (a turn's text), a character apart, never
    deleting all of it."""
    out = []
    for start, end in regions:
        points = sorted(draw(st.sets(st.integers(start, end - 1), max_size=3)))
        for i, at in enumerate(points):
            limit = (points[i + 1] - 1 if i + 1 < len(points) else end) - at
            if len(points) == 1 and at == start:
                limit -= 1
            length = draw(st.integers(0, max(limit, 0)))
            text = draw(st.text(st.sampled_from(INSERTED), max_size=5))
            if length or text:
                out.append(Edit(at, length, text))
    return out


def applied(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.at, reverse=True):
        text = text[: edit.at] + edit.text + text[edit.at + edit.length :]
    return text


def touched_region(text: str, edit: Edit) -> tuple[int, int]:
    """The characters of ``text`` an edit changes or attaches to: whole words.

    An edit attaches to the word beside it when a letter of the old or new
    text touches it, and also when it deletes the space between two words:
    "week twee" becoming "weektwee" changes both words, so a coding on "week"
    is touched (the diff may as well read it as "twee" appended to "week").
    """
    start, end = edit.at, edit.at + edit.length
    old = text[start:end]
    after = edit.text or text[end : end + 1]  # what follows the left word once edited
    before = edit.text or text[start - 1 : start] if start else edit.text
    if start > 0 and text[start - 1].isalnum() and (old[:1].isalnum() or after[:1].isalnum()):
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    if end < len(text) and text[end].isalnum() and (old[-1:].isalnum() or before[-1:].isalnum()):
        while end < len(text) and text[end].isalnum():
            end += 1
    return start, end


def untouched(text: str, edits: list[Edit], start: int, end: int) -> bool:
    for edit in edits:
        first, last = touched_region(text, edit)
        if first < end and start < last:
            return False
        if first == last and start < edit.at < end:
            return False
    return True


def word_spans(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for word in text.split(" "):
        spans.append((at, at + len(word)))
        at += len(word) + 1
    return spans


@st.composite
def coded_text(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], list[Edit]]:
    (text,) = draw(turn_texts(1))
    spans = word_spans(text)
    codings = []
    for _ in range(draw(st.integers(1, 8))):
        first = draw(st.integers(0, len(spans) - 1))
        last = draw(st.integers(first, len(spans) - 1))
        codings.append((spans[first][0], spans[last][1]))
    return text, codings, draw(edits_within([(0, len(text))]))


@settings(max_examples=300, deadline=None)
@given(coded_text())
def test_a_coding_no_edit_touched_keeps_its_characters(
    case: tuple[str, list[tuple[int, int]], list[Edit]],
) -> None:
    text, codings, edits = case
    new = applied(text, edits)
    offsets = OffsetMap(text_diff(text, new))
    for start, end in codings:
        found = coding_range(offsets, text, new, start, end)
        if untouched(text, edits, start, end):
            assert found is not None and new[found[0] : found[1]] == text[start:end]
        elif found is not None:
            assert 0 <= found[0] < found[1] <= len(new)


# --------------------------------------------------------------------------- through the door


def content(location: Path) -> dict[str, list[tuple[Any, ...]]]:
    store = open_project(location)
    try:
        with store.read() as session:
            return {
                name: [
                    tuple(r)
                    for r in session.execute(select(table).order_by(*table.primary_key.columns))
                ]
                for name, table in Base.metadata.tables.items()
                if name in ("document", "turn", "coding", "memo")
            }
    finally:
        store.close()


@st.composite
def coded_transcript(
    draw: st.DrawFn,
) -> tuple[str, list[tuple[int, int]], list[Edit]]:
    texts = draw(turn_texts(draw(st.integers(2, 5))))
    transcript, regions, at = "", [], 0
    for i, spoken in enumerate(texts):
        label = f"{LABELS[i % 2]}: "
        regions.append((at + len(label), at + len(label) + len(spoken)))
        transcript += label + spoken + "\n"
        at = len(transcript)
    spans = [(s + a, s + b) for s, e in regions for a, b in word_spans(transcript[s:e])]
    codings = set()
    for _ in range(draw(st.integers(1, 10))):
        first = draw(st.integers(0, len(spans) - 1))
        last = draw(st.integers(first, min(first + 4, len(spans) - 1)))
        codings.add((spans[first][0], spans[last][1]))
    return transcript, sorted(codings), draw(edits_within(regions))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(coded_transcript())
def test_a_replacement_keeps_untouched_codings_and_undo_restores_every_row(
    case: tuple[str, list[tuple[int, int]], list[Edit]],
) -> None:
    transcript, codings, edits = case
    corrected = applied(transcript, edits)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / "gesprek.txt").write_text(transcript, encoding="utf-8")
        (tmp / "verbeterd.txt").write_text(corrected, encoding="utf-8")
        with Project.create(tmp / "p.db", "t", "nl", coder="anna") as project:
            project.import_transcripts([tmp / "gesprek.txt"], ImportRequest())
            project.create_code("Thema")
            ids = {project.code("gesprek", "Thema", s, e).id: (s, e) for s, e in codings}
            before = content(tmp / "p.db")

            plan = project.plan_replacement("gesprek", tmp / "verbeterd.txt", force=True)
            project.apply_text_edit(plan)

            after = {c.id: c.text for c in project.codings(document="gesprek")}
            for coding_id, (start, end) in ids.items():
                if untouched(transcript, edits, start, end):
                    assert after[coding_id] == transcript[start:end]
            assert project.open_document("gesprek").text == corrected
            changed = content(tmp / "p.db")
            if edits:
                assert project.undo() == "replace text of 'gesprek.txt'"
                assert content(tmp / "p.db") == before
                assert project.redo() == "replace text of 'gesprek.txt'"
                assert content(tmp / "p.db") == changed
