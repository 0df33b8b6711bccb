"""Search over the text index: words, prefixes, lemmas in three languages, phrases, regexes,
keyword-in-context lines at the document's edges, restrictions, and the index kept right
after edits, undo and an upgrade from before the index existed."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.domain import CodebookError
from codebook.domain.search import MAX_QUERY_CHARS, SearchQuery
from codebook.project import Project
from helpers import stored_rows

from .conftest import DUTCH, ENGLISH, GERMAN, make_project


def matches(door: Project, text: str, **options: object) -> list[str]:
    return [hit.match for hit in door.search(SearchQuery(text, **options)).hits]  # type: ignore[arg-type]


@pytest.fixture
def dutch(tmp_path: Path) -> str:
    return make_project(tmp_path, {"anna.txt": (DUTCH, "nl")})


def test_a_dutch_lemma_finds_every_inflection(dutch: str) -> None:
    with Project.open(dutch, coder="anna") as door:
        assert matches(door, "samenwerken", lemma=True) == ["samengewerkt", "samenwerkt"]
        assert matches(door, "scholen", lemma=True) == ["scholen", "school", "school"]
        assert matches(door, "scholen") == ["scholen"]
        assert matches(door, "(scholen?)") == ["scholen"]


def test_english_and_german_lemmas_follow_each_documents_language(tmp_path: Path) -> None:
    location = make_project(tmp_path, {"claire.txt": (ENGLISH, "en"), "dieter.txt": (GERMAN, "de")})
    with Project.open(location, coder="anna") as door:
        assert matches(door, "child", lemma=True) == ["children", "children", "child"]
        assert matches(door, "learn", lemma=True) == ["learn", "learning", "learns"]
        assert matches(door, "kind", lemma=True) == ["Kinder", "Kinder", "Kind"]
        assert matches(door, "arbeiten", lemma=True) == ["arbeiten", "arbeiteten", "arbeitet"]


def test_a_trailing_star_matches_any_ending_and_escapes_like_wildcards(dutch: str) -> None:
    with Project.open(dutch, coder="anna") as door:
        assert matches(door, "samen*") == ["samen", "samengewerkt", "samenwerkt"]
        assert matches(door, "s_hool*") == []
        assert door.search(SearchQuery("%*")).hits == ()


def test_several_words_find_any_and_a_phrase_needs_them_in_a_row(dutch: str) -> None:
    with Project.open(dutch, coder="anna") as door:
        assert matches(door, "ouders gemeente") == ["gemeente", "ouders", "ouders"]
        assert matches(door, "de school", phrase=True) == ["de school"]
        assert matches(door, "de scholen", phrase=True, lemma=True) == [
            "de scholen",
            "de school",
        ]


def test_a_regex_runs_over_the_spoken_text_and_a_bad_one_is_one_line(dutch: str) -> None:
    with Project.open(dutch, coder="anna") as door:
        assert matches(door, r"samen\w*", regex=True) == ["samen", "samengewerkt", "samenwerkt"]
        assert matches(door, "Interviewer", regex=True) == []
        with pytest.raises(CodebookError, match="invalid regular expression '\\(a'"):
            door.search(SearchQuery("(a", regex=True))


def test_empty_and_overlong_queries_are_refused_and_change_nothing(dutch: str) -> None:
    before = stored_rows(dutch)
    with Project.open(dutch, coder="anna") as door:
        with pytest.raises(CodebookError, match="empty search"):
            door.search(SearchQuery("   "))
        with pytest.raises(CodebookError, match="empty search"):
            door.search(SearchQuery("?! ..."))
        with pytest.raises(CodebookError, match="too long"):
            door.search(SearchQuery("a" * (MAX_QUERY_CHARS + 1)))
    assert stored_rows(dutch) == before


def test_keyword_in_context_stops_at_both_edges_of_the_document(tmp_path: Path) -> None:
    text = "Anna: Eerste woord hier.\nBram: Hier staat het laatste woord\n"
    location = make_project(tmp_path, {"rand.txt": (text, "nl")})
    with Project.open(location, coder="anna") as door:
        first, last = door.search(SearchQuery("eerste laatste", context=3)).hits
        assert (first.left, first.match, first.right) == ("", "Eerste", "woord hier. Bram: Hier")
        assert (last.left, last.match, last.right) == ("Hier staat het", "laatste", "woord")
        assert (first.speaker, first.turn, last.speaker, last.turn) == ("Anna", 1, "Bram", 2)
        only = door.search(SearchQuery("woord", context=0)).hits
        assert [(h.left, h.right) for h in only] == [("", ""), ("", "")]


def test_restricted_by_speaker_code_attribute_and_document(tmp_path: Path) -> None:
    location = make_project(
        tmp_path, {"anna.txt": (DUTCH, "nl"), "tweede.txt": ("Carla: De school is groot.\n", "nl")}
    )
    with Project.open(location, coder="anna") as door:
        door.set_attributes("anna", ["regio=noord"])
        door.set_attributes("tweede", ["regio=zuid"])
        door.create_code("Onderwijs")
        door.create_code("Gebouw", "Onderwijs")
        start = DUTCH.index("Ik denk")
        door.code("anna", "Gebouw", start, start + len("Ik denk dat de school klein is."))

        def hits(**options: object) -> list[tuple[str, int]]:
            result = door.search(SearchQuery("school", lemma=True, **options))  # type: ignore[arg-type]
            return [(hit.document, hit.start) for hit in result.hits]

        everywhere = hits()
        assert [doc for doc, _ in everywhere] == ["anna.txt"] * 3 + ["tweede.txt"]
        assert hits(speaker="bram") == [("anna.txt", DUTCH.index("school klein"))]
        assert hits(code="Onderwijs") == [("anna.txt", DUTCH.index("school klein"))]
        assert hits(where=(("regio", ("zuid",)),)) == [("tweede.txt", 10)]
        assert hits(documents=("tweede",)) == [("tweede.txt", 10)]
        result = door.search(SearchQuery("school", lemma=True))
        assert [(r.value, r.hits) for r in result.per_document] == [
            ("anna.txt", 3),
            ("tweede.txt", 1),
        ]
        assert result.per_attribute == (("regio", (_row("noord", 3), _row("zuid", 1))),)
        with pytest.raises(CodebookError, match="unknown speaker 'Zoë'"):
            door.search(SearchQuery("school", speaker="Zoë"))
        with pytest.raises(CodebookError, match="unknown code"):
            door.search(SearchQuery("school", code="Onderwijss"))
        with pytest.raises(CodebookError, match="unknown attribute 'plaats'"):
            door.search(SearchQuery("school", where=(("plaats", ("x",)),)))


def _row(value: str, hits: int) -> object:
    from codebook.domain.search import CountRow

    return CountRow(value, hits)


def test_the_index_follows_a_text_edit_an_undone_import_and_its_redo(dutch: str) -> None:
    with Project.open(dutch, coder="anna") as door:
        assert door.index_stats().documents == 1
        plan = door.plan_turn_edit("anna", 3, "Ik denk dat het gebouw klein is.")
        door.apply_text_edit(plan)
        assert matches(door, "gebouw") == ["gebouw"]
        assert matches(door, "school") == ["school"]
        door.undo()
        assert matches(door, "gebouw") == []
        door.undo()
        assert door.search(SearchQuery("school")).hits == ()
        assert door.index_stats().documents == 0
        door.redo()
        assert matches(door, "school") == ["school", "school"]


def test_a_project_from_before_the_index_is_indexed_on_its_first_search(
    tmp_path: Path,
) -> None:
    import sqlite3

    location = make_project(tmp_path, {"anna.txt": (DUTCH, "nl")})
    # What schema 0004 held: the same project without the tables 0005 added.
    with sqlite3.connect(location) as conn:
        for table in ("index_posting", "index_document", "index_form"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP TABLE suggestion")
        conn.execute("DROP TABLE suggester_model")
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
    conn.close()
    with Project.open(location, coder="anna") as door:
        progress: list[tuple[int, int]] = []
        found = door.search(
            SearchQuery("scholen", lemma=True), progress=lambda d, t: progress.append((d, t))
        )
        assert [hit.match for hit in found.hits] == ["scholen", "school", "school"]
        assert progress == [(0, 1), (1, 1)]
        assert door.refresh_index() == 0
