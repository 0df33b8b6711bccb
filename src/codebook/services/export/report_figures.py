"""The figures of a theme's chapter: its questionnaire items, and its coded segments per group.

The study reports a theme with what people said and with the figures of the
questionnaire items about it, "split per werkplaats where the werkplaatsen
differ, merged into one figure where they do not". Items linked to the theme
or to a code below it are drawn here; items linked to the same code with the
same scale share one figure, as the study's "Stellingen over de schoolleider"
do. Whether a figure is split is decided per item by the test in
``surveys.split``; a figure is split when any of its items is, and its note
names each item's test and p-value, so a reader can repeat the decision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from codebook.domain import CodebookError
from codebook.domain.analysis import MISSING, TOTAL
from codebook.domain.codebook import PATH_SEPARATOR
from codebook.domain.surveys import ItemCounts, SplitDecision, SurveyItem
from codebook.services.analysis import CodingSet
from codebook.services.export.figures import caption_text, footnote_text

CLOSED = ("likert", "yesno", "choice")


@dataclass(frozen=True)
class ReportFigure:
    """A picture for the report, its caption (after "Figuur N. ") and the note under it."""

    png: bytes
    caption: str
    note: str | None


def linked_items(items: Sequence[SurveyItem], theme_path: str) -> list[SurveyItem]:
    """The closed items linked to the theme or to a code below it, in survey order."""
    below = theme_path + PATH_SEPARATOR
    return [
        item
        for item in items
        if item.kind in CLOSED
        and item.code is not None
        and (item.code == theme_path or item.code.startswith(below))
    ]


def survey_figures(
    session: Session,
    items: Sequence[SurveyItem],
    by: str,
    where: Mapping[str, Sequence[str]],
    threshold: float,
    lang: str,
) -> list[ReportFigure]:
    """One figure per code, scale and survey among ``items``; items a survey cannot group by
    ``by`` (it has no such attribute) are left out rather than drawn ungrouped."""
    from codebook.services.surveys.figures import bar_figure, likert_figure
    from codebook.services.surveys.items import counts_of
    from codebook.services.surveys.split import decide_split

    groups: dict[tuple[str | None, str, tuple[str, ...], str], list[ItemCounts]] = {}
    for item in items:
        try:
            counts = counts_of(session, item, by, where)
        except CodebookError:
            continue
        if counts.n():
            key = (item.code, item.kind, item.labels, item.survey)
            groups.setdefault(key, []).append(counts)
    figures = []
    for (code, kind, _, survey), members in groups.items():
        decisions = [decide_split(counts, threshold) for counts in members]
        split = any(decision.split for decision in decisions)
        draw = likert_figure if kind == "likert" else bar_figure
        png = draw(members, split, lang)
        figures.append(
            ReportFigure(
                png,
                _caption(members, decisions, split, code, survey, lang),
                _note(members, decisions, lang),
            )
        )
    return figures


def _caption(
    members: Sequence[ItemCounts],
    decisions: Sequence[SplitDecision],
    split: bool,
    code: str | None,
    survey: str,
    lang: str,
) -> str:
    if len(members) == 1:
        return caption_text(members[0], decisions[0], lang)
    name = (code or "").rsplit(PATH_SEPARATOR, 1)[-1]
    first = members[0]
    if split:
        who = ", ".join(
            f"{g} n = {max(c.n(g) for c in members if g in c.groups)}" for g in first.groups
        )
    else:
        who = f"n = {max(c.n() for c in members)}"
    return f"{name} ({survey}: {who})"


def _note(members: Sequence[ItemCounts], decisions: Sequence[SplitDecision], lang: str) -> str:
    if len(members) == 1:
        return footnote_text(members[0], decisions[0], lang)
    return " ".join(
        f"{counts.item.key}: {footnote_text(counts, decision, lang)}"
        for counts, decision in zip(members, decisions, strict=True)
    )


def segments_figure_of(
    data: CodingSet, theme_id: int, by: str, caption: str, lang: str
) -> ReportFigure | None:
    """Coded segments per value of ``by`` for each code directly below the theme (the theme
    itself when it has none); None when nothing was coded or ``by`` has no values."""
    from codebook.services.surveys.figures import segments_figure

    codes = list(data.tree.children(theme_id)) or [theme_id]
    table = data.frequencies(by, "segments", codes=codes, with_children=True, total=False)
    columns = [i for i, value in enumerate(table.columns) if value not in (MISSING, TOTAL)]
    if not columns or not table.counted_anything():
        return None
    names = [row.rsplit(PATH_SEPARATOR, 1)[-1] for row in table.rows]
    counts = {name: [row[i] for i in columns] for name, row in zip(names, table.cells, strict=True)}
    groups = [table.columns[i] for i in columns]
    theme = data.tree.path(theme_id).rsplit(PATH_SEPARATOR, 1)[-1]
    return ReportFigure(segments_figure(theme, groups, counts, lang), caption, None)
