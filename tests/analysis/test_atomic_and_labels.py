"""Exports never leave half a file; labels exist in both languages."""

from __future__ import annotations

import os
import string
from datetime import date
from pathlib import Path

import pytest

from analysis.study import Study
from codebook.domain import CodebookError
from codebook.domain.transcripts import timecode
from codebook.services.atomic import TEMP_SUFFIX, atomic_path
from codebook.services.export import docx_report, xlsx
from codebook.services.export.csv_files import export_csv
from codebook.services.export.docx_report import export_docx
from codebook.services.export.labels import EN, NL, labels, long_date
from codebook.services.export.xlsx import export_xlsx


def test_atomic_path_replaces_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_text("old")

    def half_written() -> None:
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        half_written()
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path
        assert tmp.name.startswith(".report.docx.")
        assert tmp.name.endswith(TEMP_SUFFIX)
        tmp.write_text("new")
    assert target.read_text() == "new"
    assert list(tmp_path.iterdir()) == [target]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("where", ["missing-folder", "folder-is-a-file", "target-is-a-folder"])
def test_unwritable_targets_are_one_line_errors_naming_the_file(tmp_path: Path, where: str) -> None:
    if where == "missing-folder":
        target = tmp_path / "nope" / "r.docx"
    elif where == "folder-is-a-file":
        (tmp_path / "file").write_text("x")
        target = tmp_path / "file" / "r.docx"
    else:
        target = tmp_path / "r.docx"
        target.mkdir()
    with pytest.raises(CodebookError) as info, atomic_path(target):
        pass
    message = str(info.value)
    assert message.startswith(f"{target}: ")
    assert "\n" not in message


def test_failing_docx_export_leaves_no_file_and_no_temp_file(
    study: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.docx"

    def broken_save(self: object, path: str) -> None:
        Path(path).write_bytes(b"PK half a zip")
        raise OSError(28, "No space left on device")

    import docx.document

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with study.store.read() as s, pytest.raises(CodebookError) as info:
        export_docx(s, target)
    assert str(info.value) == f"{target}: cannot write (No space left on device)"
    assert list(folder.iterdir()) == []
    assert docx_report.QUOTE_STYLE == "Quote"


def test_failing_xlsx_export_keeps_the_previous_file(
    study: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "codings.xlsx"
    target.write_bytes(b"previous")

    def broken(*_: object) -> None:
        raise ValueError("openpyxl broke")

    monkeypatch.setattr(xlsx, "_header_cell", broken)
    with study.store.read() as s, pytest.raises(ValueError, match="openpyxl broke"):
        export_xlsx(s, target)
    assert target.read_bytes() == b"previous"
    assert list(folder.iterdir()) == [target]


def test_csv_into_a_file_path_fails_cleanly(study: Study, tmp_path: Path) -> None:
    blocker = tmp_path / "csv"
    blocker.write_text("not a folder")
    with study.store.read() as s, pytest.raises(CodebookError, match="cannot create the folder"):
        export_csv(s, blocker / "sub")


def test_label_sets_have_the_same_keys_and_placeholders() -> None:
    assert EN.keys() == NL.keys()
    fields = string.Formatter()
    for key in EN:
        en = {f for _, f, _, _ in fields.parse(EN[key]) if f}
        nl = {f for _, f, _, _ in fields.parse(NL[key]) if f}
        assert en == nl, key
        assert NL[key].strip(), key
    assert len(EN["months"].split()) == len(NL["months"].split()) == 12


def test_labels_dates_and_timecodes() -> None:
    assert labels("nl")["quotes"] == "Citaten"
    with pytest.raises(CodebookError, match="unknown language 'de'"):
        labels("de")
    assert long_date(date(2018, 3, 14), "nl") == "14 maart 2018"
    assert long_date(date(2018, 3, 14), "en") == "14 March 2018"
    assert timecode(3723.9) == "01:02:03"
    assert timecode(5) == "00:00:05"
