"""The languages a project or a document can be in: those spaCy 3.8 has a blank pipeline for.

Fixed here rather than asked of spaCy, so checking ``--language`` stays free of
spaCy's start-up; ``tests/languages`` holds the list against spaCy's own.
``xx`` is spaCy's multi-language pipeline, the honest choice for "unknown".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from codebook.domain.errors import CodebookError

#: Every code of a ``spacy/lang/*`` package in spaCy 3.8.
LANGUAGES: tuple[str, ...] = (
    "af", "am", "ar", "az", "bg", "bn", "bo", "ca", "cs", "da", "de", "dsb", "el", "en",
    "es", "et", "eu", "fa", "fi", "fo", "fr", "ga", "gd", "grc", "gu", "he", "hi", "hr",
    "hsb", "ht", "hu", "hy", "id", "is", "it", "ja", "kmr", "kn", "ko", "ky", "la", "lb",
    "lg", "lij", "lt", "lv", "mk", "ml", "mr", "ms", "nb", "ne", "nl", "nn", "pl", "pt",
    "ro", "ru", "sa", "si", "sk", "sl", "sq", "sr", "sv", "ta", "te", "th", "ti", "tl",
    "tn", "tr", "tt", "uk", "ur", "vi", "xx", "yo", "zh",
)  # fmt: skip

UNKNOWN = "xx"

#: English and Dutch names of the languages analysts here meet most.
NAMES: dict[str, tuple[str, str]] = {
    "nl": ("Dutch", "Nederlands"),
    "en": ("English", "Engels"),
    "de": ("German", "Duits"),
    "fr": ("French", "Frans"),
    "es": ("Spanish", "Spaans"),
    "it": ("Italian", "Italiaans"),
    "pt": ("Portuguese", "Portugees"),
    "da": ("Danish", "Deens"),
    "sv": ("Swedish", "Zweeds"),
    "nb": ("Norwegian Bokmål", "Noors (Bokmål)"),
    "fi": ("Finnish", "Fins"),
    "pl": ("Polish", "Pools"),
    "cs": ("Czech", "Tsjechisch"),
    "tr": ("Turkish", "Turks"),
    "ar": ("Arabic", "Arabisch"),
    "ru": ("Russian", "Russisch"),
    "uk": ("Ukrainian", "Oekraïens"),
    "xx": ("unknown (multi-language)", "onbekend (meertalig)"),
}


def language_name(code: str, lang: str = "en") -> str:
    """The language's name in the reader's language, or the code for a rarer one."""
    names = NAMES.get(code)
    if names is None:
        return code
    return names[1] if lang == "nl" else names[0]


def checked_language(typed: str) -> str:
    """The language code ``typed`` names (any case, spaces around), or a one-line refusal.

    The refusal names the codes nearest to what was typed, since a typo
    (``nd`` for ``nl``) is the usual reason.
    """
    code = typed.strip().lower()
    if code in LANGUAGES:
        return code
    near = difflib.get_close_matches(code, LANGUAGES, n=4, cutoff=0.4)
    if near:
        raise CodebookError(
            "unknown language '{language}': did you mean {near}?",
            language=typed,
            near=", ".join(near),
        )
    raise CodebookError(
        "unknown language '{language}': use a code such as nl, en, de, fr or xx (unknown)",
        language=typed,
    )


@dataclass(frozen=True)
class LanguageChange:
    """A document's language set anew, with its sentence count before and after."""

    document: str
    old: str
    new: str
    sentences: int
    sentences_before: int
    changed: bool
