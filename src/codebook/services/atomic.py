"""Writing files (exports, codebooks) so that a reader never sees half a file.

The file is written under a temporary name in the target's own folder (so the
final ``os.replace`` is a rename within one file system: atomic on POSIX and
Windows), flushed to disk, then renamed over the target. On any failure the
temporary file is removed and an existing target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from codebook.domain import CodebookError

TEMP_SUFFIX = ".part"


def _unwritable(target: Path, exc: OSError) -> CodebookError:
    return CodebookError(
        "{file}: cannot write ({problem})", file=target, problem=exc.strerror or str(exc)
    )


def temp_name(target: Path) -> Path:
    """A hidden, unique name beside ``target`` (``.report.docx.1a2b3c4d.part``)."""
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block succeeds it becomes ``target``.

    The temporary file is created empty with the usual permissions (umask
    applies, unlike ``mkstemp``'s 0600), so the finished export is readable
    like any file the user saves. Any ``OSError`` (folder missing or not
    writable, disk full) becomes a one-line ``CodebookError`` naming
    ``target``; other errors propagate after the temporary file is removed.
    """
    target = Path(target)
    if target.is_dir():
        raise CodebookError("{file}: is a folder, not a file", file=target)
    tmp = temp_name(target)
    try:
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except OSError as exc:
        raise _unwritable(target, exc) from exc
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise _unwritable(target, exc) from exc
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
