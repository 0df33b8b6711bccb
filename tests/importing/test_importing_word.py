"""Word and OpenDocument transcripts as typed in practice: conversation tables, tracked changes,
comments and footnotes, read into the turns an analyst codes."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from codebook.domain import ParsedTranscript
from codebook.domain.documents import ImportRequest
from codebook.project import Project
from codebook.services.importing import read_transcript

MakeDocx = Callable[..., Path]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'
REVISION = 'w:author="Anna" w:date="2024-03-14T10:00:00Z"'
TRACKED_WARNING = "unaccepted tracked changes ({}): the text is read as if all were accepted"


def spoken(parsed: ParsedTranscript) -> list[tuple[str | None, str]]:
    return [(turn.speaker, parsed.text[turn.start : turn.end]) for turn in parsed.turns]


def fill_table(document: Any, rows: Sequence[Sequence[str]]) -> Any:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row_index, row in enumerate(rows):
        for column_index, value in enumerate(row):
            table.cell(row_index, column_index).text = value
    return table


def w_xml(fragment: str) -> Any:
    """A WordprocessingML element from a fragment written without its namespace declaration."""
    from docx.oxml import parse_xml

    return parse_xml(re.sub(r"^<([\w:]+)", rf"<\1 {W}", fragment))


# --- conversation tables -------------------------------------------------------------------


def test_two_column_table_with_a_header_between_paragraphs(make_docx: MakeDocx) -> None:
    rows = [
        ["Spreker", "Tekst"],
        ["Judith", "Dank je, ik ben er klaar voor."],
        ["Interviewer", "Wat doet de coördinator?"],
        ["Judith", "Ik verbind de scholen met de hogeschool."],
    ]
    path = make_docx(
        "tabel.docx",
        ["Interview WOA-02", "Interviewer: Welkom bij dit gesprek.", rows, "Einde opname."],
    )
    parsed = read_transcript(path)
    # The header row names columns: it is neither a turn nor part of the interviewer's turn.
    assert spoken(parsed) == [
        (None, "Interview WOA-02"),
        ("Interviewer", "Welkom bij dit gesprek."),
        ("Judith", "Dank je, ik ben er klaar voor."),
        ("Interviewer", "Wat doet de coördinator?"),
        ("Judith", "Ik verbind de scholen met de hogeschool.\nEinde opname."),
    ]
    assert "Spreker" not in parsed.text and "Tekst" not in parsed.text
    assert parsed.warnings == ()


@pytest.mark.parametrize("header", [["Speaker", "Text"], ["Naam:", "Tekst:"]])
def test_other_header_spellings_are_left_out(make_docx: MakeDocx, header: list[str]) -> None:
    rows = [header, ["I", "How did it start?"], ["R", "With a phone call."]]
    parsed = read_transcript(make_docx("t.docx", ["Interviewer: Shall we start?", rows]))
    assert spoken(parsed) == [
        ("Interviewer", "Shall we start?"),
        ("I", "How did it start?"),
        ("R", "With a phone call."),
    ]


def test_three_column_table_with_timecodes_ranges_and_continuations(make_docx: MakeDocx) -> None:
    rows = [
        ["Tijd", "Spreker", "Tekst"],
        ["00:00:05", "Interviewer", "Wat doet de coördinator?"],
        ["[00:00:09]", "Judith", "Ik verbind de scholen met de hogeschool."],
        ["00:00:20", "", "En ik bewaak de planning."],
        ["00:01:30 - 00:01:33", "Interviewer:", "En het bestuur?"],
        ["01:34", "Judith", "Dat faciliteert ons."],
    ]
    parsed = read_transcript(make_docx("tabel.docx", ["Interview WOA-01", rows]))
    assert spoken(parsed) == [
        (None, "Interview WOA-01"),
        ("Interviewer", "Wat doet de coördinator?"),
        ("Judith", "Ik verbind de scholen met de hogeschool.\nEn ik bewaak de planning."),
        ("Interviewer", "En het bestuur?"),
        ("Judith", "Dat faciliteert ons."),
    ]
    assert [turn.timecode for turn in parsed.turns] == [None, 5.0, 9.0, 90.0, 94.0]


def test_a_speaker_who_speaks_once_in_the_first_row_keeps_the_turn(
    make_docx: MakeDocx,
) -> None:
    # A short first row is not a header unless its cells name columns.
    rows = [
        ["Judith", "Ja"],
        ["Interviewer", "Waarom?"],
        ["Marieke", "Omdat het werkt."],
        ["Interviewer", "Dank je."],
    ]
    parsed = read_transcript(make_docx("t.docx", [rows]))
    assert spoken(parsed) == [
        ("Judith", "Ja"),
        ("Interviewer", "Waarom?"),
        ("Marieke", "Omdat het werkt."),
        ("Interviewer", "Dank je."),
    ]


@pytest.mark.parametrize(
    "participants",
    [
        [
            ["Interviewer", "Anna de Vries"],
            ["Respondent", "Judith Bakker"],
            ["Datum", "14-03-2018"],
        ],
        [["Deelnemer", "Jan Smit"], ["Deelnemer", "Piet de Boer"], ["Deelnemer", "Kees Vos"]],
        [["Naam", "Rol"], ["Jan", "Leraar"], ["Piet", "Directeur"]],
    ],
)
def test_a_table_of_participants_stays_a_table(
    make_docx: MakeDocx, participants: list[list[str]]
) -> None:
    blocks = [participants, "Interviewer: Hoe gaat het?", "Judith: Goed, dank je."]
    parsed = read_transcript(make_docx("t.docx", blocks))
    table = "\n".join("\t".join(row) for row in participants)
    assert spoken(parsed) == [
        (None, table),
        ("Interviewer", "Hoe gaat het?"),
        ("Judith", "Goed, dank je."),
    ]


def test_a_row_merged_across_the_table_does_not_break_the_conversation(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = fill_table(
        document,
        [
            ["Interviewer", "Hoe begon het?"],
            ["Judith", "Met een telefoontje."],
            ["", ""],
            ["Interviewer", "En daarna?"],
            ["Judith", "Een werkplaats."],
        ],
    )
    table.cell(2, 0).merge(table.cell(2, 1)).text = "[pauze]"
    path = tmp_path / "t.docx"
    document.save(str(path))
    parsed = read_transcript(path)
    assert spoken(parsed) == [
        ("Interviewer", "Hoe begon het?"),
        ("Judith", "Met een telefoontje.\n[pauze]"),
        ("Interviewer", "En daarna?"),
        ("Judith", "Een werkplaats."),
    ]


def test_merged_cells_are_read_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = fill_table(
        document,
        [["Interviewer", "Hoe gaat het?"], ["Marieke", "Goed."], ["", "En met jou?"]],
    )
    table.cell(1, 0).merge(table.cell(2, 0))
    wide = document.add_table(rows=1, cols=3)
    wide.cell(0, 0).merge(wide.cell(0, 2)).text = "Einde"
    path = tmp_path / "t.docx"
    document.save(str(path))
    parsed = read_transcript(path)
    assert parsed.text == "Interviewer: Hoe gaat het?\nMarieke: Goed.\nEn met jou?\nEinde"
    assert spoken(parsed) == [
        ("Interviewer", "Hoe gaat het?"),
        ("Marieke", "Goed.\nEn met jou?\nEinde"),
    ]


def test_a_nested_table_is_read_once_inside_its_turn(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = fill_table(
        document,
        [
            ["Interviewer", "Hoe werkt het?"],
            ["Judith", "Zo werkt het."],
            ["Interviewer", "Dank je."],
        ],
    )
    inner = table.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "school"
    inner.cell(0, 1).text = "hogeschool"
    path = tmp_path / "t.docx"
    document.save(str(path))
    parsed = read_transcript(path)
    assert spoken(parsed) == [
        ("Interviewer", "Hoe werkt het?"),
        ("Judith", "Zo werkt het. school hogeschool"),
        ("Interviewer", "Dank je."),
    ]


# --- tracked changes, comments, footnotes --------------------------------------------------


def test_tracked_changes_read_as_word_shows_the_final_text(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Interviewer: De werkplaats ")
    paragraph._p.append(
        w_xml(f'<w:ins w:id="1" {REVISION}><w:r><w:t>deelt nu </w:t></w:r></w:ins>')
    )
    paragraph._p.append(
        w_xml(f'<w:del w:id="2" {REVISION}><w:r><w:delText>mist </w:delText></w:r></w:del>')
    )
    paragraph.add_run("kennis.")
    paragraph.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    paragraph.add_run("Echt.")
    # The mark of this paragraph was deleted: Word joins it to the next one.
    split = document.add_paragraph("Judith: Ja, dat ")
    split._p.get_or_add_pPr().append(w_xml(f'<w:rPr><w:del w:id="3" {REVISION}/></w:rPr>'))
    moved = document.add_paragraph("klopt")
    moved._p.append(
        w_xml(f'<w:moveFrom w:id="4" {REVISION}><w:r><w:t> helemaal</w:t></w:r></w:moveFrom>')
    )
    moved.add_run(".")
    moved._p.append(
        w_xml(f'<w:moveTo w:id="5" {REVISION}><w:r><w:t> Helemaal.</w:t></w:r></w:moveTo>')
    )
    table = fill_table(
        document,
        [["Interviewer", "Waarom?"], ["Judith", "Geschrapt antwoord."], ["Judith", "Daarom."]],
    )
    row = table.rows[1]._tr
    row.get_or_add_trPr().append(w_xml(f'<w:del w:id="6" {REVISION}/>'))
    path = tmp_path / "wijzigingen.docx"
    document.save(str(path))

    parsed = read_transcript(path)
    assert parsed.text == (
        "Interviewer: De werkplaats deelt nu kennis.Echt.\n"
        "Judith: Ja, dat klopt. Helemaal.\n"
        "Interviewer: Waarom?\n"
        "Judith: Daarom."
    )
    assert spoken(parsed)[1] == ("Judith", "Ja, dat klopt. Helemaal.")
    assert parsed.warnings == (TRACKED_WARNING.format("2 insertions, 4 deletions"),)


def minimal_docx(body: str, comments: str, footnotes: str) -> bytes:
    """A Word package written by hand, with a comments and a footnotes part."""
    package = "http://schemas.openxmlformats.org/package/2006"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    main_type = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" '
            f'ContentType="{main_type}.document.main+xml"/>'
            f'<Override PartName="/word/comments.xml" ContentType="{main_type}.comments+xml"/>'
            f'<Override PartName="/word/footnotes.xml" ContentType="{main_type}.footnotes+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            f'<Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{office}/comments" Target="comments.xml"/>'
            f'<Relationship Id="rId2" Type="{office}/footnotes" Target="footnotes.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>"
        )
        archive.writestr("word/comments.xml", f"<w:comments {W}>{comments}</w:comments>")
        archive.writestr("word/footnotes.xml", f"<w:footnotes {W}>{footnotes}</w:footnotes>")
    return buffer.getvalue()


def test_comments_and_footnotes_never_reach_the_transcript(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t xml:space='preserve'>Interviewer: Hoe </w:t></w:r>"
        '<w:commentRangeStart w:id="0"/><w:r><w:t>begon</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>'
        "<w:r><w:t xml:space='preserve'> het?</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Judith: Met een telefoontje.</w:t></w:r>"
        '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    )
    comments = (
        f'<w:comment w:id="0" {REVISION}><w:p><w:r><w:annotationRef/></w:r>'
        "<w:r><w:t>Anna: navragen bij de directie</w:t></w:r></w:p></w:comment>"
    )
    footnotes = (
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        "<w:r><w:t>Transcribent: opname hier onduidelijk</w:t></w:r></w:p></w:footnote>"
    )
    path = tmp_path / "opmerkingen.docx"
    path.write_bytes(minimal_docx(body, comments, footnotes))
    parsed = read_transcript(path)
    assert spoken(parsed) == [("Interviewer", "Hoe begon het?"), ("Judith", "Met een telefoontje.")]
    assert parsed.warnings == ()


# --- OpenDocument --------------------------------------------------------------------------

ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def minimal_odt(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
            ">"
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        archive.writestr(
            "content.xml",
            f'<office:document-content {ODT_NAMESPACES} office:version="1.3">'
            f"<office:body><office:text>{body}</office:text></office:body>"
            "</office:document-content>",
        )
    return buffer.getvalue()


def test_odt_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    info = "<office:change-info><dc:creator>Anna</dc:creator></office:change-info>"
    body = (
        "<text:tracked-changes>"
        f'<text:changed-region text:id="c1"><text:insertion>{info}</text:insertion>'
        "</text:changed-region>"
        f'<text:changed-region text:id="c2"><text:deletion>{info}'
        "<text:p>mist </text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        "<text:p>Interviewer: De werkplaats "
        '<text:change-start text:change-id="c1"/>deelt nu <text:change-end text:change-id="c1"/>'
        '<text:change text:change-id="c2"/>kennis.</text:p>'
        "<text:p>Judith: Ja.</text:p>"
    )
    path = tmp_path / "wijzigingen.odt"
    path.write_bytes(minimal_odt(body))
    parsed = read_transcript(path)
    assert spoken(parsed) == [
        ("Interviewer", "De werkplaats deelt nu kennis."),
        ("Judith", "Ja."),
    ]
    assert parsed.warnings == (TRACKED_WARNING.format("1 insertion, 1 deletion"),)


def test_odt_conversation_table_with_header_and_merged_row(tmp_path: Path) -> None:
    def row(*cells: str) -> str:
        return (
            "<table:table-row>"
            + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in cells)
            + "</table:table-row>"
        )

    body = (
        "<text:p>Interview WOA-03</text:p>"
        '<table:table table:name="Gesprek"><table:table-column table:number-columns-repeated="3"/>'
        f"<table:table-header-rows>{row('Tijd', 'Spreker', 'Tekst')}</table:table-header-rows>"
        f"{row('00:00:05', 'Interviewer', 'Hoe begon het?')}"
        f"{row('00:00:09', 'Judith', 'Met een telefoontje.')}"
        '<table:table-row><table:table-cell table:number-columns-spanned="3">'
        "<text:p>[pauze]</text:p></table:table-cell>"
        '<table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>'
        f"{row('00:01:10', 'Interviewer', 'En daarna?')}"
        "</table:table>"
    )
    path = tmp_path / "tabel.odt"
    path.write_bytes(minimal_odt(body))
    parsed = read_transcript(path)
    assert spoken(parsed) == [
        (None, "Interview WOA-03"),
        ("Interviewer", "Hoe begon het?"),
        ("Judith", "Met een telefoontje.\n[pauze]"),
        ("Interviewer", "En daarna?"),
    ]
    assert [turn.timecode for turn in parsed.turns] == [None, 5.0, 9.0, 70.0]


# --- through the project door --------------------------------------------------------------


def test_a_word_table_with_tracked_changes_imports_as_turns_with_a_warning(
    tmp_path: Path,
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Interview WOA-04")
    table = fill_table(
        document,
        [
            ["Tijd", "Spreker", "Tekst"],
            ["00:00:05", "Interviewer", "Hoe begon de werkplaats?"],
            ["00:00:09", "Judith", "Met een "],
            ["00:00:20", "Interviewer", "En nu?"],
        ],
    )
    said = table.cell(2, 2).paragraphs[0]._p
    said.append(
        w_xml(f'<w:del w:id="1" {REVISION}><w:r><w:delText>brief.</w:delText></w:r></w:del>')
    )
    said.append(w_xml(f'<w:ins w:id="2" {REVISION}><w:r><w:t>telefoontje.</w:t></w:r></w:ins>'))
    source = tmp_path / "woa-04.docx"
    document.save(str(source))

    with Project.create(tmp_path / "p.db", "t", "nl", coder="anna") as project:
        (outcome,) = project.import_transcripts([source], ImportRequest())
        assert (outcome.status, outcome.turns, outcome.speakers) == ("imported", 4, 2)
        assert TRACKED_WARNING.format("1 insertion, 1 deletion") in outcome.warnings
        opened = project.open_document("woa-04")
    assert [
        (turn.speaker, opened.text[turn.start : turn.end], turn.timecode) for turn in opened.turns
    ] == [
        (None, "Interview WOA-04", None),
        ("Interviewer", "Hoe begon de werkplaats?", 5.0),
        ("Judith", "Met een telefoontje.", 9.0),
        ("Interviewer", "En nu?", 20.0),
    ]
    assert "brief" not in opened.text and "Spreker" not in opened.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "old .doc format or password-protected"),
        (b"PK\x03\x04 afgebroken", "not a zip archive, or truncated"),
    ],
    ids=["old-doc", "broken-zip"],
)
def test_a_refused_word_file_leaves_the_project_as_it_was(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    good = tmp_path / "goed.docx"
    bad = tmp_path / "oud.docx"
    import docx

    document = docx.Document()
    document.add_paragraph("Interviewer: Hallo.")
    document.save(str(good))
    bad.write_bytes(data)
    with Project.create(tmp_path / "p.db", "t", "nl", coder="anna") as project:
        outcomes = project.import_transcripts([bad, good], ImportRequest())
        names = [row.name for row in project.documents()]
    failed = {o.path.name: o for o in outcomes}["oud.docx"]
    assert failed.status == "failed"
    assert str(bad) in failed.detail and reason in failed.detail
    assert "\n" not in failed.detail
    assert names == ["goed.docx"]
