"""Reading a table in a Word or OpenDocument transcript: a conversation, or just a table.

Transcribers often type the conversation into a table: speaker in one
column, what was said in the next, perhaps a timecode column first, usually
under a header row ("Tijd | Spreker | Tekst"). Such a table is written out as
``Speaker: text`` lines (``00:01:02 Speaker: text`` with a timecode), so its
rows become turns like those of any typed transcript; its header row names
columns, not a speaker, and is left out so it never ends up in someone's turn.
A row whose speaker cell is empty goes on with the previous speaker, and a
row merged across the table ("Deel 2", "[pauze]") is kept as a line of its
own without breaking the conversation.

Any other table (the participants and the date at the top of a transcript)
is one tab-separated line per row: it is what the document says, but nobody
said it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from codebook.services.importing.speakers import is_known_label, looks_like_speaker_label

_TIMECODE = r"\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?"
# A timecode cell: "00:01:02", "[01:02]", or a range "00:01:02 - 00:01:09" (its start counts).
_TIME_CELL = re.compile(
    rf"[\[(]?(?P<start>{_TIMECODE})[\])]?(?:\s*[-–—]\s*[\[(]?{_TIMECODE}[\])]?)?"
)

# What header cells say; a row made only of these names the columns.
_COLUMN_TITLES = frozenset(
    {
        "spreker",
        "sprekers",
        "speaker",
        "speakers",
        "naam",
        "name",
        "wie",
        "who",
        "persoon",
        "person",
        "tekst",
        "text",
        "transcript",
        "transcriptie",
        "uitspraak",
        "inhoud",
        "content",
        "gesprek",
        "wat",
        "what",
        "wat er gezegd wordt",
        "what was said",
        "tijd",
        "time",
        "tijdcode",
        "timecode",
        "tijdstip",
        "timestamp",
        "time stamp",
        "begin",
        "start",
    }
)
_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")
_SPOKEN_WORDS = 5


def table_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """The lines a table's rows (cell texts, merged cells counted once) stand for."""
    if not rows:
        return []
    width = Counter(len(cells) for cells in rows).most_common(1)[0][0]
    column = _speaker_column(rows, width)
    if column is None:
        return ["\t".join(cells) for cells in rows]
    lines: list[str] = []
    for cells in rows:
        if len(cells) != width:
            lines.append("\t".join(cells))  # merged across the table: a note, not a turn
        elif _is_header(cells):
            continue
        elif not (label := _label(cells[column])):
            lines.append(cells[-1])  # the same speaker goes on
        else:
            start = _start_time(cells[0]) if column else None
            lines.append(f"{start} {label}: {cells[-1]}" if start else f"{label}: {cells[-1]}")
    return lines


def _speaker_column(rows: Sequence[Sequence[str]], width: int) -> int | None:
    """Which column names the speaker, when the table is a conversation; else None.

    A conversation has two columns (speaker, text) or three (timecode,
    speaker, text) and most of its rows name a speaker who speaks more than
    once or has a role such as "Interviewer". Without a timecode column its
    text must also read as speech: a table of roles and names ("Interviewer |
    Anna de Vries") has the same shape but holds no sentences.
    """
    if width not in (2, 3):
        return None
    column = width - 2
    full = [cells for cells in rows if len(cells) == width and not _is_header(cells)]
    if len(full) < 2:
        return None
    if column and sum(_start_time(cells[0]) is not None for cells in full) < len(full) / 2:
        return None
    labelled = [cells for cells in full if _label(cells[column])]
    named = [
        label for cells in labelled if looks_like_speaker_label(label := _label(cells[column]))
    ]
    if len(named) < 2 or len(named) < 0.6 * len(labelled):
        return None
    counts = Counter(label.casefold() for label in named)
    if not any(n >= 2 for n in counts.values()) and not any(map(is_known_label, named)):
        return None
    if not column and sum(_sounds_spoken(cells[-1]) for cells in labelled) < len(labelled) / 2:
        return None
    return column


def _is_header(cells: Sequence[str]) -> bool:
    """A row like "Tijd | Spreker | Tekst": every cell a column title."""
    titles = [" ".join(cell.strip(" :.").casefold().split()) for cell in cells]
    return any(titles) and all(not title or title in _COLUMN_TITLES for title in titles)


def _label(cell: str) -> str:
    return cell.strip().rstrip(":").strip()


def _start_time(cell: str) -> str | None:
    match = _TIME_CELL.fullmatch(cell.strip())
    return match.group("start") if match else None


def _sounds_spoken(text: str) -> bool:
    """Speech ends a sentence or runs on; a name, a role or a date does neither."""
    stripped = text.strip()
    return bool(_SENTENCE_END.search(stripped)) or len(stripped.split()) >= _SPOKEN_WORDS
