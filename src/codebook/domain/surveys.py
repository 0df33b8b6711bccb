"""Questionnaires beside the interviews: items, their scales, answers counted per group.

The study reports each theme with what people said and with figures of the
questionnaire items, "split per werkplaats where the werkplaatsen differ,
merged into one figure where they do not". These values carry a questionnaire
from its import to those figures: an item and its scale, the counts of its
answers per group, and the decision whether to split.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from codebook.domain.transcripts import AttributeValue

ItemKind = Literal["likert", "yesno", "choice", "number", "open"]
"""``likert``: ordered agreement labels; ``yesno``: two labels; ``choice``: unordered
labels (as they first occur); ``number``: a count or a grade; ``open``: free text,
stored as a short document of the respondent, codable like any transcript."""

SCALE_NAMES = ("likert5", "likert4", "yesno", "choice", "number")
"""What ``--scale COL=NAME`` accepts; ``--open COL`` makes an open item."""


@dataclass(frozen=True)
class Scale:
    """The ordered answer labels of a closed item, as the report shows them.

    ``aliases``: other spellings accepted in a data file for each label, in
    the same order (numbers 1..5, English or Dutch words); matching ignores
    case and surrounding spaces.
    """

    name: str
    kind: ItemKind
    labels: tuple[str, ...]
    aliases: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class ParsedItem:
    """One questionnaire column as read from the file: its header, kind and labels."""

    key: str
    kind: ItemKind
    labels: tuple[str, ...] = ()


Answer = int | float | str | None
"""One answer, aligned with its item: a closed item's label index (0-based, in
scale order), a number item's number, an open item's text; None when missing."""


@dataclass(frozen=True)
class Respondent:
    """One data row: the respondent's id, typed attributes and answers.

    ``row``: the row's number as a spreadsheet shows it (the header is row 1),
    so an error can name it. ``attributes``: name to (type, value), type one of
    "text", "number", "date"; ``answers`` has one entry per item of the survey.
    """

    row: int
    id: str
    attributes: Mapping[str, tuple[str, AttributeValue]]
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class ParsedSurvey:
    """A questionnaire file read whole and checked, before anything is stored."""

    name: str
    source: str
    encoding: str | None
    items: tuple[ParsedItem, ...]
    respondents: tuple[Respondent, ...]


@dataclass(frozen=True)
class SurveyItem:
    """One column of a questionnaire: its text, kind and scale, and the theme it belongs to.

    ``code``: the path of the codebook code (a theme) whose chapter of the
    report shows this item's figure, or None while it is not linked.
    """

    id: int
    survey: str
    key: str
    text: str
    kind: ItemKind
    labels: tuple[str, ...]
    code: str | None = None


@dataclass(frozen=True)
class ItemCounts:
    """How often each label of one closed item was answered, per group of respondents.

    ``groups``: the values of the attribute that splits (e.g. WOA, POINT, WOU),
    in report order; ``counts[g][k]``: respondents of group ``g`` who answered
    label ``k``. Missing answers are not counted, so ``n(group)`` is who answered.
    """

    item: SurveyItem
    attribute: str
    groups: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def n(self, group: str | None = None) -> int:
        """Respondents who answered: of one group, or of all groups together."""
        if group is None:
            return sum(sum(row) for row in self.counts)
        return sum(self.counts[self.groups.index(group)])

    def merged(self) -> tuple[int, ...]:
        """The counts of all groups together, per label."""
        return tuple(sum(column) for column in zip(*self.counts, strict=True))


SplitTest = Literal["chi-square", "fisher", "none"]


@dataclass(frozen=True)
class SplitDecision:
    """Whether an item's figure is split per group, and the test that decided it.

    ``test`` is "none" when no test could be run (one group, or no answers);
    ``p`` is None then. ``split`` is ``p < threshold``.
    """

    split: bool
    test: SplitTest
    p: float | None
    threshold: float


@dataclass(frozen=True)
class SurveyRequest:
    """Which columns of a questionnaire file are what: the options of ``survey import``.

    ``id_column`` None: respondents are numbered by their row. ``scales`` maps a column to one of
    ``SCALE_NAMES``. ``name`` None: the survey is named after the file's stem.
    """

    id_column: str | None = None
    attributes: tuple[str, ...] = ()
    open_columns: tuple[str, ...] = ()
    scales: Mapping[str, str] = field(default_factory=dict)
    sheet: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class SurveyImport:
    """What an import of a questionnaire stored, for the face to report.

    ``items``: the closed items; ``open_answers``: the short documents made of
    open answers. ``repeated_answers``: open answers whose document would have
    had the text of one already in the project (the same respondent giving the
    same answer twice); a document's text is unique, so these stay on the
    respondent's row only.
    """

    survey: str
    source: str
    encoding: str | None
    respondents: int
    items: int
    open_answers: int
    repeated_answers: int = 0
