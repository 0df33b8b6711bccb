"""Property: any sequence of apply/remove/undo/redo keeps the coding table equal to a model.

The model is the simplest thing that could be right: a dict of codings and
two stacks. Each example uses a fresh coder, so earlier examples' journal
entries (undo is per coder) never interfere, and the table is compared in full.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from codebook.db.engine import Store
from codebook.db.models import Coding
from codebook.services.coding import apply_coding, remove_codings
from codebook.services.project_store import coder_id
from codebook.services.undo import redo, undo
from helpers import seed

Key = tuple[int, int, int]  # code, start, end

ops = st.lists(
    st.one_of(
        st.tuples(st.just("apply"), st.integers(0, 1), st.integers(0, 6), st.integers(1, 4)),
        st.tuples(st.just("remove"), st.integers(0, 20)),
        st.tuples(st.just("undo")),
        st.tuples(st.just("redo")),
    ),
    max_size=25,
)


@dataclass
class Model:
    rows: dict[int, Key] = field(default_factory=dict)
    done: list[tuple[str, int, Key]] = field(default_factory=list)
    undone: list[tuple[str, int, Key]] = field(default_factory=list)


def _table(store: Store, coder: int) -> dict[int, Key]:
    with store.read() as s:
        rows = s.execute(
            select(Coding.id, Coding.code_id, Coding.start, Coding.end).where(
                Coding.coder_id == coder
            )
        )
        return {i: (c, a, b) for i, c, a, b in rows}


_counter = itertools.count()


def _check(store: Store, setup_coder: int, steps: list[tuple[object, ...]]) -> None:
    fx = _fixture(store, setup_coder)
    with store.write() as s:
        me = coder_id(s, f"hyp{next(_counter)}")
    codes = [fx.sub, fx.other]
    model = Model()
    for step in steps:
        kind = step[0]
        if kind == "apply":
            _, ci, start, length = step
            key = (codes[int(ci)], int(start), int(start) + int(length))  # type: ignore[call-overload]
            with store.write() as s:
                cid = apply_coding(s, me, fx.doc, key[0], key[1], key[2])
            if cid not in model.rows:
                model.rows[cid] = key
                model.done.append(("apply", cid, key))
                model.undone.clear()
        elif kind == "remove":
            if not model.rows:
                continue
            cid = sorted(model.rows)[int(step[1]) % len(model.rows)]  # type: ignore[call-overload]
            with store.write() as s:
                remove_codings(s, me, [cid])
            model.done.append(("remove", cid, model.rows.pop(cid)))
            model.undone.clear()
        elif kind == "undo":
            with store.write() as s:
                action = undo(s, me)
            assert (action is None) == (not model.done)
            if model.done:
                op, cid, key = model.done.pop()
                if op == "apply":
                    del model.rows[cid]
                else:
                    model.rows[cid] = key
                model.undone.append((op, cid, key))
        else:
            with store.write() as s:
                action = redo(s, me)
            assert (action is None) == (not model.undone)
            if model.undone:
                op, cid, key = model.undone.pop()
                if op == "apply":
                    model.rows[cid] = key
                else:
                    del model.rows[cid]
                model.done.append((op, cid, key))
        assert _table(store, me) == model.rows


_fixtures: dict[str, object] = {}


def _fixture(store: Store, coder: int):  # type: ignore[no-untyped-def]
    if store.location not in _fixtures:
        _fixtures[store.location] = seed(store, coder)
    return _fixtures[store.location]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=ops)
def test_undo_redo_follow_the_model(
    store: Store, coder: int, steps: list[tuple[object, ...]]
) -> None:
    _check(store, coder, steps)
