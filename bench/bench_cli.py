"""Everyday commands on the demo project, each as a whole process, as a user types them.

The baseline is an interpreter that only imports ``sqlite3``: the least any
command reading a SQLite project could cost. Targets: 0.3 s for the everyday
commands, 1 s for the count tables. Commands run with their bytecode cached
(in the scratch folder, after one warm-up run each), as an installed codebook
runs, so the figures do not include compiling the sources. Two floors are
measured beside them: importing SQLAlchemy's ORM, and importing typer and
rich, which every command pays before it reads anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from common import BenchResult

REPO = Path(__file__).resolve().parent.parent
REPEAT = 7
EVERYDAY = 0.3
TABLES = 1.0


def _environment(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env["CODEBOOK_CONFIG"] = str(tmp / "config.json")
    env["CODEBOOK_CODER"] = "bench"
    env["COLUMNS"] = "120"
    return env


def _best(command: Sequence[str], env: dict[str, str]) -> float:
    """The fastest of ``REPEAT`` runs after a warm-up run that fills the bytecode cache."""
    subprocess.run(command, env=env, capture_output=True, check=True)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def bench_commands(tmp: Path) -> list[BenchResult]:
    env = _environment(tmp)
    demo = tmp / "werkplaatsen.db"
    subprocess.run(
        [sys.executable, "-m", "codebook.services.demo", str(demo), str(REPO)],
        env=env,
        capture_output=True,
        check=True,
    )
    baseline = _best([sys.executable, "-c", "import sqlite3"], env)
    codebook = [sys.executable, "-m", "codebook.cli"]
    project = str(demo)
    floors = [
        ("python -c 'import sqlalchemy.orm' (the storage library alone)", "import sqlalchemy.orm"),
        ("python -c 'import typer, rich' (the CLI libraries alone)", "import typer, rich"),
    ]
    results = [BenchResult("cli: python -c 'import sqlite3' (baseline)", baseline, baseline)]
    for name, code in floors:
        results.append(
            BenchResult(f"cli: {name}", _best([sys.executable, "-c", code], env), baseline)
        )
    commands: list[tuple[str, list[str], float]] = [
        ("--help", ["--help"], EVERYDAY),
        ("docs --help (parsing a command, no project)", ["docs", "--help"], EVERYDAY),
        ("docs", ["docs", project], EVERYDAY),
        ("codes", ["codes", project], EVERYDAY),
        ("quotes", ["quotes", project, "Vormgeving van de samenwerking*"], EVERYDAY),
        ("codings", ["codings", project, "--doc", "point-01-coordinator"], EVERYDAY),
        ("codebook history", ["codebook", "history", project], EVERYDAY),
        ("frequencies", ["frequencies", project], TABLES),
        ("matrix", ["matrix", project], TABLES),
        ("cooccurrence", ["cooccurrence", project], TABLES),
    ]
    for name, args, target in commands:
        took = _best([*codebook, *args], env)
        verdict = "met" if took <= target else "missed"
        results.append(
            BenchResult(
                f"cli: codebook {name} (demo, whole process)",
                took,
                baseline,
                note=f"target <= {target:.1f} s: {verdict}",
            )
        )
    return results


BENCHMARKS = [bench_commands]
