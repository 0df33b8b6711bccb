"""Import of a 1,000,000-word transcript set against bare spaCy over the same text.

The baseline is the floor no importer can beat: spaCy's tokenizer and
sentencizer run once over every turn. Our import also decodes, normalizes,
finds speakers, and stores text, turns and sentences in SQLite. Peak memory is
reported in the note (target: below 1 GB).
"""

from __future__ import annotations

import random
import resource
import time
from pathlib import Path
from statistics import median

from codebook.domain import TurnSpan
from codebook.services.importing import read_transcript, sentence_spans
from codebook.services.project_store import init_project
from codebook.services.transcripts import ImportOptions, import_files
from common import DUTCH_WORDS, BenchResult

FILES = 100
ROUNDS = 5
WORDS_PER_FILE = 10_000
SPEAKERS = ("Interviewer", "Marieke de Wit", "Ahmed", "Yasmina B.", "Joost")


def _write_corpus(folder: Path) -> list[Path]:
    rng = random.Random(42)
    paths = []
    for n in range(FILES):
        words, lines = 0, []
        while words < WORDS_PER_FILE:
            sentences = []
            for _ in range(rng.randint(1, 6)):
                length = rng.randint(4, 18)
                sentence = " ".join(rng.choice(DUTCH_WORDS) for _ in range(length))
                sentences.append(sentence.capitalize() + rng.choice(".?!"))
                words += length
            lines.append(f"{rng.choice(SPEAKERS)}: {' '.join(sentences)}")
        path = folder / f"interview-{n:03}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def bench_import(tmp: Path) -> list[BenchResult]:
    corpus = tmp / "corpus"
    corpus.mkdir()
    paths = _write_corpus(corpus)

    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    turns_text = []
    for path in paths:
        parsed = read_transcript(path)
        turns_text.extend(parsed.text[t.start : t.end] for t in parsed.turns)
    sentence_spans("Warm. Up.", (TurnSpan(0, 9),), "nl")  # build our pipeline, as the baseline's

    sentences = 0
    baselines, ours, outcomes = [], [], []
    for round_ in range(ROUNDS):  # interleaved, so a burst of load hits both sides alike
        start = time.perf_counter()
        sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(turns_text, batch_size=256))
        baselines.append(time.perf_counter() - start)

        store = init_project(tmp / f"bench-{round_}.db")
        start = time.perf_counter()
        outcomes = import_files(store, "bench", paths, ImportOptions(language="nl"))
        ours.append(time.perf_counter() - start)
        store.close()
        assert all(o.status == "imported" for o in outcomes), [o.detail for o in outcomes][:3]
    peak_mb = (
        max(
            resource.getrusage(who).ru_maxrss
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        / 1024
    )
    words = sum(o.words for o in outcomes)
    return [
        BenchResult(
            f"import {FILES} files, {words:,} words vs bare spaCy",
            min(ours),
            min(baselines),
            note=f"best of {ROUNDS} (medians {median(ours):.2f}s vs {median(baselines):.2f}s); "
            f"{sentences:,} sentences; peak RSS of any process {peak_mb:.0f} MB (target < 1024)",
        )
    ]


BENCHMARKS = [bench_import]
