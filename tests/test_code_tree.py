"""The code tree: paths, codebook order, descendants, and rows that do not form a tree."""

from __future__ import annotations

import pytest

from codebook.db.engine import Store
from codebook.domain.code_tree import CodeTree, TreeRow
from codebook.services.codebook.codes import load_code_tree
from codebook.services.codebook.revisions import retire_code
from codebook_fixtures import build

# Rows in no particular order; positions decide the order among siblings, then ids.
ROWS: list[TreeRow] = [
    (5, 1, 1, "Taakverdeling"),
    (1, None, 0, "Samenwerking"),
    (7, 4, 0, "Intern"),
    (4, None, 1, "Kennisdeling"),
    (2, 1, 0, "Gelijkwaardig"),
    (9, 2, 0, "Bestuur"),
    (6, None, 1, "Tijd"),  # same position as Kennisdeling: the lower id comes first
]


@pytest.fixture
def tree() -> CodeTree:
    return CodeTree(ROWS)


def test_paths_name_every_ancestor(tree: CodeTree) -> None:
    assert tree.path(1) == "Samenwerking"
    assert tree.path(9) == "Samenwerking > Gelijkwaardig > Bestuur"
    assert tree.path(7) == "Kennisdeling > Intern"


def test_codebook_order_is_depth_first_by_position_then_id(tree: CodeTree) -> None:
    assert list(tree) == [1, 2, 9, 5, 4, 7, 6]
    assert list(tree.paths().values()) == [
        "Samenwerking",
        "Samenwerking > Gelijkwaardig",
        "Samenwerking > Gelijkwaardig > Bestuur",
        "Samenwerking > Taakverdeling",
        "Kennisdeling",
        "Kennisdeling > Intern",
        "Tijd",
    ]
    assert list(tree.walk()) == [(1, 0), (2, 1), (9, 2), (5, 1), (4, 0), (7, 1), (6, 0)]


def test_children_of_the_top_level_and_of_a_code(tree: CodeTree) -> None:
    assert list(tree.children()) == [1, 4, 6]
    assert list(tree.children(1)) == [2, 5]
    assert list(tree.children(9)) == []


def test_descendants_are_the_code_and_its_branch_parents_first(tree: CodeTree) -> None:
    assert tree.descendants(1) == [1, 2, 9, 5]
    assert tree.descendants(2) == [2, 9]
    assert tree.descendants(6) == [6]


def test_a_code_it_does_not_hold_is_a_key_error(tree: CodeTree) -> None:
    assert 3 not in tree
    for ask in (tree.path, tree.depth, tree.descendants, tree.children):
        with pytest.raises(KeyError):
            ask(3)


def test_a_code_whose_parent_is_missing_is_a_top_level_code() -> None:
    tree = CodeTree([(1, None, 0, "Samenwerking"), (2, 99, 0, "Wees"), (3, 2, 0, "Kind")])
    assert list(tree.children()) == [1, 2]
    assert tree.path(2) == "Wees"
    assert tree.path(3) == "Wees > Kind"


def test_a_loop_of_parents_is_cut_above_its_lowest_numbered_code() -> None:
    rows: list[TreeRow] = [(3, 2, 0, "C"), (2, 4, 0, "B"), (4, 3, 0, "D"), (5, 5, 0, "Zelf")]
    tree = CodeTree(rows)
    assert len(tree) == 4
    assert tree.path(2) == "B"
    assert tree.path(3) == "B > C"
    assert tree.path(4) == "B > C > D"
    assert tree.path(5) == "Zelf"


def test_a_snapshot_gives_the_same_tree_as_rows() -> None:
    snapshot = [
        {"id": code_id, "guid": f"g{code_id}", "parent_id": parent, "position": pos, "name": name}
        for code_id, parent, pos, name in ROWS
    ]
    from_snapshot = CodeTree.from_snapshot(snapshot)
    assert dict(from_snapshot.paths()) == dict(CodeTree(ROWS).paths())
    assert list(from_snapshot) == list(CodeTree(ROWS))


def test_without_drops_codes_with_their_branches(tree: CodeTree) -> None:
    pruned = tree.without([2, 6, 404])
    assert list(pruned) == [1, 5, 4, 7]
    assert pruned.path(5) == "Samenwerking > Taakverdeling"
    assert list(tree) == [1, 2, 9, 5, 4, 7, 6]  # the original is unchanged


def test_an_empty_tree() -> None:
    tree = CodeTree([])
    assert len(tree) == 0
    assert list(tree.children()) == []
    assert dict(tree.paths()) == {}


def test_the_live_tree_hides_retired_branches(store: Store, coder: int) -> None:
    project = build(store, coder)
    with store.write() as s:
        retire_code(s, coder, "Samenwerking")
    with store.read() as s:
        live = load_code_tree(s, include_retired=False)
        everything = load_code_tree(s, include_retired=True)
    codes = project.codes
    assert list(live.paths().values()) == ["Kennisdeling", "Kennisdeling > Intern", "Tijd"]
    assert everything.descendants(codes["Samenwerking"]) == [
        codes["Samenwerking"],
        codes["Gelijkwaardig"],
        codes["Taakverdeling"],
    ]
    assert everything.path(codes["Taakverdeling"]) == "Samenwerking > Taakverdeling"
