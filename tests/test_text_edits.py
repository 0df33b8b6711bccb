"""Correcting a coded transcript through the door: plans, one undoable action, refusals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select, update

from codebook.db.models import Coder, Document, Memo, Turn
from codebook.domain import CodebookError
from codebook.domain.documents import ImportRequest
from codebook.project import Project
from codebook.services.project_store import open_project
from codebook.services.text_edits import diffing
from helpers import stored_rows
from text_edit_texts import CORRECTED, INTERVIEW


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


CONTENT = ("document", "turn", "coding", "memo", "case_document", "document_attribute")


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def start_project(location: str | Path, tmp_path: Path, text: str = INTERVIEW) -> Project:
    project = Project.create(location, "t", "nl", coder="anna")
    outcome = project.import_transcripts([write(tmp_path, "sanne.txt", text)], ImportRequest())
    assert outcome[0].status == "imported"
    project.create_code("Start")
    project.create_code("Tijd")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    opened = start_project(tmp_path / "p.db", tmp_path)
    try:
        yield opened
    finally:
        opened.close()


def code(project: Project, code_name: str, phrase: str, text: str = INTERVIEW) -> int:
    return project.code("sanne", code_name, *span(text, phrase)).id


# --------------------------------------------------------------------------- replacing


def test_every_coders_codings_follow_their_text(project: Project, tmp_path: Path) -> None:
    bert = Project.open(project.location, coder="bert")
    changed = code(project, "Start", "drie docenten")
    vanishing = code(project, "Start", "Later kwam de hogeschool erbij.")
    moved = code(bert, "Tijd", "twee uur")
    kept = code(bert, "Start", "Hoe begon de werkplaats")
    bert.close()
    project.set_attributes("sanne", ["school=Noord"])
    project.link_case("Sanne", "sanne", "Sanne")

    plan = project.plan_replacement("sanne", write(tmp_path, "v2.txt", CORRECTED))

    assert plan.needs_confirmation
    assert plan.unchanged == 2
    (change,) = plan.changed
    assert (change.id, change.code, change.coder) == (changed, "Start", "anna")
    assert (change.old_text, change.new_text) == ("drie docenten", "vier docenten")
    assert (change.new_start, change.new_end) == span(CORRECTED, "vier docenten")
    (gone,) = plan.vanished
    assert (gone.id, gone.old_text, gone.new_start) == (
        vanishing,
        "Later kwam de hogeschool erbij.",
        None,
    )
    assert plan.deleted > plan.inserted > 0 and 0.5 < plan.kept_share < 1

    result = project.apply_text_edit(plan)

    assert (result.changed, result.vanished, result.unchanged) == (1, 1, 2)
    opened = project.open_document("sanne")
    assert opened.text == CORRECTED
    assert {c.id: c.text for c in opened.codings} == {
        changed: "vier docenten",
        moved: "twee uur",
        kept: "Hoe begon de werkplaats",
    }
    assert {c.id: c.coder for c in opened.codings}[moved] == "bert"
    (row,) = project.documents()
    assert (row.id, row.name, row.attributes, row.words) == (
        opened.id,
        "sanne.txt",
        {"school": "Noord"},
        len(CORRECTED.split()),
    )
    assert [c.name for c in project.cases()] == ["Sanne"]
    assert [CORRECTED[t.start : t.end][:9] for t in opened.turns] == [
        "Hoe begon",
        "We zijn g",
        "Wat vond ",
        "Hij gaf o",
    ]
    assert all(CORRECTED[s:e].strip() == CORRECTED[s:e] for s, e in opened.sentences)
    assert ("Wat vond de schoolleider daarvan?") in [CORRECTED[s:e] for s, e in opened.sentences]


def test_undo_restores_text_turns_sentences_codings_and_memos_exactly(
    location: str, tmp_path: Path
) -> None:
    project = start_project(location, tmp_path)
    try:
        vanishing = code(project, "Start", "Later kwam de hogeschool erbij.")
        code(project, "Start", "drie docenten")
        code(project, "Tijd", "twee uur")
        project.set_coding_memo(vanishing, "Wanneer precies?")
        before = stored_rows(location, *CONTENT)
        plan = project.plan_replacement("sanne", write(tmp_path, "v2.txt", CORRECTED))

        project.apply_text_edit(plan)
        after = stored_rows(location, *CONTENT)
        assert after != before and len(after["coding"]) == 2

        assert project.undo() == "replace text of 'sanne.txt'"
        assert stored_rows(location, *CONTENT) == before
        assert project.redo() == "replace text of 'sanne.txt'"
        assert stored_rows(location, *CONTENT) == after
    finally:
        project.close()


def test_a_memo_on_a_vanished_coding_goes_with_it(project: Project, tmp_path: Path) -> None:
    vanishing = code(project, "Start", "Later kwam de hogeschool erbij.")
    kept = code(project, "Tijd", "twee uur")
    store = open_project(project.location)
    with store.write() as session:
        anna = session.scalar(select(Coder.id).where(Coder.name == "anna"))
        for target in (vanishing, kept):
            when = datetime(2024, 3, 1, 10, 0)
            session.execute(
                insert(Memo).values(
                    target_kind="coding",
                    target_id=target,
                    coder_id=anna,
                    title="",
                    text=f"over {target}",
                    created_at=when,
                    updated_at=when,
                )
            )
    store.close()
    before = stored_rows(project.location, "memo")

    project.apply_text_edit(project.plan_replacement("sanne", write(tmp_path, "v2.txt", CORRECTED)))

    assert [r[2] for r in stored_rows(project.location, "memo")["memo"]] == [kept]
    project.undo()
    assert stored_rows(project.location, "memo") == before


def test_codings_that_land_on_one_passage_become_one(project: Project, tmp_path: Path) -> None:
    first = code(project, "Tijd", "elke")
    second = code(project, "Tijd", "week")
    project.set_coding_memo(second, "Echt elke week?")
    corrected = INTERVIEW.replace("elke week", "maandelijks")

    plan = project.plan_replacement("sanne", write(tmp_path, "v2.txt", corrected))

    assert [(c.id, c.new_text) for c in plan.changed] == [(first, "maandelijks")]
    assert [(c.id, c.merged_into) for c in plan.vanished] == [(second, first)]
    project.apply_text_edit(plan)
    (coding,) = [c for c in project.codings(document="sanne") if c.code_name == "Tijd"]
    assert (coding.id, coding.text, coding.note) == (first, "maandelijks", "Echt elke week?")


def test_codings_shifting_onto_each_others_places_are_moved_in_turn(
    project: Project, tmp_path: Path
) -> None:
    """An insertion as long as the gap between two codings moves the first onto the second."""
    first, second = span(INTERVIEW, "docenten"), span(INTERVIEW, "hogeschool")
    gap = second[0] - first[0]
    assert second[1] - second[0] > first[1] - first[0]
    ids = [project.code("sanne", "Start", second[0], second[0] + 8).id]
    ids.insert(0, project.code("sanne", "Start", first[0], first[0] + 8).id)
    where = INTERVIEW.index("We zijn")
    corrected = INTERVIEW[:where] + "x" * (gap - 1) + " " + INTERVIEW[where:]

    project.apply_text_edit(project.plan_replacement("sanne", write(tmp_path, "v2.txt", corrected)))

    texts = {c.id: c.text for c in project.codings(document="sanne")}
    assert texts == {ids[0]: "docenten", ids[1]: "hogescho"}


def test_a_plan_that_touches_no_coding_needs_no_confirmation(
    project: Project, tmp_path: Path
) -> None:
    code(project, "Tijd", "twee uur")
    plan = project.plan_replacement("sanne", write(tmp_path, "v2.txt", CORRECTED))
    assert not plan.needs_confirmation and plan.unchanged == 1 and plan.changes_text


def test_the_same_file_again_changes_nothing(project: Project, tmp_path: Path) -> None:
    before = stored_rows(project.location)
    plan = project.plan_replacement("sanne", write(tmp_path, "again.txt", INTERVIEW))
    assert not plan.changes_text and not plan.needs_confirmation
    project.apply_text_edit(plan)
    assert stored_rows(project.location) == before


# --------------------------------------------------------------------------- turns


def rename_speaker(project: Project, old: str, new: str) -> None:
    store = open_project(project.location)
    with store.write() as session:
        session.execute(update(Turn).where(Turn.speaker == old).values(speaker=new))
    store.close()


def test_a_speaker_renamed_after_import_stays_renamed(project: Project, tmp_path: Path) -> None:
    rename_speaker(project, "Sanne", "Sanne de Boer")
    plan = project.plan_replacement("sanne", write(tmp_path, "v2.txt", CORRECTED))
    assert not plan.turns_restructured and plan.speakers_relabelled == 0
    project.apply_text_edit(plan)
    speakers = [t.speaker for t in project.open_document("sanne").turns]
    assert speakers == ["Interviewer", "Sanne de Boer", "Interviewer", "Sanne de Boer"]


def test_a_renamed_speaker_stays_renamed_when_the_file_changes_the_label(
    project: Project, tmp_path: Path
) -> None:
    rename_speaker(project, "Sanne", "Sanne de Boer")
    corrected = INTERVIEW.replace("Sanne: Hij", "Sanna: Hij")
    plan = project.plan_replacement("sanne", write(tmp_path, "v2.txt", corrected))
    assert not plan.turns_restructured and plan.speakers_relabelled == 0
    assert [t.speaker for t in plan.turns][1::2] == ["Sanne de Boer", "Sanne de Boer"]


def test_a_label_corrected_in_the_file_names_the_speaker(project: Project, tmp_path: Path) -> None:
    corrected = INTERVIEW.replace("Interviewer: Wat", "Onderzoeker: Wat")
    plan = project.plan_replacement("sanne", write(tmp_path, "v2.txt", corrected))
    assert not plan.turns_restructured and plan.speakers_relabelled == 1
    assert [t.speaker for t in plan.turns] == ["Interviewer", "Sanne", "Onderzoeker", "Sanne"]


def test_turns_follow_a_file_with_another_label_structure(project: Project, tmp_path: Path) -> None:
    rename_speaker(project, "Sanne", "Sanne de Boer")
    corrected = INTERVIEW.replace(" Later", "\nInterviewer: Klopt dat?\nSanne: Ja. Later")
    plan = project.plan_replacement("sanne", write(tmp_path, "v2.txt", corrected))

    assert plan.turns_restructured and (plan.turns_added, plan.turns_removed) == (2, 0)
    project.apply_text_edit(plan)
    turns = project.open_document("sanne").turns
    assert [corrected[t.start : t.end][:10] for t in turns][1:4] == [
        "We zijn ge",
        "Klopt dat?",
        "Ja. Later ",
    ]
    assert [t.speaker for t in turns] == [
        "Interviewer",
        "Sanne de Boer",
        "Interviewer",
        "Sanne de Boer",
        "Interviewer",
        "Sanne de Boer",
    ]


def test_sentences_are_split_again_only_in_changed_turns(project: Project, tmp_path: Path) -> None:
    """Stored sentences that no splitter would make survive in every turn the edit left alone."""
    store = open_project(project.location)
    with store.write() as session:
        odd = [[t.start, t.start + 3] for t in project.open_document("sanne").turns]
        session.execute(update(Document).values(sentences=odd))
    store.close()
    plan = project.plan_replacement("sanne", write(tmp_path, "v2.txt", CORRECTED))
    assert plan.turns_resplit == 2
    shift = len(CORRECTED) - len(INTERVIEW)
    assert plan.sentences[0] == tuple(odd[0])
    assert plan.sentences[-1] == (odd[3][0] + shift, odd[3][1] + shift)
    assert [CORRECTED[s:e] for s, e in plan.sentences[1:-1]] == [
        "We zijn gestart met vier docenten.",
        "Wat vond de schoolleider daarvan?",
    ]


# --------------------------------------------------------------------------- one turn


def test_editing_one_turn_moves_the_rest(project: Project) -> None:
    coding = code(project, "Tijd", "twee uur")
    after = code(project, "Start", "niet gelukt")
    plan = project.plan_turn_edit(
        "sanne", 3, "Hij gaf ons iedere week twee uur.\r\nZonder die tijd"
    )
    assert plan.description == "edit turn 4 of 'sanne.txt'"
    assert [c.id for c in plan.vanished] == [after]
    assert not plan.changed and plan.turns_resplit == 1 and plan.source is None

    project.apply_text_edit(plan)
    opened = project.open_document("sanne")
    assert opened.text.endswith("Sanne: Hij gaf ons iedere week twee uur.\nZonder die tijd\n")
    assert [c.text for c in opened.codings] == ["twee uur"]
    assert [c.id for c in opened.codings] == [coding]
    assert project.undo() == "edit turn 4 of 'sanne.txt'"
    assert project.open_document("sanne").text == INTERVIEW


def test_editing_an_early_turn_shifts_the_later_turns(project: Project) -> None:
    coding = code(project, "Tijd", "twee uur")
    plan = project.plan_turn_edit("sanne", 0, "Hoe is de werkplaats op jullie school begonnen?")
    project.apply_text_edit(plan)
    opened = project.open_document("sanne")
    assert [c.text for c in opened.codings if c.id == coding] == ["twee uur"]
    assert [opened.text[t.start : t.end] for t in opened.turns][2] == (
        "Wat vond de schoolleider ervan?"
    )


# --------------------------------------------------------------------------- refusals


def test_bad_replacements_are_refused_with_one_line_and_change_nothing(
    project: Project, tmp_path: Path
) -> None:
    code(project, "Tijd", "twee uur")
    other = Project.open(project.location, coder="anna")
    outcome = other.import_transcripts(
        [write(tmp_path, "ander.txt", "Interviewer: Iets heel anders.\nBas: Ja, echt.\n")],
        ImportRequest(),
    )
    other.close()
    assert outcome[0].status == "imported"
    before = stored_rows(project.location)
    wrong = write(tmp_path, "wrong.txt", "Interviewer: Iets heel anders.\nBas: Nee.\n")
    cases: list[tuple[Any, str]] = [
        (lambda: project.plan_replacement("sanne", wrong), "wrong.txt: shares only"),
        (lambda: project.plan_replacement("nobody", wrong), "unknown document 'nobody'"),
        (
            lambda: project.plan_replacement("sanne", tmp_path / "missing.txt"),
            "missing.txt: file not found",
        ),
        (
            lambda: project.plan_replacement("sanne", write(tmp_path, "v2.pdf", CORRECTED)),
            "v2.pdf: unsupported format",
        ),
        (
            lambda: project.plan_replacement(
                "sanne",
                write(tmp_path, "copy.txt", "Interviewer: Iets heel anders.\nBas: Ja, echt.\n"),
            ),
            "copy.txt: same text as document 'ander.txt'",
        ),
        (lambda: project.plan_turn_edit("sanne", 1, "  \n "), "would empty turn 2"),
        (lambda: project.plan_turn_edit("sanne", 9, "Ja."), "has no turn 10"),
    ]
    for attempt, message in cases:
        with pytest.raises(CodebookError) as caught:
            attempt()
        assert message in str(caught.value) and "\n" not in str(caught.value)
    assert stored_rows(project.location) == before


def test_a_file_in_another_encoding_is_refused_naming_both(
    project: Project, tmp_path: Path
) -> None:
    corrected = CORRECTED.replace("vier docenten", "vier docenten én één ‘stagiair’")
    path = write(tmp_path, "v2.txt", corrected, "cp1252")
    with pytest.raises(CodebookError, match=r"v2.txt: read as cp1252, .* imported from utf-8"):
        project.plan_replacement("sanne", path)
    assert project.plan_replacement("sanne", path, force=True).changes_text


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_file_in_plain_ascii_matches_any_encoding(tmp_path: Path, encoding: str) -> None:
    accented = INTERVIEW.replace("drie docenten", "drie docenten, één ‘stagiair’")
    with Project.create(tmp_path / "p.db", "t", "nl", coder="anna") as project:
        (outcome,) = project.import_transcripts(
            [write(tmp_path, "sanne.txt", accented, encoding)], ImportRequest()
        )
        assert outcome.encoding == encoding
        plain = accented.replace("één ‘stagiair’", "een stagiair")
        plan = project.plan_replacement("sanne", write(tmp_path, "v2.txt", plain, "ascii"))
        assert plan.changes_text and plan.source is not None
        project.apply_text_edit(plan)
        assert project.open_document("sanne").text == plain


def test_a_wrong_file_can_be_forced(project: Project, tmp_path: Path) -> None:
    coding = code(project, "Tijd", "twee uur")
    wrong = write(tmp_path, "wrong.txt", "Interviewer: Iets heel anders.\nBas: Nee.\n")
    plan = project.plan_replacement("sanne", wrong, force=True)
    assert plan.kept_share < 0.5 and plan.turns_restructured
    assert coding in [c.id for c in plan.changed + plan.vanished]
    project.apply_text_edit(plan)
    assert project.open_document("sanne").text == wrong.read_text(encoding="utf-8")


def test_a_comparison_out_of_time_is_refused_unless_forced(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(diffing, "TIMEOUT", 1e-9)
    path = write(tmp_path, "v2.txt", CORRECTED)
    with pytest.raises(CodebookError, match="v2.txt: comparing it with 'sanne.txt' took too long"):
        project.plan_replacement("sanne", path)
    assert project.plan_replacement("sanne", path, force=True).coarse


def test_a_plan_is_refused_once_the_document_changed(project: Project, tmp_path: Path) -> None:
    stale = project.plan_replacement("sanne", write(tmp_path, "v2.txt", CORRECTED))
    project.apply_text_edit(project.plan_turn_edit("sanne", 0, "Hoe begon het?"))
    with pytest.raises(
        CodebookError, match="text of 'sanne.txt' changed since the edit was planned"
    ):
        project.apply_text_edit(stale)


def test_a_plan_is_refused_once_the_codings_changed(project: Project, tmp_path: Path) -> None:
    stale = project.plan_replacement("sanne", write(tmp_path, "v2.txt", CORRECTED))
    code(project, "Tijd", "drie docenten")
    before = stored_rows(project.location)
    with pytest.raises(CodebookError, match="codings of 'sanne.txt' changed"):
        project.apply_text_edit(stale)
    assert stored_rows(project.location) == before


def test_a_plan_is_refused_once_the_turns_changed(project: Project, tmp_path: Path) -> None:
    stale = project.plan_replacement("sanne", write(tmp_path, "v2.txt", CORRECTED))
    rename_speaker(project, "Sanne", "Sanne de Boer")
    with pytest.raises(CodebookError, match="turns of 'sanne.txt' changed"):
        project.apply_text_edit(stale)


def test_a_coding_made_after_a_correction_or_its_undo_shows_the_text_of_that_moment(
    project: Project,
) -> None:
    """The text a new coding shows back is cut from a kept copy: it must follow the edit."""
    code(project, "Tijd", "twee uur")  # the original text is now kept
    project.apply_text_edit(
        project.plan_turn_edit("sanne", 3, "Hij gaf ons iedere week drie uur.\nZonder die tijd")
    )
    edited = project.open_document("sanne").text
    start = edited.index("drie uur")
    assert project.code("sanne", "Start", start, start + 8).text == "drie uur"
    assert project.code("sanne", "Start", start, len(edited)).end == len(edited)  # new length
    project.undo()
    project.undo()
    assert project.undo() == "edit turn 4 of 'sanne.txt'"
    start, end = span(INTERVIEW, "twee uur")
    assert project.code("sanne", "Start", start, end).text == "twee uur"
