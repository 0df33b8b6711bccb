"""Upgrading a project written by an older codebook: data, journal and backup survive."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from codebook.db.engine import make_engine
from codebook.db.schema import HEAD_REVISION, open_store
from codebook.domain import CodeFields
from codebook.services import undo as journal
from codebook.services.codebook.codes import create_code
from codebook.services.coding import apply_coding
from codebook.services.documents import list_documents, sentences_of

TEXT_A = "Interviewer: Hoe gaat het? Goed.\nRespondent: Prima. Echt waar."
SENTENCES_A = [(13, 26), (27, 32), (45, 51), (52, 62)]
TEXT_B = "Interviewer: En de werkplaats? Die loopt."
SENTENCES_B = [(13, 30), (31, 41)]


def _upgrade_to(conn: Connection, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "codebook.db:migrations")
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)


def _document_row(doc_id: int, name: str, body: str) -> dict[str, object]:
    return {
        "id": doc_id,
        "name": name,
        "text": body,
        "sha256": f"{doc_id:064x}",
        "source_format": "txt",
        "source_encoding": "utf-8",
        "language": "nl",
        "word_count": len(body.split()),
        "imported_at": "2026-03-01T10:00:00",
    }


def _write_schema_0001_project(location: str) -> None:
    """A project as codebook 0001 left it: document A imported, document B imported and undone.

    Rows and journal entries have exactly the shapes that version's services wrote.
    """
    engine = make_engine(location)
    with engine.connect() as conn:
        _upgrade_to(conn, "0001")
        conn.execute(
            text("INSERT INTO coder (id, name, created_at) VALUES (1, 'anna', '2026-03-01')")
        )
        row = _document_row(1, "a.txt", TEXT_A)
        conn.execute(
            text(
                "INSERT INTO document (id, name, text, sha256, source_format, source_encoding, "
                "language, word_count, imported_at) VALUES (:id, :name, :text, :sha256, "
                ":source_format, :source_encoding, :language, :word_count, :imported_at)"
            ),
            row,
        )
        conn.execute(
            text(
                'INSERT INTO turn (id, document_id, position, speaker, start, "end") VALUES '
                "(1, 1, 0, 'Interviewer', 13, 32), (2, 1, 1, 'Respondent', 45, 62)"
            )
        )
        for n, (start, end) in enumerate(SENTENCES_A, start=1):
            conn.execute(
                text('INSERT INTO sentence (id, document_id, start, "end") VALUES (:i, 1, :s, :e)'),
                {"i": n, "s": start, "e": end},
            )
        done = [
            {"op": "insert", "table": "document", "ids": [[1, 1]]},
            {"op": "insert", "table": "turn", "ids": [[1, 2]]},
            {"op": "insert", "table": "sentence", "ids": [[1, 4]]},
        ]
        undone = [
            {"op": "insert", "table": "document", "ids": [[2, 2]],
             "rows": [_document_row(2, "b.txt", TEXT_B)]},
            {"op": "insert", "table": "turn", "ids": [[3, 3]], "rows": [
                {"id": 3, "document_id": 2, "position": 0, "speaker": "Interviewer",
                 "start": 13, "end": 41, "timecode": None, "timecode_end": None}]},
            {"op": "insert", "table": "sentence", "ids": [[5, 6]], "rows": [
                {"id": 5 + n, "document_id": 2, "start": s, "end": e}
                for n, (s, e) in enumerate(SENTENCES_B)]},
        ]  # fmt: skip
        for action_id, state, changes, name in ((1, "done", done, "a"), (2, "undone", undone, "b")):
            conn.execute(
                text(
                    "INSERT INTO action (id, coder_id, kind, description, created_at, state, "
                    "changes) VALUES (:id, 1, 'document.add', :d, '2026-03-01', :state, :c)"
                ),
                {"id": action_id, "d": f"import '{name}.txt'", "state": state,
                 "c": json.dumps(changes)},
            )  # fmt: skip
        if conn.dialect.name == "postgresql":  # explicit ids leave the sequences behind
            for table in ("coder", "document", "turn", "sentence", "action"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)"))
        conn.commit()
    engine.dispose()


def test_upgrade_keeps_sentences_and_the_journal_working(location: str) -> None:
    _write_schema_0001_project(location)
    store = open_store(location)
    with store.engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision == HEAD_REVISION
    with store.read() as s:
        assert [d.name for d in list_documents(s)] == ["a.txt"]
        assert sentences_of(s, 1) == SENTENCES_A
    with store.write() as s:
        redone = journal.redo(s, 1)
        assert redone is not None and redone.description == "import 'b.txt'"
    with store.read() as s:
        assert sentences_of(s, 2) == SENTENCES_B
    with store.write() as s:
        code = create_code(s, 1, CodeFields("Tevredenheid"))
        apply_coding(s, 1, 1, code.id, 45, 51)
    with store.write() as s:
        journal.undo(s, 1)  # the coding
        journal.undo(s, 1)  # the code
        journal.undo(s, 1)  # import b, now carried by the document row alone
        journal.undo(s, 1)  # import a, recorded before the upgrade
    with store.read() as s:
        assert list_documents(s) == []
        assert s.execute(text("SELECT count(*) FROM turn")).scalar() == 0
    with store.write() as s:
        journal.redo(s, 1)
    with store.read() as s:
        assert sentences_of(s, 1) == SENTENCES_A
    store.close()


def test_sqlite_upgrade_leaves_the_old_file_as_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    _write_schema_0001_project(str(path))
    open_store(path).close()
    backup = tmp_path / "study.db.bak-0001"
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT start, \"end\" FROM sentence WHERE document_id = 1 "
                           "ORDER BY start").fetchall() == SENTENCES_A  # fmt: skip
    with sqlite3.connect(path) as new:
        assert new.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
        tables = {r[0] for r in new.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "sentence" not in tables


def test_a_second_open_does_not_migrate_or_back_up_again(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    _write_schema_0001_project(str(path))
    open_store(path).close()
    backup = tmp_path / "study.db.bak-0001"
    backup.unlink()
    open_store(path).close()
    assert not backup.exists()


def test_downgrade_is_refused_with_the_way_back(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "study.db"
    _write_schema_0001_project(str(path))
    open_store(path).close()
    engine = make_engine(path)
    with engine.connect() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", "codebook.db:migrations")
        cfg.attributes["connection"] = conn
        # the newest step refuses first, naming the copy taken before it ran
        with pytest.raises(NotImplementedError, match=r"bak-0004"):
            command.downgrade(cfg, "0001")
    engine.dispose()
