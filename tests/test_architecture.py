"""The layering, as import-linter contracts in pyproject.toml: they hold, and they bite.

Faces (CLI, TUI) -> the project door -> services -> storage -> domain; the
TUI and the CLI never import storage or a service; nothing below the faces
imports Textual, typer or rich; transcript readers never touch storage;
exports read through the services; the domain imports no storage or I/O
library; no package's modules import each other in a loop. The second test
breaks every contract on a copy of the code, so a contract that stopped
checking anything (a renamed module, a typo) fails here too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")

#: One forbidden import per contract, added to a copy of the code: (module, line, contract).
VIOLATIONS = (
    ("tui/screens/home.py", "import codebook.db.models", "Faces reach the database only"),
    ("cli/memo.py", "import codebook.services.memos", "Faces reach the database only"),
    ("services/coding.py", "import codebook.project", "Layers: faces, the project door"),
    ("services/coding.py", "import textual", "Below the faces, nothing imports"),
    ("services/importing/plain_text.py", "import codebook.db.models", "Transcript and"),
    ("services/export/xlsx.py", "from codebook.db import models", "Exports read through"),
    ("domain/quotes.py", "import sqlalchemy", "The domain is values only"),
    ("cli/case.py", "import codebook.cli.memo", "No import loops"),
    ("cli/memo.py", "import codebook.cli.case", "No import loops"),
)


def contract_names() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [c["name"] for c in config["tool"]["importlinter"]["contracts"]]


def lint(cwd: Path, source: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_every_contract_is_kept() -> None:
    names = contract_names()
    result = lint(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in names:
        assert f"{name} KEPT" in result.stdout
    assert f"Contracts: {len(names)} kept, 0 broken." in result.stdout


def test_a_forbidden_import_breaks_its_contract(tmp_path: Path) -> None:
    shutil.copytree(
        ROOT / "src" / "codebook",
        tmp_path / "src" / "codebook",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for module, line, _contract in VIOLATIONS:
        path = tmp_path / "src" / "codebook" / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = lint(tmp_path, tmp_path / "src")
    assert result.returncode == 1
    broken = {
        line.removesuffix(" BROKEN") for line in result.stdout.splitlines() if " BROKEN" in line
    }
    assert broken == set(contract_names())
    for _module, _line, contract in VIOLATIONS:
        assert any(name.startswith(contract) for name in broken)
