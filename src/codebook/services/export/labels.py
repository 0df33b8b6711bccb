"""Headings and labels of the exports, in English and Dutch.

Both dictionaries have exactly the same keys (a test checks), so a label used
by a writer can never be missing in one language. ``{name}`` placeholders are
filled with ``str.format``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from codebook.domain import CodebookError

EN: dict[str, str] = {
    "report_title": "Theme summary",
    "generated": "Generated with codebook",
    "project": "Project",
    "date": "Date",
    "coders": "Coders",
    "codebook_version": "Codebook version",
    "documents": "Documents",
    "filter": "Selection",
    "all_documents": "all documents",
    "contents": "Contents",
    "toc_placeholder": "Right-click and choose Update Field to show the table of contents.",
    "definition": "Definition",
    "counts": "Counts",
    "counts_by": "Counts by {attribute}",
    "segments": "Segments",
    "words_coded": "Words coded",
    "total": "Total",
    "none": "(none)",
    "quotes": "Quotes",
    "no_quotes": "No quotes.",
    "more_quotes": "{count} more quotes not shown.",
    "memo": "Memo",
    "memos": "Memos",
    "no_memos": "No memos on these codes.",
    "memo_title": "Title",
    "memo_text": "Text",
    "author": "Author",
    "when": "When",
    "turn": "turn {number}",
    "coded_by": "coded by {coders}",
    "appendix_codebook": "Appendix A. Codebook",
    "appendix_history": "Appendix B. Revision history",
    "appendix_memos": "Appendix C. Memos on the project and documents",
    "memo_on": "On",
    "no_history": "No revisions recorded.",
    "name": "Name",
    "brief_definition": "Brief definition",
    "full_definition": "Full definition",
    "when_to_use": "When to use",
    "when_not_to_use": "When not to use",
    "example": "Example",
    "keywords": "Keywords",
    "color": "Colour",
    "retired": "retired",
    "status": "Status",
    "active": "active",
    "version": "Version",
    "kind": "Kind",
    "who": "Who",
    "reason": "Reason",
    "code": "Code",
    "coder": "Coder",
    "document": "Document",
    "start": "Start",
    "end": "End",
    "speaker": "Speaker",
    "turn_number": "Turn",
    "timecode": "Timecode",
    "text": "Text",
    "note": "Memo",
    "context_before": "Context before",
    "context_after": "Context after",
    "codings": "Codings",
    "sheet_codings": "Codings",
    "sheet_matrix": "Code x case",
    "sheet_cooccurrence": "Co-occurrence",
    "sheet_codebook": "Codebook",
    "sheet_history": "History",
    "sheet_memos": "Memos",
    "passage": "Passage",
    "created_utc": "Created (UTC)",
    "when_utc": "When (UTC)",
    "edited_utc": "Last edited (UTC)",
    "on_project": "project",
    "on_document": "document",
    "on_code": "code",
    "on_coding": "coding",
    "matrix_unit": "Number of {unit} per code and case",
    "cooccurrence_unit": "Number of {unit} where both codes occur",
    "unit_segments": "segments",
    "unit_documents": "documents",
    "unit_words": "words coded",
    "unit_segment": "overlapping coded segments",
    "unit_sentence": "sentences",
    "unit_turn": "turns",
    "months": "January February March April May June July August September October "
    "November December",
}

NL: dict[str, str] = {
    "report_title": "Themarapportage",
    "generated": "Gemaakt met codebook",
    "project": "Project",
    "date": "Datum",
    "coders": "Codeurs",
    "codebook_version": "Versie codeboek",
    "documents": "Documenten",
    "filter": "Selectie",
    "all_documents": "alle documenten",
    "contents": "Inhoud",
    "toc_placeholder": "Klik met de rechtermuisknop en kies Veld bijwerken om de inhoudsopgave "
    "te tonen.",
    "definition": "Definitie",
    "counts": "Aantallen",
    "counts_by": "Aantallen per {attribute}",
    "segments": "Fragmenten",
    "words_coded": "Gecodeerde woorden",
    "total": "Totaal",
    "none": "(geen)",
    "quotes": "Citaten",
    "no_quotes": "Geen citaten.",
    "more_quotes": "Nog {count} citaten niet getoond.",
    "memo": "Memo",
    "memos": "Memo's",
    "no_memos": "Geen memo's bij deze codes.",
    "memo_title": "Titel",
    "memo_text": "Tekst",
    "author": "Auteur",
    "when": "Wanneer",
    "turn": "beurt {number}",
    "coded_by": "gecodeerd door {coders}",
    "appendix_codebook": "Bijlage A. Codeboek",
    "appendix_history": "Bijlage B. Revisiegeschiedenis",
    "appendix_memos": "Bijlage C. Memo's bij het project en de documenten",
    "memo_on": "Bij",
    "no_history": "Geen revisies vastgelegd.",
    "name": "Naam",
    "brief_definition": "Korte definitie",
    "full_definition": "Volledige definitie",
    "when_to_use": "Wanneer gebruiken",
    "when_not_to_use": "Wanneer niet gebruiken",
    "example": "Voorbeeld",
    "keywords": "Trefwoorden",
    "color": "Kleur",
    "retired": "buiten gebruik",
    "status": "Status",
    "active": "in gebruik",
    "version": "Versie",
    "kind": "Soort",
    "who": "Wie",
    "reason": "Reden",
    "code": "Code",
    "coder": "Codeur",
    "document": "Document",
    "start": "Begin",
    "end": "Einde",
    "speaker": "Spreker",
    "turn_number": "Beurt",
    "timecode": "Tijdcode",
    "text": "Tekst",
    "note": "Memo",
    "context_before": "Context ervoor",
    "context_after": "Context erna",
    "codings": "Coderingen",
    "sheet_codings": "Coderingen",
    "sheet_matrix": "Code x casus",
    "sheet_cooccurrence": "Co-occurrentie",
    "sheet_codebook": "Codeboek",
    "sheet_history": "Geschiedenis",
    "sheet_memos": "Memo's",
    "passage": "Fragment",
    "created_utc": "Aangemaakt (UTC)",
    "when_utc": "Wanneer (UTC)",
    "edited_utc": "Laatst gewijzigd (UTC)",
    "on_project": "project",
    "on_document": "document",
    "on_code": "code",
    "on_coding": "codering",
    "matrix_unit": "Aantal {unit} per code en casus",
    "cooccurrence_unit": "Aantal {unit} waarin beide codes voorkomen",
    "unit_segments": "fragmenten",
    "unit_documents": "documenten",
    "unit_words": "gecodeerde woorden",
    "unit_segment": "overlappende gecodeerde fragmenten",
    "unit_sentence": "zinnen",
    "unit_turn": "beurten",
    "months": "januari februari maart april mei juni juli augustus september oktober "
    "november december",
}

LANGUAGES: dict[str, dict[str, str]] = {"en": EN, "nl": NL}
WORD_LANGUAGE = {"en": "en-GB", "nl": "nl-NL"}


def labels(lang: str) -> Mapping[str, str]:
    """The labels of ``lang`` (``en`` or ``nl``)."""
    try:
        return LANGUAGES[lang]
    except KeyError:
        raise CodebookError(f"unknown language '{lang}' (use en or nl)") from None


def long_date(day: date, lang: str) -> str:
    """``25 November 2026`` / ``25 november 2026``."""
    months = labels(lang)["months"].split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def timecode(seconds: float) -> str:
    """``01:02:03`` for 3723.4 seconds."""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
