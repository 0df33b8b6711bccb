"""Hostile or damaged .qdpx files are refused with one line naming the file and the problem,
before anything is read from them, and nothing is ever written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from codebook.domain import CodebookFileError
from codebook.services.refi import archive
from codebook.services.refi.reader import read_qdpx
from refi_files import code, codebook, project, qdpx, selection, source_file, text_source

TEXT = "Marieke vertelt over de school."
VALID = project(
    codebook(code("School"))
    + "<Sources>"
    + text_source("Interview", selection("s1", 21, 30, "School"))
    + "</Sources>"
)


def refused(path: Path) -> str:
    """The one-line message ``read_qdpx`` refuses ``path`` with."""
    before = sorted(path.parent.rglob("*"))
    with pytest.raises(CodebookFileError) as info:
        read_qdpx(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path)), message
    assert sorted(path.parent.rglob("*")) == before  # nothing written
    return message


def valid_files() -> dict[str, str | bytes]:
    return {"project.qde": VALID, source_file("Interview"): TEXT}


def test_the_valid_file_reads(tmp_path: Path) -> None:
    read = read_qdpx(qdpx(tmp_path / "ok.qdpx", valid_files()))
    assert [s.name for s in read.sources] == ["Interview"]


@pytest.mark.parametrize(
    "name",
    [
        "../evil.txt",
        "sources/../../evil.txt",
        "/etc/evil.txt",
        "C:/Windows/evil.txt",
        "..\\evil.txt",
        "sources\\evil.txt",
    ],
)
def test_entries_that_escape_the_folder_are_refused(tmp_path: Path, name: str) -> None:
    path = qdpx(tmp_path / "escape.qdpx", {**valid_files(), name: "pwned"})
    assert "points outside the archive's folder" in refused(path)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_zip_bomb_entry_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = qdpx(tmp_path / "bomb.qdpx", {**valid_files(), "sources/bomb.txt": b"0" * (4 << 20)})

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an entry was read")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    message = refused(path)
    assert "sources/bomb.txt" in message
    assert f"more than {archive.MAX_RATIO}:1" in message
    assert "zip bomb" in message


def test_too_much_data_in_total_is_refused_before_anything_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {**valid_files(), "sources/a.txt": b"abc" * 4000, "sources/b.txt": b"xyz" * 4000}
    path = qdpx(tmp_path / "big.qdpx", files)
    monkeypatch.setattr(archive, "MAX_TOTAL_SIZE", 10_000)

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an entry was read")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    assert "uncompressed (refused as a possible zip bomb)" in refused(path)


def test_a_truncated_zip_is_refused(tmp_path: Path) -> None:
    whole = qdpx(tmp_path / "whole.qdpx", valid_files()).read_bytes()
    for cut in (len(whole) // 2, len(whole) - 10, 10):
        path = tmp_path / f"cut{cut}.qdpx"
        path.write_bytes(whole[:cut])
        assert "not a zip archive, or a damaged or truncated one" in refused(path)


def test_a_damaged_entry_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "damaged.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as out:
        out.writestr("project.qde", VALID)
        out.writestr(source_file("Interview"), TEXT)
    data = bytearray(path.read_bytes())
    at = data.index(VALID.encode()[200:220])
    data[at : at + 20] = b"X" * 20  # the CRC no longer matches
    path.write_bytes(bytes(data))
    message = refused(path)
    assert "project.qde: cannot be read (damaged archive" in message


def test_a_zip_without_a_project_file_is_refused(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "empty.qdpx", {source_file("Interview"): TEXT})
    assert refused(path).endswith("no project file (project.qde) in the archive")


def test_two_project_files_and_neither_named_project_qde_is_refused(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "two.qdpx", {"a.qde": VALID, "b.qde": VALID})
    assert "2 project files (a.qde, b.qde) and none named project.qde" in refused(path)


def test_a_file_that_is_not_there(tmp_path: Path) -> None:
    path = tmp_path / "missing.qdpx"
    with pytest.raises(CodebookFileError, match=r"missing\.qdpx: no such file"):
        read_qdpx(path)


def test_a_project_file_cut_off_mid_element_is_refused(tmp_path: Path) -> None:
    for cut in (len(VALID) // 2, len(VALID) - 5, VALID.index("<TextSource") + 20):
        path = qdpx(tmp_path / f"cut{cut}.qdpx", {**valid_files(), "project.qde": VALID[:cut]})
        message = refused(path)
        assert "project.qde: line " in message
        assert "the file is cut off" in message


def test_an_empty_project_file_is_refused(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "blank.qdpx", {**valid_files(), "project.qde": ""})
    assert refused(path).endswith("project.qde: the file is empty")


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    broken = VALID.replace("<Sources>", "<Sources><Oops></Sources>")
    message = refused(qdpx(tmp_path / "bad.qdpx", {**valid_files(), "project.qde": broken}))
    assert "project.qde: line 3, column" in message
    assert "not well-formed XML: Opening and ending tag mismatch" in message


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE Project [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>\n'
)


def test_a_billion_laughs_doctype_is_refused(tmp_path: Path) -> None:
    path = qdpx(tmp_path / "laughs.qdpx", {"project.qde": BILLION_LAUGHS})
    message = refused(path)
    assert "project.qde: line 2: a DOCTYPE or entity declaration is not allowed" in message


def test_an_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    for doctype in (
        f'<!DOCTYPE Project [<!ENTITY leak SYSTEM "file://{secret}">]>',
        '<!DOCTYPE Project SYSTEM "file:///etc/passwd">',
    ):
        xml = VALID.replace("<Project ", f"{doctype}\n<Project ", 1).replace(
            'name="Study"', 'name="&leak;"' if "leak" in doctype else 'name="Study"'
        )
        path = qdpx(tmp_path / "xxe.qdpx", {**valid_files(), "project.qde": xml})
        message = refused(path)
        assert "DOCTYPE or entity declaration is not allowed" in message
        assert "TOP-SECRET-VALUE" not in message
        path.unlink()


def test_a_doctype_in_utf16_is_refused_after_parsing(tmp_path: Path) -> None:
    xml = VALID.replace('encoding="utf-8"', 'encoding="UTF-16"').replace(
        "<Project ", '<!DOCTYPE Project [<!ENTITY x "y">]>\n<Project ', 1
    )
    path = qdpx(tmp_path / "utf16.qdpx", {**valid_files(), "project.qde": xml.encode("utf-16")})
    assert "project.qde: line 1: a DOCTYPE or entity declaration is not allowed" in refused(path)


def test_a_source_that_is_not_text_is_refused_with_its_name(tmp_path: Path) -> None:
    files = {**valid_files(), source_file("Interview"): "caf\u00e9".encode("latin-1")}
    message = refused(qdpx(tmp_path / "latin.qdpx", files))
    assert f"{source_file('Interview')} (TextSource 'Interview'): not UTF-8 text" in message


def test_a_doctype_quoted_in_a_text_is_not_a_declaration(tmp_path: Path) -> None:
    xml = VALID.replace(
        "<Sources>",
        "<Sources><TextSource guid='0b0c8a0e-3f6c-4d2e-9d4e-0d1f2a3b4c5d' name='Html'>"
        "<PlainTextContent><![CDATA[<!DOCTYPE html><p>x</p>]]></PlainTextContent>"
        "</TextSource>",
    )
    read = read_qdpx(qdpx(tmp_path / "cdata.qdpx", {**valid_files(), "project.qde": xml}))
    assert read.sources[0].text == "<!DOCTYPE html><p>x</p>"
