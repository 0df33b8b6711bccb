"""Small builders the tests share: a transcript, a project with codes and a document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebook.db.engine import Store
from codebook.db.models import Base
from codebook.domain import CodeFields, ParsedTranscript, TurnSpan
from codebook.services.codebook.codes import create_code
from codebook.services.documents import add_document

INTERVIEW = (
    "Interviewer: Hoe is de samenwerking met de hogeschool?\n"
    "Marieke: Eerlijk gezegd gelijkwaardig. We bedenken de vraag samen.\n"
    "Interviewer: En de schoolleider?\n"
    "Marieke: Die geeft ons tijd, twee uur per week. Dat is echt nodig.\n"
)


def parsed(text: str = INTERVIEW) -> ParsedTranscript:
    """Turns for the ``Name: text`` lines of ``text``, without the importing readers."""
    turns = []
    pos = 0
    for line in text.splitlines(keepends=True):
        label, sep, rest = line.partition(": ")
        if sep:
            start = pos + len(label) + 2
            turns.append(TurnSpan(start, start + len(rest.rstrip("\n")), label))
        pos += len(line)
    return ParsedTranscript(text=text, turns=tuple(turns), source_format="txt", encoding="utf-8")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".?!":
            out.append((start, i + 1))
            start = i + 2
    return out


def add_doc(session: Session, coder: int, name: str = "marieke.txt", text: str = INTERVIEW) -> int:
    return add_document(session, coder, name, parsed(text), sentences=sentence_bounds(text))


@dataclass
class Fixture:
    doc: int
    theme: int
    sub: int
    other: int


def seed(store: Store, coder: int) -> Fixture:
    with store.write() as s:
        doc = add_doc(s, coder)
        theme = create_code(s, coder, CodeFields("Vormgeving", color="#1F77B4")).id
        sub = create_code(s, coder, CodeFields("Schoolleider faciliteert"), theme).id
        other = create_code(s, coder, CodeFields("Kennisdeling")).id
    return Fixture(doc, theme, sub, other)


def counts(store: Store) -> dict[str, int]:
    """Row count of every table: what 'the project is unchanged' means."""
    with store.read() as s:
        return {
            name: s.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``codebook ARGS`` in this process: exit code, stdout, stderr."""
    from codebook.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def stored_rows(location: str | Path, *tables: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the named tables (all when none), by primary key: what "nothing changed"
    and "undo restored it" compare, read through a fresh connection."""
    from codebook.services.project_store import open_project

    store = open_project(location)
    try:
        with store.read() as session:
            return {
                name: [
                    tuple(row)
                    for row in session.execute(select(table).order_by(*table.primary_key.columns))
                ]
                for name, table in Base.metadata.tables.items()
                if not tables or name in tables
            }
    finally:
        store.close()
