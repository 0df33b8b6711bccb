"""The review queue through the door: which codings a redefinition, merge or split puts in
it, and that keep, recode and remove (each undoable) take them out and update the counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.domain import CodebookError
from codebook.domain.documents import ImportRequest
from codebook.project import Project

SCHOOL = (
    "Marieke: De schoolleider geeft ons tijd. Twee uur per week is genoeg.\n"
    "Interviewer: En de collega's?\n"
    "Marieke: Soms is het druk. Dan schuiven we het op.\n"
)


def _span(sentence: str) -> tuple[int, int]:
    start = SCHOOL.index(sentence)
    return start, start + len(sentence)


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """'Tijd' (defined) with two codings by Anna and one by Ben; 'Druk' with one."""
    path = tmp_path / "study.db"
    school = tmp_path / "school.txt"
    school.write_text(SCHOOL, encoding="utf-8")
    with Project.create(path, "study", coder="anna") as project:
        project.import_transcripts([school], ImportRequest())
        project.create_code("Tijd")
        project.redefine_code("Tijd", {"brief_definition": "Uren die de school geeft."})
        project.create_code("Druk")
        project.code("school", "Tijd", *_span("De schoolleider geeft ons tijd."))
        project.code("school", "Tijd", *_span("Twee uur per week is genoeg."))
        project.code("school", "Druk", *_span("Soms is het druk."))
    with Project.open(path, coder="ben") as project:
        project.code("school", "Tijd", *_span("Dan schuiven we het op."))
    return path


def _waiting(project: Project) -> dict[str, list[str]]:
    """The texts awaiting review, by code path."""
    out: dict[str, list[str]] = {}
    for item in project.review_queue().items:
        out.setdefault(item.code_path, []).append(item.coding.text)
    return out


def _versions(project: Project, code: str) -> dict[str, int]:
    return {c.text: c.codebook_version for c in project.codings(code=code)}


def test_nothing_waits_until_a_definition_changes(study: Path) -> None:
    with Project.open(study, coder="anna") as project:
        assert project.review_queue().items == ()
        project.rename_code("Tijd", "Uren")
        project.recolour_code("Uren", "#123456")
        assert project.review_counts() == {}


def test_redefining_queues_the_older_codings_with_both_definitions(study: Path) -> None:
    with Project.open(study, coder="anna") as project:
        revision = project.redefine_code(
            "Tijd", {"brief_definition": "Uren die de schoolleider vrijmaakt."}
        )
        project.code("school", "Tijd", *_span("Soms is het druk."))
        queue = project.review_queue()
        tijd = project.code_detail("Tijd").item.id
        assert project.review_counts() == {tijd: 3}
        assert queue.counts == (("Tijd", 3),)
        item = queue.items[0]
        assert item.coding.text == "De schoolleider geeft ons tijd."
        assert (item.document, item.turn, item.speaker) == ("school.txt", 1, "Marieke")
        assert item.reason == "redefined"
        assert item.changed_in == revision.version
        assert item.coding.codebook_version < revision.version
        [field] = item.definition
        assert (field.field, field.old, field.new) == (
            "brief_definition",
            "Uren die de school geeft.",
            "Uren die de schoolleider vrijmaakt.",
        )
        assert item.after.startswith(" Twee uur per week")
        # Undoing the redefinition puts the old definition back: nothing waits.
        project.undo()
        project.undo()
        assert project.review_counts() == {}


def test_keep_recode_remove_and_their_undo(study: Path) -> None:
    with Project.open(study, coder="anna") as project:
        project.redefine_code("Tijd", {"brief_definition": "Alleen uren, geen geld."})
        current = project.summary().codebook_version
        ids = {i.coding.text: i.coding.id for i in project.review_queue().items}
        tijd = project.code_detail("Tijd").item.id
        druk = project.code_detail("Druk").item.id

        assert project.keep_codings([ids["De schoolleider geeft ons tijd."]]) == 1
        assert _versions(project, "Tijd")["De schoolleider geeft ons tijd."] == current
        assert project.review_counts() == {tijd: 2}

        assert project.recode_codings([ids["Twee uur per week is genoeg."]], "Druk") == 1
        assert _versions(project, "Druk") == {
            "Soms is het druk.": current - 1,
            "Twee uur per week is genoeg.": current,
        }
        assert project.review_counts() == {tijd: 1}

        assert project.uncode([ids["Dan schuiven we het op."]]) == 1
        assert project.review_counts() == {}
        assert druk not in project.review_counts()

        assert project.undo() == f"remove coding {ids['Dan schuiven we het op.']}"
        assert project.review_counts() == {tijd: 1}
        project.undo()
        assert "Twee uur per week is genoeg." in _versions(project, "Tijd")
        assert project.review_counts() == {tijd: 2}
        project.undo()
        assert project.review_counts() == {tijd: 3}
        assert _versions(project, "Tijd")["De schoolleider geeft ons tijd."] < current
        project.redo()
        assert project.review_counts() == {tijd: 2}


def test_keep_refuses_codings_that_do_not_wait(study: Path) -> None:
    with Project.open(study, coder="anna") as project:
        druk = project.codings(code="Druk")[0].id
        with pytest.raises(CodebookError, match=f"coding {druk} does not await review"):
            project.keep_codings([druk])
        with pytest.raises(CodebookError, match="unknown coding 999"):
            project.keep_codings([999])


def test_recode_refuses_a_twin_and_a_retired_code(study: Path) -> None:
    with Project.open(study, coder="anna") as project:
        project.code("school", "Druk", *_span("De schoolleider geeft ons tijd."))
        project.create_code("Oud")
        project.retire_code("Oud")
        project.redefine_code("Tijd", {"brief_definition": "Alleen uren."})
        first = project.review_queue().items[0].coding.id
        with pytest.raises(CodebookError, match="already codes that passage with 'Druk'"):
            project.recode_codings([first], "Druk")
        with pytest.raises(CodebookError, match="retired"):
            project.recode_codings([first], "Oud")
        assert len(project.review_queue().items) == 3


def test_a_merge_queues_the_merged_codings_and_its_undo_clears_them(study: Path) -> None:
    with Project.open(study, coder="anna") as project:
        revision = project.merge_codes("Druk", "Tijd")
        tijd = project.code_detail("Tijd").item.id
        assert project.review_counts() == {tijd: 4}
        assert {i.reason for i in project.review_queue().items} == {"merged"}
        assert {i.changed_in for i in project.review_queue().items} == {revision.version}
        project.undo()
        assert project.review_counts() == {}


def test_a_split_queues_every_moved_coding_under_the_old_definition(study: Path) -> None:
    with Project.open(study, coder="anna") as project:
        codings = project.codings(code="Tijd")
        money = {codings[0].id: "Uren"}
        project.split_code("Tijd", ["Uren", "Rooster"], money, default="Rooster")
        queue = project.review_queue()
        assert dict(queue.counts) == {"Uren": 1, "Rooster": 2}
        assert {i.reason for i in queue.items} == {"split"}
        assert all(
            [(f.field, f.old, f.new) for f in i.definition]
            == [("brief_definition", "Uren die de school geeft.", "")]
            for i in queue.items
        )
        only = project.review_queue(code="Uren")
        assert [i.coding.id for i in only.items] == [codings[0].id]


def test_memos_follow_a_merge_and_its_undo(study: Path) -> None:
    with Project.open(study, coder="anna") as project:
        druk = project.code_detail("Druk").item.id
        tijd = project.code_detail("Tijd").item.id
        target = project.memo_target(code="Druk")
        assert target is not None
        project.add_memo(target, "Druk komt vooral rond toetsen.")

        def texts(code_id: int) -> list[str]:
            return [m.text for m in project.code_memos().get(code_id, [])]

        project.merge_codes("Druk", "Tijd")
        assert (texts(tijd), texts(druk)) == (["Druk komt vooral rond toetsen."], [])
        project.undo()
        assert (texts(tijd), texts(druk)) == ([], ["Druk komt vooral rond toetsen."])


def test_reviewed_counts_note_the_kept_codings_since_the_change(study: Path) -> None:
    with Project.open(study, coder="anna") as project:
        revision = project.redefine_code("Tijd", {"brief_definition": "Alleen uren."})
        tijd = project.code_detail("Tijd").item.id
        ids = [i.coding.id for i in project.review_queue().items]
        project.keep_codings(ids[:2])
        project.recode_codings(ids[2:], "Druk")
        counts = project.reviewed_counts()
        assert list(counts) == [tijd]
        assert (counts[tijd].reviewed, counts[tijd].changed_in) == (2, revision.version)
        project.undo()
        project.undo()
        assert project.reviewed_counts() == {}


def test_the_word_report_notes_the_quotes_re_checked(study: Path, tmp_path: Path) -> None:
    from docx import Document

    from codebook.domain.exports import ReportOptions

    def paragraphs(lang: str) -> list[str]:
        target = tmp_path / f"report-{lang}.docx"
        project.export("docx", target, ReportOptions(lang=lang))
        return [p.text for p in Document(str(target)).paragraphs]

    with Project.open(study, coder="anna") as project:
        revision = project.redefine_code("Tijd", {"brief_definition": "Alleen uren."})
        assert not any("re-checked" in p for p in paragraphs("en"))
        ids = [i.coding.id for i in project.review_queue().items]
        project.keep_codings(ids[:2])
        note = f"2 quotes re-checked after the definition changed in v{revision.version}."
        assert paragraphs("en").count(note) == 1
        dutch = f"2 citaten opnieuw beoordeeld na de definitiewijziging in v{revision.version}."
        assert dutch in paragraphs("nl")
