"""One long transcript split by worker processes gives exactly what one process gives."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from codebook.db.engine import Store
from codebook.db.models import Document
from codebook.domain import TurnSpan
from codebook.services.documents import sentences_of, turns_of
from codebook.services.importing import sentences
from codebook.services.importing.sentences import MAX_CHUNK_CHARS, sentence_spans
from codebook.services.importing.speakers import detect_turns
from codebook.services.project_store import init_project
from codebook.services.transcripts import ImportOptions, import_files
from codebook.services.workers import PARALLEL_FROM, in_workers

SENTENCES = (
    "Wij bedenken de onderzoeksvraag samen met het team.",
    "Hoe dan?",
    "De schoolleider geeft ons twee uur per week, en dat is echt nodig!",
    "Dat zeg ik ook tegen dhr. Jansen, weet je…",
    "Nou ja, eigenlijk… ‘gewoon’ doen (zei ze).",
)
SPOKEN = " ".join(SENTENCES)


def long_transcript(turns: int = 600) -> str:
    """An interview of many ordinary turns and one far longer than a spaCy chunk.

    The long turn holds paragraph breaks, line breaks, a stretch with sentence
    ends only and a stretch of one unbroken word, so every way a turn is cut
    into chunks occurs, and part borders fall inside the turn.
    """
    chunk_and_a_bit = MAX_CHUNK_CHARS // len(SPOKEN) + 2
    paragraphs = "\n\n".join([SPOKEN * 8] * (chunk_and_a_bit // 8 + 1))
    broken_lines = "\n".join([SPOKEN] * chunk_and_a_bit)
    run_on = " ".join([SPOKEN] * chunk_and_a_bit)
    blind = "x" * (MAX_CHUNK_CHARS + 5_000)
    lines = []
    for number in range(turns):
        speaker = ("Interviewer", "Marieke de Wit", "Ahmed")[number % 3]
        said = " ".join(SENTENCES[(number + k) % len(SENTENCES)] for k in range(number % 7 + 1))
        lines.append(f"{speaker}: {said}")
        if number == turns // 2:
            lines.append(f"Marieke de Wit: {paragraphs}\n{broken_lines}\n{run_on} {blind} Klaar.")
    return "\n".join(lines) + "\n"


@pytest.fixture
def spread_in_parts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two workers even on one core, and small parts, so a test-sized text is spread in many.

    Records how many parts each spreading was given.
    """
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(sentences, "PART_CHARS", 20_000)
    taken: list[int] = []

    def spy(function: Any, items: Sequence[Any], **options: Any) -> Iterator[Any]:
        taken.append(len(items))
        return in_workers(function, items, **options)

    monkeypatch.setattr(sentences, "in_workers", spy)
    return taken


def test_sentences_split_in_workers_are_those_of_one_process(spread_in_parts: list[int]) -> None:
    text = long_transcript()
    turns = detect_turns(text).turns
    assert max(turn.end - turn.start for turn in turns) > 2 * MAX_CHUNK_CHARS
    alone = sentence_spans(text, turns)
    assert spread_in_parts == []
    spread = sentence_spans(text, turns, spread=True)
    assert spread_in_parts and spread_in_parts[0] >= PARALLEL_FROM
    assert spread == alone
    assert "Dat zeg ik ook tegen dhr. Jansen, weet je…" in {text[a:b] for a, b in spread}


def test_a_short_text_is_not_spread(spread_in_parts: list[int]) -> None:
    text = "Interviewer: Hoe gaat het? Goed.\n"
    turns = (TurnSpan(13, len(text) - 1, "Interviewer"),)
    assert sentence_spans(text, turns, spread=True) == [(13, 26), (27, 32)]
    assert spread_in_parts == []


def test_one_long_file_imports_alike_in_workers_and_in_one_process(
    tmp_path: Path, spread_in_parts: list[int]
) -> None:
    path = tmp_path / "focusgroep.txt"
    path.write_text(long_transcript(), encoding="utf-8")
    projects: list[list[object]] = []
    for parallel in (True, False):
        store = init_project(tmp_path / f"parallel-{parallel}.db")
        try:
            outcomes = import_files(store, "anna", [path], ImportOptions(), parallel=parallel)
            assert [o.status for o in outcomes] == ["imported"]
            projects.append(stored(store))
        finally:
            store.close()
    assert len(spread_in_parts) == 1  # the parallel import only
    assert projects[0] == projects[1]


def stored(store: Store) -> list[object]:
    with store.read() as session:
        (doc_id, text) = session.execute(select(Document.id, Document.text)).one()
        turns = [(t.speaker, t.start, t.end) for t in turns_of(session, doc_id)]
        return [text, turns, sentences_of(session, doc_id)]
