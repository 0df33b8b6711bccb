"""Agreement end to end: a real project coded by two or three coders through the door,
``codebook agree`` as a user runs it, and ``--json`` giving the door's figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codebook.domain.agreement import AgreementRequest, AgreementResult
from codebook.domain.documents import ImportRequest
from codebook.domain.queries import Filters
from codebook.project import Project
from helpers import run_cli

# Eight sentences in one turn: every coding below lies inside one sentence.
SCHOOL = (
    "Marieke: De samenwerking is gelijkwaardig. We bedenken de vraag samen. "
    "De schoolleider geeft ons tijd. Twee uur per week is genoeg. "
    "Het onderzoek past in de klas. De studenten doen mee. "
    "Soms is het druk. Dan schuiven we het op.\n"
)
OTHER = "Joris: Wij werken alleen. Er is geen tijd. Dat is jammer.\n"


def _inside(text: str, sentence: str) -> tuple[int, int]:
    """A passage inside ``sentence``: its middle words, never touching a neighbour."""
    start = text.index(sentence)
    return start + 3, start + len(sentence) - 3


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """Anna and Ben code 'Tijd' in school.txt: both in 2 sentences, each alone in 1 more."""
    path = tmp_path / "study.db"
    school = tmp_path / "school.txt"
    school.write_text(SCHOOL, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    with Project.create(path, "study", coder="anna") as project:
        project.import_transcripts([school], ImportRequest(attributes=("school=Noord",)))
        project.import_transcripts([other], ImportRequest(attributes=("school=Zuid",)))
        project.create_code("Tijd")
        project.create_code("Nooit gebruikt")
    plan = {
        "anna": [
            "De schoolleider geeft ons tijd.",
            "Twee uur per week is genoeg.",
            "Soms is het druk.",
        ],
        "ben": [
            "De schoolleider geeft ons tijd.",
            "Twee uur per week is genoeg.",
            "Dan schuiven we het op.",
        ],
    }
    for coder, sentences in plan.items():
        with Project.open(path, coder=coder) as project:
            for sentence in sentences:
                project.code("school", "Tijd", *_inside(SCHOOL, sentence))
    with Project.open(path, coder="anna") as project:  # only Anna coded other.txt
        project.code("other", "Tijd", *_inside(OTHER, "Er is geen tijd."))
    return path


def _agreement(path: Path | str, **options: object) -> AgreementResult:
    with Project.open(path) as project:
        return project.agreement(AgreementRequest(**options))  # type: ignore[arg-type]


def test_sentence_figures_match_the_hand_count(study: Path) -> None:
    result = _agreement(study, coders=("anna", "ben"))
    # 8 sentences; 2 coded by both, 1 by each alone, 4 by neither:
    # po = 6/8, pe = (3/8)^2 + (5/8)^2, kappa = 0.467; alpha = 1 - 15 * 4 / 120 = 0.5.
    assert result.documents == ("school.txt",)
    assert result.n_units == 8
    assert result.description == "sentence (8 sentences in 1 document)"
    assert result.rule == "a sentence counts as coded when a coding overlaps it"
    tijd, never = result.codes
    assert (tijd.path, tijd.figures.n_units, tijd.figures.coded_units) == ("Tijd", 8, 4)
    assert tijd.figures.percent == pytest.approx(0.75)
    assert tijd.figures.kappa == pytest.approx((0.75 - 34 / 64) / (1 - 34 / 64))
    assert tijd.figures.alpha == pytest.approx(0.5)
    assert tijd.figures.verdict == "not acceptable"
    assert tijd.figures.alpha_ci is not None
    assert tijd.figures.alpha_ci[0] <= 0.5 <= tijd.figures.alpha_ci[1]
    assert (never.figures.kappa, never.figures.alpha, never.figures.alpha_ci) == (None, None, None)
    assert result.overall.n_units == 16 and result.overall.coded_units == 4
    disagreements = {(d.coded_by, SCHOOL[d.start : d.end]) for d in result.disagreements}
    assert disagreements == {
        (("anna",), "Soms is het druk."),
        (("ben",), "Dan schuiven we het op."),
    }
    assert all(len(d.codings) == 1 for d in result.disagreements)


def test_reruns_give_the_same_intervals(study: Path) -> None:
    first = _agreement(study, coders=("anna", "ben"))
    assert first == _agreement(study, coders=("anna", "ben"))


def test_min_overlap_and_units_change_what_counts(tmp_path: Path, study: Path) -> None:
    with Project.open(study, coder="ben") as project:
        start = SCHOOL.index("Het onderzoek past in de klas.")
        project.code("school", "Tijd", start, start + 12)  # 12 of 30 characters
    anyhow = _agreement(study, coders=("anna", "ben"), codes=("Tijd",))
    strict = _agreement(study, coders=("anna", "ben"), codes=("Tijd",), min_overlap=0.6)
    assert anyhow.codes[0].figures.coded_units == 5
    assert strict.codes[0].figures.coded_units == 4
    assert "at least 60% of its characters" in strict.rule
    turns = _agreement(study, coders=("anna", "ben"), unit="turn")
    assert turns.n_units == 1 and turns.codes[0].figures.percent == 1.0
    characters = _agreement(study, coders=("anna", "ben"), unit="character")
    assert characters.n_units == len(SCHOOL)
    assert 0 < characters.codes[0].figures.percent < 1  # type: ignore[operator]


def test_where_filter_and_documents_not_coded_by_all(study: Path) -> None:
    with Project.open(study, coder="ben") as project:
        project.code("other", "Tijd", *_inside(OTHER, "Dat is jammer."))
    both = _agreement(study, coders=("anna", "ben"))
    assert both.documents == ("other.txt", "school.txt")
    zuid = _agreement(study, coders=("anna", "ben"), filters=Filters(where={"school": ["Zuid"]}))
    assert zuid.documents == ("other.txt",)


def test_three_coders_give_fleiss_not_cohen(study: Path) -> None:
    with Project.open(study, coder="carla") as project:
        for sentence in ("De schoolleider geeft ons tijd.", "Twee uur per week is genoeg."):
            project.code("school", "Tijd", *_inside(SCHOOL, sentence))
    result = _agreement(study, coders=("anna", "ben", "carla"), codes=("Tijd",))
    figures = result.codes[0].figures
    assert figures.kappa is None and figures.fleiss is not None
    assert -1 <= figures.fleiss <= 1 and "fleiss" in figures.as_json()


def test_cli_prints_unit_rule_and_table(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "agree", str(study), "--coders", "anna,ben")
    assert code == 0, err
    assert "documents compared (1): school.txt" in out
    assert "unit: sentence (8 sentences in 1 document); a unit counts as coded when a" in out
    assert "pooled over codes" in out
    assert "0.500" in out and "not acceptable" in out.replace("\n", " ")
    code, out, _ = run_cli(capsys, "--lang", "nl", "agree", str(study), "--coders", "anna,ben")
    assert code == 0 and "eenheid: zin (8 zinnen in 1 document)" in out


def test_json_gives_the_doors_figures(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "agree", str(study), "--coders", "anna,ben", "--json", "--unit", "character"
    )
    assert code == 0
    printed = json.loads(out)
    door = _agreement(study, coders=("anna", "ben"), unit="character")
    assert printed == json.loads(json.dumps(door.as_json()))
    assert printed["codes"]["Nooit gebruikt"]["kappa"] is None
    assert set(printed["codes"]["Tijd"]) >= {"n_units", "percent", "kappa", "alpha", "alpha_ci"}
    assert printed["unit"] == "character" and printed["rule"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--coders", "anna,zoe"], "unknown coder 'zoe'"),
        (["--coders", "anna"], "at least two different coders"),
        (["--coders", "anna,ben", "--codes", "Geen"], "unknown code 'Geen'"),
        (["--coders", "anna,ben", "--unit", "word"], "unknown unit 'word'"),
        (["--coders", "anna,ben", "--where", "school=West"], "no document matching the filter"),
    ],
)
def test_bad_requests_are_one_line_errors(
    study: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    code, _, err = run_cli(capsys, "agree", str(study), *arguments)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


@pytest.mark.postgres
def test_same_figures_on_postgresql(study: Path, pg_cluster: object, tmp_path: Path) -> None:
    url = pg_cluster.create_database()  # type: ignore[attr-defined]
    with Project.create(url, "study", coder="anna") as project:
        school = tmp_path / "school.txt"
        project.import_transcripts([school], ImportRequest())
        project.create_code("Tijd")
        project.code("school", "Tijd", *_inside(SCHOOL, "Soms is het druk."))
        project.code("school", "Tijd", *_inside(SCHOOL, "De studenten doen mee."))
    with Project.open(url, coder="ben") as project:
        project.code("school", "Tijd", *_inside(SCHOOL, "Soms is het druk."))
    on_server = _agreement(url, coders=("anna", "ben"))
    assert on_server.n_units == 8
    assert on_server.codes[0].figures.kappa == pytest.approx((7 / 8 - 44 / 64) / (1 - 44 / 64))
