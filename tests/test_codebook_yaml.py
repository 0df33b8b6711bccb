"""YAML codebooks: exact round trips, and one-line errors naming file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codebook.domain import CodebookFileError, CodebookSpec, CodeFields, CodeSpec
from codebook.services.codebook.yaml_format import dump_yaml, load_yaml, parse_yaml, save_yaml

CODEBOOKS = Path(__file__).resolve().parents[1] / "codebooks"
SHIPPED = sorted(CODEBOOKS.glob("*.yaml"))
KEY_ORDER = [
    "name",
    "guid",
    "color",
    "brief_definition",
    "full_definition",
    "when_to_use",
    "when_not_to_use",
    "example",
    "keywords",
    "children",
]


def _walk(codes: tuple[CodeSpec, ...]) -> list[CodeSpec]:
    out: list[CodeSpec] = []
    for code in codes:
        out.append(code)
        out.extend(_walk(code.children))
    return out


def test_both_shipped_codebooks_are_there() -> None:
    assert {p.name for p in SHIPPED} >= {"werkplaatsen.yaml", "generic-interview-en.yaml"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_codebook_round_trips_byte_for_byte(path: Path, tmp_path: Path) -> None:
    spec = load_yaml(path)
    assert spec.codes
    assert all(c.guid for c in _walk(spec.codes))
    out = tmp_path / path.name
    save_yaml(spec, out)
    assert load_yaml(out) == spec
    # The writer reproduces the hand-kept layout, so an export is a clean git diff.
    assert out.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_werkplaatsen_codebook_shape() -> None:
    spec = load_yaml(CODEBOOKS / "werkplaatsen.yaml")
    assert spec.language == "nl"
    codes = _walk(spec.codes)
    assert len(codes) >= 45
    top = [c.fields.name for c in spec.codes]
    assert "Kennisdeling" in top


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_codebooks_keep_the_key_order(path: Path) -> None:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(data) == ["name", "language", "description", "codes"]

    def check(code: dict[str, object]) -> None:
        keys = list(code)
        assert keys == [k for k in KEY_ORDER if k in keys]
        for child in code.get("children", []):  # type: ignore[attr-defined]
            check(child)

    for code in data["codes"]:
        check(code)


def _built() -> CodebookSpec:
    long = "Een lange definitie die zeker over de honderd tekens gaat, " * 4
    return CodebookSpec(
        name="Test: codeboek",
        language="nl",
        description="Met een dubbele punt: en 'quotes' en \"meer\".",
        codes=(
            CodeSpec(
                CodeFields(
                    "Samenwerking",
                    brief_definition="yes",
                    full_definition=long.strip(),
                    when_to_use="eerste regel\ntweede regel\n",
                    when_not_to_use="  begint met spaties",
                    example="# geen commentaar",
                    color="#1F77B4",
                    keywords=("samen", "werk: ja", "null", "1.5"),
                ),
                "0b0c8a0e-3f6c-4d2e-9d4e-0d1f2a3b4c5d",
                (
                    CodeSpec(CodeFields("Kind", color="#ABCDEF")),
                    CodeSpec(
                        CodeFields("Oud"),
                        "1b0c8a0e-3f6c-4d2e-9d4e-0d1f2a3b4c5d",
                        retired=True,
                        merged_into="0b0c8a0e-3f6c-4d2e-9d4e-0d1f2a3b4c5d",
                    ),
                ),
            ),
            CodeSpec(CodeFields("Ü-umlaut “quotes” — em dash", example="trailing space ")),
        ),
    )


def test_a_built_codebook_round_trips_and_is_stable(tmp_path: Path) -> None:
    spec = _built()
    text = dump_yaml(spec)
    assert parse_yaml(text) == spec
    assert dump_yaml(parse_yaml(text)) == text
    assert "retired: true" in text
    assert "merged_into: 0b0c8a0e" in text
    assert "Ü-umlaut “quotes”" in text  # allow_unicode: no \u escapes
    save_yaml(spec, tmp_path / "x.yml")
    assert load_yaml(tmp_path / "x.yml") == spec


text_values = st.text(
    st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\ufeff")
    | st.sampled_from(["\n", " ", ":", "#", "'", '"', "-", "\t", "\x85", "\u2028"]),
    max_size=160,
)


@settings(max_examples=60, deadline=None)
@given(
    definition=text_values,
    example=text_values,
    keywords=st.lists(text_values.filter(lambda k: k != ""), max_size=3),
)
def test_any_text_round_trips(definition: str, example: str, keywords: list[str]) -> None:
    spec = CodebookSpec(
        name="x",
        codes=(
            CodeSpec(
                CodeFields(
                    "Code", full_definition=definition, example=example, keywords=tuple(keywords)
                ),
                children=(CodeSpec(CodeFields("Sub", when_to_use=definition)),),
            ),
        ),
        description=definition,
    )
    text = dump_yaml(spec)
    assert parse_yaml(text) == spec
    assert dump_yaml(parse_yaml(text)) == text


# ---------------------------------------------------------------------------
# errors

HEAD = "name: x\ncodes:\n"
GOOD_CODE = "  - name: Goed\n    color: '#112233'\n"

BAD_FILES: list[tuple[str, str, int, str]] = [
    (
        "syntax.yaml",
        "name: x\ncodes:\n  - name: A\n    brief_definition: [unclosed\n",
        5,
        "invalid YAML",
    ),
    (
        "unknown.yaml",
        HEAD + GOOD_CODE + "    colour: red\n",
        5,
        "unknown field 'colour'",
    ),
    (
        "duplicate.yaml",
        "name: x\ncodes:\n  - name: A\n    children:\n      - name: B\n      - name: b\n",
        6,
        "duplicate sibling name 'b' in children of code 'A'",
    ),
    (
        "noname.yaml",
        HEAD + GOOD_CODE + "  - color: '#112233'\n",
        5,
        "without a name",
    ),
    ("emptyname.yaml", "name: x\ncodes:\n  - name: ''\n", 3, "without a name"),
    (
        "cycle.yaml",
        "name: x\ncodes:\n  - &a\n    name: A\n    children:\n      - *a\n",
        6,
        "cycle: alias *a makes a code part of itself",
    ),
    (
        "colour.yaml",
        "name: x\ncodes:\n  - name: A\n    color: '#12345'\n",
        4,
        "colour '#12345' is not of the form #RRGGBB",
    ),
    ("guid.yaml", "name: x\ncodes:\n  - name: A\n    guid: 1234\n", 4, "is not a guid"),
    (
        "twoguids.yaml",
        "name: x\ncodes:\n  - name: A\n    guid: 0b0c8a0e-3f6c-4d2e-9d4e-0d1f2a3b4c5d\n"
        "  - name: B\n    guid: 0B0C8A0E-3F6C-4D2E-9D4E-0D1F2A3B4C5D\n",
        6,
        "already used on line 4",
    ),
    (
        "reused.yaml",
        "name: x\ncodes:\n  - &a\n    name: A\n    guid: 0b0c8a0e-3f6c-4d2e-9d4e-0d1f2a3b4c5d\n"
        "  - name: B\n    children:\n      - *a\n",
        8,
        "already used on line 5",
    ),
    ("keywords.yaml", "name: x\ncodes:\n  - name: A\n    keywords: a, b\n", 4, "must be a list"),
    ("gt.yaml", "name: x\ncodes:\n  - name: A > B\n", 3, "may not contain '>'"),
    ("top.yaml", "name: x\nkodes: []\n", 2, "unknown field 'kodes' in the codebook"),
    ("list.yaml", "- name: A\n", 1, "the codebook must be a mapping"),
    ("dupkey.yaml", "name: x\ncodes:\n  - name: A\n    name: B\n", 4, "duplicate field 'name'"),
    (
        "orphan.yaml",
        "name: x\ncodes:\n  - name: A\n    retired: true\n    children:\n      - name: B\n",
        6,
        "is live but its parent is retired",
    ),
    ("text.yaml", "name: x\ncodes:\n  - name: A\n    example: [a]\n", 4, "'example' must be text"),
]


@pytest.mark.parametrize(
    ("name", "text", "line", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_bad_yaml_gives_one_line_naming_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookFileError) as info:
        load_yaml(path)
    error = str(info.value)
    assert "\n" not in error
    assert error.startswith(f"{path}:{line}:"), error
    assert message in error


def test_error_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "col.yaml"
    path.write_text("name: x\ncodes:\n  - name: A\n    colour: red\n", encoding="utf-8")
    with pytest.raises(CodebookFileError, match=r"col\.yaml:4:5: unknown field 'colour'"):
        load_yaml(path)


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(CodebookFileError, match=r"missing\.yaml: cannot read"):
        load_yaml(tmp_path / "missing.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"name: x\ncodes:\n  - name: caf\xe9\n")
    with pytest.raises(CodebookFileError, match=r"latin\.yaml:3: not UTF-8 text"):
        load_yaml(latin)
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(CodebookFileError, match=r"empty\.yaml: empty file"):
        load_yaml(empty)


def test_optional_keys_have_defaults() -> None:
    spec = parse_yaml("name: x\ncodes:\n  - name: A\n    example:\n    keywords:\n")
    assert (spec.language, spec.description) == ("en", "")
    (code,) = spec.codes
    assert code.fields == CodeFields("A")
    assert (code.guid, code.retired, code.merged_into) == (None, False, None)
