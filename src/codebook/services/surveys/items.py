"""The items of the stored questionnaires: listing and finding them, counting their answers
per group, and linking them to the theme whose report chapter shows them.

Counting reads every respondent's answers of the survey once (one JSON list per
respondent) and tallies the item's label indices per value of the grouping
attribute: what a figure and its split test need, and nothing per answer in SQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Respondent as RespondentRow
from codebook.db.models import Survey as SurveyRow
from codebook.db.models import SurveyItem as ItemRow
from codebook.domain import CodebookError
from codebook.domain.surveys import ItemCounts, ItemKind, SurveyItem
from codebook.domain.transcripts import attribute_text
from codebook.services.codebook.codes import load_code_tree, resolve_code
from codebook.services.journal import Recorder

CLOSED_KINDS: frozenset[ItemKind] = frozenset({"likert", "yesno", "choice"})
"""Items whose answers are label indices, counted per group."""


# --- reading ------------------------------------------------------------------------


def list_items(session: Session, survey: str | None = None) -> list[SurveyItem]:
    """Every questionnaire item (of one survey, if named), by survey and column order."""
    query = (
        select(ItemRow, SurveyRow.name)
        .join(SurveyRow, SurveyRow.id == ItemRow.survey_id)
        .order_by(SurveyRow.name, ItemRow.position)
    )
    if survey is not None:
        if session.scalar(select(SurveyRow.id).where(SurveyRow.name == survey)) is None:
            raise _unknown_survey(session, survey)
        query = query.where(SurveyRow.name == survey)
    rows = session.execute(query).all()
    paths = load_code_tree(session, include_retired=True).paths() if rows else {}
    return [_item_value(row, name, paths) for row, name in rows]


def resolve_item(session: Session, ref: str | int) -> SurveyItem:
    """An item by number, by its column header (ignoring case), or by a part of it found
    in only one item; a clear error otherwise."""
    items = list_items(session)
    if isinstance(ref, int) or ref.strip().isdigit():
        wanted = int(ref)
        for item in items:
            if item.id == wanted:
                return item
        raise CodebookError("no questionnaire item number {item}", item=wanted)
    folded = ref.strip().casefold()
    exact = [item for item in items if item.key.casefold() == folded]
    found = exact or [item for item in items if folded in item.key.casefold()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise CodebookError(
            "no questionnaire item '{item}' ({count} items; 'codebook survey items' lists them)",
            item=ref.strip(),
            count=len(items),
        )
    raise CodebookError(
        "questionnaire item '{item}' is ambiguous; give its number: {choices}",
        item=ref.strip(),
        choices="; ".join(f"{item.id} {item.survey}: {item.key}" for item in found),
    )


def item_counts(
    session: Session,
    ref: str | int,
    by: str,
    where: Mapping[str, Sequence[str]] | None = None,
) -> ItemCounts:
    """How often each label of a closed item was answered, per value of attribute ``by``.

    Groups come in the order they first occur in the file. Respondents without
    a value of ``by``, without an answer, or outside ``where`` (attribute to
    accepted values, compared as text ignoring case) are not counted.
    """
    return counts_of(session, resolve_item(session, ref), by, where)


def counts_of(
    session: Session,
    item: SurveyItem,
    by: str,
    where: Mapping[str, Sequence[str]] | None = None,
) -> ItemCounts:
    """``item_counts`` of an item already found (the report's figures hold theirs)."""
    if item.kind not in CLOSED_KINDS:
        raise CodebookError(
            "questionnaire item '{item}' holds {kind} answers, which are not counted per label",
            item=item.key,
            kind=item.kind,
        )
    survey_id, position = session.execute(
        select(ItemRow.survey_id, ItemRow.position).where(ItemRow.id == item.id)
    ).one()
    rows = session.execute(
        select(RespondentRow.attributes, RespondentRow.answers)
        .where(RespondentRow.survey_id == survey_id)
        .order_by(RespondentRow.id)
    ).all()
    wanted = {key: {v.casefold() for v in values} for key, values in (where or {}).items()}
    names: set[str] = set()
    counts: dict[str, list[int]] = {}
    width = len(item.labels)
    for attributes, answers in rows:
        names.update(attributes)
        group = _group_value(attributes, by)
        answer = answers[position]
        if group is None or not isinstance(answer, int) or not 0 <= answer < width:
            continue
        if not all(_accepts(attributes, k, accepted) for k, accepted in wanted.items()):
            continue
        counts.setdefault(group, [0] * width)[answer] += 1
    if by not in names and rows:
        raise CodebookError(
            "survey '{survey}' has no attribute '{attribute}'; it has: {names}",
            survey=item.survey,
            attribute=by,
            names=", ".join(sorted(names)) or "-",
        )
    return ItemCounts(item, by, tuple(counts), tuple(tuple(row) for row in counts.values()))


def _accepts(attributes: Mapping[str, Any], name: str, accepted: set[str]) -> bool:
    value = _group_value(attributes, name)
    return value is not None and value.casefold() in accepted


def _group_value(attributes: Mapping[str, Any], name: str) -> str | None:
    """A respondent's attribute as text, as groups are named; None when it has none."""
    pair = attributes.get(name)
    if not pair or pair[1] is None:
        return None
    value = pair[1]
    return attribute_text(float(value) if isinstance(value, int) else value)


def _item_value(row: ItemRow, survey: str, paths: Mapping[int, str]) -> SurveyItem:
    return SurveyItem(
        id=row.id,
        survey=survey,
        key=row.key,
        text=row.key,
        kind=row.kind,  # type: ignore[arg-type]  # stored from an ItemKind
        labels=tuple(row.labels),
        code=None if row.code_id is None else paths.get(row.code_id),
    )


def _unknown_survey(session: Session, survey: str) -> CodebookError:
    names = list(session.scalars(select(SurveyRow.name).order_by(SurveyRow.name)))
    return CodebookError(
        "no survey '{survey}' in the project; there are: {names}",
        survey=survey,
        names=", ".join(names) or "-",
    )


# --- linking to themes --------------------------------------------------------------


def link_item(session: Session, coder_id: int, ref: str | int, code: str | None) -> SurveyItem:
    """Show an item in a theme's chapter of the report (``code`` None: in none), as one
    undoable action; linking it where it already is changes nothing."""
    item = resolve_item(session, ref)
    if code is None:
        code_id, what = None, f"unlink item '{item.key}'"
    else:
        found = resolve_code(session, code)
        code_id = found.id
        path = load_code_tree(session, include_retired=True).path(found.id)
        what = f"link item '{item.key}' to '{path}'"
    rec = Recorder(session, coder_id, "survey.link", what)
    rec.update(ItemRow, [item.id], {"code_id": code_id})
    rec.finish()
    return resolve_item(session, item.id)
