"""The code query language: what each string means, and one-line errors for bad ones."""

from __future__ import annotations

import re

import pytest

from codebook.domain import CodebookError
from codebook.domain.queries import (
    And,
    Code,
    Near,
    Not,
    Or,
    describe_query,
    leaf_codes,
    parse_query,
    parse_where,
)

A, B, C = Code("A"), Code("B"), Code("C")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"A"', A),
        ("A", A),
        ('"A" AND ("B" OR "C")', And(A, Or(B, C))),
        ('"A" AND "B" OR "C"', Or(And(A, B), C)),
        ('"A" OR "B" AND "C"', Or(A, And(B, C))),
        ('"A" NOT "B"', Not(A, B)),
        ('"A" NOT "B" NOT "C"', Not(Not(A, B), C)),
        ('"A" NEAR/2 "B"', Near(A, B, 2)),
        ('"A" NEAR "B"', Near(A, B, 1)),
        ('"A" NEAR/0 "B" AND "C"', And(Near(A, B, 0), C)),
        ("A*", Code("A", True)),
        ('"A"* AND B', And(Code("A", True), B)),
        ("((A))", A),
        (
            '"Kennisdeling > Landelijke kennisdeling" AND Rol van de coördinator',
            And(Code("Kennisdeling > Landelijke kennisdeling"), Code("Rol van de coördinator")),
        ),
        ("Kennisdeling > Landelijk AND B", And(Code("Kennisdeling > Landelijk"), B)),
        ("ANDERS and NOTE OR B", Or(Code("ANDERS and NOTE"), B)),
    ],
)
def test_parse(text: str, expected: object) -> None:
    assert parse_query(text) == expected


def test_with_children_applies_to_every_code() -> None:
    assert parse_query("A AND (B OR C)", with_children=True) == And(
        Code("A", True), Or(Code("B", True), Code("C", True))
    )


def test_escaped_quotes_inside_a_quoted_code() -> None:
    assert parse_query(r'"say \"hi\""') == Code('say "hi"')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"A" AND', "expected a code at the end"),
        ('("A" OR "B"', "expected ')' at the end"),
        ('"A" OR "B")', "unexpected text at column 11"),
        ("AND A", "expected a code at column 1"),
        ('"A" "B"', "unexpected text at column 5"),
        ('""', "empty code name"),
        ("'A' 'B'", "unexpected text at column 5"),
    ],
)
def test_bad_queries_are_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(CodebookError, match=re.escape(message)) as info:
        parse_query(text)
    assert "\n" not in str(info.value)


def test_describe_round_trips() -> None:
    for text in ('"A" AND ("B" OR "C"*)', '"A" NEAR/3 "B" NOT "C"', "A"):
        query = parse_query(text)
        assert parse_query(describe_query(query)) == query


def test_leaf_codes_in_order() -> None:
    query = parse_query('"A" AND ("B" OR "C") NOT "D"')
    assert [c.ref for c in leaf_codes(query)] == ["A", "B", "C", "D"]


def test_parse_where_groups_repeated_keys() -> None:
    assert parse_where(["werkplaats=WOA", "rol = schoolleider", "werkplaats=POINT"]) == {
        "werkplaats": ("WOA", "POINT"),
        "rol": ("schoolleider",),
    }
    with pytest.raises(CodebookError, match="use ATTRIBUTE=VALUE"):
        parse_where(["werkplaats"])
