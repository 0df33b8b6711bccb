"""Run every benchmark in bench/ (or those named on the command line) and print ratios.

Each ``bench/bench_*.py`` module exposes ``BENCHMARKS``: functions taking a
scratch directory and returning a list of ``BenchResult``.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import BenchResult  # noqa: E402


def main(argv: list[str]) -> int:
    known = sorted(p.stem for p in HERE.glob("bench_*.py"))
    unknown = [name for name in argv if name not in known]
    if unknown:
        print(f"usage: run.py [{' '.join(known)}]...", file=sys.stderr)
        print(f"unknown benchmark: {unknown[0]}", file=sys.stderr)
        return 2
    names = argv or known
    print(f"{'benchmark':58} {'ours':>10} {'baseline':>10} {'ratio':>7}  note")
    for name in names:
        module = importlib.import_module(name)
        for bench in module.BENCHMARKS:
            with tempfile.TemporaryDirectory(prefix="codebook-bench-") as tmp:
                results: list[BenchResult] = bench(Path(tmp))
            for r in results:
                print(
                    f"{r.name:58} {r.ours:>9.4f}{r.unit} {r.baseline:>9.4f}{r.unit} "
                    f"{r.ratio:>6.2f}x  {r.note}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
