"""Coding search hits in bulk: the word, the sentence or the turn, merged per document,
previewed without writing, applied as one action that one undo takes back."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.domain import CodebookError
from codebook.domain.search import SearchQuery
from codebook.project import Project
from helpers import stored_rows

from .conftest import DUTCH, make_project


@pytest.fixture
def project(tmp_path: Path) -> str:
    location = make_project(tmp_path, {"anna.txt": (DUTCH, "nl")})
    with Project.open(location, coder="anna") as door:
        door.create_code("Onderwijs")
    return location


def coded(door: Project) -> list[str]:
    return sorted(DUTCH[c.start : c.end] for c in door.codings(document="anna"))


def test_each_scope_codes_the_word_the_sentence_or_the_turn(project: str) -> None:
    with Project.open(project, coder="anna") as door:
        hits = door.search(SearchQuery("ouders school", lemma=True)).hits
        assert len(hits) == 5
        words = door.preview_bulk_code(hits, "Onderwijs", "word")
        assert [s.text for s in words.segments] == [
            "scholen",
            "school",
            "ouders",
            "ouders",
            "school",
        ]
        sentences = door.preview_bulk_code(hits, "Onderwijs", "sentence")
        assert [(s.text, s.hits) for s in sentences.segments] == [
            ("Hoe werken jullie samen met de scholen?", 1),
            ("Elke school samenwerkt anders.", 1),
            ("En de ouders?", 1),
            ("De ouders helpen niet.", 1),
            ("Ik denk dat de school klein is.", 1),
        ]
        turns = door.preview_bulk_code(hits, "Onderwijs", "turn")
        assert [(s.text, s.hits) for s in turns.segments] == [
            ("Hoe werken jullie samen met de scholen?", 1),
            ("We hebben goed samengewerkt met de gemeente. Elke school samenwerkt anders.", 1),
            ("En de ouders?", 1),
            ("De ouders helpen niet. Ik denk dat de school klein is.", 2),
        ]
        assert turns.new == 4
        assert door.codings(document="anna") == []


def test_a_preview_writes_nothing(project: str) -> None:
    before = stored_rows(project)
    with Project.open(project, coder="nieuw") as door:
        hits = door.search(SearchQuery("school")).hits
        door.preview_bulk_code(hits, "Onderwijs", "sentence")
    assert stored_rows(project) == before


def test_applying_is_one_action_that_one_undo_takes_back(project: str) -> None:
    with Project.open(project, coder="anna") as door:
        hits = door.search(SearchQuery("school", lemma=True)).hits
        assert door.bulk_code(hits, "Onderwijs", "sentence") == 3
        assert coded(door) == [
            "Elke school samenwerkt anders.",
            "Hoe werken jullie samen met de scholen?",
            "Ik denk dat de school klein is.",
        ]
        again = door.preview_bulk_code(hits, "Onderwijs", "sentence")
        assert (again.new, [s.already_coded for s in again.segments]) == (0, [True] * 3)
        assert door.bulk_code(hits, "Onderwijs", "sentence") == 0
        door.undo()
        assert coded(door) == []
        door.redo()
        assert len(coded(door)) == 3


def test_hits_given_as_places_and_bad_input_change_nothing(project: str) -> None:
    start = DUTCH.index("gemeente")
    with Project.open(project, coder="anna") as door:
        assert door.bulk_code([("anna", start, start + 8)], "Onderwijs", "word") == 1
        assert coded(door) == ["gemeente"]
    before = stored_rows(project)
    with Project.open(project, coder="anna") as door:
        with pytest.raises(CodebookError, match="unknown code"):
            door.bulk_code([("anna", start, start + 8)], "Onderwjs", "word")
        with pytest.raises(CodebookError, match="unknown scope 'zin'"):
            door.bulk_code([("anna", start, start + 8)], "Onderwijs", "zin")  # type: ignore[arg-type]
        with pytest.raises(CodebookError, match="unknown document"):
            door.bulk_code([("bram", 0, 3)], "Onderwijs", "word")
    assert stored_rows(project) == before
