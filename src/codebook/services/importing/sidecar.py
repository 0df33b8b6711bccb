"""Document attributes (site, role, date, ...) supplied next to the transcripts.

Researchers keep these in a spreadsheet, so the CSV form is the main one: the
first column names the transcript file, the other columns are attributes.
Types can be declared (``datum:date``) or are inferred per column, the same
way for every file, so one odd value cannot make "datum" a date for one
document and text for the next.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path, PureWindowsPath
from typing import Any

from codebook.domain import AttributeType, AttributeValue, CodebookError, ImportFailed
from codebook.services.importing.csv_files import csv_rows, read_text_file

Attributes = dict[str, dict[str, tuple[AttributeType, AttributeValue]]]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
# "0612345678" or "007": identifiers whose leading zero a number would lose
_LEADING_ZERO = re.compile(r"[+-]?0\d")
_TYPE_NAMES = ", ".join(member.value for member in AttributeType)


def load_sidecar(path: Path) -> Attributes:
    """Attributes per transcript file name (base name), from a .csv or .yaml/.yml file."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _load_csv(path)
    if suffix in (".yaml", ".yml"):
        return _load_yaml(path)
    raise ImportFailed(
        "{file}: unsupported attribute file '{suffix}' (supported: .csv, .yaml)",
        file=path,
        suffix=suffix,
    )


def parse_attr_flag(flag: str) -> tuple[str, AttributeType, AttributeValue]:
    """Parse ``--attr key=value`` or ``--attr key:type=value`` into (key, type, value)."""
    key, separator, raw = flag.partition("=")
    key = key.strip()
    if not separator or not key:
        raise ImportFailed("--attr {flag}: expected key=value or key:type=value", flag=repr(flag))
    where = f"--attr {flag!r}"
    name, declared = split_type(key, where)
    value = raw.strip()
    if not value:
        raise ImportFailed("{where}: empty value", where=where)
    kind = declared if declared is not None else infer_type([value])
    return name, kind, convert_value(value, kind, where)


def parse_speaker_flag(flag: str) -> tuple[str, str]:
    """Parse ``--speaker I=Interviewer`` into (label as written, name to use)."""
    label, sep, name = flag.partition("=")
    if not sep or not label.strip() or not name.strip():
        raise CodebookError("--speaker '{flag}': use LABEL=NAME, e.g. I=Interviewer", flag=flag)
    return label.strip(), name.strip()


def _load_csv(path: Path) -> Attributes:
    rows = iter(csv_rows(path))
    header_row = next(rows, None)
    if header_row is None:
        raise ImportFailed("{file}: empty attribute file", file=path)
    header_line, header = header_row
    while header and not header[-1]:
        header.pop()
    if not header or not header[0]:
        raise ImportFailed(
            "{file}: line {line}: the first column must name the file", file=path, line=header_line
        )
    columns: list[tuple[str, AttributeType | None]] = []
    for cell in header[1:]:
        if not cell:
            raise ImportFailed(
                "{file}: line {line}: a column has no name", file=path, line=header_line
            )
        name, declared = split_type(
            cell, CodebookError("{file}: line {line}", file=path, line=header_line)
        )
        if any(name == existing for existing, _ in columns):
            raise ImportFailed(
                "{file}: line {line}: column '{name}' appears twice",
                file=path,
                line=header_line,
                name=name,
            )
        columns.append((name, declared))

    records: list[tuple[int, str, list[str]]] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        while len(cells) > len(header) and not cells[-1]:
            cells.pop()
        if len(cells) > len(header):
            raise ImportFailed(
                "{file}: line {line}: {values} values but only {columns} columns",
                file=path,
                line=line,
                values=len(cells),
                columns=len(header),
            )
        file_name = _base_name(cells[0])
        if not file_name:
            raise ImportFailed(
                "{file}: line {line}: missing file name in the first column", file=path, line=line
            )
        if file_name in seen:
            raise ImportFailed(
                "{file}: line {line}: '{name}' is already listed on line {earlier}",
                file=path,
                line=line,
                name=file_name,
                earlier=seen[file_name],
            )
        seen[file_name] = line
        records.append((line, file_name, cells[1:] + [""] * (len(header) - len(cells))))

    result: Attributes = {file_name: {} for _, file_name, _ in records}
    for index, (name, declared) in enumerate(columns):
        values = [(line, file_name, cells[index]) for line, file_name, cells in records]
        present = [(line, file_name, value) for line, file_name, value in values if value]
        kind = declared if declared is not None else infer_type([value for _, _, value in present])
        for line, file_name, value in present:
            where = CodebookError(
                "{file}: line {line}: column '{column}'", file=path, line=line, column=name
            )
            result[file_name][name] = (kind, convert_value(value, kind, where))
    return result


def _load_yaml(path: Path) -> Attributes:
    import yaml

    text = read_text_file(path)
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if mark is None:
            raise ImportFailed(
                "{file}: malformed YAML ({problem})", file=path, problem=problem
            ) from None
        raise ImportFailed(
            "{file}: line {line}: malformed YAML ({problem})",
            file=path,
            line=mark.line + 1,
            problem=problem,
        ) from None
    finally:
        loader.dispose()

    def fail(node: Any, problem: CodebookError) -> ImportFailed:
        return ImportFailed(
            "{file}: line {line}: {problem}",
            file=path,
            line=node.start_mark.line + 1,
            problem=problem,
        )

    def mapping(node: Any, what: CodebookError | str) -> list[tuple[Any, Any]]:
        if not isinstance(node, yaml.MappingNode):
            raise fail(node, CodebookError("{what} must be a mapping", what=what))
        return list(node.value)

    def scalar(node: Any) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise fail(node, CodebookError("expected a single value, not a list or mapping"))
        return loader.construct_object(node)

    if root is None:
        raise ImportFailed("{file}: empty attribute file", file=path)
    types: dict[str, AttributeType] = {}
    files: list[tuple[Any, Any]] = []
    for key_node, value_node in mapping(root, CodebookError("the file")):
        key = scalar(key_node)
        if key == "types":
            for column_node, type_node in mapping(value_node, "'types'"):
                type_name = str(scalar(type_node)).strip().lower()
                try:
                    types[str(scalar(column_node))] = AttributeType(type_name)
                except ValueError:
                    raise fail(
                        type_node,
                        CodebookError(
                            "unknown type '{type}' (use {choices})",
                            type=type_name,
                            choices=_TYPE_NAMES,
                        ),
                    ) from None
        elif key == "files":
            files = mapping(value_node, "'files'")
        else:
            raise fail(
                key_node,
                CodebookError("unexpected key '{key}' (expected 'types' and 'files')", key=key),
            )

    collected: dict[str, list[tuple[Any, str, str]]] = {}
    result: Attributes = {}
    for file_node, attributes_node in files:
        file_name = _base_name(str(scalar(file_node)))
        if file_name in result:
            raise fail(file_node, CodebookError("'{name}' is listed twice", name=file_name))
        result[file_name] = {}
        if isinstance(attributes_node, yaml.ScalarNode) and scalar(attributes_node) is None:
            continue
        attributes_of = CodebookError("the attributes of '{name}'", name=file_name)
        for column_node, value_node in mapping(attributes_node, attributes_of):
            value = scalar(value_node)
            if value is None:
                continue
            column = str(scalar(column_node))
            collected.setdefault(column, []).append((value_node, file_name, _yaml_text(value)))
    for column, entries in collected.items():
        kind = types.get(column) or infer_type([value for _, _, value in entries])
        for node, file_name, value in entries:
            where = CodebookError(
                "{file}: line {line}: '{column}'",
                file=path,
                line=node.start_mark.line + 1,
                column=column,
            )
            result[file_name][column] = (kind, convert_value(value, kind, where))
    return result


def _yaml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def split_type(cell: str, where: CodebookError | str) -> tuple[str, AttributeType | None]:
    name, separator, type_name = cell.rpartition(":")
    if not separator:
        return cell.strip(), None
    type_name = type_name.strip().lower()
    try:
        return name.strip(), AttributeType(type_name)
    except ValueError:
        raise ImportFailed(
            "{where}: unknown type '{type}' for '{name}' (use {choices})",
            where=where,
            type=type_name,
            name=name.strip(),
            choices=_TYPE_NAMES,
        ) from None


def infer_type(values: Sequence[str]) -> AttributeType:
    """Date if every value is ISO-shaped, number if every value is a number, else text."""
    if not values:
        return AttributeType.TEXT
    if all(_ISO_DATE.fullmatch(value) for value in values):
        return AttributeType.DATE
    if all(_number(value) is not None and not _LEADING_ZERO.match(value) for value in values):
        return AttributeType.NUMBER
    return AttributeType.TEXT


def convert_value(value: str, kind: AttributeType, where: CodebookError | str) -> AttributeValue:
    if kind is AttributeType.DATE:
        if not _ISO_DATE.fullmatch(value):
            raise ImportFailed(
                "{where}: '{value}' is not a date (expected yyyy-mm-dd)", where=where, value=value
            )
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ImportFailed(
                "{where}: '{value}' is not a valid date", where=where, value=value
            ) from None
    if kind is AttributeType.NUMBER:
        number = _number(value)
        if number is None:
            raise ImportFailed("{where}: '{value}' is not a number", where=where, value=value)
        return number
    return value


def _number(value: str) -> float | None:
    if _DECIMAL_COMMA.fullmatch(value):
        value = value.replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _base_name(value: str) -> str:
    value = value.strip()
    return PureWindowsPath(value).name if "\\" in value else Path(value).name
