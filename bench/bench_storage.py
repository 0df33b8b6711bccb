"""Storage: a million codings through the service layer, and one code's codings back.

Baselines are the same rows written with a bare ``sqlite3`` ``executemany`` into
an identical copy of the project, and the same query as hand-written SQL.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from codebook.domain import CodeFields, ParsedTranscript, TurnSpan
from codebook.services.codebook.codes import create_code
from codebook.services.coding import NewCoding, apply_codings, codings_of_code
from codebook.services.documents import add_document
from codebook.services.project_store import coder_id, init_project, open_project
from common import BenchResult, best_of

TOTAL = 1_000_000
BATCH = 50_000
CODES = 100
TEXT_LEN = 200_000


def _items(doc: int, codes: list[int]) -> list[NewCoding]:
    """Distinct codings spread over the text; one code in CODES gets 10,000 of them."""
    out = []
    for i in range(TOTAL):
        code = codes[i % CODES]
        start = (i // CODES) % (TEXT_LEN - 100)
        out.append(NewCoding(doc, code, start, start + 5 + (i // CODES) // (TEXT_LEN - 100)))
    return out


def bench_insert_and_query(tmp: Path) -> list[BenchResult]:
    path = tmp / "ours.db"
    store = init_project(path)
    text = ("woord " * (TEXT_LEN // 6 + 1))[:TEXT_LEN]
    with store.write() as s:
        me = coder_id(s, "bench")
        doc = add_document(
            s, me, "t.txt", ParsedTranscript(text, (TurnSpan(0, TEXT_LEN),), "txt"), sentences=[]
        )
        codes = [create_code(s, me, CodeFields(f"code {i}")).id for i in range(CODES)]
    store.close()
    raw_path = tmp / "raw.db"
    shutil.copy(path, raw_path)
    items = _items(doc, codes)

    store = open_project(path)
    start = time.perf_counter()
    for i in range(0, TOTAL, BATCH):
        with store.write() as s:
            apply_codings(s, me, items[i : i + BATCH])
    ours_insert = time.perf_counter() - start

    conn = sqlite3.connect(raw_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    created = datetime.now().isoformat(sep=" ")
    start = time.perf_counter()
    for i in range(0, TOTAL, BATCH):
        conn.executemany(
            'INSERT INTO coding (document_id, code_id, start, "end", coder_id, codebook_version,'
            " created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
            [
                (c.document_id, c.code_id, c.start, c.end, me, CODES, created)
                for c in items[i : i + BATCH]
            ],
        )
        conn.commit()
    raw_insert = time.perf_counter() - start

    target = codes[7]

    def ours_query() -> None:
        with store.read() as s:
            rows = codings_of_code(s, [target])
        assert len(rows) == TOTAL // CODES

    def raw_query() -> None:
        rows = conn.execute(
            'SELECT c.id, c.document_id, c.code_id, c.start, c."end", c.codebook_version, c.note,'
            ' k.name, k.color, u.name, substr(d.text, c.start + 1, c."end" - c.start)'
            " FROM coding c JOIN code k ON k.id = c.code_id JOIN coder u ON u.id = c.coder_id"
            " JOIN document d ON d.id = c.document_id WHERE c.code_id = ?"
            " ORDER BY c.document_id, c.start, c.id",
            (target,),
        ).fetchall()
        assert len(rows) == TOTAL // CODES

    result = [
        BenchResult("insert 1M codings, service batches vs executemany", ours_insert, raw_insert),
        BenchResult(
            "codings of one code (10k), service vs raw SQL", best_of(ours_query), best_of(raw_query)
        ),
    ]
    conn.close()
    store.close()
    return result


BENCHMARKS = [bench_insert_and_query]
