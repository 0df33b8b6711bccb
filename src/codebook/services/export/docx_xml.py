"""Writing WordprocessingML straight into a python-docx document, fast.

python-docx's ``add_paragraph`` inserts each paragraph before the section
properties by scanning the body, and looks its style up by name every time:
10,000 paragraphs take over 20 seconds. ``Body`` detaches the final
``w:sectPr``, appends elements with lxml (style ids resolved once), and puts
the ``w:sectPr`` back at the end: the same 10,000 paragraphs take half a
second, and the result is plain python-docx-readable XML.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# The contents list two levels, themes and their codes: the field's range and the
# heading levels the report gives those two must agree (its sub-headings are not headings).
TOC_DEPTH = 2
TOC_INSTRUCTION = f' TOC \\o "1-{TOC_DEPTH}" \\h \\z \\u '
# Children of w:settings that must come after w:updateFields (ECMA-376 CT_Settings order).
_SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def w(tag: str) -> str:
    """The Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


_P, _PPR, _PSTYLE, _R, _RPR, _T = w("p"), w("pPr"), w("pStyle"), w("r"), w("rPr"), w("t")
_VAL = w("val")
_TOC_LEVELS = {"Heading 1": 1, "Heading 2": 2, "Heading 3": 3}
Element = Any  # an lxml element of the document tree (python-docx's CT_* classes)


def _sub(parent: Element, tag: str, **attrs: str) -> Element:
    child = etree.SubElement(parent, w(tag))
    for key, value in attrs.items():
        child.set(w(key), value)
    return child


def add_text(run: Element, text: str) -> None:
    """Text into a run: ``\\n`` becomes a line break and ``\\t`` a tab, as Word wants."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i:
            etree.SubElement(run, w("br"))
        parts = line.split("\t")
        for j, part in enumerate(parts):
            if j:
                etree.SubElement(run, w("tab"))
            if part:
                t = etree.SubElement(run, _T)
                t.text = part
                if part[0] == " " or part[-1] == " ":
                    t.set(XML_SPACE, "preserve")


class Body:
    """Appends paragraphs and tables to a document body, in order, as raw XML.

    Use it as ``with Body.of(document) as body: ...``; python-docx's own
    ``add_*`` methods must not be used on the document meanwhile.
    """

    def __init__(self, document: Document, text_width: int) -> None:
        self.document = document
        self.element: Element = document.element.body
        self.text_width = text_width  # twips between the margins
        self._style_ids: dict[str, str] = {}
        self._toc: Element | None = None
        self.headings: list[tuple[int, str]] = []  # (level, text) of Heading 1-3

    @classmethod
    @contextmanager
    def of(cls, document: Document) -> Iterator[Body]:
        section = document.sections[0]
        page, left, right = section.page_width, section.left_margin, section.right_margin
        width = (page or 0) - (left or 0) - (right or 0)
        body = cls(document, int(width / 635))  # EMU -> twips
        sect = body.element.sectPr
        if sect is not None:
            body.element.remove(sect)
        try:
            yield body
            body._fill_toc()
        finally:
            if sect is not None:
                body.element.append(sect)

    def style_id(self, name: str) -> str:
        """The id of a style by its UI name, looked up once ("Heading 1" -> "Heading1")."""
        found = self._style_ids.get(name)
        if found is None:
            found = self.document.styles[name].style_id
            self._style_ids[name] = found
        return found

    def paragraph(
        self,
        text: str = "",
        style: str | None = None,
        *,
        bold: bool = False,
        italic: bool = False,
        align: str | None = None,
        page_break_before: bool = False,
        keep_next: bool = False,
    ) -> Element:
        p = etree.SubElement(self.element, _P)
        self._ppr(p, style, align, page_break_before, keep_next)
        if text:
            self.run(p, text, bold=bold, italic=italic)
        if style in _TOC_LEVELS:
            self.headings.append((_TOC_LEVELS[style], text))
        return p

    def run(
        self,
        p: Element,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        color: str | None = None,
    ) -> Element:
        """A run of text; ``color`` as six hex digits ("1F77B4")."""
        r = etree.SubElement(p, _R)
        if bold or italic or color:
            rpr = etree.SubElement(r, _RPR)
            if bold:
                etree.SubElement(rpr, w("b"))
            if italic:
                etree.SubElement(rpr, w("i"))
            if color:
                etree.SubElement(rpr, w("color")).set(_VAL, color)
        add_text(r, text)
        return r

    def _ppr(
        self,
        p: Element,
        style: str | None,
        align: str | None = None,
        page_break_before: bool = False,
        keep_next: bool = False,
    ) -> None:
        if not (style or align or page_break_before or keep_next):
            return
        ppr = etree.SubElement(p, _PPR)
        if style:
            etree.SubElement(ppr, _PSTYLE).set(_VAL, self.style_id(style))
        if keep_next:
            etree.SubElement(ppr, w("keepNext"))
        if page_break_before:
            etree.SubElement(ppr, w("pageBreakBefore"))
        if align:
            etree.SubElement(ppr, w("jc")).set(_VAL, align)

    def page_break(self) -> None:
        p = etree.SubElement(self.element, _P)
        _sub(etree.SubElement(p, _R), "br", type="page")

    def toc(self, placeholder: str) -> None:
        """A real table-of-contents field (headings 1-2, hyperlinked), marked dirty.

        Word rebuilds it, with page numbers, when the file opens (given
        ``w:updateFields`` in the settings). Its cached result, what readers
        that do not update fields show (LibreOffice's PDF conversion, previews),
        is filled in when the body is complete: the headings up to ``TOC_DEPTH``,
        indented by level, without page numbers. With no headings it shows
        ``placeholder``.
        """
        p = etree.SubElement(self.element, _P)
        self._field_begin(p)
        self.run(p, placeholder, italic=True)
        _sub(_sub(p, "r"), "fldChar", fldCharType="end")
        self._toc = p

    def _field_begin(self, p: Element) -> None:
        _sub(_sub(p, "r"), "fldChar", fldCharType="begin", dirty="true")
        instr = _sub(_sub(p, "r"), "instrText")
        instr.text = TOC_INSTRUCTION
        instr.set(XML_SPACE, "preserve")
        _sub(_sub(p, "r"), "fldChar", fldCharType="separate")

    def _fill_toc(self) -> None:
        """Replace the placeholder by one paragraph per heading, inside the same field."""
        listed = [(level, text) for level, text in self.headings if level <= TOC_DEPTH]
        if self._toc is None or not listed:
            return
        entries: list[Element] = []
        for level, text in listed:
            p = etree.Element(_P)
            ppr = _sub(p, "pPr")
            _sub(ppr, "spacing", after="40")
            _sub(ppr, "ind", left=str(360 * (level - 1)))
            if not entries:
                self._field_begin(p)
            self.run(p, text, bold=level == 1)
            entries.append(p)
        _sub(_sub(entries[-1], "r"), "fldChar", fldCharType="end")
        anchor = self._toc
        for p in entries:
            anchor.addnext(p)
            anchor = p
        self.element.remove(self._toc)
        self._toc = None

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str | int]],
        *,
        widths: Sequence[float] | None = None,
        style: str = "Table Grid",
    ) -> Element:
        """A table with a repeating bold header row; ints are right-aligned.

        ``widths`` are fractions of the text width (default: equal columns).
        """
        n = len(header)
        fractions = list(widths) if widths else [1 / n] * n
        twips = [str(int(self.text_width * f)) for f in fractions]
        tbl = etree.SubElement(self.element, w("tbl"))
        tbl_pr = _sub(tbl, "tblPr")
        _sub(tbl_pr, "tblStyle", val=self.style_id(style))
        _sub(tbl_pr, "tblW", w="0", type="auto")
        _sub(tbl_pr, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1",
             lastColumn="0", noHBand="0", noVBand="1")  # fmt: skip
        grid = _sub(tbl, "tblGrid")
        for width in twips:
            _sub(grid, "gridCol", w=width)
        self._row(tbl, header, twips, header=True)
        for row in rows:
            self._row(tbl, row, twips, header=False)
        return tbl

    def _row(
        self, tbl: Element, cells: Sequence[str | int], twips: Sequence[str], *, header: bool
    ) -> None:
        tr = _sub(tbl, "tr")
        if header:
            _sub(_sub(tr, "trPr"), "tblHeader")
        for value, width in zip(cells, twips, strict=True):
            tc = _sub(tr, "tc")
            _sub(_sub(tc, "tcPr"), "tcW", w=width, type="dxa")
            p = _sub(tc, "p")
            numeric = isinstance(value, int)
            ppr = _sub(p, "pPr")
            _sub(ppr, "spacing", after="0")
            if numeric:
                _sub(ppr, "jc", val="right")
            text = str(value)
            if text:
                self.run(p, text, bold=header)


def set_update_fields(document: Document) -> None:
    """Ask Word to update fields (the table of contents) when the file is opened."""
    settings = document.settings.element
    for old in settings.findall(w("updateFields")):
        settings.remove(old)
    flag = etree.Element(w("updateFields"))
    flag.set(_VAL, "true")
    for name in _SETTINGS_AFTER_UPDATE_FIELDS:
        successor = settings.find(w(name))
        if successor is not None:
            successor.addprevious(flag)
            return
    settings.append(flag)


def set_language(document: Document, tag: str) -> None:
    """The proofing language of the whole document (``nl-NL``), in the default run style."""
    defaults = document.styles.element.find(w("docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
    if rpr is None:
        return
    lang = rpr.find(w("lang"))
    if lang is None:
        lang = _sub(rpr, "lang")
    lang.set(_VAL, tag)
    lang.set(w("eastAsia"), tag)
