"""Batch import: many files at once, prepared in worker processes or in-process, each on its own."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from codebook.db.engine import Store, is_url
from codebook.db.models import Action, Document, DocumentAttribute, Turn
from codebook.domain import AttributeType
from codebook.domain.documents import ImportOutcome
from codebook.services import transcripts
from codebook.services.documents import list_documents, sentences_of, turns_of
from codebook.services.importing import load_sidecar, parse_attr_flag
from codebook.services.project_store import init_project
from codebook.services.transcripts import ImportOptions, expand_paths, import_files
from codebook.services.undo import undo
from helpers import counts, run_cli
from pg import Cluster

MakeDocx = Callable[..., Path]
Snapshot = list[
    tuple[str, str, list[tuple[str | None, int, int, float | None]], list[tuple[int, int]]]
]


def lines(person: str) -> list[str]:
    return [
        f"Interviewer: Hoe werk jij samen met de hogeschool, {person}?",
        f"{person}: Gelijkwaardig. Wij bedenken de vraag samen met het team van {person}.",
        "Interviewer: En wat doet de schoolleider?",
        f"{person}: Die geeft ons tijd, twee uur per week. Dat is echt nodig!",
    ]


def write(path: Path, person: str, make_docx: MakeDocx | None = None) -> Path:
    """An interview with ``person`` as .txt/.md, .vtt or (with make_docx) .docx."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".docx":
        assert make_docx is not None
        return make_docx(str(path), lines(person))
    if path.suffix == ".vtt":
        cues = [
            f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 2:02d}.000\n{line}"
            for i, line in enumerate(lines(person))
        ]
        path.write_text("WEBVTT\n\n" + "\n\n".join(cues) + "\n", encoding="utf-8")
    else:
        path.write_text("\n".join(lines(person)) + "\n", encoding="utf-8")
    return path


def batch(folder: Path, *names: str, make_docx: MakeDocx | None = None) -> list[Path]:
    """One interview per name; "01-marieke.txt" is an interview with Marieke."""
    return [write(folder / n, Path(n).stem.split("-")[-1].title(), make_docx) for n in names]


def snapshot(store: Store) -> Snapshot:
    """Every document in id order: name, text, turns and sentences."""
    with store.read() as s:
        docs = s.execute(select(Document.id, Document.name, Document.text).order_by(Document.id))
        return [
            (
                name,
                text,
                [(t.speaker, t.start, t.end, t.timecode) for t in turns_of(s, i)],
                sentences_of(s, i),
            )
            for i, name, text in docs.all()
        ]


def assert_only(store: Store, imported: Sequence[str]) -> None:
    """Exactly these documents, one journal action each, and no rows of anything else."""
    with store.read() as s:
        names = list(s.scalars(select(Document.name).order_by(Document.id)))
        docs = select(Document.id)
        orphan_turns = s.scalar(select(func.count()).where(Turn.document_id.not_in(docs)))
        orphan_attrs = s.scalar(
            select(func.count()).where(DocumentAttribute.document_id.not_in(docs))
        )
        actions = s.scalar(select(func.count()).select_from(Action))
    assert (names, orphan_turns, orphan_attrs, actions) == (list(imported), 0, 0, len(imported))


@pytest.fixture
def second_store(location: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """Another empty project on the same backend as ``store``."""
    cluster: Cluster | None = request.getfixturevalue("pg_cluster") if is_url(location) else None
    project = init_project(cluster.create_database() if cluster else tmp_path / "second.db")
    try:
        yield project
    finally:
        project.close()


@pytest.fixture
def many_cores(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Take the forked-worker path even on a one-core machine; records each time it is taken."""
    taken: list[int] = []
    real = transcripts._prepared_in_parallel
    monkeypatch.setattr(os, "cpu_count", lambda: 4)

    def spy(paths: Sequence[Path], options: ImportOptions) -> Iterator[transcripts._Prepared]:
        taken.append(len(paths))
        return real(paths, options)

    monkeypatch.setattr(transcripts, "_prepared_in_parallel", spy)
    return taken


def test_folder_expands_to_its_transcripts_recursively(
    store: Store, tmp_path: Path, make_docx: MakeDocx
) -> None:
    root = tmp_path / "interviews"
    names = ["02-jan.txt", "b-school/04-pieter.vtt", "01-marieke.md", "a-school/diep/03-els.docx"]
    written = batch(root, *names, make_docx=make_docx)
    write(root / ".verborgen.txt", "Geheim")
    write(root / ".ipynb_checkpoints" / "02-jan-checkpoint.txt", "Jan: oude versie\n")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "a-school" / "lijst.xyz").write_text("Jan: nee\n")
    paths = expand_paths([root])
    assert paths == [written[i] for i in (2, 0, 3, 1)]
    outcomes = import_files(store, "anna", paths, ImportOptions())
    assert [o.status for o in outcomes] == ["imported"] * 4
    with store.read() as s:
        rows = [(r.name, r.source_format, r.turns) for r in list_documents(s)]
    assert rows == [(p.name, p.suffix[1:], 4) for p in paths]


def test_parallel_and_serial_import_give_identical_projects(
    store: Store,
    second_store: Store,
    tmp_path: Path,
    make_docx: MakeDocx,
    many_cores: list[int],
    thawed_gc: None,
) -> None:
    names = ["6-sanne.txt", "1-jan.vtt", "3-els.docx", "2-ali.txt", "5-bram.md", "4-eva.vtt"]
    paths = batch(tmp_path, *names, make_docx=make_docx)
    parallel = import_files(store, "anna", paths, ImportOptions(), parallel=True)
    assert many_cores == [6]
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the caller's collector as it was
    serial = import_files(second_store, "anna", paths, ImportOptions(), parallel=False)
    assert many_cores == [6]
    for outcomes in (parallel, serial):
        assert [o.path for o in outcomes] == paths
        assert [o.status for o in outcomes] == ["imported"] * 6
        ids = [o.document_id or 0 for o in outcomes]
        assert ids == sorted(ids) and ids[0] > 0
    assert [(o.encoding, o.turns, o.words) for o in parallel] == [
        (o.encoding, o.turns, o.words) for o in serial
    ]
    projects = snapshot(store), snapshot(second_store)
    assert projects[0] == projects[1]
    assert [name for name, *_ in projects[0]] == names
    assert all(len(turns) == 4 and len(sentences) >= 6 for _, _, turns, sentences in projects[0])


def test_duplicates_in_a_batch_and_a_rerun_change_nothing(store: Store, tmp_path: Path) -> None:
    paths = batch(tmp_path, "01-marieke.txt", "02-jan.txt", "03-pieter.txt", "04-sanne.txt")
    paths[2].write_bytes(paths[0].read_bytes())  # the same interview saved under a second name
    first = import_files(store, "anna", paths, ImportOptions())
    assert [o.status for o in first] == ["imported", "imported", "duplicate", "imported"]
    assert (first[2].detail, first[2].document_id) == ("same text as '01-marieke.txt'", None)
    before = counts(store)
    assert (before["document"], before["turn"], before["action"]) == (3, 12, 3)
    again = import_files(store, "anna", paths, ImportOptions())
    assert [o.status for o in again] == ["duplicate"] * 4
    assert [o.detail for o in again] == [f"same text as '{paths[i].name}'" for i in (0, 1, 0, 3)]
    assert counts(store) == before


def test_broken_files_in_a_parallel_batch_leave_no_trace(
    store: Store, tmp_path: Path, many_cores: list[int]
) -> None:
    paths = batch(tmp_path, "01-marieke.txt", "02-jan.txt", "05-pieter.txt", "06-sanne.txt")
    empty_docx, picture = tmp_path / "03-kapot.docx", tmp_path / "04-foto.txt"
    empty_docx.write_bytes(b"")
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(13))
    paths[2:2] = [empty_docx, picture]
    outcomes = import_files(store, "anna", paths, ImportOptions(), parallel=True)
    assert many_cores == [6]
    assert [o.status for o in outcomes] == ["imported"] * 2 + ["failed"] * 2 + ["imported"] * 2
    assert [o.detail for o in outcomes[2:4]] == [
        f"{empty_docx}: not a valid Word document (empty file)",
        f"{picture}: not a text file (binary content)",
    ]
    assert [(o.document_id, o.turns, o.words) for o in outcomes[2:4]] == [(None, 0, 0)] * 2
    assert_only(store, ["01-marieke.txt", "02-jan.txt", "05-pieter.txt", "06-sanne.txt"])


def test_a_file_refused_while_storing_leaves_no_trace(store: Store, tmp_path: Path) -> None:
    paths = batch(tmp_path, "01-marieke.txt", "02-jan.txt", "03-pieter.txt", "04-sanne.txt")
    number, when = (AttributeType.NUMBER, 34.0), (AttributeType.DATE, date(2018, 3, 14))
    options = ImportOptions(
        sidecar={"01-marieke.txt": {"leeftijd": number}, "03-pieter.txt": {"leeftijd": when}}
    )
    outcomes = import_files(store, "anna", paths, options)
    assert [o.status for o in outcomes] == ["imported", "imported", "failed", "imported"]
    assert_only(store, ["01-marieke.txt", "02-jan.txt", "04-sanne.txt"])
    # the CLI prints this line on its own, so it must say which file
    assert outcomes[2].detail == f"{paths[2]}: attribute 'leeftijd' holds number values, not date"


def test_sidecar_and_attr_values_reach_the_documents(store: Store, tmp_path: Path) -> None:
    paths = batch(tmp_path, "01-marieke.txt", "02-jan.txt", "03-pieter.txt", "04-sanne.txt")
    sidecar = tmp_path / "kenmerken.csv"
    sidecar.write_text(
        "bestand,rol:category,datum,leeftijd,werkplaats\n"
        "01-marieke.txt,coördinator,2018-03-14,34,OUD\n"
        "sub/03-pieter.txt,schoolleider,2018-04-04,51,OUD\n",
        encoding="utf-8",
    )
    key, kind, value = parse_attr_flag("werkplaats:category=WOA")
    options = ImportOptions(sidecar=load_sidecar(sidecar), attributes={key: (kind, value)})
    assert [o.status for o in import_files(store, "anna", paths, options)] == ["imported"] * 4
    with store.read() as s:
        attributes = {r.name: r.attributes for r in list_documents(s)}
    woa = {"werkplaats": "WOA"}  # --attr wins over the sidecar's "OUD"
    assert attributes == {
        "01-marieke.txt": {"rol": "coördinator", "datum": date(2018, 3, 14), "leeftijd": 34, **woa},
        "02-jan.txt": woa,
        "03-pieter.txt": {"rol": "schoolleider", "datum": date(2018, 4, 4), "leeftijd": 51, **woa},
        "04-sanne.txt": woa,
    }


def test_progress_is_reported_once_per_file_in_order_after_it_is_stored(
    store: Store, tmp_path: Path, many_cores: list[int]
) -> None:
    paths = batch(tmp_path, "01-marieke.txt", "02-jan.txt", "04-pieter.txt", "05-sanne.txt")
    paths[1].write_bytes(paths[0].read_bytes())
    broken = tmp_path / "03-kapot.docx"
    broken.write_bytes(b"")
    paths.insert(2, broken)
    seen: list[tuple[ImportOutcome, int]] = []

    def progress(outcome: ImportOutcome) -> None:
        with store.read() as s:
            seen.append((outcome, s.scalar(select(func.count()).select_from(Document)) or 0))

    outcomes = import_files(store, "anna", paths, ImportOptions(), progress)
    assert many_cores == [5]
    assert [outcome for outcome, _ in seen] == outcomes
    assert [(o.path, o.status, stored) for o, stored in seen] == [
        (paths[0], "imported", 1),
        (paths[1], "duplicate", 1),
        (paths[2], "failed", 1),
        (paths[3], "imported", 2),
        (paths[4], "imported", 3),
    ]


def test_cli_import_of_a_folder_with_a_broken_file(
    location: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    folder = tmp_path / "map"
    names = ("01-marieke.txt", "02-jan.vtt", "04-pieter.txt", "05-sanne.md")
    batch(folder, *names)
    (folder / "03-kapot.docx").write_bytes(b"")
    assert run_cli(capsys, "init", location)[0] == 0
    code, out, err = run_cli(capsys, "import", location, str(folder))
    assert code == 2 and "4 imported, 0 skipped as duplicate, 1 failed" in out
    assert "03-kapot.docx" in out
    assert f"{folder / '03-kapot.docx'}: not a valid Word document (empty file)" in err
    code, out, _ = run_cli(capsys, "docs", location)
    assert code == 0 and "4 documents" in out
    assert all(name in out for name in names) and "03-kapot.docx" not in out


def test_undo_after_a_batch_undoes_only_the_last_file(
    store: Store, coder: int, tmp_path: Path, many_cores: list[int]
) -> None:
    paths = batch(tmp_path, "01-marieke.txt", "02-jan.txt", "03-pieter.txt", "04-sanne.txt")
    outcomes = import_files(store, "anna", paths, ImportOptions())
    assert many_cores == [4]
    before = snapshot(store)
    with store.write() as s:
        action = undo(s, coder)
        assert action is not None and action.description == "import '04-sanne.txt'"
    assert snapshot(store) == before[:3]
    with store.read() as s:
        assert turns_of(s, outcomes[3].document_id or 0) == []
        states = list(s.scalars(select(Action.state).order_by(Action.id)))
    assert states == ["done", "done", "done", "undone"]
    with store.write() as s:
        action = undo(s, coder)
        assert action is not None and action.description == "import '03-pieter.txt'"
    assert snapshot(store) == before[:2]
