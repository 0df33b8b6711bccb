"""A killed or interrupted import leaves no worker behind; Ctrl-C reports what was stored.

Most tests start a real ``codebook import`` in its own session, wait until
its worker processes exist, then signal it, as a user's terminal or a
service manager would. The rest signal an import in this process at the
moment a file is being stored.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from codebook.db.engine import Store
from codebook.db.models import Document
from codebook.domain.documents import ImportOutcome
from codebook.services import transcripts
from codebook.services.documents import sentences_of, turns_of
from codebook.services.importing import read_transcript, sentence_spans
from codebook.services.project_store import init_project, open_project
from codebook.services.transcripts import ImportOptions, import_files
from codebook.services.workers import worth_spreading

FILES = 16
CODEBOOK = (sys.executable, "-c", "import sys; from codebook.cli import main; sys.exit(main())")
in_subprocesses = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or not worth_spreading(FILES),
    reason="finds workers in /proc; one core starts none",
)

GONE_WITHIN = 20.0  # seconds: generous, only a worker left running for good fails
LINES = (
    "Interviewer: Hoe begon de werkplaats bij jullie op school?",
    "Marieke: Met een vraag uit het team. We wilden weten waarom leerlingen afhaken.",
    "Interviewer: En wie deed het onderzoek?",
    "Marieke: Twee leerkrachten en ik, samen met de hogeschool. Dat kostte tijd!",
    "Ahmed: Die tijd kregen we van het bestuur, twee uur per week.",
)


def interviews(folder: Path) -> list[Path]:
    """FILES different interviews, long enough that preparing them all takes a while."""
    folder.mkdir()
    paths = []
    for number in range(FILES):
        path = folder / f"interview-{number:02}.txt"
        body = "\n".join(LINES[(number + k) % len(LINES)] for k in range(5_000))
        path.write_text(f"Interviewer: Gesprek nummer {number}.\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Started:
    """A ``codebook import`` running in a session of its own, its output going to files."""

    process: subprocess.Popen[bytes]
    project: Path
    paths: list[Path]
    output: Path

    def ended(self) -> tuple[int, str, str]:
        """Exit code, standard output and standard error, once it has ended."""
        code = self.process.wait(timeout=120)
        out, err = (self.output.with_suffix(suffix).read_text() for suffix in (".out", ".err"))
        return code, out, err


@pytest.fixture
def start_import(tmp_path: Path) -> Iterator[Callable[[], Started]]:
    """Start an import of FILES interviews; whatever of it is left afterwards is killed."""
    started: list[subprocess.Popen[bytes]] = []

    def start() -> Started:
        project = tmp_path / "project.db"
        init_project(project).close()
        paths = interviews(tmp_path / "interviews")
        output = tmp_path / "import"
        with (
            output.with_suffix(".out").open("wb") as out,
            output.with_suffix(".err").open("wb") as err,
        ):
            child = subprocess.Popen(
                [*CODEBOOK, "--coder", "anna", "import", str(project), str(paths[0].parent)],
                stdout=out,
                stderr=err,
                start_new_session=True,  # its own process group, as a terminal's foreground job
                env={**os.environ, "COLUMNS": "400"},
            )
        started.append(child)
        return Started(child, project, paths, output)

    yield start
    for child in started:
        with suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)  # workers left behind are in its group too
        child.wait()


def children(pid: int) -> set[int]:
    """The running processes whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            state, parent = stat(int(entry.name))
            if parent == pid and state not in ("Z", "X"):
                found.add(int(entry.name))
    return found


def stat(pid: int) -> tuple[str, int]:
    """State letter and parent of ``pid``; ("X", 0) once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return "X", 0
    return fields[0], int(fields[1])


def workers_of(child: subprocess.Popen[bytes], count: int = 2) -> set[int]:
    """The child's worker processes, once ``count`` of them run."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = children(child.pid)
        if len(found) >= count:
            return found
        assert child.poll() is None, "the child ended before its workers were seen"
        time.sleep(0.01)
    raise AssertionError("the import never started its workers")


def assert_gone(pids: set[int]) -> None:
    deadline = time.monotonic() + GONE_WITHIN
    while time.monotonic() < deadline:
        if all(stat(pid)[0] in ("Z", "X") for pid in pids):
            return
        time.sleep(0.05)
    raise AssertionError(f"workers still running: { {pid: stat(pid) for pid in pids} }")


@in_subprocesses
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_a_killed_import(
    start_import: Callable[[], Started], how: signal.Signals
) -> None:
    started = start_import()
    workers = workers_of(started.process)
    os.kill(started.process.pid, how)
    code, _, err = started.ended()
    assert_gone(workers)
    assert code == (-how if how == signal.SIGKILL else 128 + how)
    assert "Traceback" not in err
    assert_stored_whole(started.project, started.paths)


@in_subprocesses
def test_ctrl_c_reports_what_was_stored_and_ends_the_workers(
    start_import: Callable[[], Started],
) -> None:
    started = start_import()
    workers = workers_of(started.process)
    os.killpg(started.process.pid, signal.SIGINT)  # Ctrl-C reaches the terminal's whole group
    code, out, err = started.ended()
    assert_gone(workers)
    assert (code, err) == (130, "")
    stored = assert_stored_whole(started.project, started.paths)
    not_stored = [path.name for path in started.paths if path.name not in stored]
    assert not_stored, "the import ended before it was interrupted"
    report = f"interrupted: {len(stored)} of {FILES} files stored; not imported: "
    assert report + ", ".join(not_stored) in out
    assert f"{len(stored)} imported, 0 skipped as duplicate, 0 failed" in out


def assert_stored_whole(project: Path, paths: list[Path]) -> list[str]:
    """Every document in the project is its file complete: all its text, turns and sentences."""
    store = open_project(project)
    try:
        return stored_whole(store, paths)
    finally:
        store.close()


def stored_whole(store: Store, paths: list[Path]) -> list[str]:
    by_name = {path.name: path for path in paths}
    with store.read() as session:
        documents = session.execute(select(Document.id, Document.name, Document.text)).all()
        for doc_id, name, text in documents:
            parsed = read_transcript(by_name[name])
            turns = turns_of(session, doc_id)
            assert text == parsed.text
            assert [(t.start, t.end) for t in turns] == [(t.start, t.end) for t in parsed.turns]
            assert sentences_of(session, doc_id) == sentence_spans(text, parsed.turns)
    return [name for _, name, _ in documents]


@pytest.fixture
def signal_while_storing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[list[Path], list[signal.Signals]]:
    """Six small interviews prepared by two workers; a signal named in the list arrives
    just as the third is being stored."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    folder = tmp_path / "klein"
    folder.mkdir()
    paths = []
    for number in range(6):
        path = folder / f"gesprek-{number}.txt"
        path.write_text(f"Interviewer: Gesprek {number}.\n" + "\n".join(LINES) + "\n")
        paths.append(path)
    arriving: list[signal.Signals] = []
    real = transcripts._store

    def store_meanwhile(
        store: Store, coder: int, prepared: transcripts._Prepared, options: ImportOptions
    ) -> ImportOutcome:
        if arriving and prepared.path == paths[2]:
            signal.raise_signal(arriving[0])
        return real(store, coder, prepared, options)

    monkeypatch.setattr(transcripts, "_store", store_meanwhile)
    return paths, arriving


def test_ctrl_c_while_a_file_is_stored_lets_it_finish_and_reports_the_rest(
    store: Store, signal_while_storing: tuple[list[Path], list[signal.Signals]]
) -> None:
    paths, arriving = signal_while_storing
    arriving.append(signal.SIGINT)
    outcomes = import_files(store, "anna", paths, ImportOptions(), stop_on_interrupt=True)
    assert [(o.path, o.status) for o in outcomes] == [
        *((path, "imported") for path in paths[:3]),
        *((path, "interrupted") for path in paths[3:]),
    ]
    assert stored_whole(store, paths) == [path.name for path in paths[:3]]
    assert multiprocessing.active_children() == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize(
    ("arrives", "raised"), [(signal.SIGINT, KeyboardInterrupt), (signal.SIGTERM, SystemExit)]
)
def test_without_a_report_the_signal_ends_the_import_once_the_file_is_stored(
    store: Store,
    signal_while_storing: tuple[list[Path], list[signal.Signals]],
    arrives: signal.Signals,
    raised: type[BaseException],
) -> None:
    paths, arriving = signal_while_storing
    arriving.append(arrives)
    with pytest.raises(raised) as ended:
        import_files(store, "anna", paths, ImportOptions())
    if isinstance(ended.value, SystemExit):
        assert ended.value.code == 128 + signal.SIGTERM
    assert stored_whole(store, paths) == [path.name for path in paths[:3]]
    assert multiprocessing.active_children() == []
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


@in_subprocesses
def test_without_linux_help_a_worker_still_notices_its_parent_is_gone() -> None:
    """The portable watch (for systems without PR_SET_PDEATHSIG), run here on its own."""
    script = (
        "import os, time\n"
        "from codebook.services.workers import watch_parent\n"
        "parent = os.getpid()\n"
        "if os.fork() == 0:\n"
        "    watch_parent(parent, interval=0.05)\n"
        "time.sleep(600)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    try:
        watcher = workers_of(child, count=1)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        assert_gone(watcher)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
