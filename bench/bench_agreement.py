"""Agreement of two coders over 1,000,000 words at sentence unit, 72 codes.

The project is built with raw ``executemany`` on a SQLite file made by
``init_project`` (the real schema). Ours is the whole use case
(``services.agreement.compute.agreement``: read, build units, percent, Cohen's
kappa and Krippendorff's alpha per code and pooled) without the bootstrap.
The baseline builds the same unit matrix with pandas from raw SQL and calls
``krippendorff.alpha`` per code, as one would by hand. Target: at most 1.5x.
The bootstrap (1,000 resamples) is timed apart.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import numpy as np

from codebook.domain.agreement import AgreementRequest
from codebook.services.agreement.compute import agreement
from codebook.services.project_store import init_project, open_project
from common import BenchResult, best_of

DOCUMENTS = 200
WORDS_PER_DOC = 5_000
CODES = 72
CODINGS_PER_DOC = 150
WORDS = [
    "de",
    "samenwerking",
    "met",
    "de",
    "hogeschool",
    "is",
    "gelijkwaardig",
    "en",
    "we",
    "bedenken",
    "de",
    "vraag",
    "samen",
    "schoolleider",
    "geeft",
    "ons",
    "tijd",
    "twee",
    "uur",
    "per",
    "week",
    "dat",
    "is",
    "echt",
    "nodig",
    "voor",
    "onderzoek",
]


def build(path: Path, seed: int = 15) -> None:
    """Anna codes at random; Ben agrees on 80% of her codings and adds his own."""
    init_project(path, "bench").close()
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    now = datetime(2024, 1, 1).isoformat(sep=" ")
    con.executemany(
        "INSERT INTO coder (id, name, created_at) VALUES (?, ?, ?)",
        [(1, "anna", now), (2, "ben", now)],
    )
    con.executemany(
        "INSERT INTO code (id, guid, parent_id, position, name, color, brief_definition, "
        "full_definition, when_to_use, when_not_to_use, example, keywords, retired) "
        "VALUES (?, ?, NULL, ?, ?, '#1F77B4', '', '', '', '', '', '[]', 0)",
        [(c, f"{c:032x}", c, f"Code {c}") for c in range(1, CODES + 1)],
    )
    rows = []
    for d in range(1, DOCUMENTS + 1):
        parts, sentences, pos, words = [], [], 0, 0
        while words < WORDS_PER_DOC:
            n = rng.randint(6, 16)
            text = " ".join(rng.choices(WORDS, k=n)).capitalize() + "."
            sentences.append([pos, pos + len(text)])
            parts.append(text)
            pos += len(text) + 1
            words += n
        doc_text = " ".join(parts)
        con.execute(
            "INSERT INTO document (id, name, text, sha256, source_format, language, word_count, "
            "imported_at, sentences) VALUES (?, ?, ?, ?, 'txt', 'nl', ?, ?, ?)",
            (d, f"doc-{d:04}.txt", doc_text, f"{d:064x}", words, now, json.dumps(sentences)),
        )
        for _ in range(CODINGS_PER_DOC):
            code = rng.randint(1, CODES)
            first = rng.randrange(len(sentences))
            last = min(first + rng.randint(0, 2), len(sentences) - 1)
            start, end = sentences[first][0] + rng.randint(0, 5), sentences[last][1]
            rows.append((d, code, start, end, 1))
            if rng.random() < 0.8:
                rows.append((d, code, start + rng.randint(0, 3), end - rng.randint(0, 3), 2))
            if rng.random() < 0.2:
                other = rng.randrange(len(sentences))
                rows.append((d, code, sentences[other][0], sentences[other][1], 2))
    con.executemany(
        'INSERT INTO coding (document_id, code_id, start, "end", coder_id, codebook_version, '
        "created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
        [(*row, now) for row in dict.fromkeys(rows)],
    )
    con.commit()
    con.close()


def baseline(path: Path) -> dict[int, float]:
    """By hand: sentences and codings into pandas, the unit matrix, krippendorff.alpha per code."""
    import krippendorff
    import pandas as pd

    con = sqlite3.connect(path)
    docs = pd.read_sql("SELECT id, length(text) AS size, sentences FROM document", con)
    docs = docs.sort_values("id")
    docs["offset"] = docs["size"].cumsum() - docs["size"]
    spans = docs.assign(sentences=docs["sentences"].map(json.loads)).explode("sentences")
    starts = np.array([s[0] for s in spans["sentences"]]) + spans["offset"].to_numpy()
    ends = np.array([s[1] for s in spans["sentences"]]) + spans["offset"].to_numpy()
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    codings = pd.read_sql(
        'SELECT document_id, code_id, coder_id, start, "end" FROM coding', con
    ).merge(docs[["id", "offset"]], left_on="document_id", right_on="id")
    con.close()
    first = np.searchsorted(ends, codings["start"] + codings["offset"], side="right")
    last = np.searchsorted(starts, codings["end"] + codings["offset"], side="left")
    count = np.maximum(last - first, 0)
    pairs = codings.loc[codings.index.repeat(count), ["code_id", "coder_id"]]
    pairs["unit"] = np.repeat(first, count) + pairs.groupby(level=0).cumcount().to_numpy()
    pairs = pairs.drop_duplicates()
    out = {}
    for code, group in pairs.groupby("code_id"):
        matrix = np.zeros((2, starts.size))
        matrix[group["coder_id"].to_numpy() - 1, group["unit"].to_numpy()] = 1
        out[int(code)] = float(
            krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        )
    return out


def bench_agreement(tmp: Path) -> list[BenchResult]:
    path = tmp / "agreement.db"
    build(path)
    store = open_project(path)
    request = AgreementRequest(coders=("anna", "ben"), resamples=0)
    found: dict[int, float | None] = {}

    def ours() -> None:
        with store.read() as session:
            result = agreement(session, request, list_disagreements=False)
        found.update({code.code_id: code.figures.alpha for code in result.codes})

    expected: dict[int, float] = {}

    def by_hand() -> None:
        expected.update(baseline(path))

    ours()
    by_hand()
    t_ours, t_base = best_of(ours), best_of(by_hand)
    assert all(abs((found[c] or 0) - a) < 1e-9 for c, a in expected.items())
    with store.read() as session:
        start = time.perf_counter()
        full = agreement(session, AgreementRequest(coders=("anna", "ben")), list_disagreements=True)
        t_full = time.perf_counter() - start
    store.close()
    verdict = "ok" if t_ours <= 1.5 * t_base else "MISSES TARGET"
    return [
        BenchResult(
            f"agreement, 1M words, {full.n_units:,} sentences x {CODES} codes",
            t_ours,
            t_base,
            note=f"vs pandas + krippendorff.alpha; target <=1.5x: {verdict}",
        ),
        BenchResult(
            "agreement with 1,000 bootstrap resamples and disagreements",
            t_full,
            t_ours,
            note=f"baseline: without them; {len(full.disagreements):,} disagreements",
        ),
    ]


BENCHMARKS = [bench_agreement]

if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for r in bench_agreement(Path(tmp)):
            print(r, f"ratio {r.ratio:.2f}")
