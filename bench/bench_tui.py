"""TUI responsiveness on a big transcript: opening the coding screen and applying a code.

A generated 30,000-word interview with 5,000 codings is opened with Pilot, and
then a 1,000,000-word one with as many codings. Two figures for each, each printed
beside a baseline measured in the same run on a bare Textual ``TextArea``
holding the same text:

- open: from Enter on the documents list until the coding screen has rendered
  the transcript with its highlights (target <= 300 ms); baseline: mounting a
  TextArea with the text until it has rendered. Best of a few opens, like the
  other benchmarks (the first, cold open is printed in the note).
- apply: from pressing ``1`` until the new highlight has been rendered, p50 and
  p95 over 200 presses (target p95 <= 30 ms); baseline: pressing a cursor key
  in the bare TextArea until it has re-rendered.

Both include Textual's own frame pacing (a repaint waits for the next tick of
the screen's update timer, 1/60 s by default), which is why the baseline
matters: it is the floor any Textual app pays.

For the 1,000,000-word document the targets are open <= 1 s and not slower than
the bare TextArea (which has to take the whole text; ours loads a window of
it), and apply p95 <= 16 ms (one frame), with fewer opens and presses, the
passages coded picked all over the document.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import DUTCH_WORDS, BenchResult

WORDS = 30_000
CODINGS = 5_000
PRESSES = 200
OPENS = 5
HUGE_WORDS = 1_000_000
HUGE_PRESSES = 100
HUGE_OPENS = 3
SIZE = (120, 40)


Span = tuple[int, int]


def make_transcript(
    rng: random.Random, words_wanted: int = WORDS
) -> tuple[str, list[tuple[str, Span]], list[Span]]:
    """About that many words in alternating speaker turns: text, (speaker, turn span), sentences."""
    parts: list[str] = []
    turns: list[tuple[str, Span]] = []
    sentences: list[Span] = []
    pos = words = 0
    while words < words_wanted:
        speaker = "Interviewer" if len(turns) % 2 == 0 else "Respondent"
        line = f"{speaker}: "
        begin = pos + len(line)
        for _ in range(rng.randint(1, 5)):
            n = rng.randint(6, 18)
            sentence = " ".join(rng.choice(DUTCH_WORDS) for _ in range(n)).capitalize() + "."
            if not line.endswith(": "):
                line += " "
            sentences.append((pos + len(line), pos + len(line) + len(sentence)))
            line += sentence
            words += n
        turns.append((speaker, (begin, pos + len(line))))
        parts.append(line + "\n")
        pos += len(line) + 1
    return "".join(parts), turns, sentences


def build_project(path: Path, words: int = WORDS) -> int:
    """A project with a transcript of ``words``, ten codes and CODINGS codings; returns its id."""
    from codebook.domain import CodeFields, ParsedTranscript, TurnSpan
    from codebook.services.codebook.codes import create_code
    from codebook.services.coding import NewCoding, apply_codings
    from codebook.services.documents import add_document
    from codebook.services.project_store import coder_id, init_project

    rng = random.Random(42)
    text, turns, sentences = make_transcript(rng, words)
    parsed = ParsedTranscript(
        text=text,
        turns=tuple(TurnSpan(s, e, speaker) for speaker, (s, e) in turns),
        source_format="txt",
    )
    store = init_project(str(path), "bench")
    with store.write() as session:
        coder = coder_id(session, "bench")
        doc = add_document(session, coder, "big.txt", parsed, sentences=sentences)
        codes = [create_code(session, coder, CodeFields(f"Code {i}")).id for i in range(10)]
    items = []
    for _ in range(CODINGS):
        i = rng.randrange(len(sentences) - 3)
        j = i + rng.randrange(3)
        items.append(NewCoding(doc, rng.choice(codes), sentences[i][0], sentences[j][1]))
    with store.write() as session:
        apply_codings(session, coder, items)
    store.close()
    return doc


class RenderClock:
    """Records when a widget class rendered a line, by wrapping its ``render_line``.

    Only rows rendered with content count: for the transcript that means once
    its document (``model``) is loaded; a bare TextArea always has its text.
    """

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.original: Callable[..., Any] = cls.render_line
        self.times: list[float] = []

    def __enter__(self) -> RenderClock:
        original, times = self.original, self.times

        def render_line(widget: Any, y: int) -> Any:
            strip = original(widget, y)
            if getattr(widget, "model", True) is not None:
                times.append(time.perf_counter())
            return strip

        self.cls.render_line = render_line
        return self

    def __exit__(self, *exc: object) -> None:
        self.cls.render_line = self.original

    async def first_after(self, moment: float, timeout: float = 2.0) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            later = [t for t in self.times if t > moment]
            if later:
                return later[0]
            await asyncio.sleep(POLL)
        raise TimeoutError("nothing rendered")


POLL = 0.002
"""How often a wait looks; the figures come from render timestamps, not from polling,
and polling faster would only steal the interpreter from the app being measured."""


async def until(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    """Poll until ``condition()`` holds; fail loudly, never hang."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"waited {timeout} s for {what}")
        await asyncio.sleep(POLL)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def measure_ours(
    path: Path, opens_wanted: int = OPENS, presses: int = PRESSES, everywhere: bool = False
) -> tuple[list[float], list[float]]:
    """Open times and apply latencies; ``everywhere``: code passages all over the document."""
    from codebook.project import Project
    from codebook.tui.app import CodebookApp
    from codebook.tui.screens.coding import CodingScreen
    from codebook.tui.screens.home import HomeScreen
    from codebook.tui.widgets.transcript import TranscriptView

    project = Project.open(path, coder="bench")
    app = CodebookApp(project, "en")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.ctx.pins.slots = [item.guid for item in project.code_items()][:9]
            home = app.screen
            assert isinstance(home, HomeScreen)
            with RenderClock(TranscriptView) as clock:
                opens = []
                for attempt in range(opens_wanted):
                    if attempt:
                        app.pop_screen()
                        await pilot.pause()
                        await app.workers.wait_for_complete()
                        await pilot.pause()
                    start = time.perf_counter()
                    home.action_open()  # what Enter on the documents list does

                    def opened(since: float = start) -> bool:
                        return (
                            isinstance(app.screen, CodingScreen)
                            and app.screen.ready
                            and bool(clock.times)
                            and clock.times[-1] > since
                        )

                    await until(opened, "the coding screen")
                    opens.append(clock.times[-1] - start)
                screen = app.screen
                assert isinstance(screen, CodingScreen)
                await pilot.pause()
                model = screen.model
                assert model is not None
                rng = random.Random(7)
                latencies = []
                view = screen.transcript
                spans = model.sentence_spans if everywhere else model.sentence_spans[:400]
                pinned = [item.id for item in project.code_items()][:9]
                for _ in range(presses):
                    # A passage this coder already coded with that code only gets a
                    # warning, no new highlight: that is not what is measured here.
                    key = rng.randint(1, 9)
                    begin, end = rng.choice(spans)
                    while model.own_coding(pinned[key - 1], begin, end) is not None:
                        key = rng.randint(1, 9)
                        begin, end = rng.choice(spans)
                    moved = time.perf_counter()
                    view.select_offsets(begin, end)
                    view.scroll_cursor_visible(center=True)
                    # Let the jump's own repaint happen first: only the press is timed.
                    await clock.first_after(moved)
                    await pilot.pause()
                    moment = time.perf_counter()
                    await pilot.press(str(key))
                    rendered = await clock.first_after(moment)
                    latencies.append(rendered - moment)
                    await pilot.pause()
    finally:
        project.close()
    return opens, latencies


async def measure_baseline(
    text: str, opens_wanted: int = OPENS, presses: int = PRESSES
) -> tuple[list[float], list[float]]:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            return iter(())

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with RenderClock(TextArea) as clock:
            opens = []
            area: TextArea | None = None
            for _attempt in range(opens_wanted):
                if area is not None:
                    await area.remove()
                    await pilot.pause()
                start = time.perf_counter()
                area = TextArea(text, read_only=True, soft_wrap=True)
                await app.screen.mount(area)
                area.focus()

                def painted(since: float = start) -> bool:
                    return bool(clock.times) and clock.times[-1] > since

                await until(painted, "the bare TextArea")
                opens.append(clock.times[-1] - start)
                await pilot.pause()
            latencies = []
            for n in range(presses):
                moment = time.perf_counter()
                await pilot.press("right" if n % 2 else "down")
                rendered = await clock.first_after(moment)
                latencies.append(rendered - moment)
                await pilot.pause()
    return opens, latencies


def bench_tui(tmp: Path) -> list[BenchResult]:
    os.environ.setdefault("CODEBOOK_CONFIG", str(tmp / "config.json"))
    path = tmp / "bench.db"
    build_project(path)
    text, _turns, _sentences = make_transcript(random.Random(42))
    base_open, base_lat = asyncio.run(measure_baseline(text))
    our_open, our_lat = asyncio.run(measure_ours(path))
    note = (
        f"{WORDS} words, {CODINGS} codings; best of {OPENS} "
        f"(first, cold: {our_open[0]:.3f}s vs {base_open[0]:.3f}s)"
    )
    return [
        BenchResult(
            "tui: open coding screen (target <= 0.300 s)", min(our_open), min(base_open), note=note
        ),
        BenchResult("tui: apply code p50", statistics.median(our_lat), statistics.median(base_lat)),
        BenchResult(
            "tui: apply code p95 (target <= 0.030 s)",
            percentile(our_lat, 0.95),
            percentile(base_lat, 0.95),
            note=f"{PRESSES} presses; baseline = cursor key in a bare TextArea",
        ),
        *bench_huge(tmp),
    ]


def bench_huge(tmp: Path) -> list[BenchResult]:
    """The same two figures on a 1,000,000-word transcript."""
    path = tmp / "huge.db"
    build_project(path, HUGE_WORDS)
    text, _turns, _sentences = make_transcript(random.Random(42), HUGE_WORDS)
    base_open, base_lat = asyncio.run(measure_baseline(text, HUGE_OPENS, HUGE_PRESSES))
    our_open, our_lat = asyncio.run(measure_ours(path, HUGE_OPENS, HUGE_PRESSES, everywhere=True))
    note = (
        f"{HUGE_WORDS} words, {CODINGS} codings; best of {HUGE_OPENS} "
        f"(first, cold: {our_open[0]:.3f}s vs {base_open[0]:.3f}s)"
    )
    return [
        BenchResult(
            "tui 1M words: open coding screen (target <= 1.000 s)",
            min(our_open),
            min(base_open),
            note=note,
        ),
        BenchResult(
            "tui 1M words: apply code p95 (target <= 0.016 s)",
            percentile(our_lat, 0.95),
            percentile(base_lat, 0.95),
            note=f"{HUGE_PRESSES} presses all over the text; p50 {statistics.median(our_lat):.4f}s",
        ),
    ]


BENCHMARKS = [bench_tui]
