"""REFI-QDA .qdc: exports validate against the schema, imports keep guids and fields,
and untrusted files are refused with one line naming file and line."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from lxml import etree

from codebook.db.engine import Store
from codebook.domain import CodebookError, CodebookFileError, CodebookSpec, CodeFields
from codebook.services.codebook.exchange import (
    export_codebook,
    import_codebook,
    project_codebook,
)
from codebook.services.codebook.qdc_format import (
    XSD_PATH,
    description_text,
    dump_qdc,
    load_qdc,
    parse_description,
    parse_qdc,
)
from codebook.services.codebook.revisions import retire_code
from codebook.services.codebook.yaml_format import load_yaml
from helpers import counts

CODEBOOKS = Path(__file__).resolve().parents[1] / "codebooks"


def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


def _valid(data: bytes) -> bool:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return bool(_schema().validate(etree.fromstring(data, parser)))


#: sha256 of the REFI-QDA 1.0 codebook schema (openqda/refi-tools, docs/schemas/codebook/v1.0).
REFI_CODEBOOK_SHA256 = "bc4706a6fdb736cc3248de1753366f2b1f5b13e6828d319cea2874deb7e61b52"


def test_the_packaged_schema_is_the_refi_codebook_schema_unchanged() -> None:
    assert hashlib.sha256(XSD_PATH.read_bytes()).hexdigest() == REFI_CODEBOOK_SHA256


@pytest.mark.parametrize("name", ["werkplaatsen.yaml", "generic-interview-en.yaml"])
def test_shipped_codebooks_export_valid_qdc_and_come_back_unchanged(
    name: str, tmp_path: Path
) -> None:
    spec = load_yaml(CODEBOOKS / name)
    data = dump_qdc(spec)
    assert _valid(data)
    assert b'isCodable="true"' in data
    assert b'xmlns="urn:QDA-XML:codebook:1.0"' in data
    path = tmp_path / "book.qdc"
    path.write_bytes(data)
    back = load_qdc(path)
    assert back.codes == spec.codes  # guids, names, colours, every structured field


def test_description_is_labelled_lines_and_parses_back() -> None:
    fields = CodeFields(
        "Tijd",
        brief_definition="Tijd voor onderzoek.",
        full_definition="Eerste regel\nTweede regel\n\nNa een lege regel",
        when_to_use="Bij uren.",
        when_not_to_use="",
        example="Example: nested label",
        keywords=("uur", "tijd"),
    )
    text = description_text(fields)
    assert text.splitlines()[0] == "Brief definition: Tijd voor onderzoek."
    assert "Keywords: uur, tijd" in text
    assert "When not to use" not in text
    parsed = parse_description(text)
    assert parsed == {
        "brief_definition": "Tijd voor onderzoek.",
        "full_definition": "Eerste regel\nTweede regel\n\nNa een lege regel",
        "when_to_use": "Bij uren.",
        "example": "Example: nested label",
        "keywords": ("uur", "tijd"),
    }


def test_a_foreign_description_becomes_the_full_definition(tmp_path: Path) -> None:
    path = tmp_path / "atlas.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti">\n'
        "  <Codes>\n"
        '    <Code guid="{4A656C06-F4C9-470A-9784-1CC4440BD6A0}" name="Tijd" isCodable="false"'
        ' color="#a1b">\n'
        "      <Description>Use for time.\nAlso: hours.</Description>\n"
        '      <Code guid="18b812c9-69bd-44b9-964e-541a292a6719" name="Uren" isCodable="true"/>\n'
        "    </Code>\n"
        "  </Codes>\n"
        "</CodeBook>\n",
        encoding="utf-8",
    )
    spec = load_qdc(path)
    (code,) = spec.codes
    assert code.guid == "4a656c06-f4c9-470a-9784-1cc4440bd6a0"
    assert code.fields.color == "#AA11BB"
    assert code.fields.full_definition == "Use for time.\nAlso: hours."
    assert code.fields.brief_definition == ""
    assert [c.fields.name for c in code.children] == ["Uren"]


def test_import_into_a_project_keeps_guids_names_colours_and_fields(
    store: Store, coder: int, tmp_path: Path
) -> None:
    spec = load_yaml(CODEBOOKS / "generic-interview-en.yaml")
    path = tmp_path / "generic.qdc"
    path.write_bytes(dump_qdc(spec))
    with store.write() as s:
        revision = import_codebook(s, coder, path, reason="from NVivo")
    assert revision.kind == "import"
    with store.read() as s:
        assert project_codebook(s).codes == spec.codes
        out = tmp_path / "again.qdc"
        export_codebook(s, out)
    assert _valid(out.read_bytes())
    assert load_qdc(out).codes == spec.codes


def test_retired_codes_cannot_go_to_a_qdc(store: Store, coder: int, tmp_path: Path) -> None:
    with store.write() as s:
        import_codebook(s, coder, CODEBOOKS / "generic-interview-en.yaml")
        retire_code(s, coder, "Emotions")
    with (
        pytest.raises(CodebookError, match=r"a \.qdc cannot mark codes as retired"),
        store.read() as s,
    ):
        export_codebook(s, tmp_path / "x.qdc", include_retired=True)
    assert not (tmp_path / "x.qdc").exists()
    with store.read() as s:
        export_codebook(s, tmp_path / "x.qdc")
    names = [c.fields.name for c in load_qdc(tmp_path / "x.qdc").codes]
    assert "Emotions" not in names
    assert "Context" in names


def test_an_empty_codebook_cannot_be_a_qdc() -> None:
    with pytest.raises(CodebookFileError, match="needs at least one code"):
        dump_qdc(CodebookSpec("leeg", ()))


# ---------------------------------------------------------------------------
# bad files: one line, file and line named, nothing changed

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n'
GUID_A = "0b0c8a0e-3f6c-4d2e-9d4e-0d1f2a3b4c5d"
GUID_B = "1b0c8a0e-3f6c-4d2e-9d4e-0d1f2a3b4c5d"

BAD_QDC: list[tuple[str, str, int, str]] = [
    (
        "schema.qdc",
        HEAD + f'<Codes>\n<Code guid="{GUID_A}" name="A"/>\n</Codes>\n</CodeBook>\n',
        4,
        "not a valid REFI-QDA codebook",
    ),
    (
        "namespace.qdc",
        '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1:0">\n'
        f'<Codes><Code guid="{GUID_A}" name="A" isCodable="true"/></Codes>\n</CodeBook>\n',
        2,
        "not a valid REFI-QDA codebook",
    ),
    ("empty.qdc", HEAD + "<Codes/>\n</CodeBook>\n", 3, "not a valid REFI-QDA codebook"),
    (
        "color.qdc",
        HEAD + f'<Codes>\n<Code guid="{GUID_A}" name="A" isCodable="true" color="red"/>\n'
        "</Codes></CodeBook>\n",
        4,
        "not a valid REFI-QDA codebook",
    ),
    (
        "broken.qdc",
        HEAD + f'<Codes>\n<Code guid="{GUID_A}" name="A" isCodable="true">\n</Codes>\n',
        5,
        "not well-formed XML",
    ),
    (
        "duplicate.qdc",
        HEAD + f'<Codes>\n<Code guid="{GUID_A}" name="A" isCodable="true"/>\n'
        f'<Code guid="{GUID_B}" name="a" isCodable="true"/>\n</Codes>\n</CodeBook>\n',
        5,
        "duplicate sibling name 'a' at the top level",
    ),
    (
        "guids.qdc",
        HEAD + f'<Codes>\n<Code guid="{GUID_A}" name="A" isCodable="true"/>\n'
        f'<Code guid="{{{GUID_A.upper()}}}" name="B" isCodable="true"/>\n</Codes>\n</CodeBook>\n',
        5,
        "already used on line 4",
    ),
    (
        "gt.qdc",
        HEAD + f'<Codes>\n<Code guid="{GUID_A}" name="A &gt; B" isCodable="true"/>\n'
        "</Codes>\n</CodeBook>\n",
        4,
        "may not contain '>'",
    ),
]


def _entity_file(tmp_path: Path) -> tuple[Path, str]:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    path = tmp_path / "xxe.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE CodeBook [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n'
        f'<Codes><Code guid="{GUID_A}" name="A" isCodable="true">'
        "<Description>&leak;</Description></Code></Codes>\n</CodeBook>\n",
        encoding="utf-8",
    )
    return path, "TOP-SECRET-VALUE"


@pytest.mark.parametrize(("name", "text", "line", "message"), BAD_QDC, ids=[b[0] for b in BAD_QDC])
def test_bad_qdc_gives_one_line_naming_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookFileError) as info:
        load_qdc(path)
    error = str(info.value)
    assert "\n" not in error
    assert error.startswith(f"{path}:{line}:"), error
    assert message in error


def test_an_external_entity_is_never_resolved(tmp_path: Path) -> None:
    path, secret = _entity_file(tmp_path)
    with pytest.raises(CodebookFileError) as info:
        load_qdc(path)
    error = str(info.value)
    assert error.startswith(f"{path}:2:")
    assert "DOCTYPE and entity declarations are not allowed" in error
    assert secret not in error


def test_a_doctype_hidden_from_the_byte_check_is_still_refused() -> None:
    data = (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<!DOCTYPE CodeBook [<!ENTITY x "y">]>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
        f'<Codes><Code guid="{GUID_A}" name="A" isCodable="true"/></Codes></CodeBook>\n'
    ).encode("utf-16")
    with pytest.raises(CodebookFileError, match=r"utf16\.qdc:1: DOCTYPE"):
        parse_qdc(data, "utf16.qdc")


def test_bad_files_change_nothing(store: Store, coder: int, tmp_path: Path) -> None:
    with store.write() as s:
        import_codebook(s, coder, CODEBOOKS / "generic-interview-en.yaml")
    before = counts(store)
    paths = [_entity_file(tmp_path)[0]]
    for name, text, _line, _message in BAD_QDC:
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    for path in paths:
        with (
            pytest.raises(CodebookFileError, match=re.escape(path.name)),
            store.write() as s,
        ):
            import_codebook(s, coder, path)
    assert counts(store) == before


def test_an_empty_sets_from_taguette_is_accepted_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpers import run_cli

    qdc = tmp_path / "taguette.qdc"
    qdc.write_text(
        HEAD
        + f'<Codes><Code guid="{GUID_A}" name="Tijd" isCodable="true"/></Codes>\n<Sets/>\n'
        + "</CodeBook>\n",
        encoding="utf-8",
    )
    project = str(tmp_path / "p.db")
    assert run_cli(capsys, "init", project)[0] == 0
    code, out, err = run_cli(capsys, "--coder", "anna", "codebook", "import", project, str(qdc))
    assert code == 0, err
    assert f"warning: {qdc}:4: empty <Sets/> ignored" in out
    assert "Codebook version 1" in out
    assert parse_qdc(qdc.read_bytes(), "t.qdc").warnings == ("t.qdc:4: empty <Sets/> ignored",)
