"""Questionnaire figures in the theme report: drawn, numbered, split by the test, read back."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest

from codebook.domain.documents import ImportRequest
from codebook.domain.surveys import SurveyRequest
from codebook.project import Project
from helpers import run_cli

STATEMENT = "De schoolleider faciliteert mijn onderzoekstijd"
INVOLVED = "Ben je betrokken geweest bij het opstellen van de onderzoeksvraag?"
AGREE = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")
INTERVIEW = (
    "Interviewer: Hoe gaat de samenwerking?\n"
    "Judith: De schoolleider geeft ons tijd voor onderzoek. Dat helpt echt.\n"
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def questionnaire(path: Path) -> None:
    """60 respondents: the werkplaatsen agree alike on the statement, and differ sharply on
    involvement (WOU's colleagues say yes, the others no)."""
    chance = random.Random(7)
    lines = [f"respondent;werkplaats;{STATEMENT};{INVOLVED}"]
    for n in range(60):
        place = ("WOA", "POINT", "WOU")[n % 3]
        agree = AGREE[chance.choice((1, 2, 3, 3, 4))]
        involved = "ja" if (place == "WOU") != (n % 10 == 0) else "nee"
        lines.append(f"R{n:03};{place};{agree};{involved}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    location = tmp_path / "figuren.db"
    interview = tmp_path / "woa-01.txt"
    interview.write_text(INTERVIEW, encoding="utf-8")
    survey = tmp_path / "vragenlijst.csv"
    questionnaire(survey)
    with Project.create(location, "figuren", coder="anna") as door:
        door.import_transcripts([interview], ImportRequest(attributes=("werkplaats=WOA",)))
        door.import_survey(
            survey,
            SurveyRequest(
                id_column="respondent",
                attributes=("werkplaats",),
                scales={STATEMENT: "likert5", INVOLVED: "yesno"},
                name="leerkrachten",
            ),
        )
        door.create_code("Samenwerking")
        door.create_code("Schoolleider", "Samenwerking")
        door.create_code("Kennisdeling")
        door.link_item(STATEMENT, "Samenwerking > Schoolleider")
        door.link_item(INVOLVED, "Kennisdeling")
        text = door.open_document("woa-01.txt").text
        start = text.index("De schoolleider geeft")
        door.code("woa-01.txt", "Samenwerking > Schoolleider", start, start + 44)
    return location


def captions(path: Path) -> list[tuple[str, str]]:
    """Each caption's text and the instruction of its number field."""
    document = docx.Document(str(path))
    out = []
    for p in document.paragraphs:
        if p.style is not None and p.style.name == "Caption":
            fields = [t.text or "" for t in p._p.iter(f"{W}instrText")]
            out.append((p.text, " ".join(fields).strip()))
    return out


def notes(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs if p.style and p.style.name == "Figure Note"]


def test_each_theme_shows_its_items_and_segments_numbered_through_the_report(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scipy import stats

    out = tmp_path / "rapport.docx"
    code, _, err = run_cli(capsys, "--lang", "nl", "export", "docx", str(project), str(out))
    assert code == 0, err
    assert len(docx.Document(str(out)).inline_shapes) == 3
    found = captions(out)
    assert [text.split(".")[0] for text, _ in found] == ["Figuur 1", "Figuur 2", "Figuur 3"]
    assert all(field.startswith("SEQ Figuur") for _, field in found)
    statement, segments, involved = (text for text, _ in found)
    assert STATEMENT in statement and "(leerkrachten: n = 60)" in statement  # merged
    assert "Samenwerking" in segments and "werkplaats" in segments
    assert INVOLVED in involved and "WOA n = 20, POINT n = 20, WOU n = 20" in involved  # split
    table = [[2, 18], [2, 18], [18, 2]]  # per werkplaats: ja, nee
    p = stats.chi2_contingency(table).pvalue
    assert p < 0.05
    said = notes(out)
    assert len(said) == 2 and said[1].startswith("Gesplitst per werkplaats")
    assert "p < 0,001" in said[1] or f"p = {p:.3f}".replace(".", ",") in said[1]
    assert said[0].startswith("Samengevoegd")


def test_a_report_without_figures_has_no_pictures(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kaal.docx"
    code, _, err = run_cli(capsys, "export", "docx", str(project), str(out), "--no-figures")
    assert code == 0, err
    assert len(docx.Document(str(out)).inline_shapes) == 0
    assert captions(out) == []


def test_a_stricter_threshold_merges_what_differs_less(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "streng.docx"
    args = ["export", "docx", str(project), str(out), "--split-threshold", "1e-30"]
    code, _, err = run_cli(capsys, *args)
    assert code == 0, err
    involved = [text for text, _ in captions(out) if INVOLVED in text]
    assert involved and "(leerkrachten: n = 60)" in involved[0]
