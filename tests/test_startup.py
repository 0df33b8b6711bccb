"""What an everyday command loads: the libraries it needs, and not the slow ones it does not.

Each command runs in a fresh interpreter and reports which heavy modules ended
up in ``sys.modules``; time itself is measured in ``bench/bench_cli.py``.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from codebook.db.engine import Store, make_engine
from codebook.db.schema import HEAD_REVISION
from codebook.services.coding import apply_coding
from codebook.services.project_store import coder_id, init_project
from helpers import seed

HEAVY = ("alembic", "pandas", "numpy", "docx", "openpyxl", "spacy", "lxml", "textual", "yaml")


def loaded_after(*argv: str) -> tuple[int, set[str]]:
    """Run ``codebook ARGV`` in a new interpreter: its exit code and the heavy modules it loaded."""
    probe = (
        "import json, sys\n"
        "from codebook.cli import main\n"
        f"code = main({list(argv)!r})\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(json.dumps([code, heavy]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    code, heavy = json.loads(done.stderr.strip().splitlines()[-1])
    return code, set(heavy)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A current project with a document, three codes and two codings."""
    path = tmp_path_factory.mktemp("startup") / "study.db"
    store: Store = init_project(path, "study")
    try:
        with store.write() as session:
            anna = coder_id(session, "anna")
        made = seed(store, anna)
        with store.write() as session:
            apply_coding(session, anna, made.doc, made.sub, 68, 116)
            apply_coding(session, anna, made.doc, made.other, 68, 90)
    finally:
        store.close()
    return str(path)


def test_importing_the_cli_loads_no_storage_or_table_library() -> None:
    probe = (
        "import sys\n"
        "import codebook.cli\n"
        "names = ('sqlalchemy', 'codebook.project', 'rich.table', *" + repr(HEAVY) + ")\n"
        "print([m for m in names if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "command",
    [
        ("docs",),
        ("codes",),
        ("quotes", "{project}", "Vormgeving*"),
        ("codings", "{project}", "--doc", "marieke"),
        ("codebook", "history"),
        ("info",),
    ],
    ids=lambda command: " ".join(part for part in command if part != "{project}"),
)
def test_an_everyday_command_on_a_current_project_loads_no_heavy_library(
    project: str, command: tuple[str, ...]
) -> None:
    argv = [project if part == "{project}" else part for part in command]
    if project not in argv:
        argv.append(project)
    code, heavy = loaded_after(*argv)
    assert code == 0
    assert heavy == set()


@pytest.mark.parametrize("command", ["frequencies", "matrix", "cooccurrence"])
def test_a_count_table_loads_no_heavy_library(project: str, command: str) -> None:
    code, heavy = loaded_after(command, project)
    assert code == 0
    assert heavy == set()


def test_an_older_project_still_loads_alembic_and_is_migrated(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    old = tmp_path / "old.db"
    engine = make_engine(old)
    with engine.connect() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", "codebook.db:migrations")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.commit()
    engine.dispose()
    code, heavy = loaded_after("info", str(old))  # docs would say: nothing found (exit 1)
    assert code == 0
    assert "alembic" in heavy
    assert (tmp_path / "old.db.bak-0002").exists()
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
