"""The words of ``codebook export ...`` in English and Dutch.

Plain data, like the other label modules: importing it must stay free. Errors
raised by the services are not here: they stay English.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "export_exists": "{path} already exists; add --force to replace it",
        "export_exists_csv": (
            "{path} already holds CSV files ({names}); add --force to replace them"
        ),
        "pdf_writing": "Writing PDF report",
        "pdf_no_libreoffice": (
            "{path}: a PDF needs LibreOffice, which is not installed (no soffice on PATH); "
            "install LibreOffice, or write the Word report with `codebook export docx`"
        ),
        "pdf_wrote": "Wrote {path}: {themes} themes, {quotes} quotes",
    },
    "nl": {
        "export_exists": "{path} bestaat al; voeg --force toe om het te vervangen",
        "export_exists_csv": (
            "{path} bevat al CSV-bestanden ({names}); voeg --force toe om ze te vervangen"
        ),
        "pdf_writing": "PDF-rapport schrijven",
        "pdf_no_libreoffice": (
            "{path}: voor een PDF is LibreOffice nodig, en dat is niet geïnstalleerd "
            "(geen soffice in PATH); installeer LibreOffice, of schrijf het Word-rapport "
            "met `codebook export docx`"
        ),
        "pdf_wrote": "{path} geschreven: {themes} thema's, {quotes} citaten",
    },
}
