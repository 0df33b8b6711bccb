"""Codings written as quotes in YAML: found in the text, applied per coder, all or nothing."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from analysis.study import BESTUUR, LANDELIJK, Study
from codebook.domain import CodebookError
from codebook.domain.queries import Code, Filters
from codebook.services.codebook.revisions import retire_code
from codebook.services.demo.codings import (
    SqueezedText,
    apply_demo_codings,
    apply_demo_file,
    read_demo_codings,
    read_demo_file,
)
from codebook.services.memos import list_memos
from codebook.services.project_store import coder_id
from codebook.services.retrieval.quotes import retrieve
from codebook.services.undo import undo
from helpers import counts

EXTRA = "  - document: woa-01.txt\n    code: Kennisdeling\n"  # an entry on line 15

GOOD = """\
codings:
  - document: point-01.txt
    coder: carla
    code: Rol van het schoolbestuur
    quote: "Het bestuur   geeft
      tijd."
    memo: "kort en krachtig"
  - document: woa-01
    code: Kennisdeling > Landelijke kennisdeling
    quote: "conferentie. Ook binnen"
  - document: woa-01.txt
    coder: carla
    code: Gelijkwaardigheid
    quote: De samenwerking met de hogeschool is gelijkwaardig.
"""


MEMOS = """\
memos:
  - coder: carla
    code: Rol van het schoolbestuur
    title: Bestuur geeft tijd
    date: 2018-06-04
    text: >-
      Het bestuur faciliteert vooral met tijd;
      geld komt niet ter sprake.
  - project: true
    text: Eerste ronde klaar.
  - document: woa-01
    coder: carla
    text: Gelijkwaardigheid staat hier centraal.
"""  # lines 15-27 after GOOD: an entry added after them is on line 28


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "demo-codings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_happy_path_applies_per_coder_with_exact_offsets(study: Study, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    with study.store.write() as s:
        applied = apply_demo_codings(s, path, "analist-a")
    assert applied == {"carla": 2, "analist-a": 1}
    with study.store.read() as s:
        carla = retrieve(s, Code(BESTUUR), Filters(coders=["carla"]))
        analist = retrieve(s, Code(LANDELIJK), Filters(coders=["analist-a"]))
    assert [(q.text, q.note) for q in carla] == [("Het bestuur geeft tijd.", "kort en krachtig")]
    assert (carla[0].start, carla[0].end) == study.span("point-01.txt", "Het bestuur geeft tijd.")
    assert [q.text for q in analist] == ["conferentie. Ook binnen"]
    # Applying again changes nothing: existing codings are skipped.
    before = counts(study.store)
    with study.store.write() as s:
        assert apply_demo_codings(s, path, "analist-a") == {"carla": 0, "analist-a": 0}
    assert counts(study.store)["coding"] == before["coding"]
    # One undoable action per coder.
    with study.store.write() as s:
        from codebook.services.project_store import coder_id

        undone = undo(s, coder_id(s, "carla"))
    assert undone is not None
    assert undone.description == "demo codings from demo-codings.yaml"


def test_whitespace_runs_match_across_line_breaks_and_map_back() -> None:
    text = "Judith:  We delen\n\tkennis.\nEn meer."
    squeezed = SqueezedText(text)
    assert squeezed.text == "Judith: We delen kennis. En meer."
    ((start, end),) = squeezed.find_all("We delen kennis. En")
    assert text[start:end] == "We delen\n\tkennis.\nEn"


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            GOOD
            + "  - document: woa-01.txt\n    code: Kennisdeling\n    quote: Dit staat er niet.\n",
            r":15: quote not found in 'woa-01.txt': \"Dit staat er niet.\"",
        ),
        (
            GOOD + "  - document: woa-01.txt\n    code: Onbekend\n    quote: We plannen samen.\n",
            r":15: unknown code 'Onbekend'",
        ),
        (
            GOOD + "  - document: nergens.txt\n    code: Kennisdeling\n    quote: Hallo.\n",
            r":15: unknown document 'nergens.txt'",
        ),
        (
            GOOD + EXTRA + "    quote: Judith\n",
            r":15: quote occurs 2 times in 'woa-01.txt': \"Judith\"; add 'occurrence: 1' to 2",
        ),
        (
            GOOD + EXTRA + "    quote: Judith\n    occurrence: 3\n",
            r":15: occurrence 3 asked, but the quote occurs 2 time\(s\)",
        ),
        (
            GOOD + EXTRA + "    qoute: Judith\n",
            r":15: unknown key 'qoute'",
        ),
        (GOOD + EXTRA + "", r":15: 'quote' is missing"),
        (
            GOOD + EXTRA + "    quote: Judith\n    occurrence: nul\n",
            r":15: 'occurrence' must be a whole number",
        ),
        ("codings:\n  - [a, b]\n", r":2: an entry must be a mapping"),
        ("codings: 3\n", r":1: 'codings' must be a list"),
        ("other: []\n", r":1: expected 'codings:' or 'memos:' at the top"),
        ("codings: []\nmemo: []\n", r":2: unknown top-level key 'memo' \(use codings, memos\)"),
        ("memos: {}\n", r":1: 'memos' must be a list"),
        (GOOD + MEMOS + "  - code: Onbekend\n    text: Waarom?\n", r":28: unknown code 'Onbekend'"),
        (
            GOOD + MEMOS + "  - document: nergens.txt\n    text: Hm.\n",
            r":28: unknown document 'nergens.txt'",
        ),
        (
            GOOD + MEMOS + "  - code: Kennisdeling\n    tekst: Waarom?\n",
            r":28: unknown memo key 'tekst' \(use code, coder, date,",
        ),
        (GOOD + MEMOS + "  - code: Kennisdeling\n", r":28: the memo's 'text' is missing"),
        (
            GOOD + MEMOS + "  - code: Kennisdeling\n    project: true\n    text: Twee.\n",
            r":28: a memo is on exactly one of code, document or project: true",
        ),
        (
            GOOD + MEMOS + "  - project: ja\n    text: Hm.\n",
            r":28: 'project' must be true or false",
        ),
        (
            GOOD + MEMOS + "  - project: true\n    date: gisteren\n    text: Hm.\n",
            r":28: 'date' must be a date \(yyyy-mm-dd\)",
        ),
        (GOOD + MEMOS + "  - [a, b]\n", r":28: a memo must be a mapping"),
        ("codings:\n  - document: 'open\n", r":\d+: not valid YAML"),
    ],
)
def test_problems_name_file_and_line_and_apply_nothing(
    study: Study, tmp_path: Path, yaml_text: str, message: str
) -> None:
    path = write(tmp_path, yaml_text)
    before = counts(study.store)
    with (
        pytest.raises(CodebookError, match=re.escape(str(path)) + message) as info,
        study.store.write() as s,
    ):
        apply_demo_codings(s, path, "analist-a")
    assert "\n" not in str(info.value)
    assert counts(study.store) == before


def test_occurrence_picks_among_repeats(study: Study, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "codings:\n  - document: woa-01.txt\n    code: Kennisdeling\n    quote: Judith\n"
        "    occurrence: 2\n",
    )
    with study.store.write() as s:
        assert apply_demo_codings(s, path, "anna") == {"anna": 1}
    second = study.texts["woa-01.txt"].index(
        "Judith", study.texts["woa-01.txt"].index("Judith") + 1
    )
    with study.store.read() as s:
        found = [q for q in retrieve(s, Code("Kennisdeling")) if q.text == "Judith"]
    assert [(q.start, q.end) for q in found] == [(second, second + len("Judith"))]


def test_empty_file_and_empty_list_apply_nothing(study: Study, tmp_path: Path) -> None:
    for text in ("", "codings:\n", "codings: []\n"):
        assert read_demo_codings(write(tmp_path, text)) == []
    with pytest.raises(CodebookError, match="cannot read"):
        read_demo_codings(tmp_path / "missing.yaml")


def test_memos_are_written_per_coder_with_their_date_and_only_once(
    study: Study, tmp_path: Path
) -> None:
    path = write(tmp_path, GOOD + MEMOS)
    with study.store.write() as s:
        applied = apply_demo_file(s, path, "analist-a")
    assert applied.codings == {"carla": 2, "analist-a": 1}
    assert applied.memos == {"carla": 2, "analist-a": 1}
    with study.store.read() as s:
        memos = list_memos(s)
    assert [(m.target.kind, m.target.label, m.coder, m.title) for m in memos] == [
        ("project", "", "analist-a", ""),
        ("document", "woa-01.txt", "carla", ""),
        ("code", BESTUUR, "carla", "Bestuur geeft tijd"),
    ]
    assert memos[2].text == "Het bestuur faciliteert vooral met tijd; geld komt niet ter sprake."
    assert memos[2].created_at == datetime(2018, 6, 4, 12, 0)
    # Applying again writes nothing new; the memos are one undoable action per coder.
    before = counts(study.store)
    with study.store.write() as s:
        again = apply_demo_file(s, path, "analist-a")
    assert (again.codings, again.memos) == (
        {"carla": 0, "analist-a": 0},
        {"carla": 0, "analist-a": 0},
    )
    assert counts(study.store) == before
    with study.store.write() as s:
        undone = undo(s, coder_id(s, "carla"))
    assert undone is not None and undone.description == "demo memos from demo-codings.yaml"
    with study.store.read() as s:
        assert [m.coder for m in list_memos(s)] == ["analist-a"]


def test_a_file_of_only_memos_reads_and_memos_on_retired_codes_are_allowed(
    study: Study, tmp_path: Path
) -> None:
    path = write(tmp_path, MEMOS)
    parsed = read_demo_file(path)
    assert (len(parsed.codings), len(parsed.memos)) == (0, 3)
    assert read_demo_codings(path) == []
    with study.store.write() as s:
        retire_code(s, coder_id(s, "anna"), BESTUUR)
    with study.store.write() as s:
        assert apply_demo_file(s, path, "analist-a").memos == {"carla": 2, "analist-a": 1}
