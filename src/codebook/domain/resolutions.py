"""Resolutions of disagreements between coders, as values.

A team settles each unit where its coders differ by one decision, and the
decisions become the codings of a reference coder (``consensus`` unless the
project names another), so every report can be run on the settled coding.
The decision itself is kept too (a ``resolution`` row), so "neither" (no
coding at all) is remembered as settled and the queue can tell what is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from codebook.domain.agreement import AgreementResult, Disagreement, UnitCoding

ResolutionKind = Literal["keep", "both", "neither", "recode"]
RESOLUTION_KINDS: tuple[ResolutionKind, ...] = ("keep", "both", "neither", "recode")

#: The reference coder's name when the project has not named one.
DEFAULT_REFERENCE = "consensus"


@dataclass(frozen=True, order=True)
class UnitKey:
    """Which disagreement a resolution settles: a document's range, for one code."""

    document_id: int
    code_id: int
    start: int
    end: int

    @classmethod
    def of(cls, disagreement: Disagreement) -> UnitKey:
        return cls(
            disagreement.document_id, disagreement.code_id, disagreement.start, disagreement.end
        )


@dataclass(frozen=True)
class ResolutionRequest:
    """How to settle one disagreement.

    ``keep``: the codings of coder ``coder`` in this unit (none, when that
    coder did not code it); ``both``: every coding involved; ``neither``: no
    coding; ``recode``: one coding with code ``recode_to`` over the unit.
    ``note`` becomes the note of each consensus coding and the text of the
    record. ``reference`` None: the project's reference coder, else
    ``consensus``.
    """

    disagreement: Disagreement
    kind: ResolutionKind
    coder: str | None = None
    recode_to: str | int | None = None
    note: str = ""
    reference: str | None = None


@dataclass(frozen=True)
class Resolution:
    """A recorded resolution and the reference coder's codings it made in the unit.

    ``detail`` is the kept coder (``keep``) or the new code's path (``recode``).
    ``codings`` are the reference coder's codings overlapping the unit now.
    """

    id: int
    key: UnitKey
    kind: ResolutionKind
    detail: str
    note: str
    reference: str
    codings: tuple[UnitCoding, ...]


@dataclass(frozen=True)
class QueueItem:
    """One disagreement as the queue shows it: the unit's text, each involved
    coding's text, the code's definition, and its resolution when settled."""

    disagreement: Disagreement
    text: str
    coding_texts: tuple[str, ...]
    definition: str
    resolution: Resolution | None

    @property
    def resolved(self) -> bool:
        return self.resolution is not None


@dataclass(frozen=True)
class DisagreementQueue:
    """The agreement figures with every disagreement to walk through, in document order."""

    result: AgreementResult
    reference: str
    items: tuple[QueueItem, ...]

    @property
    def open_items(self) -> tuple[QueueItem, ...]:
        return tuple(item for item in self.items if not item.resolved)
