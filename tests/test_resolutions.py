"""Resolving disagreements through the door: each kind of resolution gives the reference
coder exactly the codings the team chose, is remembered as resolved, and undo and redo
restore the database row for row."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from codebook.domain import CodebookError
from codebook.domain.agreement import AgreementRequest, Disagreement
from codebook.domain.documents import ImportRequest
from codebook.domain.queries import Filters
from codebook.domain.resolutions import ResolutionRequest
from codebook.project import Project

# Four sentences in one turn; every coding lies inside one sentence.
SCHOOL = (
    "Marieke: De schoolleider geeft ons tijd. Twee uur per week is genoeg. "
    "Soms is het druk. Dan schuiven we het op.\n"
)
REQUEST = AgreementRequest(coders=("anna", "ben"), resamples=50)


def _inside(sentence: str) -> tuple[int, int]:
    start = SCHOOL.index(sentence)
    return start + 3, start + len(sentence) - 3


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """Anna and Ben agree on one sentence of 'Tijd'; each codes one more alone;
    on the last sentence Anna says 'Tijd' and Ben 'Druk'."""
    path = tmp_path / "study.db"
    school = tmp_path / "school.txt"
    school.write_text(SCHOOL, encoding="utf-8")
    with Project.create(path, "study", coder="anna") as project:
        project.import_transcripts([school], ImportRequest())
        project.create_code("Tijd")
        project.create_code("Druk")
        project.create_code("Rust")
    plan = {
        "anna": [
            ("Tijd", "De schoolleider geeft ons tijd."),
            ("Tijd", "Twee uur per week is genoeg."),
            ("Tijd", "Dan schuiven we het op."),
        ],
        "ben": [
            ("Tijd", "De schoolleider geeft ons tijd."),
            ("Tijd", "Soms is het druk."),
            ("Druk", "Dan schuiven we het op."),
        ],
    }
    for coder, codings in plan.items():
        with Project.open(path, coder=coder) as project:
            for code, sentence in codings:
                project.code("school", code, *_inside(sentence), note=f"{coder}'s note")
    return path


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows read over a fresh connection, as another program would see them."""
    with sqlite3.connect(path) as db:
        return sorted(db.execute(sql).fetchall())


def _consensus(path: Path) -> list[tuple[Any, ...]]:
    return _rows(
        path,
        'SELECT code.name, coding.start, coding."end", coding.note FROM coding '
        "JOIN coder ON coder.id = coding.coder_id JOIN code ON code.id = coding.code_id "
        "WHERE coder.name = 'consensus'",
    )


def _everything(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: _rows(path, f"SELECT * FROM {table}")
        for table in ("coding", "memo", "code", "resolution")
    }


def _disagreement(project: Project, sentence: str, code: str) -> Disagreement:
    start, end = _inside(sentence)
    queue = project.disagreement_queue(REQUEST)
    for item in queue.items:
        d = item.disagreement
        if d.path == code and d.start <= start and end <= d.end:
            return d
    raise AssertionError(f"no disagreement on {code} at {sentence!r}")


def test_the_queue_lists_each_difference_with_texts_and_definition(study: Path) -> None:
    with Project.open(study, coder="lead") as project:
        project.redefine_code("Tijd", {"brief_definition": "Time the school gives for research"})
        queue = project.disagreement_queue(REQUEST)
    assert queue.reference == "consensus"
    seen = {(i.disagreement.path, i.text, i.disagreement.coded_by) for i in queue.items}
    assert seen == {
        ("Tijd", "Twee uur per week is genoeg.", ("anna",)),
        ("Tijd", "Soms is het druk.", ("ben",)),
        ("Tijd", "Dan schuiven we het op.", ("anna",)),
        ("Druk", "Dan schuiven we het op.", ("ben",)),
    }
    tijd = next(i for i in queue.items if i.text == "Twee uur per week is genoeg.")
    assert tijd.definition == "Time the school gives for research"
    assert tijd.coding_texts == (SCHOOL[slice(*_inside("Twee uur per week is genoeg."))],)
    assert not any(i.resolved for i in queue.items)
    assert len(queue.open_items) == 4


def test_keep_gives_the_consensus_coder_the_kept_coding(study: Path) -> None:
    with Project.open(study, coder="lead") as project:
        d = _disagreement(project, "Twee uur per week is genoeg.", "Tijd")
        resolution = project.resolve(
            ResolutionRequest(d, "keep", coder="anna", note="Clearly about time")
        )
        queue = project.disagreement_queue(REQUEST)
    start, end = _inside("Twee uur per week is genoeg.")
    assert _consensus(study) == [("Tijd", start, end, "Clearly about time")]
    assert resolution.kind == "keep" and resolution.detail == "anna"
    assert [(c.coder, c.start, c.end) for c in resolution.codings] == [("consensus", start, end)]
    settled = [i for i in queue.items if i.resolved]
    assert [i.text for i in settled] == ["Twee uur per week is genoeg."]
    assert settled[0].resolution is not None
    assert settled[0].resolution.note == "Clearly about time"
    assert len(queue.open_items) == 3


def test_keep_the_coder_who_did_not_code_and_neither_leave_no_coding_but_count_as_resolved(
    study: Path,
) -> None:
    with Project.open(study, coder="lead") as project:
        project.resolve(
            ResolutionRequest(_disagreement(project, "Soms is het druk.", "Tijd"), "keep", "anna")
        )
        project.resolve(
            ResolutionRequest(_disagreement(project, "Dan schuiven we het op.", "Druk"), "neither")
        )
        queue = project.disagreement_queue(REQUEST)
        kinds = sorted(r.kind for r in project.resolutions())
    assert _consensus(study) == []
    assert sorted(i.disagreement.path + ":" + i.text for i in queue.items if i.resolved) == [
        "Druk:Dan schuiven we het op.",
        "Tijd:Soms is het druk.",
    ]
    assert kinds == ["keep", "neither"]
    # the decisions are rows of their own: the analysts' memo lists stay as they were
    assert _rows(study, "SELECT kind, detail, note FROM resolution ORDER BY id") == [
        ("keep", "anna", ""),
        ("neither", "", ""),
    ]
    assert _rows(study, "SELECT * FROM memo") == []


def test_both_and_recode(study: Path) -> None:
    sentence = "Dan schuiven we het op."
    with Project.open(study, coder="lead") as project:
        tijd = _disagreement(project, sentence, "Tijd")
        project.resolve(ResolutionRequest(tijd, "both"))
        druk = _disagreement(project, sentence, "Druk")
        project.resolve(ResolutionRequest(druk, "recode", recode_to="Rust", note="Neither fits"))
    start, end = _inside(sentence)
    assert _consensus(study) == [
        ("Rust", druk.start, druk.end, "Neither fits"),
        ("Tijd", start, end, None),
    ]
    whole = SCHOOL.index(sentence)
    assert (druk.start, druk.end) == (whole, whole + len(sentence))


def test_a_unit_is_resolved_once_and_compared_coders_cannot_settle(study: Path) -> None:
    with Project.open(study, coder="lead") as project:
        d = _disagreement(project, "Twee uur per week is genoeg.", "Tijd")
        project.resolve(ResolutionRequest(d, "neither"))
        with pytest.raises(CodebookError, match="already resolved"):
            project.resolve(ResolutionRequest(d, "keep", coder="anna"))
        with pytest.raises(CodebookError, match="one of the compared coders"):
            project.resolve(ResolutionRequest(d, "both", reference="anna"))
        with pytest.raises(CodebookError, match="needs the code"):
            project.resolve(ResolutionRequest(d, "recode", reference="other"))


def test_a_coding_removed_since_the_queue_was_read_is_not_copied(study: Path) -> None:
    with Project.open(study, coder="anna") as project:
        d = _disagreement(project, "Twee uur per week is genoeg.", "Tijd")
        project.uncode([d.codings[0].coding_id])
        before = _everything(study)
        with pytest.raises(CodebookError, match="has changed"):
            project.resolve(ResolutionRequest(d, "keep", coder="anna"))
    assert _everything(study) == before


def test_each_resolution_is_one_undoable_action(study: Path) -> None:
    before = _everything(study)
    with Project.open(study, coder="lead") as project:
        d = _disagreement(project, "Dan schuiven we het op.", "Tijd")
        project.resolve(ResolutionRequest(d, "both", note="Both fine"))
        after = _everything(study)
        assert after != before
        assert project.undo() is not None
        assert _everything(study) == before
        assert not any(i.resolved for i in project.disagreement_queue(REQUEST).items)
        assert project.redo() is not None
        assert _everything(study) == after


def test_reports_run_on_the_consensus_coder(study: Path) -> None:
    with Project.open(study, coder="lead") as project:
        d = _disagreement(project, "Twee uur per week is genoeg.", "Tijd")
        project.resolve(ResolutionRequest(d, "keep", coder="anna"))
        quotes = project.quotes('"Tijd"', Filters(coders=("consensus",)))
    assert [q.text for q in quotes] == [SCHOOL[slice(*_inside("Twee uur per week is genoeg."))]]
