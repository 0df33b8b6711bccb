"""Retrieval of every quote of one theme (with children) from a project of 1,000,000 codings.

The project is built with raw ``executemany`` on the SQLite file that
``init_project`` created (so the schema and indexes are the real ones), then
``retrieve`` is timed against one hand-written SQL query returning the same
rows (document, range, quote text, coder, code, memo and speaker of the turn
the quote starts in). Targets: at most 50 ms, at most 2x the raw SQL.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime
from pathlib import Path

from codebook.db.engine import Store
from codebook.domain.queries import Code
from codebook.services.project_store import init_project, open_project
from codebook.services.retrieval.quotes import retrieve
from common import BenchResult, best_of, random_codings

DOCUMENTS = 1_000
SENTENCES_PER_DOC = 250
SENTENCES_PER_TURN = 5
CODINGS = 1_000_000
# A large codebook of 410 codes; the first theme has one child, the others sixteen.
CHILDREN = (1, *(16,) * 24)
PHRASES = (
    "de samenwerking met de hogeschool is gelijkwaardig en we bedenken de vraag samen",
    "schoolleider geeft ons tijd twee uur per week dat is echt nodig voor onderzoek in de klas",
)
WORDS = [word for phrase in PHRASES for word in phrase.split()]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 14))
    return " ".join(words).capitalize() + "."


def build(path: Path, seed: int = 7) -> dict[int, list[int]]:
    """Create the project; returns each theme's id with its codes (itself and its children)."""
    store = init_project(path, "bench")
    store.close()
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    now = datetime(2024, 1, 1).isoformat(sep=" ")
    con.executemany(
        "INSERT INTO coder (id, name, created_at) VALUES (?, ?, ?)",
        [(1, "analist-a", now), (2, "analist-b", now)],
    )
    codes, theme_children = [], {}
    next_id = 1
    for t, n_children in enumerate(CHILDREN):
        theme = next_id
        codes.append((theme, f"{theme:032x}", None, t, f"Thema {t}", "#1F77B4"))
        next_id += 1
        kids = []
        for c in range(n_children):
            codes.append((next_id, f"{next_id:032x}", theme, c, f"Sub {t}.{c}", "#FF7F0E"))
            kids.append(next_id)
            next_id += 1
        theme_children[theme] = kids
    con.executemany(
        "INSERT INTO code (id, guid, parent_id, position, name, color, brief_definition, "
        "full_definition, when_to_use, when_not_to_use, example, keywords, retired) "
        "VALUES (?, ?, ?, ?, ?, ?, '', '', '', '', '', '[]', 0)",
        codes,
    )
    code_ids = [c[0] for c in codes]
    per_doc = CODINGS // DOCUMENTS
    for d in range(1, DOCUMENTS + 1):
        sentences, turns, parts, pos = [], [], [], 0
        for s in range(SENTENCES_PER_DOC):
            if s % SENTENCES_PER_TURN == 0:
                label = "Interviewer: " if (s // SENTENCES_PER_TURN) % 2 == 0 else "Respondent: "
                if s:
                    parts.append("\n")
                    pos += 1
                parts.append(label)
                pos += len(label)
                turns.append([pos, pos, label[:-2], float(s * 6)])
            elif parts:
                parts.append(" ")
                pos += 1
            text = _sentence(rng)
            sentences.append((d, pos, pos + len(text)))
            parts.append(text)
            pos += len(text)
            turns[-1][1] = pos
        doc_text = "".join(parts)
        con.execute(
            "INSERT INTO document (id, name, text, sha256, source_format, language, word_count, "
            "imported_at, sentences) VALUES (?, ?, ?, ?, 'txt', 'nl', ?, ?, ?)",
            (
                d,
                f"doc-{d:04}.txt",
                doc_text,
                f"{d:064x}",
                len(doc_text.split()),
                now,
                json.dumps([[s, e] for _, s, e in sentences]),
            ),
        )
        con.executemany(
            'INSERT INTO turn (document_id, position, speaker, start, "end", timecode) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(d, i, spk, s, e, tc) for i, (s, e, spk, tc) in enumerate(turns)],
        )
        spans = [(start, end) for _, start, end in sentences]
        rows = random_codings(rng, d, spans, code_ids, per_doc, now=now, note="memo")
        con.executemany(
            'INSERT INTO coding (document_id, code_id, start, "end", coder_id, codebook_version, '
            "created_at, note) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            rows,
        )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return {theme: [theme, *kids] for theme, kids in theme_children.items()}


RAW_SQL = """
SELECT d.name, c.start, c."end", substr(d.text, c.start + 1, c."end" - c.start),
       k.name, cd.name, c.note,
       (SELECT t.speaker FROM turn t
         WHERE t.document_id = c.document_id AND t.start <= c.start
         ORDER BY t.start DESC LIMIT 1)
  FROM coding c
  JOIN document d ON d.id = c.document_id
  JOIN code k ON k.id = c.code_id
  JOIN coder cd ON cd.id = c.coder_id
 WHERE c.code_id IN ({marks})
 ORDER BY d.name, c.start, c."end"
"""


def _measure(store: Store, path: Path, theme: int, ids: list[int]) -> tuple[float, float, int]:
    found: list[int] = []

    def ours() -> None:
        with store.read() as session:
            found[:] = [len(retrieve(session, Code(theme, with_children=True)))]

    con = sqlite3.connect(path)
    raw_rows: list[int] = []

    def raw() -> None:
        rows = con.execute(RAW_SQL.format(marks=",".join("?" * len(ids))), ids).fetchall()
        raw_rows[:] = [len(rows)]

    for runner in (ours, raw):  # warm the page cache for both
        runner()
    t_ours = best_of(ours, repeat=7)
    t_raw = best_of(raw, repeat=7)
    con.close()
    assert found == raw_rows, (found, raw_rows)
    return t_ours, t_raw, found[0]


def bench_theme_retrieval(tmp: Path) -> list[BenchResult]:
    path = tmp / "million.db"
    themes = build(path)
    store = open_project(path)
    results = []
    small, large = (
        (t for t in themes if len(themes[t]) == 2),
        (t for t in themes if len(themes[t]) > 2),
    )
    for label, theme in (("theme + 1 child", next(small)), ("theme + 16 children", next(large))):
        t_ours, t_raw, n = _measure(store, path, theme, themes[theme])
        verdict = "ok" if t_ours <= 0.050 and t_ours <= 2 * t_raw else "MISSES TARGET"
        results.append(
            BenchResult(
                f"retrieval, 1M codings (SQLite): {label}",
                t_ours,
                t_raw,
                note=f"{n} quotes; target <=0.050s and <=2x raw SQL: {verdict}",
            )
        )
    store.close()
    return results


BENCHMARKS = [bench_theme_retrieval]

if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for r in bench_theme_retrieval(Path(tmp)):
            print(r, f"ratio {r.ratio:.2f}")
