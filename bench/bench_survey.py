"""Questionnaires: what the figures add to the theme report, and importing a big export.

1. The theme report of the demo project with every figure (its questionnaire
   items and each theme's segments per werkplaats) against the same report
   without figures, in the same run: the added seconds per figure, target
   0.3 s (a figure is a split test, a matplotlib chart at 200 dpi and its
   embedding).
2. A questionnaire of 10,000 respondents x 60 items (56 statements, 3 yes/no
   questions, one open question answered by a third), the whole
   ``import_survey`` (read, check every row, store, one undoable action,
   open answers as documents with their sentences) against ``pandas.read_csv``
   of the same file, which only parses it. Target: at most 3x. A second line
   times reading and checking alone (``read_survey``: decode, split, type every
   answer against its scale), the part of the import that does what
   ``read_csv`` does.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from codebook.domain.exports import ReportOptions
from codebook.domain.surveys import SurveyRequest
from codebook.project import Project
from codebook.services.demo.build import build_demo
from codebook.services.surveys.reading import read_survey
from common import BenchResult, best_of

REPO = Path(__file__).resolve().parent.parent
RESPONDENTS = 10_000
STATEMENTS = 56
QUESTIONS = 3
AGREE = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")
ANSWERS = (
    "Meer kennis over onderzoek in het team.",
    "Tijd om samen met collega's naar de praktijk te kijken.",
    "Een netwerk met andere scholen en de hogeschool.",
    "Nog weinig, we zijn net begonnen.",
)


def _questionnaire(path: Path) -> None:
    rng = random.Random(18)
    statements = [f"Stelling {n}" for n in range(1, STATEMENTS + 1)]
    questions = [f"Vraag {n}" for n in range(1, QUESTIONS + 1)]
    header = ["respondent", "werkplaats", "rol", *statements, *questions, "Toelichting"]
    lines = [";".join(header)]
    for n in range(RESPONDENTS):
        row = [f"R{n:05}", rng.choice(("WOA", "POINT", "WOU")), rng.choice(("collega", "lo"))]
        row += [rng.choice(AGREE) if rng.random() > 0.05 else "" for _ in statements]
        row += [rng.choice(("ja", "nee")) for _ in questions]
        row.append(f"{rng.choice(ANSWERS)} ({n})" if rng.random() < 0.33 else "")
        lines.append(";".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bench_report_figures(tmp: Path) -> list[BenchResult]:
    demo = tmp / "survey-demo.db"
    build_demo(demo, REPO)
    figures: list[int] = []

    def with_figures() -> None:
        with Project.open(demo) as door:
            door.export("docx", tmp / "figures.docx", ReportOptions(lang="nl"), None)

    def without() -> None:
        with Project.open(demo) as door:
            door.export("docx", tmp / "plain.docx", ReportOptions(lang="nl", figures=False), None)

    without()  # warm: the first report pays the imports
    with_figures()
    import docx

    figures.append(len(docx.Document(str(tmp / "figures.docx")).inline_shapes))
    t_plain = best_of(without, repeat=3)
    t_figures = best_of(with_figures, repeat=3)
    per_figure = (t_figures - t_plain) / max(figures[0], 1)
    verdict = "met" if per_figure <= 0.3 else "missed"
    return [
        BenchResult(
            f"report with {figures[0]} figures vs without (demo)",
            t_figures,
            t_plain,
            note=f"{per_figure:.3f} s per figure; target <= 0.3 s: {verdict}",
        )
    ]


def bench_survey_import(tmp: Path) -> list[BenchResult]:
    import pandas as pd

    source = tmp / "vragenlijst-10000.csv"
    _questionnaire(source)
    request = SurveyRequest(
        id_column="respondent", attributes=("werkplaats", "rol"), open_columns=("Toelichting",)
    )
    runs: list[float] = []
    for attempt in range(2):
        location = tmp / f"survey-import-{attempt}.db"
        with Project.create(location, "bench", coder="bench") as door:
            start = time.perf_counter()
            door.import_survey(source, request)
            runs.append(time.perf_counter() - start)
    t_pandas = best_of(lambda: pd.read_csv(source, sep=";"), repeat=3)
    t_read = best_of(
        lambda: read_survey(
            source,
            id_column=request.id_column,
            attributes=request.attributes,
            open_columns=request.open_columns,
            scales={},
        ),
        repeat=3,
    )
    ours = min(runs)
    verdict = "met" if ours <= 3 * t_pandas else "missed"
    return [
        BenchResult(
            f"survey import: {RESPONDENTS:,} respondents x {STATEMENTS + QUESTIONS + 1} items",
            ours,
            t_pandas,
            note=f"vs pandas.read_csv of the file; target <= 3x: {verdict}",
        ),
        BenchResult(
            "survey read and check only (no storing)",
            t_read,
            t_pandas,
            note="vs pandas.read_csv of the same file",
        ),
    ]


BENCHMARKS = [bench_report_figures, bench_survey_import]
