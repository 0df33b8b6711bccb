"""One 1,000,000-word transcript imported by the whole ``codebook import`` command.

What the user waits for is the command, start-up included, so both sides are
timed as whole processes: ours is ``codebook import PROJECT big.txt``; the
baseline a bare Python that imports spaCy, builds ``spacy.blank("nl")`` with
the sentencizer and pipes the transcript's turns through it, in one process.
The two run in turn, so a burst of load on the machine hits both alike; the
ratio is the median of the pairs' ratios. Target: below 1.5x.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

from bench_import import SPEAKERS
from codebook.services.importing import read_transcript
from codebook.services.project_store import init_project
from common import DUTCH_WORDS, BenchResult

WORDS = 1_000_000
ROUNDS = 5
BASELINE = """
import json, sys
import spacy
nlp = spacy.blank("nl")
nlp.add_pipe("sentencizer")
with open(sys.argv[1], encoding="utf-8") as file:
    turns = json.load(file)
print(sum(len(list(doc.sents)) for doc in nlp.pipe(turns, batch_size=256)))
"""


def _write_transcript(path: Path) -> None:
    rng = random.Random(42)
    words, lines = 0, []
    while words < WORDS:
        sentences = []
        for _ in range(rng.randint(1, 6)):
            length = rng.randint(4, 18)
            sentences.append(" ".join(rng.choice(DUTCH_WORDS) for _ in range(length)).capitalize())
            sentences[-1] += rng.choice(".?!")
            words += length
        lines.append(f"{rng.choice(SPEAKERS)}: {' '.join(sentences)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _timed(command: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system, workers included) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def bench_big_file(tmp: Path) -> list[BenchResult]:
    transcript = tmp / "big.txt"
    _write_transcript(transcript)
    parsed = read_transcript(transcript)
    turns = tmp / "turns.json"
    turns.write_text(json.dumps([parsed.text[t.start : t.end] for t in parsed.turns]))
    codebook = str(Path(sys.executable).with_name("codebook"))

    ours, baselines, ratios, cpu_ours, cpu_baseline = [], [], [], [], []
    for round_ in range(ROUNDS):
        project = tmp / f"bench-{round_}.db"
        init_project(project).close()
        wall, cpu, out = _timed(
            [codebook, "--coder", "bench", "import", str(project), str(transcript)]
        )
        assert "1 imported" in out, out
        ours.append(wall)
        cpu_ours.append(cpu)
        wall, cpu, _ = _timed([sys.executable, "-c", BASELINE, str(turns)])
        baselines.append(wall)
        cpu_baseline.append(cpu)
        ratios.append(ours[-1] / baselines[-1])
    return [
        BenchResult(
            f"import one file of {parsed.words:,} words (whole command) vs bare spaCy",
            median(ours),
            median(baselines),
            note=f"medians of {ROUNDS} pairs, pair ratio {median(ratios):.2f}x "
            f"({min(ratios):.2f}-{max(ratios):.2f}); CPU {median(cpu_ours):.2f}s "
            f"vs {median(cpu_baseline):.2f}s; target < 1.5x",
        )
    ]


BENCHMARKS = [bench_big_file]
