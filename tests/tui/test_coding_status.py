"""What the coding screen tells a coder about where they are, and how they get around it.

The status line names the turn, speaker and timecode at the cursor and the
coders of the codings under it; ``g`` jumps to a turn by its number; applying
a code that is already there says so; on a small terminal the transcript keeps
its room.
"""

from __future__ import annotations

from textual.widgets import Static

from codebook.domain import ParsedTranscript, TurnSpan
from codebook.project import Project as ProjectDoor
from codebook.services.documents import add_document
from codebook.services.project_store import coder_id
from codebook.tui.app import CodebookApp
from codebook.tui.modals.prompt import TextPrompt
from codebook.tui.screens.coding import CodingScreen
from tui.kit import Project, guid, open_document, pin, running, scenario, settle

TIMED = (
    "[00:04:31] Interviewer: Hoe begon het project?\n"
    "[00:05:02] Marieke: Met een vraag van het team. Die hebben we samen scherper gemaakt.\n"
)
# marieke.txt (helpers.INTERVIEW): the interviewer's first question; Marieke's first sentence.
Q1 = (13, 54)
EERLIJK = (64, 93)


def add_timed_document(project: Project) -> tuple[int, int]:
    """A transcript with timecodes; returns its id and where Marieke's turn starts."""
    marieke = TIMED.index("Met een")
    interviewer = TIMED.index("Hoe begon")
    turns = (
        TurnSpan(interviewer, TIMED.index("\n"), "Interviewer", 271.0),
        TurnSpan(marieke, len(TIMED) - 1, "Marieke", 302.0),
    )
    transcript = ParsedTranscript(text=TIMED, turns=turns, source_format="txt", encoding="utf-8")
    store = project.store()
    try:
        with store.write() as session:
            document = add_document(session, coder_id(session, "anna"), "timed.txt", transcript)
    finally:
        store.close()
    return document, marieke


def status(screen: CodingScreen) -> str:
    return str(screen.query_one("#status", Static).render())


def notices(app: CodebookApp) -> list[str]:
    return [n.message for n in app._notifications]


def test_status_names_turn_speaker_and_words_selected(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(EERLIJK[0] + 3)
            await pilot.pause()
            assert status(screen) == "turn 2 of 4 · Marieke · other coders hidden"
            screen.transcript.select_offsets(*EERLIJK)
            await pilot.pause()
            assert status(screen).startswith("turn 2 of 4 · Marieke · 3 words selected ·")
            assert "64" not in status(screen)

    scenario(go)


def test_status_shows_the_turns_timecode(project: Project) -> None:
    document, marieke = add_timed_document(project)

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, document)
            screen.transcript.move_to(marieke + 4)
            await pilot.pause()
            assert status(screen).startswith("turn 2 of 2 · Marieke · 0:05:02 ·")
            screen.transcript.move_to(3)  # inside the first line's label: its turn
            await pilot.pause()
            assert status(screen).startswith("turn 1 of 2 · Interviewer · 0:04:31 ·")

    scenario(go)


def test_status_names_each_coder_when_others_are_shown(project: Project) -> None:
    project.add_coding(project.sub, *Q1, coder="anna")
    project.add_coding(project.sub, *Q1, coder="bram")

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(20)
            await pilot.pause()
            assert "coded: Schoolleider faciliteert · " in status(screen)
            await pilot.press("o")
            assert "coded: Schoolleider faciliteert (anna, bram) · " in status(screen)

    scenario(go)


def test_applying_a_code_already_there_says_so_and_writes_nothing(project: Project) -> None:
    project.add_coding(project.sub, *Q1, coder="anna")
    before = project.codings()

    async def go() -> None:
        async with running(project.path) as (app, pilot):
            pin(app, guid(project, project.sub))
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.select_offsets(*Q1)
            await pilot.press("1")
            assert "Already coded with Schoolleider faciliteert" in notices(app)
            assert project.codings() == before

    scenario(go)


def test_g_and_a_number_jumps_to_that_turn(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            assert screen.model is not None
            fourth = screen.model.turns[3]
            await pilot.press("g")
            assert isinstance(app.screen, TextPrompt)
            await pilot.press("4", "enter")
            assert app.screen is screen
            assert screen.transcript.cursor_offset == fourth.start
            assert screen.transcript.selected_range() is None
            assert status(screen).startswith("turn 4 of 4 · Marieke ·")

    scenario(go)


def test_g_with_a_turn_that_does_not_exist_notifies_and_stays(project: Project) -> None:
    async def go() -> None:
        async with running(project.path) as (app, pilot):
            screen = await open_document(app, pilot, project.doc)
            screen.transcript.move_to(EERLIJK[0])
            for answer in ("9", "0", "twee"):
                await pilot.press("g", *answer, "enter")
                assert app.screen is screen
                assert screen.transcript.cursor_offset == EERLIJK[0]
            assert notices(app).count("There is no turn 9: this document has turns 1-4") == 1
            assert len([n for n in notices(app) if n.startswith("There is no turn")]) == 3

    scenario(go)


def test_an_80_by_24_terminal_leaves_the_transcript_50_columns(project: Project) -> None:
    async def go() -> None:
        with ProjectDoor.open(project.path, coder="anna") as door:
            app = CodebookApp(door, "en")
            async with app.run_test(size=(80, 24)) as pilot:
                await settle(pilot)
                screen = await open_document(app, pilot, project.doc)
                side = screen.query_one("#side")
                assert screen.transcript.size.width >= 50
                assert side.outer_size.width == 24
                await pilot.press("ctrl+b")
                await settle(pilot)
                assert not side.display
                assert screen.transcript.outer_size.width == 80
                assert screen.transcript.has_focus
                await pilot.press("ctrl+b")
                await settle(pilot)
                assert side.display
                assert screen.transcript.size.width >= 50
                await pilot.resize_terminal(160, 40)
                await settle(pilot)
                assert side.outer_size.width == 48

    scenario(go)
