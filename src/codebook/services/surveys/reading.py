"""Reading a questionnaire export (CSV or XLSX) into a checked ``ParsedSurvey``.

The file is read and checked whole before anything is stored: a ragged row,
an answer that is not on its column's scale or a respondent id used twice is
one error naming the file, the row as a spreadsheet shows it, and the column,
and nothing of that file is imported.

A CSV file is decoded like every other text we read (BOM, strict UTF-8,
then a guess biased to cp1252) and its rows are numbered as a spreadsheet
numbers them, blank rows counted and an open answer spanning several lines
one row, so the row an error names is the row the analyst finds in Excel.
Its delimiter is the one that splits the first rows into the same number of
columns: question headers are sentences, and a header full of commas in a
``;`` file must not make ``,`` the delimiter. An XLSX sheet is read with
openpyxl in read-only mode, values rather than formulas.

Answers are converted once per distinct spelling, not once per cell: a
column of 10,000 answers holds a handful of different ones. The cyclic
garbage collector is paused meanwhile: the half million cells of a large
export would set off full collections that find nothing to free.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, cast

from codebook.domain import AttributeType, AttributeValue, CodebookError, ImportFailed
from codebook.domain.surveys import (
    SCALE_NAMES,
    Answer,
    ParsedItem,
    ParsedSurvey,
    Respondent,
    Scale,
)
from codebook.gc_pause import gc_paused
from codebook.services.importing.csv_files import read_small_file
from codebook.services.importing.encoding import decode_text
from codebook.services.importing.normalize import normalize_text
from codebook.services.importing.sidecar import convert_value, infer_type, split_type
from codebook.services.surveys.scales import (
    FIXED,
    MAX_CHOICES,
    NUMBER,
    answer_key,
    choice_scale,
    fitting_fixed_scale,
    label_lookup,
)
from codebook.services.surveys.spreadsheet import column_letter, read_sheet

_TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_DELIMITERS = (",", ";", "\t")
_SAMPLE_ROWS = 20
_FEW_ANSWERS = 50

Rows = list[tuple[int, list[str]]]


class _Table(NamedTuple):
    """A file's header and data rows, each with its row number as a spreadsheet shows it."""

    header: list[str]
    rows: Rows
    encoding: str | None


@gc_paused()
def read_survey(
    path: Path,
    *,
    id_column: str | None,
    attributes: Sequence[str],
    open_columns: Sequence[str],
    scales: Mapping[str, str],
    sheet: str | None = None,
) -> ParsedSurvey:
    """One respondent per data row; every column not named by an option is an item whose
    scale is inferred. ``attributes`` as ``COL`` or ``COL:type``; ``scales`` maps a column to
    a scale name; ``id_column`` None numbers respondents by their row."""
    table = _read_table(path, sheet)
    index = {name: position for position, name in enumerate(table.header)}
    roles = _Roles(path, table.header, index)
    id_position = None if id_column is None else roles.claim(id_column, "--id")
    typed: list[tuple[str, int, AttributeType | None]] = []
    for flag in attributes:
        name, declared = _attribute_flag(path, flag, index)
        typed.append((name, roles.claim(name, "--attr"), declared))
    for name in open_columns:
        roles.claim(name, "--open")
    named_scales: dict[str, str] = {}
    for name, scale in scales.items():
        named_scales[table.header[roles.claim(name, "--scale")]] = scale
        if scale not in SCALE_NAMES:
            raise ImportFailed(
                "{file}: unknown scale '{scale}' for column '{column}' (use {names})",
                file=path,
                scale=scale,
                column=name,
                names=", ".join(SCALE_NAMES),
            )
    numbers = [number for number, _ in table.rows]
    columns = list(zip(*(cells for _, cells in table.rows), strict=True)) or [
        () for _ in table.header
    ]
    if id_position is None:
        ids = [str(number) for number in numbers]
    else:
        ids = _respondent_ids(path, numbers, columns[id_position], table.header[id_position])
    attribute_values: list[dict[str, tuple[str, AttributeValue]]] = [{} for _ in numbers]
    for name, position, declared in typed:
        kind, values = _attribute_column(path, numbers, columns[position], name, declared)
        for of_row, value in zip(attribute_values, values, strict=True):
            if value is not None:
                of_row[name] = (kind.value, value)
    items: list[ParsedItem] = []
    answer_columns: list[list[Answer]] = []
    for name, column in zip(table.header, columns, strict=True):
        role = roles.role(name)
        if role in ("--id", "--attr"):
            continue
        if role == "--open":
            item, answers = ParsedItem(name, "open"), [value or None for value in column]
        else:
            item, answers = _closed_item(path, numbers, name, column, named_scales.get(name))
        items.append(item)
        answer_columns.append(answers)
    answer_rows = list(zip(*answer_columns, strict=True)) if items else [()] * len(numbers)
    respondents = tuple(
        Respondent(row=number, id=id_, attributes=attributes, answers=answers)
        for number, id_, attributes, answers in zip(
            numbers, ids, attribute_values, answer_rows, strict=True
        )
    )
    return ParsedSurvey(path.stem, path.name, table.encoding, tuple(items), respondents)


class _Roles:
    """Which option named each column; one column named by two options is refused."""

    def __init__(self, path: Path, header: list[str], index: dict[str, int]) -> None:
        self._path = path
        self._header = header
        self._index = index
        self._roles: dict[str, str] = {}

    def claim(self, name: str, option: str) -> int:
        position = self._index.get(name.strip())
        if position is None:
            raise ImportFailed(
                "{file}: no column '{column}' (named by {option}); the columns are: {columns}",
                file=self._path,
                column=name,
                option=option,
                columns=", ".join(f"'{header}'" for header in self._header),
            )
        earlier = self._roles.setdefault(self._header[position], option)
        if earlier != option:
            raise ImportFailed(
                "{file}: column '{column}' is named by both {first} and {second}",
                file=self._path,
                column=name,
                first=earlier,
                second=option,
            )
        return position

    def role(self, name: str) -> str | None:
        return self._roles.get(name)


def _attribute_flag(
    path: Path, flag: str, index: dict[str, int]
) -> tuple[str, AttributeType | None]:
    """``COL`` or ``COL:type``; a header that itself holds a colon is taken whole."""
    if flag.strip() in index:
        return flag.strip(), None
    return split_type(flag, f"{path}: --attr '{flag}'")


def _respondent_ids(
    path: Path, numbers: list[int], values: Sequence[str], column: str
) -> list[str]:
    first_row: dict[str, int] = {}
    for number, value in zip(numbers, values, strict=True):
        if not value:
            raise ImportFailed(
                "{file}, row {row}, column '{column}': no respondent id",
                file=path,
                row=number,
                column=column,
            )
        earlier = first_row.setdefault(value, number)
        if earlier != number:
            raise ImportFailed(
                "{file}, row {row}, column '{column}': respondent '{respondent}' "
                "is also on row {earlier}",
                file=path,
                row=number,
                column=column,
                respondent=value,
                earlier=earlier,
            )
    return list(values)


def _first_rows(numbers: list[int], values: Sequence[str]) -> dict[str, int]:
    """Each distinct answer of a column with the first row that gives it, in the order they
    first occur; empty cells left out.

    A closed item has a handful of answers, each first given near the top, so
    looking each up where it first occurs is cheaper than mapping every cell.
    """
    distinct = [value for value in dict.fromkeys(values) if value]
    if len(distinct) <= _FEW_ANSWERS:
        return {value: numbers[values.index(value)] for value in distinct}
    row_of = dict(zip(reversed(values), reversed(numbers), strict=True))
    return {value: row_of[value] for value in distinct}


def _where(path: Path, row: int, column: str) -> CodebookError:
    return CodebookError("{file}, row {row}, column '{column}'", file=path, row=row, column=column)


def _attribute_column(
    path: Path,
    numbers: list[int],
    values: Sequence[str],
    name: str,
    declared: AttributeType | None,
) -> tuple[AttributeType, list[AttributeValue | None]]:
    """The column's type (declared, else inferred from all its values, as for transcripts'
    attributes) and each row's value, None where the cell is empty."""
    first_rows = _first_rows(numbers, values)
    kind = declared if declared is not None else infer_type(list(first_rows))
    converted: dict[str, AttributeValue] = {
        value: convert_value(value, kind, _where(path, number, name))
        for value, number in first_rows.items()
    }
    return kind, list(map(converted.get, values))


def _closed_item(
    path: Path, numbers: list[int], name: str, values: Sequence[str], scale_name: str | None
) -> tuple[ParsedItem, list[Answer]]:
    """The item with its scale (named, else inferred) and each row's answer as a label index,
    or as a number for a number item."""
    first_rows = _first_rows(numbers, values)
    scale = _scale(path, name, list(first_rows), scale_name)
    if scale is None:
        return ParsedItem(name, "open"), [None] * len(values)
    answers: dict[str, Answer] = {}
    if scale.kind == "number":
        for value, number in first_rows.items():
            where = _where(path, number, name)
            # a number conversion gives a float or raises
            answers[value] = cast(float, convert_value(value, AttributeType.NUMBER, where))
    else:
        lookup = label_lookup(scale)
        for value, number in first_rows.items():
            label = lookup.get(answer_key(value))
            if label is None:
                raise ImportFailed(
                    "{file}, row {row}, column '{column}': '{value}' is not on the "
                    "{scale} scale ({labels})",
                    file=path,
                    row=number,
                    column=name,
                    value=value,
                    scale=scale.name,
                    labels=", ".join(scale.labels),
                )
            answers[value] = label
    return ParsedItem(name, scale.kind, scale.labels), list(map(answers.get, values))


def _scale(path: Path, name: str, distinct: list[str], scale_name: str | None) -> Scale | None:
    """The scale named for the column, else the first that fits every answer it holds.

    None: the column is empty, so nothing tells its scale; it is kept as an open
    item, which stores no answers and makes no figure.
    """
    if scale_name == "number":
        return NUMBER
    if scale_name == "choice":
        return choice_scale(distinct)
    if scale_name is not None:
        return FIXED[scale_name]
    if not distinct:
        return None
    keys = dict.fromkeys(answer_key(value) for value in distinct)
    fixed = fitting_fixed_scale(keys)
    if fixed is not None:
        return fixed
    if infer_type(distinct) is AttributeType.NUMBER:
        return NUMBER
    if len(keys) <= MAX_CHOICES:
        return choice_scale(distinct)
    raise ImportFailed(
        "{file}, column '{column}': {count} different answers, too many for a closed "
        "question; name it with --open (free text) or --scale",
        file=path,
        column=name,
        count=len(keys),
    )


def _read_table(path: Path, sheet: str | None) -> _Table:
    suffix = path.suffix.lower()
    if suffix in _WORKBOOK_SUFFIXES:
        return _checked(path, read_sheet(path, sheet), None, pad=True)
    if suffix not in _TEXT_SUFFIXES:
        raise ImportFailed(
            "{file}: not a questionnaire file (use .csv or .xlsx, not '{suffix}')",
            file=path,
            suffix=suffix or path.name,
        )
    if sheet is not None:
        raise ImportFailed("{file}: --sheet applies to .xlsx files only", file=path)
    decoded = decode_text(read_small_file(path), str(path))
    return _checked(path, _csv_rows(path, normalize_text(decoded.text)), decoded.encoding)


def _csv_rows(path: Path, text: str) -> Rows:
    """The non-blank rows, stripped, numbered as a spreadsheet numbers them."""
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    rows: Rows = []
    number = 0
    try:
        for record in reader:
            number += 1
            cells = list(map(str.strip, record))
            if any(cells):
                rows.append((number, cells))
    except csv.Error as error:
        raise ImportFailed(
            "{file}, row {row}: malformed CSV ({problem})", file=path, row=number + 1, problem=error
        ) from None
    return rows


def _delimiter(text: str) -> str:
    """The delimiter that splits the first rows into one number of columns (more than one),
    the most columns winning; else the one splitting the header most."""
    sample = "\n".join(text.split("\n", _SAMPLE_ROWS + 1)[:_SAMPLE_ROWS])

    def score(delimiter: str) -> tuple[bool, int]:
        try:
            widths = [
                len(record)
                for record in csv.reader(io.StringIO(sample), delimiter=delimiter)
                if any(cell.strip() for cell in record)
            ]
        except csv.Error:
            return False, 0
        if len(widths) > 2:
            widths = widths[:-1]  # the sample may end inside a row
        steady = len(set(widths)) == 1 and widths[0] > 1
        return steady, widths[0] if widths else 0

    return max(_DELIMITERS, key=score)


def _checked(path: Path, rows: Rows, encoding: str | None, *, pad: bool = False) -> _Table:
    """The header and the data rows cut to its width, every row checked against it.

    ``pad``: a spreadsheet leaves empty trailing cells out of a row, a CSV writer
    does not, so there a short row is a ragged one.
    """
    if not rows:
        raise ImportFailed("{file}: no header row; the file is empty", file=path)
    header_row, header = rows[0]
    while header and not header[-1]:
        header.pop()
    first_seen: dict[str, int] = {}
    for position, name in enumerate(header):
        if not name:
            raise ImportFailed(
                "{file}, row {row}, column {column}: a column without a header",
                file=path,
                row=header_row,
                column=column_letter(position),
            )
        earlier = first_seen.setdefault(name, position)
        if earlier != position:
            raise ImportFailed(
                "{file}, row {row}: columns {first} and {second} have the same header '{header}'",
                file=path,
                row=header_row,
                first=column_letter(earlier),
                second=column_letter(position),
                header=name,
            )
    width = len(header)
    body: Rows = []
    for number, cells in rows[1:]:
        if len(cells) > width:
            extra = next((i for i in range(width, len(cells)) if cells[i]), None)
            if extra is not None:
                raise ImportFailed(
                    "{file}, row {row}, column {column}: a value beyond the last column "
                    "(the header has {count} columns)",
                    file=path,
                    row=number,
                    column=column_letter(extra),
                    count=width,
                )
            cells = cells[:width]
        elif len(cells) < width:
            if not pad:
                raise ImportFailed(
                    "{file}, row {row}, column '{column}': the row ends before this column "
                    "({count} of {width} values)",
                    file=path,
                    row=number,
                    column=header[len(cells)],
                    count=len(cells),
                    width=width,
                )
            cells = cells + [""] * (width - len(cells))
        body.append((number, cells))
    return _Table(header, body, encoding)
