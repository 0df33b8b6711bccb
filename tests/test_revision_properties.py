"""Properties of revisions (SQLite, for speed): undo restores everything; merge and split
never change which text is coded, only with which code.

Each example starts from a fresh project built by ``codebook_fixtures.build``,
runs a random sequence of revisions (refused ones must change nothing), then
undoes every revision that succeeded and compares full dumps of codes and codings.
"""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from codebook.db.engine import Store
from codebook.db.models import Code, Coding
from codebook.domain import CodebookError, CodeFields
from codebook.services.codebook.codes import create_code
from codebook.services.codebook.merge_split import merge_codes, split_code
from codebook.services.codebook.revisions import (
    move_code,
    recolour_code,
    redefine_code,
    rename_code,
    retire_code,
    unretire_code,
)
from codebook.services.project_store import coder_id, init_project, open_project
from codebook.services.undo import undo
from codebook_fixtures import Project, build, dump, ranges, rows

NAMES = ("Alfa", "Beta", "Gamma", "Tijd", "Intern")
COLORS = ("#112233", "#ABCDEF", "#D62728")

idx = st.integers(0, 20)
op = st.one_of(
    st.tuples(st.just("rename"), idx, st.sampled_from(NAMES)),
    st.tuples(st.just("redefine"), idx, st.sampled_from(("", "nieuw", "regel 1\nregel 2"))),
    st.tuples(st.just("recolour"), idx, st.sampled_from(COLORS)),
    st.tuples(st.just("move"), idx, st.one_of(st.none(), idx), st.integers(0, 4)),
    st.tuples(st.just("merge"), idx, idx),
    st.tuples(st.just("split"), idx, st.integers(0, 2**16)),
    st.tuples(st.just("retire"), idx),
    st.tuples(st.just("unretire"), idx),
    st.tuples(st.just("create"), st.one_of(st.none(), idx), st.sampled_from(NAMES)),
)

_counter = itertools.count()


def _live(store: Store) -> list[int]:
    return [r["id"] for r in rows(store, Code) if not r["retired"]]


def _retired(store: Store) -> list[int]:
    return [r["id"] for r in rows(store, Code) if r["retired"]]


def _pick(ids: list[int], i: int) -> int | None:
    return ids[i % len(ids)] if ids else None


def _run(store: Store, me: int, step: tuple[object, ...]) -> bool:
    """Apply one step; False when it was refused (or had nothing to act on)."""
    kind = step[0]
    live = _live(store)
    with store.write() as s:
        if kind == "create":
            parent = None if step[1] is None else _pick(live, int(step[1]))  # type: ignore[call-overload]
            create_code(s, me, CodeFields(str(step[2])), parent)
            return True
        if kind == "unretire":
            target = _pick(_retired(store), int(step[1]))  # type: ignore[call-overload]
            if target is None:
                return False
            unretire_code(s, me, target, children=True)
            return True
        code = _pick(live, int(step[1]))  # type: ignore[call-overload]
        if code is None:
            return False
        if kind == "rename":
            rename_code(s, me, code, str(step[2]))
        elif kind == "redefine":
            redefine_code(s, me, code, {"full_definition": step[2], "keywords": ["k"]})
        elif kind == "recolour":
            recolour_code(s, me, code, str(step[2]))
        elif kind == "move":
            under = None if step[2] is None else _pick(live, int(step[2]))  # type: ignore[call-overload]
            move_code(s, me, code, under=under, top=under is None, position=int(step[3]))  # type: ignore[call-overload]
        elif kind == "merge":
            target = _pick(live, int(step[2]))  # type: ignore[call-overload]
            assert target is not None
            merge_codes(s, me, code, target)
        elif kind == "split":
            seed = int(step[2])  # type: ignore[call-overload]
            own = [r["id"] for r in rows(store, Coding) if r["code_id"] == code]
            assign = {cid: ("Deel A", "Deel B")[(seed >> n) & 1] for n, cid in enumerate(own)}
            split_code(s, me, code, ["Deel A", "Deel B"], assign)
        else:
            retire_code(s, me, code)
    return True


@dataclass
class Template:
    """One built project, copied for each example: migrating and seeding once is enough."""

    path: Path
    project: Project
    anna: int
    me: int


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    folder = tmp_path_factory.mktemp("revision-properties")
    store = init_project(folder / "template.db", "property")
    try:
        with store.write() as s:
            anna = coder_id(s, "anna")
        project = build(store, anna)
        with store.write() as s:
            me = coder_id(s, "reviser")
    finally:
        store.close()
    return Template(folder / "template.db", project, anna, me)


def _copy(template: Template) -> Store:
    target = template.path.with_name(f"p{next(_counter)}.db")
    src, dst = sqlite3.connect(template.path), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return open_project(target)


@settings(max_examples=40, deadline=None)
@given(steps=st.lists(op, min_size=1, max_size=8))
def test_any_revisions_then_as_many_undos_restore_everything(
    template: Template, steps: list[tuple[object, ...]]
) -> None:
    store = _copy(template)
    me = template.me
    try:
        start = dump(store)
        covered = ranges(store)
        assert covered
        done = 0
        for step in steps:
            before = dump(store)
            refused: str | None = None
            try:
                ok = _run(store, me, step)
            except CodebookError as exc:
                refused = str(exc)
            if refused is not None:
                assert "\n" not in refused
                assert dump(store) == before, f"refused {step} changed the project"
                continue
            done += ok
            if ok:
                event(f"applied {step[0]}")
            # Merge and split (and every other revision) move codings between
            # codes; the coded text ranges never change.
            assert ranges(store) == covered
        for _ in range(done):
            with store.write() as s:
                assert undo(s, me) is not None
        with store.write() as s:
            assert undo(s, me) is None
        assert dump(store) == start
    finally:
        store.close()


merge_or_split = st.one_of(
    st.tuples(st.just("merge"), idx, idx),
    st.tuples(st.just("split"), idx, st.integers(0, 2**16)),
)


@settings(max_examples=25, deadline=None)
@given(steps=st.lists(merge_or_split, min_size=1, max_size=6))
def test_merge_and_split_only_change_which_code_a_range_has(
    template: Template, steps: list[tuple[object, ...]]
) -> None:
    store = _copy(template)
    try:
        coded = sorted(
            (r["document_id"], r["start"], r["end"], r["coder_id"]) for r in rows(store, Coding)
        )
        covered = ranges(store)
        for step in steps:
            try:
                _run(store, template.me, step)
            except CodebookError:
                continue
            event(f"applied {step[0]}")
            assert ranges(store) == covered
            now = sorted(
                (r["document_id"], r["start"], r["end"], r["coder_id"]) for r in rows(store, Coding)
            )
            # Only a merge may drop a coding, and only as the duplicate of one that stays.
            assert set(now) == set(coded)
            live = {r["id"] for r in rows(store, Code) if not r["retired"]}
            # A merged or split code gives away every coding: all codings stay on live codes.
            assert {r["code_id"] for r in rows(store, Coding)} <= live
    finally:
        store.close()
