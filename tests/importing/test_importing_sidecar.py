from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from codebook.domain import AttributeType, ImportFailed
from codebook.services.importing import load_sidecar, parse_attr_flag

WriteFile = Callable[[str, bytes], Path]

T, N, D, C = AttributeType.TEXT, AttributeType.NUMBER, AttributeType.DATE, AttributeType.CATEGORY


def failure(path: Path) -> str:
    with pytest.raises(ImportFailed) as caught:
        load_sidecar(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    return message[len(f"{path}: ") :]


def test_csv_with_typed_header(write_file: WriteFile) -> None:
    path = write_file(
        "attributes.csv",
        "bestand,werkplaats:category,rol:category,datum:date\n"
        "woa-01-coordinator.docx,WOA,coördinator,2018-03-14\n"
        "transcripts/woa-03-schoolleider.vtt,WOA,schoolleider,2018-04-04\n".encode(),
    )
    assert load_sidecar(path) == {
        "woa-01-coordinator.docx": {
            "werkplaats": (C, "WOA"),
            "rol": (C, "coördinator"),
            "datum": (D, date(2018, 3, 14)),
        },
        "woa-03-schoolleider.vtt": {
            "werkplaats": (C, "WOA"),
            "rol": (C, "schoolleider"),
            "datum": (D, date(2018, 4, 4)),
        },
    }


def test_csv_type_inference_per_column(write_file: WriteFile) -> None:
    path = write_file(
        "a.csv",
        b"file;leeftijd;datum;school;code\n"
        b"a.txt;34;2018-03-14;De Linde;12\n"
        b"b.txt;41,5;;Het Anker;12b\n"
        b"c.txt;;2018-05-01;;7\n",
    )
    result = load_sidecar(path)
    assert result["a.txt"] == {
        "leeftijd": (N, 34.0),
        "datum": (D, date(2018, 3, 14)),
        "school": (T, "De Linde"),
        "code": (T, "12"),
    }
    assert result["b.txt"] == {
        "leeftijd": (N, 41.5),
        "school": (T, "Het Anker"),
        "code": (T, "12b"),
    }
    assert result["c.txt"] == {"datum": (D, date(2018, 5, 1)), "code": (T, "7")}


def test_the_projects_attribute_file_loads() -> None:
    path = Path(__file__).parents[2] / "transcripts" / "attributes.csv"
    result = load_sidecar(path)
    assert result["woa-01-coordinator.docx"]["datum"] == (D, date(2018, 3, 14))
    assert len(result) == 15


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            b"file,datum:date\na.txt,14-03-2018\n",
            "line 2: column 'datum': '14-03-2018' is not a date",
        ),
        (
            b"file,datum:date\na.txt,2018-02-30\n",
            "line 2: column 'datum': '2018-02-30' is not a valid",
        ),
        (b"file,datum\na.txt,2018-02-30\n", "line 2: column 'datum': '2018-02-30' is not a valid"),
        (
            b"file,leeftijd:number\na.txt,veertig\n",
            "line 2: column 'leeftijd': 'veertig' is not a number",
        ),
        (b"file,rol:kleur\na.txt,x\n", "line 1: unknown type 'kleur' for 'rol'"),
        (b",rol\na.txt,x\n", "line 1: the first column must name the file"),
        (b"file,rol\na.txt,x\n,y\n", "line 3: missing file name in the first column"),
        (b"file,rol\na.txt,x\na.txt,y\n", "line 3: 'a.txt' is already listed on line 2"),
        (b"file,rol\na.txt,x,y\n", "line 2: 3 values but only 2 columns"),
        (b"file,rol,rol\na.txt,x,y\n", "line 1: column 'rol' appears twice"),
        (b"", "empty attribute file"),
    ],
)
def test_csv_errors_name_file_and_line(write_file: WriteFile, content: bytes, problem: str) -> None:
    assert failure(write_file("a.csv", content)).startswith(problem)


YAML = """\
types:
  werkplaats: category
  datum: date
files:
  woa-01-coordinator.docx:
    werkplaats: WOA
    datum: 2018-03-14
    leeftijd: 34
    opmerking: eerste interview
  point-02.docx:
    werkplaats: POINT
    datum: "2018-03-20"
    leeftijd: 41.5
    opmerking: 12
  leeg.txt:
"""


def test_yaml_sidecar(write_file: WriteFile) -> None:
    assert load_sidecar(write_file("a.yaml", YAML.encode())) == {
        "woa-01-coordinator.docx": {
            "werkplaats": (C, "WOA"),
            "datum": (D, date(2018, 3, 14)),
            "leeftijd": (N, 34.0),
            "opmerking": (T, "eerste interview"),
        },
        "point-02.docx": {
            "werkplaats": (C, "POINT"),
            "datum": (D, date(2018, 3, 20)),
            "leeftijd": (N, 41.5),
            "opmerking": (T, "12"),
        },
        "leeg.txt": {},
    }


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("files:\n  a.txt:\n    datum: [1, 2\n", "line 4: malformed YAML"),
        ("types:\n  datum: tijdstip\nfiles: {}\n", "line 2: unknown type 'tijdstip'"),
        ("types:\n  datum: date\nfiles:\n  a.txt:\n    datum: gisteren\n", "line 5: 'datum':"),
        ("files:\n  a.txt:\n    rol: [a, b]\n", "line 3: expected a single value"),
        ("bestanden:\n  a.txt: {}\n", "line 1: unexpected key 'bestanden'"),
        ("- a.txt\n", "line 1: the file must be a mapping"),
        ("files:\n  a.txt: {}\n  a.txt: {}\n", "line 3: 'a.txt' is listed twice"),
    ],
)
def test_yaml_errors_name_file_and_line(write_file: WriteFile, content: str, problem: str) -> None:
    assert failure(write_file("a.yml", content.encode())).startswith(problem)


def test_unsupported_sidecar_format(write_file: WriteFile) -> None:
    assert failure(write_file("a.xlsx", b"x")).startswith("unsupported attribute file '.xlsx'")


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("werkplaats=WOA", ("werkplaats", T, "WOA")),
        ("leeftijd=34", ("leeftijd", N, 34.0)),
        ("datum=2018-03-14", ("datum", D, date(2018, 3, 14))),
        ("werkplaats:category=WOA", ("werkplaats", C, "WOA")),
        ("code:text=12", ("code", T, "12")),
        ("opmerking=a=b", ("opmerking", T, "a=b")),
    ],
)
def test_parse_attr_flag(flag: str, expected: tuple[object, ...]) -> None:
    assert parse_attr_flag(flag) == expected


@pytest.mark.parametrize(
    ("flag", "problem"),
    [
        ("werkplaats", "expected key=value"),
        ("=WOA", "expected key=value"),
        ("werkplaats=", "empty value"),
        ("datum:date=maart", "'maart' is not a date"),
        ("rol:kleur=x", "unknown type 'kleur'"),
    ],
)
def test_parse_attr_flag_errors(flag: str, problem: str) -> None:
    with pytest.raises(ImportFailed, match=problem):
        parse_attr_flag(flag)


def test_leading_zeros_keep_a_column_text(write_file: WriteFile) -> None:
    path = write_file("a.csv", b"file,telefoon,postcode:number\na.txt,0612345678,0123\n")
    assert load_sidecar(path)["a.txt"] == {
        "telefoon": (T, "0612345678"),
        "postcode": (N, 123.0),
    }
