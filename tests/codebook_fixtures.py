"""A small coded project for the codebook tests, and full dumps to compare states."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from codebook.db.engine import Store
from codebook.db.models import Code, CodebookEvent, Coding, Memo
from codebook.domain import CodeFields
from codebook.services.codebook.codes import create_code
from codebook.services.coding import apply_coding
from codebook.services.project_store import coder_id
from helpers import INTERVIEW, add_doc

SECOND = (
    "Interviewer: Wat doet het bestuur?\n"
    "Joost: Het bestuur betaalt de uren. Zonder dat geld lukt het niet.\n"
    "Interviewer: En kennis delen?\n"
    "Joost: We presenteren op de studiedag, voor alle scholen samen.\n"
)


@dataclass
class Project:
    docs: list[int]
    codes: dict[str, int]
    anna: int
    bram: int


def build(store: Store, anna: int) -> Project:
    """Codes two levels deep, two documents, codings by two coders with shared ranges.

    ``Samenwerking`` and ``Tijd`` share ranges coded by the same coder (they
    collapse when merged) and by different coders (they do not).
    """
    with store.write() as s:
        bram = coder_id(s, "bram")
        docs = [add_doc(s, anna, "marieke.txt", INTERVIEW), add_doc(s, anna, "joost.txt", SECOND)]
        codes: dict[str, int] = {}
        codes["Samenwerking"] = create_code(
            s, anna, CodeFields("Samenwerking", brief_definition="Hoe scholen en HO samenwerken.")
        ).id
        codes["Gelijkwaardig"] = create_code(
            s, anna, CodeFields("Gelijkwaardig"), "Samenwerking"
        ).id
        codes["Taakverdeling"] = create_code(
            s, anna, CodeFields("Taakverdeling"), "Samenwerking"
        ).id
        codes["Kennisdeling"] = create_code(s, anna, CodeFields("Kennisdeling")).id
        codes["Intern"] = create_code(s, anna, CodeFields("Intern"), "Kennisdeling").id
        codes["Tijd"] = create_code(s, anna, CodeFields("Tijd", color="#D62728")).id
        plan = [
            (anna, 0, "Samenwerking", 0, 20),
            (anna, 0, "Samenwerking", 30, 60),
            (anna, 0, "Tijd", 30, 60),  # same coder, same range: collapses in a merge
            (bram, 0, "Tijd", 0, 20),  # other coder: stays separate
            (bram, 0, "Samenwerking", 0, 20),
            (anna, 1, "Tijd", 40, 70),
            (anna, 1, "Kennisdeling", 100, 140),
            (bram, 1, "Intern", 100, 140),
            (anna, 0, "Gelijkwaardig", 70, 90),
        ]
        for who, doc, code, start, end in plan:
            apply_coding(s, who, docs[doc], codes[code], start, end)
    return Project(docs, codes, anna, bram)


def rows(store: Store, model: Any) -> list[dict[str, Any]]:
    table = model.__table__
    with store.read() as s:
        return [dict(r._mapping) for r in s.execute(select(table).order_by(table.c.id))]


def dump(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every column of every code, coding and memo: 'restored exactly' means equal dumps."""
    return {"code": rows(store, Code), "coding": rows(store, Coding), "memo": rows(store, Memo)}


def ranges(store: Store) -> set[tuple[int, int, int]]:
    """The coded text ranges, whatever code they carry."""
    return {(r["document_id"], r["start"], r["end"]) for r in rows(store, Coding)}


def last_event(store: Store) -> CodebookEvent:
    with store.read() as s:
        event = s.scalars(select(CodebookEvent).order_by(CodebookEvent.version.desc())).first()
        assert event is not None
        return event


def code_row(store: Store, code_id: int) -> dict[str, Any]:
    (found,) = [r for r in rows(store, Code) if r["id"] == code_id]
    return found


def codings_of(store: Store, code_id: int) -> list[dict[str, Any]]:
    return [r for r in rows(store, Coding) if r["code_id"] == code_id]
