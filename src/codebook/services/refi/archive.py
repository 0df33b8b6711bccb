"""Opening a .qdpx from anywhere without trusting it: checked first, read into memory, never
extracted.

A .qdpx is a zip of one project file and a ``sources/`` folder. Before
anything is read, every entry is checked: a name that would escape a folder
(``../``, an absolute path, a drive letter, a backslash) or a zip bomb (too
much data in total, or an entry that decompresses to hundreds of times its
size) refuses the whole file, even though nothing is ever written to disk,
because such an archive was not made by a QDA tool. Members are read into
memory, each bounded by its checked size (``zipfile`` never returns more than
an entry declares, and a lie fails its CRC check).

Real tools disagree on names: ATLAS.ti writes ``Project.qde``, NVivo for
Windows ``Sources/``, NVivo for Mac ``sources/``; both are found whatever
their case. Every problem is one ``CodebookFileError`` line naming the file.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from codebook.domain import CodebookFileError

#: Most a .qdpx may hold uncompressed, all entries together.
MAX_TOTAL_SIZE = 2 * 1024**3
#: Most an entry may expand relative to its compressed size ...
MAX_RATIO = 200
#: ... once it is larger than this (small entries of repeated text compress that well).
RATIO_FLOOR = 1024**2

_DRIVE = re.compile(r"^[A-Za-z]:")
_INTERNAL = "internal://"
_SOURCES = "sources"
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError)


class QdpxArchive:
    """An opened, checked .qdpx: its project file and its internal source files."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self._zip = archive
        self.project_member = _project_member(path, archive.infolist())
        self._sources: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            parts = PurePosixPath(info.filename).parts
            if len(parts) > 1 and parts[0].lower() == _SOURCES and not info.is_dir():
                self._sources.setdefault("/".join(parts[1:]).lower(), info)

    @property
    def where(self) -> str:
        """How messages name the project file: ``study.qdpx: project.qde``."""
        return f"{self.path}: {self.project_member.filename}"

    def read_project(self) -> bytes:
        """The project file's bytes."""
        return self._read(self.project_member)

    def source_text(self, reference: str, owner: str) -> str | None:
        """The text of the internal file ``reference`` (``internal://<name>``), or None.

        None when the reference points outside the archive (``relative://``,
        ``absolute://``) or the file is not in ``sources/``. ``owner`` names
        the source or note in a message when the file is not text.
        """
        member = self._source_member(reference)
        if member is None:
            return None
        return decode_text(self._read(member), f"{self.path}: {member.filename} ({owner})")

    def _source_member(self, reference: str) -> zipfile.ZipInfo | None:
        reference = reference.strip()
        if reference.lower().startswith(_INTERNAL):
            name = reference[len(_INTERNAL) :]
        elif "://" in reference:
            return None
        else:
            name = reference  # a bare file name, as the qc tool writes it
        return self._sources.get(name.lower())

    def _read(self, info: zipfile.ZipInfo) -> bytes:
        try:
            return self._zip.read(info)
        except _READ_ERRORS as exc:
            raise CodebookFileError(
                "{file}: {entry}: cannot be read (damaged archive: {problem})",
                file=self.path,
                entry=info.filename,
                problem=exc,
            ) from None


@contextmanager
def open_qdpx(path: Path) -> Iterator[QdpxArchive]:
    """Open ``path`` as a .qdpx after checking every entry; refuse it with one line otherwise."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise CodebookFileError("{file}: no such file", file=path) from None
    except zipfile.BadZipFile:
        raise CodebookFileError(
            "{file}: not a zip archive, or a damaged or truncated one (a .qdpx is a zip)",
            file=path,
        ) from None
    except _READ_ERRORS as exc:
        raise CodebookFileError(
            "{file}: cannot be opened: {problem}", file=path, problem=exc
        ) from None
    with archive:
        check_entries(path, archive.infolist())
        yield QdpxArchive(path, archive)


def check_entries(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    """Refuse names that escape and entries that would blow up, before anything is read."""
    total = 0
    for info in entries:
        name = info.filename
        if _escapes(name):
            raise CodebookFileError(
                "{file}: entry {entry} points outside the archive's folder (refused for safety)",
                file=path,
                entry=repr(name),
            )
        total += info.file_size
        if total > MAX_TOTAL_SIZE:
            raise CodebookFileError(
                "{file}: holds more than {limit} GiB uncompressed (refused as a possible zip bomb)",
                file=path,
                limit=MAX_TOTAL_SIZE // 1024**3,
            )
        if info.file_size > RATIO_FLOOR and (
            info.compress_size == 0 or info.file_size / info.compress_size > MAX_RATIO
        ):
            raise CodebookFileError(
                "{file}: entry {entry} expands {size} bytes from "
                "{compressed} (more than {ratio}:1, refused as a possible zip bomb)",
                file=path,
                entry=repr(name),
                size=f"{info.file_size:,}",
                compressed=f"{info.compress_size:,}",
                ratio=MAX_RATIO,
            )


def _escapes(name: str) -> bool:
    return (
        name.startswith("/")
        or "\\" in name
        or bool(_DRIVE.match(name))
        or ".." in PurePosixPath(name).parts
    )


def _project_member(path: Path, entries: list[zipfile.ZipInfo]) -> zipfile.ZipInfo:
    """The project file: a top-level ``project.qde`` in any case, else the only top-level .qde."""
    candidates = [
        info
        for info in entries
        if "/" not in info.filename and info.filename.lower().endswith(".qde")
    ]
    named = [info for info in candidates if info.filename.lower() == "project.qde"]
    if named:
        return next((i for i in named if i.filename == "project.qde"), named[0])
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise CodebookFileError("{file}: no project file (project.qde) in the archive", file=path)
    names = ", ".join(sorted(info.filename for info in candidates))
    raise CodebookFileError(
        "{file}: {count} project files ({names}) and none named project.qde",
        file=path,
        count=len(candidates),
        names=names,
    )


def decode_text(data: bytes, where: str) -> str:
    """A source's plain text: UTF-8, else UTF-16 with a BOM; a BOM stays in the text as U+FEFF.

    The BOM is kept so that ``offsets`` can tell whether the producer counted
    it; normalization removes it from the text that is finally stored.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
            encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise CodebookFileError("{where}: damaged UTF-16 text", where=where) from None
        raise CodebookFileError(
            "{where}: not UTF-8 text (invalid byte at offset {offset})",
            where=where,
            offset=exc.start,
        ) from None
