"""Codings written as quotes in YAML: found in the text, applied per coder, all or nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.study import BESTUUR, LANDELIJK, Study
from codebook.domain import CodebookError
from codebook.services.demo_codings import (
    SqueezedText,
    apply_demo_codings,
    read_demo_codings,
)
from codebook.services.journal import undo
from codebook.services.retrieval import Code, Filters, retrieve
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
        from codebook.services.project import coder_id

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
        ("other: []\n", r":1: expected 'codings:' at the top"),
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
