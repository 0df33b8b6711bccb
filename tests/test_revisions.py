"""Codebook revisions on SQLite and PostgreSQL: each is visible, logged, versioned and undoable.

For every revision: the change shows, an event records who/why/what, the
codebook version goes up, codings keep the version they were made under, and
``undo`` brings every column of every code and coding back exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

from codebook.db.engine import Store
from codebook.db.models import Code, Coding, Memo
from codebook.domain import CodebookError
from codebook.domain.revisions import Revision
from codebook.services.codebook.log import current_version
from codebook.services.codebook.merge_split import merge_codes, plan_merge, plan_split, split_code
from codebook.services.codebook.revisions import (
    move_code,
    recolour_code,
    redefine_code,
    rename_code,
    retire_code,
    unretire_code,
)
from codebook.services.coding import apply_coding, set_note
from codebook.services.undo import redo, undo
from codebook_fixtures import (
    Project,
    build,
    code_row,
    codings_of,
    dump,
    last_event,
    ranges,
    rows,
)
from helpers import counts


@pytest.fixture
def project(store: Store, coder: int) -> Project:
    return build(store, coder)


def _version(store: Store) -> int:
    with store.read() as s:
        return current_version(s)


def _revise(store: Store, coder: int, change: Callable[[Session, int], Revision]) -> Revision:
    with store.write() as s:
        return change(s, coder)


def _check_logged_and_undoable(
    store: Store,
    coder: int,
    before: dict[str, Any],
    version_before: int,
    revision: Revision,
    kind: str,
    reason: str,
) -> None:
    assert revision.version == version_before + 1 == _version(store)
    event = last_event(store)
    assert (event.version, event.kind, event.coder_id, event.reason) == (
        revision.version,
        kind,
        coder,
        reason,
    )
    assert event.payload["summary"] == revision.summary
    assert event.snapshot == rows(store, Code)
    with store.write() as s:
        action = undo(s, coder)
    assert action is not None
    assert action.event_version == revision.version
    assert dump(store) == before
    undo_event = last_event(store)
    assert (undo_event.kind, undo_event.payload) == ("undo", {"version": revision.version})
    assert _version(store) == version_before + 2


# ---------------------------------------------------------------------------
# each revision


def test_rename(store: Store, coder: int, project: Project) -> None:
    before, v = dump(store), _version(store)
    revision = _revise(
        store,
        coder,
        lambda s, c: rename_code(s, c, "Tijd", "Tijd en ruimte", reason="ruimer begrip"),
    )
    assert code_row(store, project.codes["Tijd"])["name"] == "Tijd en ruimte"
    assert revision.summary == "rename 'Tijd' to 'Tijd en ruimte'"
    payload = last_event(store).payload
    assert (payload["old"], payload["new"]) == ("Tijd", "Tijd en ruimte")
    assert {r["codebook_version"] for r in codings_of(store, project.codes["Tijd"])} == {6}
    _check_logged_and_undoable(store, coder, before, v, revision, "rename", "ruimer begrip")


def test_redefine_any_structured_field(store: Store, coder: int, project: Project) -> None:
    before, v = dump(store), _version(store)
    changes = {
        "brief_definition": "Tijd die leraren krijgen.",
        "full_definition": "Uren, vrijroosteren\nen taakbeleid.",
        "when_to_use": "Bij uren.",
        "when_not_to_use": "Niet voor geld.",
        "example": "twee uur per week",
        "keywords": ["uur", "tijd"],
    }
    revision = _revise(
        store, coder, lambda s, c: redefine_code(s, c, "Tijd", changes, reason="scherper")
    )
    row = code_row(store, project.codes["Tijd"])
    assert {k: row[k] for k in changes} == changes
    payload = last_event(store).payload
    assert payload["fields"] == list(changes)
    assert payload["before"]["brief_definition"] == ""
    _check_logged_and_undoable(store, coder, before, v, revision, "redefine", "scherper")


def test_recolour(store: Store, coder: int, project: Project) -> None:
    before, v = dump(store), _version(store)
    revision = _revise(store, coder, lambda s, c: recolour_code(s, c, "Tijd", "#00aa00"))
    assert code_row(store, project.codes["Tijd"])["color"] == "#00AA00"
    assert last_event(store).payload["old"] == "#D62728"
    _check_logged_and_undoable(store, coder, before, v, revision, "recolour", "")


def test_move_reparents_and_renumbers_both_sides(
    store: Store, coder: int, project: Project
) -> None:
    before, v = dump(store), _version(store)
    revision = _revise(
        store,
        coder,
        lambda s, c: move_code(s, c, "Gelijkwaardig", under="Kennisdeling", position=0),
    )
    moved = code_row(store, project.codes["Gelijkwaardig"])
    assert moved["parent_id"] == project.codes["Kennisdeling"]
    assert moved["position"] == 0
    assert code_row(store, project.codes["Intern"])["position"] == 1
    assert code_row(store, project.codes["Taakverdeling"])["position"] == 0  # gap closed
    assert "under 'Kennisdeling' at position 1" in revision.summary
    _check_logged_and_undoable(store, coder, before, v, revision, "move", "")


def test_move_reorders_among_siblings_and_to_the_top(
    store: Store, coder: int, project: Project
) -> None:
    _revise(store, coder, lambda s, c: move_code(s, c, "Tijd", position=0))
    positions = {r["name"]: r["position"] for r in rows(store, Code) if r["parent_id"] is None}
    assert positions == {"Tijd": 0, "Samenwerking": 1, "Kennisdeling": 2}
    _revise(store, coder, lambda s, c: move_code(s, c, "Intern", top=True))
    intern = code_row(store, project.codes["Intern"])
    assert (intern["parent_id"], intern["position"]) == (None, 3)


def test_merge_moves_codings_collapses_duplicates_and_children(
    store: Store, coder: int, project: Project
) -> None:
    with store.write() as s:
        on_tijd = next(
            r["id"]
            for r in codings_of(store, project.codes["Tijd"])
            if (r["start"], r["coder_id"]) == (30, project.anna)
        )
        set_note(s, coder, on_tijd, "let op: tijd")
    before, v = dump(store), _version(store)
    covered = ranges(store)
    with store.read() as s:
        plan = plan_merge(s, "Samenwerking", "Tijd")
    assert (len(plan.moving), len(plan.collapsing), len(plan.children)) == (1, 2, 2)
    revision = _revise(
        store, coder, lambda s, c: merge_codes(s, c, "Samenwerking", "Tijd", reason="overlap")
    )
    source, target = project.codes["Samenwerking"], project.codes["Tijd"]
    assert codings_of(store, source) == []
    on_target = {
        (r["document_id"], r["start"], r["end"], r["coder_id"]) for r in codings_of(store, target)
    }
    doc = project.docs[0]
    assert on_target == {
        (doc, 0, 20, project.anna),
        (doc, 0, 20, project.bram),
        (doc, 30, 60, project.anna),  # the two identical codings became one
        (project.docs[1], 40, 70, project.anna),
    }
    assert len(codings_of(store, target)) == 4
    (kept,) = [r for r in codings_of(store, target) if r["start"] == 30]
    assert (kept["id"], kept["note"]) == (on_tijd, "let op: tijd")
    src = code_row(store, source)
    assert (src["retired"], src["merged_into_id"]) == (True, target)
    children = [r for r in rows(store, Code) if r["parent_id"] == target]
    assert [r["name"] for r in sorted(children, key=lambda r: r["position"])] == [
        "Gelijkwaardig",
        "Taakverdeling",
    ]
    assert ranges(store) == covered
    assert revision.details == {"moved": 1, "collapsed": 2}
    payload = last_event(store).payload
    assert (payload["moved"], payload["collapsed"]) == (1, 2)
    _check_logged_and_undoable(store, coder, before, v, revision, "merge", "overlap")


def test_merge_keeps_the_memo_of_a_collapsed_coding(
    store: Store, coder: int, project: Project
) -> None:
    dup = next(
        r["id"] for r in codings_of(store, project.codes["Samenwerking"]) if r["start"] == 30
    )
    with store.write() as s:
        set_note(s, coder, dup, "mooi citaat")
    _revise(store, coder, lambda s, c: merge_codes(s, c, "Samenwerking", "Tijd"))
    (kept,) = [r for r in codings_of(store, project.codes["Tijd"]) if r["start"] == 30]
    assert kept["note"] == "mooi citaat"


def _memo_on(store: Store, coder: int, code_id: int, text: str) -> int:
    with store.write() as s:
        memo = Memo(
            target_kind="code",
            target_id=code_id,
            coder_id=coder,
            title="",
            text=text,
            created_at=datetime(2026, 3, 1),
            updated_at=datetime(2026, 3, 1),
        )
        s.add(memo)
        s.flush()
        return memo.id


def _memo_targets(store: Store) -> dict[str, int | None]:
    return {r["text"]: r["target_id"] for r in rows(store, Memo)}


def test_merge_takes_the_memos_of_the_merged_code_along(
    store: Store, coder: int, project: Project
) -> None:
    source, target = project.codes["Samenwerking"], project.codes["Tijd"]
    _memo_on(store, coder, source, "samenwerking gaat vooral over tijd")
    _memo_on(store, coder, project.codes["Kennisdeling"], "blijft staan")
    before, v = dump(store), _version(store)
    with store.read() as s:
        plan = plan_merge(s, "Samenwerking", "Tijd")
    assert "1 memos on 'Samenwerking' move to 'Tijd'" in plan.lines()
    revision = _revise(store, coder, lambda s, c: merge_codes(s, c, "Samenwerking", "Tijd"))
    assert _memo_targets(store) == {
        "samenwerking gaat vooral over tijd": target,
        "blijft staan": project.codes["Kennisdeling"],
    }
    _check_logged_and_undoable(store, coder, before, v, revision, "merge", "")


def test_split_gives_the_memos_to_the_default_new_code(
    store: Store, coder: int, project: Project
) -> None:
    old = project.codes["Samenwerking"]
    _memo_on(store, coder, old, "twee soorten samenwerking")
    before, v = dump(store), _version(store)
    revision = _revise(
        store,
        coder,
        lambda s, c: split_code(
            s, c, "Samenwerking", ["Met HO", "Tussen scholen"], {}, default="Tussen scholen"
        ),
    )
    _ho, schools = revision.details["new_ids"]
    assert _memo_targets(store) == {"twee soorten samenwerking": schools}
    _check_logged_and_undoable(store, coder, before, v, revision, "split", "")


def test_split_assigns_every_coding(store: Store, coder: int, project: Project) -> None:
    before, v = dump(store), _version(store)
    covered = ranges(store)
    old = project.codes["Samenwerking"]
    first, *rest = [r["id"] for r in codings_of(store, old)]
    revision = _revise(
        store,
        coder,
        lambda s, c: split_code(
            s,
            c,
            "Samenwerking",
            ["Samenwerking met HO", "Samenwerking tussen scholen"],
            {first: "samenwerking tussen scholen"},
            default="Samenwerking met HO",
            reason="twee soorten",
        ),
    )
    new_ho, new_schools = revision.details["new_ids"]
    assert [r["id"] for r in codings_of(store, new_schools)] == [first]
    assert sorted(r["id"] for r in codings_of(store, new_ho)) == sorted(rest)
    assert codings_of(store, old) == []
    assert code_row(store, old)["retired"] is True
    siblings = sorted(
        (r for r in rows(store, Code) if r["parent_id"] is None), key=lambda r: r["position"]
    )
    assert [r["name"] for r in siblings] == [
        "Samenwerking",
        "Samenwerking met HO",
        "Samenwerking tussen scholen",
        "Kennisdeling",
        "Tijd",
    ]
    assert [r["position"] for r in siblings] == [0, 1, 2, 3, 4]
    sub = [r["name"] for r in rows(store, Code) if r["parent_id"] == new_ho]
    assert sorted(sub) == ["Gelijkwaardig", "Taakverdeling"]
    assert ranges(store) == covered
    assert revision.details["counts"] == [len(rest), 1]
    _check_logged_and_undoable(store, coder, before, v, revision, "split", "twee soorten")


def test_split_may_reuse_the_old_name(store: Store, coder: int, project: Project) -> None:
    _revise(
        store,
        coder,
        lambda s, c: split_code(s, c, "Tijd", ["Tijd", "Geld"], {}, default="Tijd"),
    )
    live = {r["name"] for r in rows(store, Code) if not r["retired"]}
    assert {"Tijd", "Geld"} <= live


def test_split_refuses_unassigned_codings_and_changes_nothing(
    store: Store, coder: int, project: Project
) -> None:
    before = counts(store)
    with pytest.raises(CodebookError, match=r"3 codings of 'Samenwerking' are not assigned"):
        _revise(store, coder, lambda s, c: split_code(s, c, "Samenwerking", ["A", "B"], {}))
    with pytest.raises(CodebookError, match=r"coding 999 is not a coding of 'Samenwerking'"):
        _revise(
            store,
            coder,
            lambda s, c: split_code(s, c, "Samenwerking", ["A", "B"], {999: "A"}, default="A"),
        )
    with pytest.raises(CodebookError, match=r"'C' is not one of the new codes \(A, B\)"):
        _revise(
            store, coder, lambda s, c: split_code(s, c, "Samenwerking", ["A", "B"], {}, default="C")
        )
    with (
        pytest.raises(CodebookError, match="a split needs at least two new codes"),
        store.read() as s,
    ):
        plan_split(s, "Samenwerking", ["A"], {}, default="A")
    with pytest.raises(CodebookError, match="a code named 'Tijd' already exists"):
        _revise(
            store,
            coder,
            lambda s, c: split_code(s, c, "Samenwerking", ["Tijd", "B"], {}, default="B"),
        )
    assert counts(store) == before


def test_retire_blocks_new_codings_and_keeps_old_ones(
    store: Store, coder: int, project: Project
) -> None:
    before, v = dump(store), _version(store)
    kept = codings_of(store, project.codes["Kennisdeling"])
    revision = _revise(
        store, coder, lambda s, c: retire_code(s, c, "Kennisdeling", reason="te breed")
    )
    assert revision.summary == "retire 'Kennisdeling' and 1 sub-codes"
    assert code_row(store, project.codes["Kennisdeling"])["retired"] is True
    assert code_row(store, project.codes["Intern"])["retired"] is True
    assert codings_of(store, project.codes["Kennisdeling"]) == kept
    state = counts(store)
    for name in ("Kennisdeling", "Intern"):
        with (
            pytest.raises(CodebookError, match=f"code '{name}' is retired"),
            store.write() as s,
        ):
            apply_coding(s, coder, project.docs[0], project.codes[name], 0, 5)
    assert counts(store) == state
    _check_logged_and_undoable(store, coder, before, v, revision, "retire", "te breed")


def test_unretire(store: Store, coder: int, project: Project) -> None:
    _revise(store, coder, lambda s, c: retire_code(s, c, "Kennisdeling"))
    before, v = dump(store), _version(store)
    with pytest.raises(CodebookError, match="the parent 'Kennisdeling' is retired"):
        _revise(store, coder, lambda s, c: unretire_code(s, c, "Intern"))
    revision = _revise(
        store,
        coder,
        lambda s, c: unretire_code(s, c, "Kennisdeling", children=True, reason="toch nodig"),
    )
    assert code_row(store, project.codes["Kennisdeling"])["retired"] is False
    assert code_row(store, project.codes["Intern"])["retired"] is False
    with store.write() as s:
        apply_coding(s, coder, project.docs[0], project.codes["Intern"], 0, 5)
    with store.write() as s:
        undo(s, coder)  # the coding
    _check_logged_and_undoable(store, coder, before, v, revision, "unretire", "toch nodig")


def test_codings_record_the_version_they_were_made_under(
    store: Store, coder: int, project: Project
) -> None:
    _revise(store, coder, lambda s, c: rename_code(s, c, "Tijd", "Tijdsinvestering"))
    with store.write() as s:
        cid = apply_coding(s, coder, project.docs[0], project.codes["Tijd"], 1, 9)
        assert s.get(Coding, cid).codebook_version == current_version(s)  # type: ignore[union-attr]
    versions = {r["codebook_version"] for r in rows(store, Coding)}
    assert versions == {6, 7}


def test_redo_after_undo_of_a_merge(store: Store, coder: int, project: Project) -> None:
    _revise(store, coder, lambda s, c: merge_codes(s, c, "Samenwerking", "Tijd"))
    merged = dump(store)
    with store.write() as s:
        undo(s, coder)
    with store.write() as s:
        action = redo(s, coder)
    assert action is not None
    assert dump(store) == merged
    assert last_event(store).kind == "redo"


# ---------------------------------------------------------------------------
# refusals: one line, nothing changed


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s, c: move_code(s, c, "Samenwerking", under="Gelijkwaardig"), "cycle: cannot move"),
        (lambda s, c: move_code(s, c, "Samenwerking", under="Samenwerking"), "under itself"),
        (
            lambda s, c: move_code(s, c, "Intern", under="Samenwerking", top=True),
            "either a new parent or --top",
        ),
        (lambda s, c: merge_codes(s, c, "Samenwerking", "Gelijkwaardig"), "its own descendant"),
        (lambda s, c: merge_codes(s, c, "Tijd", "Tijd"), "into itself"),
        (lambda s, c: rename_code(s, c, "Tijd", "Kennisdeling"), "already exists"),
        (lambda s, c: rename_code(s, c, "Tijd", "A > B"), "may not contain '>'"),
        (lambda s, c: rename_code(s, c, "Tijd", "Tijd"), "already called that"),
        (lambda s, c: recolour_code(s, c, "Tijd", "red"), "not of the form #RRGGBB"),
        (lambda s, c: redefine_code(s, c, "Tijd", {"colour": "#000000"}), "unknown field"),
        (lambda s, c: redefine_code(s, c, "Tijd", {"example": ""}), "nothing to change"),
        (lambda s, c: unretire_code(s, c, "Tijd"), "is not retired"),
        (lambda s, c: rename_code(s, c, "Onbekend", "X"), "unknown code 'Onbekend'"),
    ],
)
def test_bad_revisions_are_refused_and_change_nothing(
    store: Store,
    coder: int,
    project: Project,
    change: Callable[[Session, int], Revision],
    message: str,
) -> None:
    before, state = counts(store), dump(store)
    with pytest.raises(CodebookError, match=message) as info:
        _revise(store, coder, change)
    assert "\n" not in str(info.value)
    assert counts(store) == before
    assert dump(store) == state


def test_retired_codes_cannot_be_revised(store: Store, coder: int, project: Project) -> None:
    _revise(store, coder, lambda s, c: retire_code(s, c, "Tijd"))
    before = counts(store)
    for change in (
        lambda s, c: rename_code(s, c, "Tijd", "X"),
        lambda s, c: merge_codes(s, c, "Tijd", "Kennisdeling"),
        lambda s, c: merge_codes(s, c, "Kennisdeling", "Tijd"),
        lambda s, c: move_code(s, c, "Intern", under="Tijd"),
    ):
        with pytest.raises(CodebookError, match="code 'Tijd' is retired; unretire it first"):
            _revise(store, coder, change)
    assert counts(store) == before


def test_merge_refuses_clashing_sub_codes(store: Store, coder: int, project: Project) -> None:
    _revise(store, coder, lambda s, c: rename_code(s, c, "Intern", "Gelijkwaardig"))
    before = counts(store)
    with pytest.raises(CodebookError, match="already has a sub-code 'Gelijkwaardig'"):
        _revise(store, coder, lambda s, c: merge_codes(s, c, "Samenwerking", "Kennisdeling"))
    assert counts(store) == before
