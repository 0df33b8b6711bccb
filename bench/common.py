"""What every benchmark returns, and a clock that takes the best of a few runs.

Benchmarks compare our code with a baseline measured in the same run (raw SQL,
bare spaCy, raw python-docx), so the ratio means something on a noisy machine
where absolute seconds do not.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: The words generated transcripts are made of: everyday Dutch and the study's own.
DUTCH_WORDS = (
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "dat",
    "is",
    "niet",
    "we",
    "ik",
    "je",
    "ze",
    "school",
    "werkplaats",
    "onderzoek",
    "leerkracht",
    "kennis",
    "delen",
    "samen",
    "team",
    "bestuur",
    "coördinator",
    "tijd",
    "uren",
    "vraag",
    "klas",
    "leerlingen",
    "collega's",
    "eigenlijk",
    "gewoon",
    "nou",
    "ja",
    "eh",
    "dus",
    "maar",
    "ook",
    "wel",
    "heel",
    "goed",
    "mooi",
    "lastig",
    "belangrijk",
    "te",
    "met",
    "voor",
    "zijn",
    "als",
    "dan",
    "er",
    "samenwerking",
    "hogeschool",
    "schoolleider",
    "ontwikkeling",
    "collega",
    "praktijk",
)


@dataclass(frozen=True)
class BenchResult:
    name: str
    ours: float
    baseline: float
    unit: str = "s"
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs: the least disturbed by other load on the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def random_codings(
    rng: random.Random,
    document: int,
    sentences: Sequence[tuple[int, int]],
    code_ids: Sequence[int],
    count: int,
    *,
    now: str,
    note: str,
) -> list[tuple[object, ...]]:
    """``count`` distinct codings of one to three sentences by coder 1 or 2, a few with a
    note, as rows for ``INSERT INTO coding (document_id, code_id, start, "end", coder_id,
    codebook_version, created_at, note) VALUES (?, ?, ?, ?, ?, 1, ?, ?)``."""
    seen: set[tuple[int, int, int, int]] = set()
    rows: list[tuple[object, ...]] = []
    while len(rows) < count:
        first = rng.randrange(len(sentences))
        last = min(first + rng.randint(0, 2), len(sentences) - 1)
        key = (rng.choice(code_ids), rng.randint(1, 2), sentences[first][0], sentences[last][1])
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            (document, key[0], key[2], key[3], key[1], now, note if rng.random() < 0.05 else None)
        )
    return rows
