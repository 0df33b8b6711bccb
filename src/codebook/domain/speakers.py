"""The speakers of one document as counted and corrected after import.

Speaker detection guesses from the shape of a line, so an import can split one
person over two spellings, keep a role label the analyst wants to read as a
name, or glue a speaker whose label it refused into someone else's turn. These
values say what a document's speakers are and what a correction did to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from codebook.domain.errors import CodebookError


@dataclass(frozen=True)
class SpeakerCount:
    """One speaker's share of a document; ``name`` None for text without a speaker."""

    name: str | None
    turns: int
    words: int


@dataclass(frozen=True)
class DocumentSpeakers:
    """A document's speakers in order of first turn; text without a speaker comes last."""

    document: str
    speakers: tuple[SpeakerCount, ...]

    @property
    def words(self) -> int:
        """Words in all turns: the whole a speaker's share is taken of (labels do not count)."""
        return sum(count.words for count in self.speakers)

    @property
    def turns(self) -> int:
        return sum(count.turns for count in self.speakers)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(count.name for count in self.speakers if count.name is not None)

    def share(self, count: SpeakerCount) -> float:
        """The speaker's words as a fraction (0..1) of the words in all turns."""
        return count.words / self.words if self.words else 0.0


@dataclass(frozen=True)
class Renamed:
    """One speaker's turns given to another name, with the cases whose links followed."""

    old: str
    new: str
    turns: int
    cases: tuple[str, ...]


@dataclass(frozen=True)
class SpeakerEdit:
    """What a rename or merge did (nothing when ``renamed`` is empty), and the speakers after."""

    renamed: tuple[Renamed, ...]
    after: DocumentSpeakers


@dataclass(frozen=True)
class StrandedLink:
    """A case linked to a speaker who no longer has turns after a re-split."""

    case: str
    speaker: str


@dataclass(frozen=True)
class Resplit:
    """A document's turns found again with extra label shapes: counts before and after.

    ``changed`` is False when the turns found are the turns stored (nothing
    was recorded). ``new_speakers`` are the names that had no turns before,
    ``gone_speakers`` those that have none now (turns an older detector took,
    say), so the analyst sees at once what an undo would bring back;
    ``stranded`` the case links whose speaker has no turns now: they are kept
    and reported rather than dropped, so renaming the speaker back, or
    relinking, fixes them without losing the case.
    """

    changed: bool
    before: DocumentSpeakers
    after: DocumentSpeakers
    new_speakers: tuple[str, ...]
    gone_speakers: tuple[str, ...]
    stranded: tuple[StrandedLink, ...]


def parse_rename(flag: str) -> tuple[str, str]:
    """``OLD=NEW`` as typed after ``--rename``; the names are checked against the document later."""
    old, equals, new = flag.partition("=")
    if not equals or not old.strip():
        raise CodebookError("a rename is OLD=NEW, not '{flag}'", flag=flag)
    return old, new
