"""Reading the small CSV files users hand in next to transcripts.

Those files come from Excel as often as from a text editor, so they arrive in
any encoding and, on Dutch systems, with ``;`` instead of ``,`` between
columns. Both the pseudonym list and the attribute sidecar read them here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from codebook.domain import ImportFailed
from codebook.services.importing.encoding import decode_text
from codebook.services.importing.normalize import normalize_text

_DELIMITERS = (",", ";", "\t")


def read_small_file(path: Path) -> bytes:
    """The file's bytes, or ImportFailed naming the file when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed("{file}: file not found", file=path) from None
    except IsADirectoryError:
        raise ImportFailed("{file}: is a directory, not a file", file=path) from None
    except OSError as error:
        raise ImportFailed(
            "{file}: cannot be read ({problem})", file=path, problem=error.strerror or error
        ) from None


def read_text_file(path: Path) -> str:
    """The decoded, normalized text of a small text file."""
    return normalize_text(decode_text(read_small_file(path), str(path)).text)


def csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, stripped cells)`` for every non-blank row of a CSV file."""
    text = read_text_file(path)
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    line = 1
    try:
        for row in reader:
            cells = [cell.strip() for cell in row]
            if any(cells):
                yield line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFailed(
            "{file}: line {line}: malformed CSV ({problem})", file=path, line=line, problem=error
        ) from None
