"""Cases on SQLite and PostgreSQL: link, unlink, list, speakers as cases, import, undo, matrix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebook.cli.case import LABELS
from codebook.db.engine import Store
from codebook.db.models import Action, Case, CaseDocument, Document
from codebook.domain import CodebookError, CodeFields
from codebook.domain.cases import CaseLink, CaseRow
from codebook.services.analysis import code_case_matrix
from codebook.services.cases import link_case, link_speakers_as_cases, list_cases, unlink_case
from codebook.services.codebook.codes import create_code
from codebook.services.coding import apply_coding
from codebook.services.documents import set_attributes
from codebook.services.importing.speakers import (
    INTERVIEWING_ROLES,
    KNOWN_LABELS,
    is_interviewing_role,
)
from codebook.services.undo import redo, undo
from helpers import add_doc, counts
from helpers import run_cli as run

FOCUS_GROUP = (
    "Gespreksleider: Welkom allemaal. Wie wil beginnen?\n"
    "Anouk de Vries: Bij ons is de werkplaats echt gaan leven.\n"
    "Bas: Bij ons duurde het langer. Het bestuur moest eerst overtuigd worden.\n"
    "Chantal: Wij delen veel kennis met andere scholen.\n"
    "Daan: De hogeschool luistert meer dan vroeger.\n"
    "Gespreksleider: Wat is er nodig om dit te borgen?\n"
    "Bas: Geld van het bestuur.\n"
    "Chantal: Een coördinator die het trekt.\n"
)
PARTICIPANTS = ["Anouk de Vries", "Bas", "Chantal", "Daan"]
SPEAKER_ROWS = [CaseRow(n, (CaseLink("focusgroep.txt", n),)) for n in PARTICIPANTS]


def case_tables(store: Store) -> tuple[int, int]:
    """(case rows, case_document rows)."""
    found = counts(store)
    return found["case"], found["case_document"]


def cases_of(store: Store) -> list[CaseRow]:
    with store.read() as s:
        return list_cases(s)


def actions(store: Store) -> list[tuple[str, str]]:
    with store.read() as s:
        return [tuple(r) for r in s.execute(select(Action.kind, Action.state).order_by(Action.id))]  # type: ignore[misc]


@pytest.fixture
def docs(store: Store, coder: int) -> tuple[int, int]:
    """An interview (Interviewer, Marieke) and a focus group (Gespreksleider and four others)."""
    with store.write() as s:
        return add_doc(s, coder), add_doc(s, coder, "focusgroep.txt", FOCUS_GROUP)


# --------------------------------------------------------------------------- service


def test_link_list_and_unlink(store: Store, coder: int, docs: tuple[int, int]) -> None:
    interview, group = docs
    with store.write() as s:
        assert link_case(s, coder, "  School Karel ", interview) is True
        assert link_case(s, coder, "School Karel", group) is True
        assert link_case(s, coder, "Marieke", interview, "Marieke") is True
        assert link_case(s, coder, "School Karel", interview) is False  # idempotent
    assert cases_of(store) == [
        CaseRow("Marieke", (CaseLink("marieke.txt", "Marieke"),)),
        CaseRow("School Karel", (CaseLink("focusgroep.txt", None), CaseLink("marieke.txt", None))),
    ]
    assert [kind for kind, _ in actions(store)].count("case.link") == 3
    with store.write() as s:
        assert unlink_case(s, coder, "School Karel", group) is False
    assert case_tables(store) == (2, 2)
    with store.write() as s:
        assert unlink_case(s, coder, "School Karel", interview) is True
    assert cases_of(store) == [CaseRow("Marieke", (CaseLink("marieke.txt", "Marieke"),))]


def test_a_whole_document_link_and_a_speaker_link_are_different_links(
    store: Store, coder: int, docs: tuple[int, int]
) -> None:
    _, group = docs
    with store.write() as s:
        link_case(s, coder, "Bas", group, "Bas")
        link_case(s, coder, "Bas", group)
        unlink_case(s, coder, "Bas", group, "Bas")
    assert cases_of(store) == [CaseRow("Bas", (CaseLink("focusgroep.txt", None),))]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s, c, d: link_case(s, c, "Eve", d, "Eve"),
            "'marieke.txt' has no speaker 'Eve' (its speakers: Interviewer, Marieke)",
        ),
        (lambda s, c, d: link_case(s, c, " \t", d), "a case needs a name"),
        (lambda s, c, d: link_case(s, c, "X", d + 99), "unknown document"),
        (lambda s, c, d: unlink_case(s, c, "Nobody", d), "unknown case 'Nobody'"),
        (
            lambda s, c, d: unlink_case(s, c, "Marieke", d),
            "case 'Marieke' is not linked to 'marieke.txt'",
        ),
        (
            lambda s, c, d: unlink_case(s, c, "Marieke", d, "Interviewer"),
            "case 'Marieke' is not linked to speaker 'Interviewer' in 'marieke.txt'",
        ),
        (lambda s, c, d: link_speakers_as_cases(s, c, d + 99), "unknown document"),
    ],
)
def test_errors_leave_the_project_unchanged(
    store: Store,
    coder: int,
    docs: tuple[int, int],
    change: Callable[[Session, int, int], object],
    message: str,
) -> None:
    interview, _ = docs
    with store.write() as s:
        link_case(s, coder, "Marieke", interview, "Marieke")
    before = counts(store)
    with pytest.raises(CodebookError) as caught, store.write() as s:
        change(s, coder, interview)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert counts(store) == before


def test_undo_and_redo_of_link_and_unlink(store: Store, coder: int, docs: tuple[int, int]) -> None:
    _, group = docs
    with store.write() as s:
        link_case(s, coder, "Bas", group, "Bas")
    with store.write() as s:
        undone = undo(s, coder)
        assert undone is not None
        assert undone.description == "link case 'Bas' to speaker 'Bas' in 'focusgroep.txt'"
    assert case_tables(store) == (0, 0)  # the case was new, so it goes with its link
    with store.write() as s:
        redo(s, coder)
    assert cases_of(store) == [CaseRow("Bas", (CaseLink("focusgroep.txt", "Bas"),))]
    with store.write() as s:
        assert unlink_case(s, coder, "Bas", group, "Bas") is True
    assert case_tables(store) == (0, 0)
    with store.write() as s:
        undone = undo(s, coder)
        assert undone is not None
        assert undone.description == "unlink case 'Bas' from speaker 'Bas' in 'focusgroep.txt'"
    assert cases_of(store) == [CaseRow("Bas", (CaseLink("focusgroep.txt", "Bas"),))]
    with store.write() as s:
        redo(s, coder)
    assert case_tables(store) == (0, 0)


def test_undoing_a_link_to_an_existing_case_keeps_the_case(
    store: Store, coder: int, docs: tuple[int, int]
) -> None:
    interview, group = docs
    with store.write() as s:
        link_case(s, coder, "WOA", interview)
        link_case(s, coder, "WOA", group)
        undo(s, coder)
    assert cases_of(store) == [CaseRow("WOA", (CaseLink("marieke.txt", None),))]


def test_speakers_become_cases_in_one_undoable_action(
    store: Store, coder: int, docs: tuple[int, int]
) -> None:
    _, group = docs
    with store.write() as s:
        assert link_speakers_as_cases(s, coder, group) == PARTICIPANTS
    assert cases_of(store) == SPEAKER_ROWS
    before = actions(store)
    with store.write() as s:
        assert link_speakers_as_cases(s, coder, group) == PARTICIPANTS
    assert actions(store) == before  # nothing new: no second action to undo
    with store.write() as s:
        undone = undo(s, coder)
        assert undone is not None
        assert undone.description == "link the speakers of 'focusgroep.txt' as cases"
    assert case_tables(store) == (0, 0)
    with store.write() as s:
        redo(s, coder)
    assert cases_of(store) == SPEAKER_ROWS


def test_an_interview_gives_only_its_respondent(
    store: Store, coder: int, docs: tuple[int, int]
) -> None:
    interview, _ = docs
    with store.write() as s:
        assert link_speakers_as_cases(s, coder, interview) == ["Marieke"]


def test_interviewing_roles_are_known_labels_and_match_in_any_case() -> None:
    assert INTERVIEWING_ROLES <= KNOWN_LABELS
    for label in ("Gespreksleider", "MODERATOR", "Interviewer 2", "I", "int", "Voorzitter"):
        assert is_interviewing_role(label), label
    for label in ("Ilse", "R", "Respondent", "Deelnemer 3", "Bas", "Interviewee"):
        assert not is_interviewing_role(label), label


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def project(store: Store, location: str) -> str:
    """The ``store`` project as the CLI names it: a file path or a PostgreSQL URL."""
    return location


@pytest.fixture
def focus_group(tmp_path: Path) -> Path:
    path = tmp_path / "focusgroep.txt"
    path.write_text(FOCUS_GROUP, encoding="utf-8")
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run(capsys, "--coder", "anna", *args)


def test_labels_have_the_same_keys_in_both_languages() -> None:
    assert set(LABELS) == {"en", "nl"}
    assert set(LABELS["en"]) == set(LABELS["nl"])


def test_import_makes_each_focus_group_participant_a_case(
    store: Store, coder: int, project: str, focus_group: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = counts(store)  # with the coder, whom the import would otherwise add
    code, out, err = cli(capsys, "import", project, str(focus_group), "--speaker-cases")
    assert (code, err) == (0, "")
    assert "1 imported" in out and "Chantal" in out  # the summary names the cases
    assert cases_of(store) == SPEAKER_ROWS
    code, out, _ = cli(capsys, "case", "list", project)
    assert code == 0 and "4 cases" in out and "Gespreksleider" not in out
    code, out, _ = cli(capsys, "undo", project)
    assert (code, out.strip()) == (0, "Undone: import 'focusgroep.txt'")
    after = counts(store)
    assert after.pop("action") == 1
    before.pop("action")
    assert after == before  # document, turns, cases and links: all gone


def test_import_links_every_file_to_each_case_reusing_existing_ones(
    store: Store,
    coder: int,
    project: str,
    focus_group: Path,
    interview: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with store.write() as s:
        earlier = add_doc(s, coder, "eerder.txt", "Ilse: Het begon klein.\n")
        link_case(s, coder, "WOA", earlier)
    args = ("import", project, str(interview), str(focus_group), "--case", "WOA")
    code, _, err = cli(capsys, *args, "--case", "Focusgroepen 2018", "--speaker-cases")
    assert (code, err) == (0, "")
    rows = {row.name: row.links for row in cases_of(store)}
    assert rows["WOA"] == (
        CaseLink("eerder.txt", None),
        CaseLink("focusgroep.txt", None),
        CaseLink("marieke.txt", None),
    )
    assert rows["Focusgroepen 2018"] == (
        CaseLink("focusgroep.txt", None),
        CaseLink("marieke.txt", None),
    )
    assert rows["Marieke"] == (CaseLink("marieke.txt", "Marieke"),)
    assert sorted(rows) == sorted(["WOA", "Focusgroepen 2018", "Marieke", *PARTICIPANTS])


def test_an_empty_case_name_stops_the_import_before_any_file(
    store: Store, project: str, interview: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = counts(store)
    code, out, err = cli(capsys, "import", project, str(interview), "--case", "  ")
    assert (code, out) == (2, "")
    assert err.strip() == "error: a case needs a name"
    assert counts(store) == before


def test_a_file_failing_in_a_batch_leaves_no_case_links(
    store: Store,
    coder: int,
    project: str,
    interview: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from codebook.domain import AttributeType

    with store.write() as s:
        earlier = add_doc(s, coder, "eerder.txt", "Ilse: Het begon klein.\n")
        set_attributes(s, coder, earlier, {"leeftijd": (AttributeType.TEXT, "onbekend")})
    failing = tmp_path / "femke.txt"
    failing.write_text("Interviewer: Vertel.\nFemke: Wij zijn net begonnen.\n", encoding="utf-8")
    sidecar = tmp_path / "kenmerken.csv"  # a number where 'leeftijd' holds text: refused
    sidecar.write_text("bestand,leeftijd:number\nfemke.txt,40\n", encoding="utf-8")
    code, out, err = cli(
        capsys, "import", project, str(interview), str(failing),
        "--attributes", str(sidecar), "--case", "Groep", "--speaker-cases",
    )  # fmt: skip
    assert code == 2 and "1 imported" in out and "1 failed" in out
    assert err.count("\n") == 1 and "femke.txt" in err and "Traceback" not in err
    assert cases_of(store) == [
        CaseRow("Groep", (CaseLink("marieke.txt", None),)),
        CaseRow("Marieke", (CaseLink("marieke.txt", "Marieke"),)),
    ]
    code, _, _ = cli(capsys, "import", project, str(failing), "--attributes", str(sidecar),
                     "--case", "Alleen femke")  # fmt: skip
    assert code == 2
    assert [row.name for row in cases_of(store)] == ["Groep", "Marieke"]


def test_link_list_unlink_and_undo_on_the_command_line(
    store: Store, project: str, focus_group: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "import", project, str(focus_group))[0] == 0
    code, out, err = cli(capsys, "case", "link", project, "Bas", "focusgroep", "--speaker", "Bas")
    assert (code, err) == (0, "")
    assert out.strip() == "Linked case 'Bas' to speaker 'Bas' in 'focusgroep.txt'"
    code, out, _ = cli(capsys, "--lang", "nl", "case", "link", project, "WOU", "focusgroep.txt")
    assert out.strip() == "Casus 'WOU' gekoppeld aan 'focusgroep.txt'"
    code, out, _ = cli(capsys, "case", "link", project, "WOU", "focusgroep.txt")
    assert out.strip() == "Case 'WOU' was already linked to 'focusgroep.txt'"
    code, out, _ = cli(capsys, "--lang", "nl", "case", "list", project)
    assert code == 0 and "2 casussen" in out and "(heel document)" in out and "spreker" in out
    code, out, _ = cli(capsys, "case", "unlink", project, "WOU", "focusgroep.txt")
    assert out.strip() == (
        "Unlinked case 'WOU' from 'focusgroep.txt'; it had no other links and is removed"
    )
    assert [row.name for row in cases_of(store)] == ["Bas"]
    code, out, _ = cli(capsys, "undo", project)
    assert out.strip() == "Undone: unlink case 'WOU' from 'focusgroep.txt'"
    assert [row.name for row in cases_of(store)] == ["Bas", "WOU"]
    code, out, _ = cli(capsys, "redo", project)
    assert code == 0 and [row.name for row in cases_of(store)] == ["Bas"]


def test_speakers_command_links_each_document(
    store: Store,
    project: str,
    focus_group: Path,
    interview: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli(capsys, "import", project, str(focus_group), str(interview))[0] == 0
    code, out, err = cli(capsys, "case", "speakers", project, "focusgroep", "marieke.txt")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "'focusgroep.txt': 4 speakers linked as cases: Anouk de Vries, Bas, Chantal, Daan",
        "'marieke.txt': 1 speaker linked as a case: Marieke",
    ]
    assert len(cases_of(store)) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("link", "{p}", "Eve", "focusgroep", "--speaker", "Eve"),
            "error: 'focusgroep.txt' has no speaker 'Eve' (its speakers: Gespreksleider, "
            "Anouk de Vries, Bas, Chantal, Daan)",
        ),
        (("link", "{p}", "Eve", "nergens"), "error: unknown document 'nergens'"),
        (("link", "{p}", " ", "focusgroep"), "error: a case needs a name"),
        (("unlink", "{p}", "Eve", "focusgroep"), "error: unknown case 'Eve'"),
        (
            ("unlink", "{p}", "Bas", "focusgroep"),
            "error: case 'Bas' is not linked to 'focusgroep.txt'",
        ),
        (("speakers", "{p}", "focusgroep", "nergens"), "error: unknown document 'nergens'"),
    ],
)
def test_case_errors_are_one_line_and_change_nothing(
    store: Store,
    project: str,
    focus_group: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    assert cli(capsys, "import", project, str(focus_group))[0] == 0
    assert cli(capsys, "case", "link", project, "Bas", "focusgroep", "--speaker", "Bas")[0] == 0
    before = counts(store)
    code, out, err = cli(capsys, "case", *(a.format(p=project) for a in args))
    assert (code, out) == (2, "")
    assert " ".join(err.split()) == message
    assert "Traceback" not in err
    assert counts(store) == before


def test_the_matrix_counts_each_participant_only_in_their_own_turns(
    store: Store, coder: int, project: str, focus_group: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "import", project, str(focus_group), "--speaker-cases")[0] == 0
    anna = coder
    with store.write() as s:
        doc_id, text = s.execute(select(Document.id, Document.text)).one()
        bestuur = create_code(s, anna, CodeFields("Rol van het bestuur")).id
        for passage in ("Het bestuur moest", "Geld van het bestuur.", "Wie wil beginnen?"):
            start = text.index(passage)
            apply_coding(s, anna, doc_id, bestuur, start, start + len(passage))
        kennis = create_code(s, anna, CodeFields("Kennisdeling")).id
        start = text.index("Wij delen")
        apply_coding(s, anna, doc_id, kennis, start, start + 9)
    with store.read() as s:
        frame = code_case_matrix(s, "cases")
        assert s.scalar(select(func.count()).select_from(Case)) == 4
        assert s.scalar(select(func.count()).select_from(CaseDocument)) == 4
    assert list(frame.columns) == PARTICIPANTS
    assert list(frame.row("Rol van het bestuur")) == [0, 2, 0, 0]  # not the moderator's
    assert list(frame.row("Kennisdeling")) == [0, 0, 1, 0]
    code, out, _ = cli(capsys, "matrix", project, "--cases", "cases")
    assert code == 0 and "Code x case matrix (segments)" in out
    assert all(name in out for name in ("Bas", "Chantal", "Daan"))
