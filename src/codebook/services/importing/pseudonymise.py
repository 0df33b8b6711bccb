"""Replacing real names by pseudonyms before a transcript is stored.

Replacement happens before the text and its turn offsets leave the importer,
so offsets always index the pseudonymised text and the real names never reach
the database. The mapping itself is only held in memory for the duration of
the import.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from codebook.domain import ImportFailed, TurnSpan
from codebook.services.importing.csv_files import csv_rows

_HEADER_NAMES = frozenset({"name", "naam", "real name", "echte naam", "original", "origineel"})
_HEADER_PSEUDONYMS = frozenset({"pseudonym", "pseudoniem", "alias", "replacement", "vervanging"})


class Pseudonymiser:
    """Replaces whole-word occurrences of real names, ignoring case, longest names first.

    Longest first means "Marieke de Wit" is replaced as a whole rather than
    leaving "de Wit" behind after "Marieke" was replaced. Spaces inside a name
    match any run of spaces or tabs, not line breaks, so a replacement never
    joins two lines.
    """

    def __init__(self, pseudonyms: Mapping[str, str]) -> None:
        by_key: dict[str, str] = {}
        for name, pseudonym in pseudonyms.items():
            key = _key(name)
            if key:
                # a pseudonym never spans lines, so it cannot split a turn label
                by_key[key] = " ".join(unicodedata.normalize("NFC", pseudonym).split())
        names = sorted(by_key, key=len, reverse=True)
        # One named group per name, so the replacement is found from the group
        # that matched rather than by re-deriving the name from matched text.
        self._replacements = {f"n{index}": by_key[name] for index, name in enumerate(names)}
        alternatives = "|".join(
            f"(?P<n{index}>{_name_pattern(name)})" for index, name in enumerate(names)
        )
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if names else None
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(self._replacement, text)

    def __bool__(self) -> bool:
        return self._pattern is not None

    def _replacement(self, match: re.Match[str]) -> str:
        assert match.lastgroup is not None
        return self._replacements[match.lastgroup]


def pseudonymise(text: str, pseudonyms: Mapping[str, str]) -> str:
    """``text`` with every real name in ``pseudonyms`` replaced by its pseudonym."""
    return Pseudonymiser(pseudonyms)(text)


def load_pseudonyms(path: Path) -> dict[str, str]:
    """Read ``name,pseudonym`` rows (header optional; ``;`` or tab also accepted)."""
    mapping: dict[str, str] = {}
    first_seen: dict[str, tuple[int, str]] = {}
    for index, (line, cells) in enumerate(csv_rows(path)):
        if index == 0 and _is_header(cells):
            continue
        while len(cells) > 2 and not cells[-1]:
            cells.pop()
        if len(cells) != 2:
            raise ImportFailed(
                "{file}: line {line}: expected 2 columns (name, pseudonym), found {found}",
                file=path,
                line=line,
                found=len(cells),
            )
        name, pseudonym = cells
        if not name:
            raise ImportFailed("{file}: line {line}: empty name", file=path, line=line)
        if not pseudonym:
            raise ImportFailed("{file}: line {line}: empty pseudonym", file=path, line=line)
        key = _key(name)
        earlier = first_seen.setdefault(key, (line, pseudonym))
        if earlier[1] != pseudonym:
            raise ImportFailed(
                "{file}: line {line}: '{name}' already has pseudonym '{pseudonym}' "
                "(line {earlier})",
                file=path,
                line=line,
                name=name,
                pseudonym=earlier[1],
                earlier=earlier[0],
            )
        mapping[name] = pseudonym
    return mapping


def _is_header(cells: list[str]) -> bool:
    return (
        len(cells) >= 2
        and cells[0].casefold() in _HEADER_NAMES
        and cells[1].casefold() in _HEADER_PSEUDONYMS
    )


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).lower()


def _name_pattern(key: str) -> str:
    return r"[ \t]+".join(re.escape(part) for part in key.split(" "))


def pseudonymise_turns(
    text: str, turns: Sequence[TurnSpan], pseudonymiser: Pseudonymiser
) -> tuple[str, tuple[TurnSpan, ...]]:
    """Pseudonymise text whose turns are already known, moving the offsets along.

    The text is cut at every turn boundary and each piece is replaced on its
    own, so no replacement straddles a boundary and each boundary moves by
    exactly the length change of the text before it. Turns start after a label
    and end before whitespace, so no boundary falls inside a word. Detecting
    turns before replacing means a pseudonym of any shape ("persoon 3",
    "[naam]") cannot make a label unrecognisable.
    """
    if not pseudonymiser:
        return text, tuple(turns)
    boundaries = sorted({0, len(text), *(t.start for t in turns), *(t.end for t in turns)})
    moved: dict[int, int] = {0: 0}
    pieces: list[str] = []
    length = 0
    for start, end in itertools.pairwise(boundaries):
        piece = pseudonymiser(text[start:end])
        pieces.append(piece)
        length += len(piece)
        moved[end] = length
    new_turns = tuple(
        turn._replace(
            start=moved[turn.start],
            end=moved[turn.end],
            speaker=pseudonymiser(turn.speaker) if turn.speaker is not None else None,
        )
        for turn in turns
    )
    return "".join(pieces), new_turns
