"""Keywords highlighted in the report's quotes: the study's coloured "kernwoorden"."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from codebook.domain.documents import ImportRequest
from codebook.project import Project
from codebook.services.export.keywords import keyword_pattern, keyword_spans
from helpers import run_cli

INTERVIEW = (
    "Interviewer: Hoe gaat het met de kennisdeling?\n"
    "Judith: De kennisdeling in het team groeit. De schoolleider stimuleert het delen van "
    "kennis, en de school leert mee.\n"
)
PASSAGE = (
    "De kennisdeling in het team groeit. De schoolleider stimuleert het delen van kennis, "
    "en de school leert mee."
)


def words(text: str, keywords: list[str]) -> list[str]:
    return [text[a:b] for a, b in keyword_spans(text, keyword_pattern(keywords))]


def test_keywords_match_whole_words_ignoring_case_and_a_star_matches_what_it_starts() -> None:
    assert words(PASSAGE, ["school"]) == ["school"]  # not inside "schoolleider"
    assert words(PASSAGE, ["Kennisdel*"]) == ["kennisdeling"]
    assert words(PASSAGE, ["delen van  kennis", "kennis"]) == ["delen van kennis"]
    assert words(PASSAGE, ["SCHOOLLEIDER", "team"]) == ["team", "schoolleider"]
    assert words(PASSAGE, ["", " ", "*"]) == []
    assert keyword_pattern([]) is None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    location = tmp_path / "kern.db"
    source = tmp_path / "judith.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    with Project.create(location, "kern", coder="anna") as door:
        door.import_transcripts([source], ImportRequest())
        door.create_code("Kennisdeling")
        door.redefine_code(
            "Kennisdeling", {"keywords": ["kennisdel*", "delen van kennis"], "color": "#1F77B4"}
        )
        text = door.open_document("judith.txt").text
        start = text.index(PASSAGE)
        door.code("judith.txt", "Kennisdeling", start, start + len(PASSAGE))
    return location


def quote_runs(path: Path) -> list[tuple[str, bool, str | None]]:
    document = docx.Document(str(path))
    quote = next(p for p in document.paragraphs if p.style is not None and p.style.name == "Quote")
    assert quote.text == PASSAGE
    return [
        (run.text, bool(run.bold), str(run.font.color.rgb) if run.font.color.rgb else None)
        for run in quote.runs
    ]


def test_a_report_shows_the_codes_keywords_in_its_colour_or_in_bold(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    coloured, bold, plain = tmp_path / "kleur.docx", tmp_path / "vet.docx", tmp_path / "kaal.docx"
    for out, how in ((coloured, "colour"), (bold, "bold"), (plain, "none")):
        code, _, err = run_cli(capsys, "export", "docx", str(project), str(out), "--highlight", how)
        assert code == 0, err
    marked = [(text, color) for text, strong, color in quote_runs(coloured) if strong]
    assert marked == [("kennisdeling", "1F77B4"), ("delen van kennis", "1F77B4")]
    assert [(t, c) for t, s, c in quote_runs(bold) if s] == [
        ("kennisdeling", None),
        ("delen van kennis", None),
    ]
    assert quote_runs(plain) == [(PASSAGE, False, None)]


def test_an_unknown_highlight_is_a_usage_error(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(
        capsys, "export", "docx", str(project), str(tmp_path / "x.docx"), "--highlight", "pink"
    )
    assert code == 2 and "pink" in err
    assert not (tmp_path / "x.docx").exists()
