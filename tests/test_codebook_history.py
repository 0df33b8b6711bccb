"""The codebook's history (who, when, why) and diffs between any two versions."""

from __future__ import annotations

import pytest

from codebook.db.engine import Store
from codebook.domain import CodebookError, CodeFields
from codebook.services.codebook.codes import create_code
from codebook.services.codebook.history import codebook_diff, codebook_history, word_diff
from codebook.services.codebook.merge_split import merge_codes, split_code
from codebook.services.codebook.revisions import (
    move_code,
    redefine_code,
    rename_code,
    retire_code,
    unretire_code,
)
from codebook.services.project_store import coder_id
from codebook.services.undo import undo
from codebook_fixtures import Project, build


@pytest.fixture
def project(store: Store, coder: int) -> Project:
    return build(store, coder)


def test_history_lists_every_revision_with_who_and_why(
    store: Store, coder: int, project: Project
) -> None:
    with store.write() as s:
        bram = coder_id(s, "bram")
        rename_code(s, bram, "Tijd", "Tijd en ruimte", reason="breder")
    with store.write() as s:
        undo(s, bram)
    with store.read() as s:
        entries = codebook_history(s)
    assert [e.version for e in entries] == list(range(1, 9))
    assert [e.kind for e in entries[-3:]] == ["create", "rename", "undo"]
    rename = entries[-2]
    assert (rename.coder, rename.reason, rename.summary) == (
        "bram",
        "breder",
        "rename 'Tijd' to 'Tijd en ruimte'",
    )
    assert entries[-1].summary == "undo of version 7: rename 'Tijd' to 'Tijd en ruimte'"


def test_history_of_one_code(store: Store, coder: int, project: Project) -> None:
    with store.write() as s:
        rename_code(s, coder, "Kennisdeling", "Kennis delen")  # v7
        merge_codes(s, coder, "Samenwerking", "Tijd")  # v8: Tijd's row does not change
        redefine_code(s, coder, "Gelijkwaardig", {"example": "samen"})  # v9
    with store.write() as s:
        undo(s, coder)  # v10 touches Gelijkwaardig only
    with store.read() as s:
        tijd = [(e.version, e.kind) for e in codebook_history(s, "Tijd")]
        gelijk = [(e.version, e.kind) for e in codebook_history(s, "Gelijkwaardig")]
        old = [e.version for e in codebook_history(s, str(project.codes["Samenwerking"]))]
    assert tijd == [(6, "create"), (8, "merge")]
    assert gelijk == [(2, "create"), (8, "merge"), (9, "redefine"), (10, "undo")]
    assert old == [1, 8]


def test_diff_names_each_kind_of_change(store: Store, coder: int, project: Project) -> None:
    with store.write() as s:
        rename_code(s, coder, "Kennisdeling", "Kennis delen")  # v7
        move_code(s, coder, "Taakverdeling", top=True)  # v8
        redefine_code(
            s, coder, "Tijd", {"brief_definition": "Uren voor onderzoek.", "color": "#000000"}
        )  # v9
        merge_codes(s, coder, "Gelijkwaardig", "Intern")  # v10
        retire_code(s, coder, "Tijd")  # v11
        create_code(s, coder, CodeFields("Nieuw"))  # v12
        split_code(s, coder, "Nieuw", ["Nieuw A", "Nieuw B"], {}, default="Nieuw A")  # v13
        move_code(s, coder, "Kennis delen", position=0)  # v14
    with store.read() as s:
        result = codebook_diff(s, 6, 14)
    kinds = {(e.kind, e.path) for e in result.entries}
    assert ("renamed", "Kennisdeling") in kinds
    assert ("moved", "Taakverdeling") in kinds
    assert ("redefined", "Tijd") in kinds
    assert ("merged", "Samenwerking > Gelijkwaardig") in kinds
    assert ("retired", "Tijd") in kinds
    assert ("added", "Nieuw A") in kinds
    assert ("added", "Nieuw") in kinds  # added and (in the same span) retired by the split
    assert ("reordered", "(top level)") in kinds
    (redefined,) = result.of_kind("redefined")
    assert [c.field for c in redefined.fields] == ["brief_definition", "color"]
    assert redefined.fields[0].diff == "{+Uren voor onderzoek.+}"
    assert redefined.fields[1].diff == "[-#D62728-]{+#000000+}"
    merged = result.of_kind("merged")[0]
    assert merged.detail == "into 'Kennis delen > Intern'"
    assert "renamed: 'Kennisdeling' -> 'Kennis delen'" in result.lines()


def test_diff_backwards_and_removed_codes(store: Store, coder: int, project: Project) -> None:
    with store.write() as s:
        create_code(s, coder, CodeFields("Tijdelijk"))  # v7
    with store.write() as s:
        undo(s, coder)  # v8: the code is gone again
    with store.write() as s:
        retire_code(s, coder, "Intern")  # v9
        unretire_code(s, coder, "Intern")  # v10
    with store.read() as s:
        assert [(e.kind, e.path) for e in codebook_diff(s, 7, 8).entries] == [
            ("removed", "Tijdelijk")
        ]
        assert [(e.kind, e.path) for e in codebook_diff(s, 9, 10).entries] == [
            ("unretired", "Kennisdeling > Intern")
        ]
        assert codebook_diff(s, 6, 10).entries == ()
        assert len(codebook_diff(s, 0, 6).of_kind("added")) == 6
        assert [e.kind for e in codebook_diff(s, 6, 0).entries] == ["removed"] * 6


def test_diff_refuses_unknown_versions(store: Store, coder: int, project: Project) -> None:
    with store.read() as s, pytest.raises(CodebookError, match=r"versions are 0 to 6"):
        codebook_diff(s, 1, 7)


def test_word_diff() -> None:
    assert word_diff("de school en het bestuur", "de school of het bestuur") == (
        "de school [-en-]{+of+} het bestuur"
    )
    assert word_diff("same", "same") == "same"
