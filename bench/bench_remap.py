"""Carrying 5,000 codings through 200 scattered corrections of a 100,000-word transcript.

Ours: the character diff as ``services.text_edits`` makes it (diff-match-patch,
then changed stretches widened to whole words) and every coding moved through
it. Baseline: the bare ``diff_match_patch.diff_main`` call on the same two
texts, with the same timeout, the least any remapping has to do. Target: at
most 2x. A second line times the whole plan through the project door (reading
the corrected file, the codings from SQLite, the turns, sentences split again
only in the changed turns) against the same baseline, for information.
"""

from __future__ import annotations

import random
from pathlib import Path

from codebook.domain.documents import ImportRequest
from codebook.project import Project
from codebook.services.coding import NewCoding, apply_codings
from codebook.services.project_store import coder_id, open_project
from codebook.services.text_edits import diffing
from codebook.services.text_edits.remap import OffsetMap, coding_range
from common import DUTCH_WORDS, BenchResult, best_of

WORDS = 100_000
CODINGS = 5_000
EDITS = 200
SPEAKERS = ("Interviewer", "Marieke de Wit")


def transcript(rng: random.Random) -> str:
    lines, words = [], 0
    while words < WORDS:
        count = rng.randint(10, 90)
        spoken = " ".join(rng.choices(DUTCH_WORDS, k=count)).capitalize() + "."
        lines.append(f"{SPEAKERS[len(lines) % 2]}: {spoken}")
        words += count
    return "\n".join(lines) + "\n"


def corrected(text: str, rng: random.Random) -> str:
    """200 word-sized corrections at random places: replaced, inserted or deleted words."""
    places = sorted(rng.sample(range(len(text)), EDITS), reverse=True)
    for at in places:
        end = text.find(" ", at)
        if end < 0:
            continue
        kind = rng.choice(("replace", "insert", "delete"))
        if kind == "replace":
            text = text[:at] + rng.choice(DUTCH_WORDS) + text[end:]
        elif kind == "insert":
            text = text[: end + 1] + rng.choice(DUTCH_WORDS) + " " + text[end + 1 :]
        else:
            text = text[:at] + text[end:]
    return text


def codings(text: str, rng: random.Random) -> list[tuple[int, int]]:
    """Word-aligned passages of one to twelve words."""
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == " "]
    out = []
    for _ in range(CODINGS):
        first = rng.randrange(len(starts) - 13)
        end = starts[first + rng.randint(1, 12)] - 1
        out.append((starts[first], end))
    return out


def bench_remap(tmp: Path) -> list[BenchResult]:
    from diff_match_patch import diff_match_patch

    rng = random.Random(11)
    old = transcript(rng)
    new = corrected(old, rng)
    passages = codings(old, rng)

    def bare() -> None:
        differ = diff_match_patch()
        differ.Diff_Timeout = diffing.TIMEOUT
        differ.diff_main(old, new)

    def ours() -> None:
        offsets = OffsetMap(diffing.text_diff(old, new))
        for start, end in passages:
            coding_range(offsets, old, new, start, end)

    baseline = best_of(bare, 5)
    remapped = best_of(ours, 5)
    plan_time, moved = _through_the_door(tmp, old, new, passages)
    return [
        BenchResult(
            f"remap {CODINGS:,} codings, {EDITS} edits, {WORDS // 1000}k words",
            remapped,
            baseline,
            note=f"vs bare diff_main; target <= 2x; {len(old):,} chars",
        ),
        BenchResult(
            "plan a replacement through the door (same texts)",
            plan_time,
            baseline,
            note=f"file read, codings from SQLite, changed turns re-split; {moved} changed",
        ),
    ]


def _through_the_door(
    tmp: Path, old: str, new: str, passages: list[tuple[int, int]]
) -> tuple[float, int]:
    (tmp / "gesprek.txt").write_text(old, encoding="utf-8")
    (tmp / "verbeterd.txt").write_text(new, encoding="utf-8")
    with Project.create(tmp / "p.db", "bench", "nl", coder="anna") as project:
        project.import_transcripts([tmp / "gesprek.txt"], ImportRequest())
        code = project.create_code("Thema")
        store = open_project(tmp / "p.db")
        with store.write() as session:
            items = [NewCoding(1, code, start, end) for start, end in passages]
            apply_codings(session, coder_id(session, "anna"), items)
        store.close()
        found: list[int] = []

        def plan() -> None:
            found[:] = [len(project.plan_replacement("gesprek", tmp / "verbeterd.txt").changed)]

        return best_of(plan, 3), found[0]


BENCHMARKS = [bench_remap]
