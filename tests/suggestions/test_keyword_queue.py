"""Keyword autocode and the queue: inflected, multi-word and prefix keywords propose whole
sentences; accept codes as the analyst and undo reverts both; a rejection is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.domain import CodebookError
from codebook.domain.documents import ImportRequest
from codebook.project import Project

INTERVIEW = (
    "Interviewer: Hoe gaat het met het project?\n"
    "Anna: We hebben goed samengewerkt met de gemeente. Het weer was slecht. "
    "De ouderraad vergaderde elke maand. Kennisdeling tussen scholen is lastig.\n"
    "Interviewer: En de financiering?\n"
    "Anna: Daar weet ik niets van.\n"
)


def project_with_keywords(tmp_path: Path) -> str:
    source = tmp_path / "anna.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    location = str(tmp_path / "suggest.db")
    with Project.create(location, "studie", "nl", coder="anna") as door:
        door.import_transcripts([source], ImportRequest(language="nl"))
        door.create_code("Samenwerking")
        door.redefine_code("Samenwerking", {"keywords": ["samenwerken", "ouderraad vergaderen"]})
        door.create_code("Kennis")
        door.redefine_code("Kennis", {"keywords": ["kennisdel*"]})
    return location


def queue(door: Project) -> list[tuple[str, str | None, str]]:
    return [(s.code, s.keyword, s.text) for s in door.suggestions()]


def test_keywords_match_inflections_phrases_and_prefixes(tmp_path: Path) -> None:
    location = project_with_keywords(tmp_path)
    with Project.open(location, coder="anna") as door:
        run = door.autocode_keywords()
        assert run.added == 3
        assert queue(door) == [
            ("Samenwerking", "samenwerken", "We hebben goed samengewerkt met de gemeente."),
            ("Samenwerking", "ouderraad vergaderen", "De ouderraad vergaderde elke maand."),
            ("Kennis", "kennisdel*", "Kennisdeling tussen scholen is lastig."),
        ]
        again = door.autocode_keywords()
        assert (again.added, again.already_queued) == (0, 3)
        assert door.codings(document="anna") == []


def test_accept_codes_as_the_analyst_and_undo_reverts_both(tmp_path: Path) -> None:
    location = project_with_keywords(tmp_path)
    with Project.open(location, coder="bram") as door:
        door.autocode_keywords()
        first = door.suggestions()[0]
        coding = door.accept_suggestion(first.id)
        [made] = door.codings(document="anna")
        assert (made.id, made.coder, made.code_name) == (coding, "bram", "Samenwerking")
        assert (made.start, made.end) == (first.start, first.end)
        assert [s.id for s in door.suggestions(status="accepted")] == [first.id]
        assert first.id not in [s.id for s in door.suggestions()]
        with pytest.raises(CodebookError, match="already accepted"):
            door.accept_suggestion(first.id)
        door.undo()
        assert door.codings(document="anna") == []
        assert first.id in [s.id for s in door.suggestions()]


def test_a_rejection_persists_and_is_not_proposed_again(tmp_path: Path) -> None:
    location = project_with_keywords(tmp_path)
    with Project.open(location, coder="anna") as door:
        door.autocode_keywords()
        rejected = door.suggestions()[-1]
        door.reject_suggestion(rejected.id)
    with Project.open(location, coder="anna") as door:
        assert [s.id for s in door.suggestions(status="rejected")] == [rejected.id]
        run = door.autocode_keywords()
        assert (run.added, run.rejected_before) == (0, 1)
        assert rejected.id not in [s.id for s in door.suggestions()]
        door.undo()
        assert rejected.id in [s.id for s in door.suggestions()]


def test_a_coded_sentence_is_not_proposed(tmp_path: Path) -> None:
    location = project_with_keywords(tmp_path)
    with Project.open(location, coder="anna") as door:
        at = INTERVIEW.index("samengewerkt")
        door.code("anna", "Samenwerking", at, at + 12)
        run = door.autocode_keywords()
        assert (run.added, run.already_coded) == (2, 1)
        assert "We hebben goed samengewerkt met de gemeente." not in [
            s.text for s in door.suggestions()
        ]


def test_an_english_keyword_finds_an_irregular_form_and_runs_can_be_narrowed(
    tmp_path: Path,
) -> None:
    source = tmp_path / "tom.txt"
    source.write_text(
        "Interviewer: What happened?\nTom: She taught the class alone. The mice were gone.\n",
        encoding="utf-8",
    )
    location = str(tmp_path / "english.db")
    with Project.create(location, "study", "en", coder="tom") as door:
        door.import_transcripts([source], ImportRequest(language="en"))
        door.create_code("Teaching")
        door.redefine_code("Teaching", {"keywords": ["teach"]})
        door.create_code("Animals")
        door.redefine_code("Animals", {"keywords": ["mouse"]})
        assert door.autocode_keywords(codes=["Animals"]).added == 1
        assert queue(door) == [("Animals", "mouse", "The mice were gone.")]
        assert door.autocode_keywords(documents=["tom"]).added == 1
        assert queue(door) == [
            ("Teaching", "teach", "She taught the class alone."),
            ("Animals", "mouse", "The mice were gone."),
        ]


def test_open_suggestions_of_a_retired_code_are_not_listed(tmp_path: Path) -> None:
    location = project_with_keywords(tmp_path)
    with Project.open(location, coder="anna") as door:
        door.autocode_keywords()
        door.retire_code("Kennis")
        assert [s.code for s in door.suggestions()] == ["Samenwerking", "Samenwerking"]
        door.undo()
        assert [s.code for s in door.suggestions()][-1] == "Kennis"
