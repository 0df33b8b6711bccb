"""Figures in the Word report: the picture, its numbered caption, and the note on the split.

The caption is Word's own: a paragraph in the "Caption" style whose number
is a ``SEQ Figuur`` (or ``SEQ Figure``) field, so Word renumbers the figures
when an analyst moves or deletes one, and a list of figures can be inserted.
The number written by us is the field's cached result, what readers that do
not update fields show.

The note that says which test decided the split would belong in a footnote,
but python-docx has no footnote API (footnotes live in a separate part with
its own relationships); it is a small paragraph under the caption instead,
in its own style ("Figure Note") so a house style can restyle every note at
once.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING

from lxml import etree

from codebook.domain.surveys import ItemCounts, SplitDecision
from codebook.services.export.docx_xml import XML_SPACE, Body, w

if TYPE_CHECKING:
    from docx.document import Document

    from codebook.services.export.docx_xml import Element

CAPTION_STYLE = "Caption"
NOTE_STYLE = "Figure Note"
_EMU_PER_TWIP = 635

WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "figure": "Figure",
        "chi-square": "chi-square test",
        "fisher": "Fisher's exact test",
        "split": "Split per {attribute}: {test}, {p}.",
        "merged": "Merged over {attribute}: {test}, {p}.",
        "untested": "Not split per {attribute}: too few groups or answers to test.",
    },
    "nl": {
        "figure": "Figuur",
        "chi-square": "chikwadraattoets",
        "fisher": "exacte toets van Fisher",
        "split": "Gesplitst per {attribute}: {test}, {p}.",
        "merged": "Samengevoegd over {attribute}: {test}, {p}.",
        "untested": (
            "Niet gesplitst per {attribute}: te weinig groepen of antwoorden om te toetsen."
        ),
    },
}


def words(lang: str) -> Mapping[str, str]:
    """The captions' and notes' words in ``lang`` (English for a language without a table)."""
    return WORDS.get(lang, WORDS["en"])


def caption_text(counts: ItemCounts, decision: SplitDecision, lang: str) -> str:
    """What follows "Figuur N. ": the item, and who answered it, per group when split.

    "Ervaar je een gelijkwaardige samenwerkingsrelatie met de HO-onderzoeker?
    (leerkracht-onderzoekers: n = 37)", or "(leerkracht-onderzoekers: WOU n = 30,
    WOA n = 19, POINT n = 72)" when the figure is split.
    """
    if decision.split:
        who = ", ".join(f"{group} n = {counts.n(group)}" for group in counts.groups)
    else:
        who = f"n = {counts.n()}"
    return f"{counts.item.text} ({counts.item.survey}: {who})"


def footnote_text(counts: ItemCounts, decision: SplitDecision, lang: str) -> str:
    """The note under a figure: which test decided the split, and its p-value.

    "Split per werkplaats: chi-square test, p = 0.012 < 0.05." lets a reader
    repeat the decision and see how close it was.
    """
    lab = words(lang)
    if decision.test == "none" or decision.p is None:
        return lab["untested"].format(attribute=counts.attribute)
    return lab["split" if decision.split else "merged"].format(
        attribute=counts.attribute,
        test=lab[decision.test],
        p=_p_against(decision.p, decision.threshold, lang),
    )


def add_figure(
    document: Document | Body,
    png: bytes,
    caption: str,
    footnote: str | None,
    number: int,
    *,
    lang: str = "en",
) -> None:
    """The picture at the text width, its numbered caption, and the note under it.

    ``document`` is a python-docx document, or the ``Body`` a report is being
    written through (python-docx's own ``add_*`` must not be mixed with it).
    ``caption`` is what follows "Figuur N. " (see ``caption_text``), ``number``
    the figure's number as written until Word updates the field.
    """
    if isinstance(document, Body):
        _add(document, png, caption, footnote, number, lang)
        return
    with Body.of(document) as body:
        _add(body, png, caption, footnote, number, lang)


def _add(body: Body, png: bytes, caption: str, note: str | None, number: int, lang: str) -> None:
    _ensure_note_style(body.document)
    width = body.text_width * _EMU_PER_TWIP
    inline = body.document.part.new_pic_inline(io.BytesIO(png), width, None)
    inline.docPr.set("descr", caption)
    picture = body.paragraph(keep_next=True)
    etree.SubElement(etree.SubElement(picture, w("r")), w("drawing")).append(inline)
    label = words(lang)["figure"]
    p = body.paragraph(f"{label} ", CAPTION_STYLE, keep_next=note is not None)
    _seq_field(body, p, label, number)
    body.run(p, f". {caption}")
    if note:
        body.paragraph(note, NOTE_STYLE)


def _seq_field(body: Body, p: Element, label: str, number: int) -> None:
    """A ``SEQ <label> \\* ARABIC`` field showing ``number`` until Word updates it."""
    etree.SubElement(etree.SubElement(p, w("r")), w("fldChar")).set(w("fldCharType"), "begin")
    instr = etree.SubElement(etree.SubElement(p, w("r")), w("instrText"))
    instr.text = f" SEQ {label} \\* ARABIC "
    instr.set(XML_SPACE, "preserve")
    etree.SubElement(etree.SubElement(p, w("r")), w("fldChar")).set(w("fldCharType"), "separate")
    body.run(p, str(number))
    etree.SubElement(etree.SubElement(p, w("r")), w("fldChar")).set(w("fldCharType"), "end")


def _ensure_note_style(document: Document) -> None:
    """The notes' style, added once per document: small grey text that ends the figure."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    if NOTE_STYLE in document.styles:
        return
    style = document.styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(8)
    style.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    style.paragraph_format.space_after = Pt(12)


def _p_against(p: float, threshold: float, lang: str) -> str:
    """ "p = 0.012 < 0.05", "p = 0.430 \u2265 0.05"; a p below 0.001 is shown as "p < 0.001"."""
    if p < 0.001 <= threshold:
        return f"p < {_decimal('0.001', lang)}"
    shown = _decimal(f"{p:.3f}" if p >= 0.001 else f"{p:.1e}", lang)
    relation = "<" if p < threshold else "\u2265"
    return f"p = {shown} {relation} {_decimal(f'{threshold:g}', lang)}"


def _decimal(number: str, lang: str) -> str:
    """A decimal point as the language writes it (a comma in Dutch)."""
    return number.replace(".", ",") if lang == "nl" else number
