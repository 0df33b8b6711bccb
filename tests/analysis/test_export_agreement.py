"""The agreement report as a reviewer reads it: Word and Excel files written through the
door (and ``codebook export agreement``), read back with python-docx and openpyxl, and
compared with the figures ``Project.agreement`` gives for the same request."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from codebook.domain import CodebookError
from codebook.domain.agreement import AgreementRequest, AgreementResult, Figures
from codebook.domain.documents import ImportRequest
from codebook.domain.resolutions import ResolutionRequest
from codebook.project import Project
from helpers import run_cli

SCHOOL = (
    "Marieke: De samenwerking is gelijkwaardig. We bedenken de vraag samen. "
    "De schoolleider geeft ons tijd. Twee uur per week is genoeg. "
    "Het onderzoek past in de klas. De studenten doen mee. "
    "Soms is het druk. Dan schuiven we het op.\n"
)
PLAN = {
    "anna": [
        ("Tijd", "De schoolleider geeft ons tijd."),
        ("Tijd", "Twee uur per week is genoeg."),
        ("Tijd", "Soms is het druk."),
        ("Druk", "Soms is het druk."),
    ],
    "ben": [
        ("Tijd", "De schoolleider geeft ons tijd."),
        ("Tijd", "Twee uur per week is genoeg."),
        ("Tijd", "Dan schuiven we het op."),
        ("Druk", "Soms is het druk."),
        ("Druk", "Dan schuiven we het op."),
    ],
    "carla": [
        ("Tijd", "De schoolleider geeft ons tijd."),
        ("Druk", "Het onderzoek past in de klas."),
        ("Samen", "We bedenken de vraag samen."),
    ],
}
PAIR = AgreementRequest(coders=("anna", "ben"))


def _inside(sentence: str) -> tuple[int, int]:
    start = SCHOOL.index(sentence)
    return start + 3, start + len(sentence) - 3


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """Three coders code school.txt ('Samen' only Carla); one disagreement is settled."""
    path = tmp_path / "study.db"
    school = tmp_path / "school.txt"
    school.write_text(SCHOOL, encoding="utf-8")
    with Project.create(path, "study", coder="anna") as project:
        project.import_transcripts([school], ImportRequest(attributes=("school=Noord",)))
        project.create_code("Tijd")
        project.create_code("Druk")
        project.create_code("Samen")
    for coder, plan in PLAN.items():
        with Project.open(path, coder=coder) as project:
            for code, sentence in plan:
                project.code("school", code, *_inside(sentence))
    with Project.open(path, coder="anna") as project:
        queue = project.disagreement_queue(PAIR)
        settled = next(i.disagreement for i in queue.items if "Soms" in i.text)
        project.resolve(ResolutionRequest(settled, "keep", coder="anna", note="Clearly time"))
    return path


def _agreement(path: Path, request: AgreementRequest) -> AgreementResult:
    with Project.open(path) as project:
        return project.agreement(request)


def _export(path: Path, target: Path, request: AgreementRequest, lang: str = "en") -> None:
    with Project.open(path) as project:
        project.export_agreement(target, request, lang=lang)


def _text(document: docx.document.Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _table(document: docx.document.Document, first_header: str) -> list[list[str]]:
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][0] == first_header:
            return rows
    raise AssertionError(f"no table starting with {first_header!r}")


def _shown(value: float | None, interval: tuple[float, float] | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" + ("" if interval is None else f" [{interval[0]:.2f}, {interval[1]:.2f}]")


def _word_row(name: str, figures: Figures, verdict: str) -> list[str]:
    percent = "–" if figures.percent is None else f"{figures.percent:.1%}"
    return [
        name,
        str(figures.n_units),
        str(figures.coded_units),
        percent,
        _shown(figures.kappa, figures.kappa_ci),
        _shown(figures.alpha, figures.alpha_ci),
        verdict,
    ]


def test_word_report_shows_the_door_figures_what_was_counted_and_the_resolutions(
    study: Path, tmp_path: Path
) -> None:
    target = tmp_path / "agreement.docx"
    _export(study, target, PAIR)
    result = _agreement(study, PAIR)
    report = docx.Document(str(target))
    text = _text(report)

    assert result.description in text and result.rule in text
    assert "anna, ben" in text and "school.txt" in text
    rows = _table(report, "Code")
    assert rows[0][4] == "Cohen's κ [95% CI]"
    expected = [_word_row(c.path, c.figures, c.figures.verdict or "–") for c in result.codes]
    overall = result.overall
    assert rows[1:] == [*expected, _word_row("overall (pooled)", overall, overall.verdict or "–")]

    disagreements = _table(report, "Document")
    assert disagreements[0] == [
        "Document", "Characters", "Segment", "Code", "Coded by", "Not coded by", "Resolution",
    ]  # fmt: skip
    by_unit = {(row[2], row[3]): row for row in disagreements[1:]}
    assert len(by_unit) == len(result.disagreements) == 3
    settled = by_unit["Soms is het druk.", "Tijd"]
    assert settled[0] == "school.txt"
    assert settled[4:] == ["anna", "ben", "as anna coded: Clearly time"]
    assert by_unit["Dan schuiven we het op.", "Tijd"][4:] == ["ben", "anna", "open"]
    assert by_unit["Dan schuiven we het op.", "Druk"][4:] == ["ben", "anna", "open"]
    assert "1 of 3 disagreements are resolved" in text


def test_workbook_numbers_equal_the_door_figures(study: Path, tmp_path: Path) -> None:
    request = AgreementRequest(coders=("anna", "ben", "carla"), resamples=200)
    target = tmp_path / "agreement.xlsx"
    _export(study, target, request)
    result = _agreement(study, request)
    book = load_workbook(target, read_only=True)
    assert book.sheetnames == ["Summary", "Agreement", "Disagreements"]

    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert summary["Unit"] == result.description == "sentence (8 sentences in 1 document)"
    assert summary["Rule"] == result.rule
    assert summary["Coders"] == "anna, ben, carla"

    sheet = list(book["Agreement"].iter_rows(values_only=True))
    assert sheet[0][4] == "Fleiss' κ"  # three coders: Fleiss' kappa, not Cohen's
    width = len(sheet[0])  # a read-only sheet leaves out empty cells at the end of a row
    figures = {row[0]: (*row[1:], *[None] * (width - len(row))) for row in sheet[1:]}
    assert result.overall.fleiss is not None and result.overall.alpha_ci is not None
    pooled = [("overall (pooled)", result.overall)]
    for name, f in [*((c.path, c.figures) for c in result.codes), *pooled]:
        ci = [*(f.fleiss_ci or (None, None)), f.alpha, *(f.alpha_ci or (None, None))]
        expected = (f.n_units, f.coded_units, f.percent, f.fleiss, *ci, f.verdict)
        # Excel keeps 15 significant digits: the last binary digit of a float may differ
        assert figures[name] == pytest.approx(expected, rel=1e-13, abs=1e-15)


def test_dutch_report_through_the_command_line(
    study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "overeenstemming.docx"
    code, out, err = run_cli(
        capsys, "--lang", "nl", "export", "agreement", str(study), str(target),
        "--coders", "anna,ben", "--min-overlap", "0.9", "--codes", "Tijd",
    )  # fmt: skip
    assert code == 0, err
    assert str(target) in out
    text = _text(docx.Document(str(target)))
    assert "Overeenstemming tussen codeurs" in text
    assert (
        "een zin telt als gecodeerd wanneer de coderingen van een codeur met de code samen "
        "minstens 90% van de tekens bedekken" in text
    )
    rows = _table(docx.Document(str(target)), "Code")
    assert [row[0] for row in rows[1:]] == ["Tijd", "totaal (samengenomen)"]


def test_command_line_workbook_with_a_filter(
    study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "agreement.xlsx"
    code, out, err = run_cli(
        capsys, "export", "agreement", str(study), str(target),
        "--coders", "anna,ben", "--unit", "character", "--where", "school=Noord",
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith(f"Wrote {target}: 3 codes")
    summary = {r[0]: r[1] for r in load_workbook(target)["Summary"].iter_rows(values_only=True)}
    assert summary["Rule"] == "a character counts as coded when a coding covers it"
    code, _, err = run_cli(
        capsys, "export", "agreement", str(study), str(tmp_path / "none.xlsx"),
        "--coders", "anna,ben", "--where", "school=Zuid",
    )  # fmt: skip
    assert code == 2 and "error:" in err
    assert not (tmp_path / "none.xlsx").exists()


def test_long_passages_are_cut(study: Path, tmp_path: Path) -> None:
    request = AgreementRequest(coders=("anna", "carla"), unit="document", codes=("Samen",))
    target = tmp_path / "agreement.docx"
    _export(study, target, request)
    rows = _table(docx.Document(str(target)), "Document")
    assert len(rows) == 2  # one unit, the whole document: Carla coded it, Anna did not
    passage = rows[1][2]
    assert passage.startswith("Marieke: De samenwerking") and passage.endswith("…")
    assert len(passage) < len(SCHOOL) - 20


def test_a_failed_export_leaves_the_previous_file_and_no_temporary_file(
    study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "agreement.docx"
    target.write_bytes(b"previous")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("docx.document.Document.save", broken)
    with pytest.raises(CodebookError, match="agreement.docx: cannot write"):
        _export(study, target, PAIR)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "agreement.docx",
        "school.txt",
        "study.db",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [("agreement.pdf", "agreement.pdf: the agreement report is .docx or .xlsx"),
     ("missing/agreement.xlsx", "agreement.xlsx: cannot write")],
)  # fmt: skip
def test_bad_targets_are_refused_in_one_line(
    study: Path, tmp_path: Path, name: str, message: str
) -> None:
    with pytest.raises(CodebookError, match=message):
        _export(study, tmp_path / name, PAIR)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(
    "request_",
    [
        AgreementRequest(coders=("anna", "ben"), unit="turn", min_overlap=0.5, resamples=0),
        AgreementRequest(coders=("anna", "ben"), unit="document", with_children=True),
    ],
)
def test_the_english_unit_and_rule_are_those_of_codebook_agree(
    study: Path, tmp_path: Path, request_: AgreementRequest
) -> None:
    target = tmp_path / "agreement.xlsx"
    _export(study, target, request_)
    result = _agreement(study, request_)
    summary = {r[0]: r[1] for r in load_workbook(target)["Summary"].iter_rows(values_only=True)}
    assert (summary["Unit"], summary["Rule"]) == (result.description, result.rule)
    intervals = "none (no bootstrap resamples)" if not request_.resamples else "bootstrap"
    assert summary["95% intervals"].startswith(intervals)
