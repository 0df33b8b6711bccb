"""The report's figures: PNGs drawn without a display, embedded in Word with numbered captions."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
from pathlib import Path

import docx
import numpy as np
import pytest
from PIL import Image

from codebook.domain.surveys import ItemCounts, SplitDecision, SurveyItem
from codebook.services.export.docx_xml import Body
from codebook.services.export.figures import add_figure, caption_text, footnote_text
from codebook.services.surveys import figures
from codebook.services.surveys.split import decide_split

AGREE = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")
GROUPS = ("WOU", "WOA", "POINT")
EQUAL = "Ervaar je een gelijkwaardige samenwerkingsrelatie met de HO-onderzoeker?"
LEADER = "Mijn schoolleider ondersteunt het onderzoek actief."
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def item_counts(
    text: str, rows: tuple[tuple[int, ...], ...], labels: tuple[str, ...] = AGREE
) -> ItemCounts:
    kind = "likert" if labels == AGREE else "yesno" if labels == ("ja", "nee") else "choice"
    item = SurveyItem(1, "leerkracht-onderzoekers", "q", text, kind, labels)
    return ItemCounts(item, "werkplaats", GROUPS, rows)


DIFFER = item_counts(LEADER, ((1, 2, 4, 12, 11), (9, 5, 3, 1, 1), (6, 10, 20, 25, 11)))
ALIKE = item_counts(EQUAL, ((2, 3, 6, 12, 7), (1, 2, 4, 8, 4), (5, 7, 14, 30, 16)))
YES_NO = item_counts("Gebruiken collega's de kennis?", ((20, 10), (6, 13), (40, 32)), ("ja", "nee"))


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def colours(png: bytes) -> set[str]:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    return {"#{:02X}{:02X}{:02X}".format(*row) for row in np.unique(pixels, axis=0)}


def test_a_likert_figure_is_a_print_resolution_png_one_text_column_wide() -> None:
    png = figures.likert_figure([ALIKE], split=False, lang="nl")
    width, _ = png_size(png)
    assert abs(width - 16 / 2.54 * figures.DPI) <= 1
    assert Image.open(io.BytesIO(png)).info["Title"] == EQUAL


def test_likert_bars_diverge_from_grey_into_oranges_and_blues() -> None:
    found = colours(figures.likert_figure([DIFFER], split=True, lang="en"))
    assert {*figures.NEGATIVE, figures.NEUTRAL, *figures.POSITIVE} <= found


def test_a_split_figure_has_a_bar_per_group_so_it_is_taller() -> None:
    _, merged = png_size(figures.likert_figure([DIFFER, ALIKE], split=False, lang="en"))
    _, split = png_size(figures.likert_figure([DIFFER, ALIKE], split=True, lang="en"))
    assert split > merged * 1.5


def test_grouped_bars_use_one_colour_per_werkplaats() -> None:
    merged = colours(figures.bar_figure([YES_NO], split=False, lang="nl"))
    split = colours(figures.bar_figure([YES_NO], split=True, lang="nl"))
    group_colours = set(figures.GROUP_COLOURS[: len(GROUPS)])
    assert group_colours <= split
    assert len(group_colours & merged) == 1


def test_a_theme_segments_chart_renders_its_codes_per_group() -> None:
    png = figures.segments_figure(
        "Borging",
        GROUPS,
        {"Borging > Financiering": [3, 10, 4], "Borging > Tijd en ruimte": [8, 0, 5]},
        "nl",
    )
    assert Image.open(io.BytesIO(png)).info["Title"] == "Borging"
    assert set(figures.GROUP_COLOURS[:3]) <= colours(png)


def test_figures_render_without_a_display_and_without_pyplot(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from codebook.domain.surveys import ItemCounts, SurveyItem\n"
        "from codebook.services.surveys.figures import likert_figure, bar_figure\n"
        "item = SurveyItem(1, 's', 'q', 'Vraag', 'yesno', ('ja', 'nee'))\n"
        "counts = ItemCounts(item, 'werkplaats', ('A', 'B'), ((3, 4), (5, 1)))\n"
        "sys.stdout.buffer.write(likert_figure([counts], True, 'nl')[:8])\n"
        "sys.stdout.buffer.write(bar_figure([counts], False, 'en')[:8])\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "DISPLAY")}
    env["MPLCONFIGDIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == PNG_SIGNATURE * 2


def test_two_figures_in_a_document_are_inline_and_numbered_by_seq_fields(tmp_path: Path) -> None:
    document = docx.Document()
    for number, counts in enumerate((DIFFER, ALIKE), start=1):
        decision = decide_split(counts)
        png = figures.likert_figure([counts], decision.split, "nl")
        caption = caption_text(counts, decision, "nl")
        add_figure(document, png, caption, footnote_text(counts, decision, "nl"), number, lang="nl")
    out = tmp_path / "rapport.docx"
    document.save(str(out))

    saved = docx.Document(str(out))
    assert len(saved.inline_shapes) == 2
    section = saved.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert all(abs(shape.width - text_width) < 1000 for shape in saved.inline_shapes)
    captions = [p for p in saved.paragraphs if p.style.name == "Caption"]
    assert [p.text.split(". ")[0] for p in captions] == ["Figuur 1", "Figuur 2"]
    instructions = [node.text for p in captions for node in p._p.iter(f"{W_NS}instrText")]
    assert instructions == [" SEQ Figuur \\* ARABIC "] * 2
    assert captions[0].text == (
        f"Figuur 1. {LEADER} (leerkracht-onderzoekers: WOU n = 30, WOA n = 19, POINT n = 72)"
    )
    assert captions[1].text == f"Figuur 2. {EQUAL} (leerkracht-onderzoekers: n = 121)"
    notes = [p.text for p in saved.paragraphs if p.style.name == "Figure Note"]
    assert notes[0] == "Gesplitst per werkplaats: exacte toets van Fisher, p < 0,001."
    assert notes[1].startswith("Samengevoegd over werkplaats: exacte toets van Fisher, p = ")


def test_a_figure_written_through_a_report_body_keeps_its_place(tmp_path: Path) -> None:
    document = docx.Document()
    png = figures.bar_figure([YES_NO], split=False, lang="en")
    with Body.of(document) as body:
        body.paragraph("Borging", "Heading 1")
        add_figure(body, png, caption_text(YES_NO, decide_split(YES_NO), "en"), None, 1)
        body.paragraph("Wat mensen zeiden")
    out = tmp_path / "report.docx"
    document.save(str(out))

    saved = docx.Document(str(out))
    texts = [p.text for p in saved.paragraphs]
    caption = "Figure 1. Gebruiken collega's de kennis? (leerkracht-onderzoekers: n = 121)"
    assert texts == ["Borging", "", caption, "Wat mensen zeiden"]
    assert len(saved.inline_shapes) == 1
    assert saved.paragraphs[1]._p.xpath(".//w:drawing")


@pytest.mark.parametrize(
    ("decision", "lang", "note"),
    [
        (SplitDecision(True, "fisher", 0.0123, 0.05), "en",
         "Split per werkplaats: Fisher's exact test, p = 0.012 < 0.05."),
        (SplitDecision(False, "chi-square", 0.43, 0.05), "nl",
         "Samengevoegd over werkplaats: chikwadraattoets, p = 0,430 \u2265 0,05."),
        (SplitDecision(False, "none", None, 0.05), "en",
         "Not split per werkplaats: too few groups or answers to test."),
    ],
)  # fmt: skip
def test_the_note_says_which_test_decided(decision: SplitDecision, lang: str, note: str) -> None:
    assert footnote_text(ALIKE, decision, lang) == note
