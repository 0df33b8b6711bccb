"""Every exported quote can be traced: document, turn, timecode, speaker, coders, codebook version.

One real SQLite project, built through the door: an interview with timecodes,
one passage coded by anna and (overlapping, under a later codebook version)
by bram, and one passage coded by anna alone.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pytest

from codebook.domain.codings import CodingView
from codebook.domain.documents import ImportRequest
from codebook.domain.exports import ReportOptions, TableOptions
from codebook.domain.queries import Filters
from codebook.project import Project

TRANSCRIPT = (
    "[00:00:05] Interviewer: How did the project start?\n"
    "\n"
    "[00:04:31] Marieke: We began with a small group of teachers. "
    "Later the university joined us.\n"
    "\n"
    "[00:06:10] Interviewer: And now?\n"
    "\n"
    "[00:07:02] Marieke: Now every school takes part. It grew slowly.\n"
)
SHARED = "We began with a small group of teachers."
ALONE = "Now every school takes part."


@dataclass
class Built:
    path: Path
    anna_shared: CodingView
    bram_shared: CodingView
    anna_alone: CodingView


@pytest.fixture
def built(tmp_path: Path) -> Built:
    source = tmp_path / "marieke.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    path = tmp_path / "study.db"
    start = TRANSCRIPT.index(SHARED)
    alone = TRANSCRIPT.index(ALONE)
    with Project.create(path, "citations", "en", coder="anna") as project:
        project.import_transcripts(
            [source], ImportRequest(language="en", attributes=("rol=teacher",))
        )
        project.create_code("Growth")
        anna_shared = project.code("marieke.txt", "Growth", start, start + len(SHARED))
        anna_alone = project.code("marieke.txt", "Growth", alone, alone + len(ALONE))
        project.set_coder("bram")
        project.create_code("Obstacles", reason="a new code: the codebook moves on")
        # bram's passage overlaps anna's but is not the same range
        bram_shared = project.code("marieke.txt", "Growth", start + 3, start + len(SHARED))
    return Built(path, anna_shared, bram_shared, anna_alone)


def report_citations(built: Built, out: Path, **options: object) -> list[tuple[str, str]]:
    """(quote, citation) pairs, in report order."""
    with Project.open(built.path, coder="anna") as project:
        project.export("docx", out, ReportOptions(**options))  # type: ignore[arg-type]
    paragraphs = docx.Document(str(out)).paragraphs
    return [
        (p.text, paragraphs[i + 1].text)
        for i, p in enumerate(paragraphs)
        if p.style is not None and p.style.name == "Quote"
    ]


def test_the_codings_were_made_under_two_codebook_versions(built: Built) -> None:
    """The premise of the version assertions below: otherwise they prove nothing."""
    assert built.anna_shared.codebook_version < built.bram_shared.codebook_version
    assert built.anna_shared.text == SHARED


def test_each_report_quote_names_document_turn_timecode_speaker_coder_version(
    built: Built, tmp_path: Path
) -> None:
    quotes = report_citations(built, tmp_path / "report.docx", by=["rol"])
    v_anna, v_bram = built.anna_shared.codebook_version, built.bram_shared.codebook_version
    assert quotes == [
        (
            SHARED,
            f"— marieke.txt, turn 2 (00:04:31), Marieke (teacher); "
            f"coded by anna, bram, codebook v{v_anna}, v{v_bram}",
        ),
        (
            ALONE,
            f"— marieke.txt, turn 4 (00:07:02), Marieke (teacher); "
            f"coded by anna, codebook v{built.anna_alone.codebook_version}",
        ),
    ]


def test_a_report_on_one_coder_still_names_that_coder(built: Built, tmp_path: Path) -> None:
    quotes = report_citations(
        built, tmp_path / "bram.docx", by=["rol"], filters=Filters({}, ["bram"])
    )
    v_bram = built.bram_shared.codebook_version
    assert quotes == [
        (
            SHARED[3:],
            f"— marieke.txt, turn 2 (00:04:31), Marieke (teacher); "
            f"coded by bram, codebook v{v_bram}",
        )
    ]


def test_the_dutch_report_cites_in_dutch(built: Built, tmp_path: Path) -> None:
    quotes = report_citations(built, tmp_path / "rapport.docx", by=["rol"], lang="nl")
    v_anna = built.anna_alone.codebook_version
    assert quotes[1][1] == (
        f"— marieke.txt, beurt 4 (00:07:02), Marieke (teacher); "
        f"gecodeerd door anna, codeboek v{v_anna}"
    )


def test_the_codings_sheet_keeps_one_row_per_coding_with_its_trace(
    built: Built, tmp_path: Path
) -> None:
    out = tmp_path / "tables.xlsx"
    with Project.open(built.path, coder="anna") as project:
        project.export("xlsx", out, TableOptions())
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book["Codings"].iter_rows(values_only=True))
    header = rows[0]
    records = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert len(records) == 3  # the double-coded passage is a row per coder here
    for view, turn, time in [
        (built.anna_shared, 2, "00:04:31"),
        (built.bram_shared, 2, "00:04:31"),
        (built.anna_alone, 4, "00:07:02"),
    ]:
        record = records[view.id]
        assert (
            record["Document"],
            record["Turn"],
            record["Timecode"],
            record["Speaker"],
            record["Coder"],
            record["Codebook version"],
            record["Text"],
        ) == ("marieke.txt", turn, time, "Marieke", view.coder, view.codebook_version, view.text)
    counted = [row[0] for row in book["Counted"].iter_rows(values_only=True)]
    assert counted[-1] == (
        "The Codings sheet is the raw data: one row per coding, so a segment several "
        "coders coded has a row for each of their codings."
    )


def test_the_codings_csv_carries_the_same_trace(built: Built, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    with Project.open(built.path, coder="anna") as project:
        project.export("csv", folder, TableOptions(lang="nl"))
    with open(folder / "codings.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    bram = next(r for r in rows if r["#"] == str(built.bram_shared.id))
    assert (
        bram["Beurt"],
        bram["Tijdcode"],
        bram["Spreker"],
        bram["Codeur"],
        bram["Versie codeboek"],
    ) == ("2", "00:04:31", "Marieke", "bram", str(built.bram_shared.codebook_version))
