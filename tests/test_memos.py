"""Memos on the project, a document or a code, on SQLite and PostgreSQL: undoable, authored."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from codebook.db.engine import Store
from codebook.db.models import Memo
from codebook.domain import CodebookError
from codebook.domain.memos import MemoTarget
from codebook.services.codebook.revisions import retire_code
from codebook.services.memos import (
    TITLE_MAX,
    add_memo,
    code_memos,
    code_target,
    delete_memo,
    document_target,
    edit_memo,
    get_memo,
    list_memos,
    project_target,
    resolve_target,
)
from codebook.services.project_store import coder_id
from codebook.services.undo import redo, undo
from helpers import Fixture, counts, seed

SUB = "Vormgeving > Schoolleider faciliteert"


@pytest.fixture
def fx(store: Store, coder: int) -> Fixture:
    return seed(store, coder)


def memo_rows(store: Store) -> list[tuple[str, int | None, str, str]]:
    with store.read() as s:
        rows = s.execute(
            select(Memo.target_kind, Memo.target_id, Memo.title, Memo.text).order_by(Memo.id)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_memos_on_code_document_and_project_are_listed_by_target(
    store: Store, coder: int, fx: Fixture
) -> None:
    with store.write() as s:
        on_code = add_memo(
            s, coder, code_target(s, SUB), "  Faciliteren is meer dan tijd.  ", "Tijd"
        )
        on_doc = add_memo(s, coder, document_target(s, "marieke"), "Gelijkwaardig, zegt ze.")
        on_project = add_memo(s, coder, project_target(), "Eerste ronde klaar.\r\nVerder.")
        bram = coder_id(s, "bram")
        by_bram = add_memo(s, bram, code_target(s, "Kennisdeling"), "Nog dun.")
    with store.read() as s:
        everything = list_memos(s)
        on_sub = list_memos(s, code_target(s, SUB))
        on_marieke = list_memos(s, resolve_target(s, document="marieke.txt"))
        projects = list_memos(s, resolve_target(s, project=True))
        of_bram = list_memos(s, coder="bram")
        codes = list_memos(s, kind="code")
        by_code = code_memos(s)
    # project first, then documents, then codes in codebook order
    assert [m.id for m in everything] == [on_project, on_doc, on_code, by_bram]
    (memo,) = on_sub
    assert (memo.title, memo.text, memo.coder) == ("Tijd", "Faciliteren is meer dan tijd.", "anna")
    assert memo.target == MemoTarget("code", fx.sub, SUB)
    assert not memo.edited
    assert [m.target.label for m in on_marieke] == ["marieke.txt"]
    assert [m.text for m in projects] == ["Eerste ronde klaar.\nVerder."]
    assert [m.id for m in of_bram] == [by_bram]
    assert [m.id for m in codes] == [on_code, by_bram]
    assert {k: [m.id for m in v] for k, v in by_code.items()} == {
        fx.sub: [on_code],
        fx.other: [by_bram],
    }


def test_edit_and_delete_are_undoable_like_any_action(
    store: Store, coder: int, fx: Fixture
) -> None:
    with store.write() as s:
        memo_id = add_memo(s, coder, code_target(s, fx.other), "Eerste versie.", "Kop")
    with store.write() as s:
        assert edit_memo(s, coder, memo_id, text="Tweede versie.")
        assert not edit_memo(s, coder, memo_id, text="Tweede versie.", title="Kop")
        assert edit_memo(s, coder, memo_id, title="Nieuwe kop")
    with store.read() as s:
        memo = get_memo(s, memo_id)
    assert (memo.title, memo.text, memo.edited) == ("Nieuwe kop", "Tweede versie.", True)
    with store.write() as s:
        assert delete_memo(s, coder, memo_id).text == "Tweede versie."
    assert memo_rows(store) == []
    with store.write() as s:
        assert undo(s, coder) is not None  # the delete
    assert memo_rows(store) == [("code", fx.other, "Nieuwe kop", "Tweede versie.")]
    with store.write() as s:
        undo(s, coder)  # the title
        undone = undo(s, coder)  # the text
        assert undone is not None and undone.description == f"edit memo {memo_id}"
    assert memo_rows(store) == [("code", fx.other, "Kop", "Eerste versie.")]
    with store.write() as s:
        added = undo(s, coder)
        assert added is not None and added.description == "memo on code 'Kennisdeling'"
    assert memo_rows(store) == []
    with store.write() as s:
        redo(s, coder)
        redo(s, coder)
    assert memo_rows(store) == [("code", fx.other, "Kop", "Tweede versie.")]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda s, c: add_memo(s, c, code_target(s, "Onbekend"), "x"), "unknown code 'Onbekend'"),
        (
            lambda s, c: add_memo(s, c, document_target(s, "nergens.txt"), "x"),
            "unknown document 'nergens.txt'",
        ),
        (lambda s, c: add_memo(s, c, project_target(), "  \n "), "a memo needs text"),
        (lambda s, c: add_memo(s, c, project_target(), "x", "a\nb"), "a memo title is one line"),
        (
            lambda s, c: add_memo(s, c, project_target(), "x", "t" * (TITLE_MAX + 1)),
            f"at most {TITLE_MAX} characters",
        ),
        (lambda s, c: add_memo(s, c, MemoTarget("coding", 1, "1"), "x"), "not coding"),
        (lambda s, c: edit_memo(s, c, 999, text="x"), "unknown memo 999"),
        (lambda s, c: delete_memo(s, c, 999), "unknown memo 999"),
        (lambda s, c: list_memos(s, coder="niemand"), "unknown coder 'niemand'"),
        (lambda s, c: list_memos(s, kind="turn"), "not turn"),
        (
            lambda s, c: resolve_target(s, code="Kennisdeling", project=True),
            "only one of a code, a document or the project",
        ),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    store: Store, coder: int, fx: Fixture, make: object, message: str
) -> None:
    before = counts(store)
    with pytest.raises(CodebookError, match=message) as info, store.write() as s:
        make(s, coder)  # type: ignore[operator]
    assert "\n" not in str(info.value)
    assert counts(store) == before


def test_only_the_author_edits_or_deletes_and_empty_edits_are_refused(
    store: Store, coder: int, fx: Fixture
) -> None:
    with store.write() as s:
        memo_id = add_memo(s, coder, project_target(), "Van anna.")
        bram = coder_id(s, "bram")
    before = counts(store)
    for change in (
        lambda s: edit_memo(s, bram, memo_id, text="Van bram."),
        lambda s: delete_memo(s, bram, memo_id),
    ):
        with pytest.raises(CodebookError, match="written by anna; only its author"):
            with store.write() as s:
                change(s)
    with pytest.raises(CodebookError, match="give a new text or title"):
        with store.write() as s:
            edit_memo(s, coder, memo_id)
    with pytest.raises(CodebookError, match="a memo needs text"):
        with store.write() as s:
            edit_memo(s, coder, memo_id, text=" ")
    assert counts(store) == before


def test_memos_on_a_retired_code_stay_listable_and_writable(
    store: Store, coder: int, fx: Fixture
) -> None:
    with store.write() as s:
        memo_id = add_memo(s, coder, code_target(s, "Kennisdeling"), "Waarom deze code?")
        retire_code(s, coder, "Kennisdeling", reason="te breed")
    with store.write() as s:
        target = code_target(s, "Kennisdeling")
        later = add_memo(s, coder, target, "Buiten gebruik gesteld: te breed.")
    with store.read() as s:
        memos = list_memos(s, code_target(s, "Kennisdeling"))
        everything = code_memos(s)
    assert target.retired
    assert [m.id for m in memos] == [memo_id, later]
    assert all(m.target.retired for m in memos)
    assert [m.id for m in everything[fx.other]] == [memo_id, later]


def test_a_memo_whose_target_is_gone_still_lists(store: Store, coder: int, fx: Fixture) -> None:
    with store.write() as s:
        add_memo(s, coder, code_target(s, fx.other), "Blijft staan.")
        s.execute(Memo.__table__.update().values(target_id=12345))  # type: ignore[attr-defined]
    with store.read() as s:
        (memo,) = list_memos(s)
    assert memo.target.label == "12345 (gone)"
