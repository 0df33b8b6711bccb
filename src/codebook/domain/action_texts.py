"""Undo descriptions, revision summaries and codebook change details in the reader's language.

The journal stores one English line per action ("rename 'A' to 'B'"), which
the codebook history also keeps as the revision's summary; projects made by
earlier versions hold such lines too. So the line is not re-keyed: a face
matches it against the English templates below, the way errors are keyed by
their English template, takes the values back out and fills the Dutch line.
A line no template matches is shown as stored.
"""

from __future__ import annotations

import re
from functools import cache

#: English template of each stored line -> its Dutch line, with the same placeholders.
DUTCH: dict[str, str] = {
    # coding
    "apply '{code}' at {start}-{end}": "'{code}' toegepast op {start}-{end}",
    "reject '{code}' at {start}-{end}": "'{code}' op {start}-{end} afgewezen",
    "apply {count} codings": "{count} coderingen toegepast",
    "remove coding {id}": "codering {id} verwijderd",
    "remove {count} codings": "{count} coderingen verwijderd",
    "adjust coding {id} to {start}-{end}": "codering {id} aangepast tot {start}-{end}",
    "memo on coding {id}": "memo bij codering {id}",
    # review and resolutions
    "keep coding {id}": "codering {id} behouden",
    "keep {count} codings": "{count} coderingen behouden",
    "recode coding {id} to '{code}'": "codering {id} omgecodeerd naar '{code}'",
    "recode {count} codings to '{code}'": "{count} coderingen omgecodeerd naar '{code}'",
    "reference coder {name}": "referentiecodeur {name}",
    "no reference coder": "geen referentiecodeur",
    "resolve '{code}' at {start}-{end} in '{document}': {decision}": (
        "'{code}' op {start}-{end} in '{document}' beslist: {decision}"
    ),
    # documents, text edits, speakers, cases
    "import '{name}'": "'{name}' geïmporteerd",
    "set attributes of '{name}'": "kenmerken van '{name}' ingesteld",
    "replace text of '{document}'": "tekst van '{document}' vervangen",
    "edit turn {turn} of '{document}'": "beurt {turn} van '{document}' bewerkt",
    "rename speaker {speakers} in '{document}'": "spreker {speakers} hernoemd in '{document}'",
    "merge speaker {speakers} into '{target}' in '{document}'": (
        "spreker {speakers} samengevoegd met '{target}' in '{document}'"
    ),
    "find the turns of '{document}' again with label {labels}": (
        "beurten van '{document}' opnieuw gezocht met label {labels}"
    ),
    "'{old}' to '{new}'": "'{old}' in '{new}'",
    "set the language of '{document}' from {old} to {new}": (
        "taal van '{document}' van {old} in {new} veranderd"
    ),
    "link case '{case}' to {target}": "casus '{case}' gekoppeld aan {target}",
    "unlink case '{case}' from {target}": "casus '{case}' losgekoppeld van {target}",
    "speaker '{speaker}' in '{document}'": "spreker '{speaker}' in '{document}'",
    "link the speakers of '{document}' as cases": (
        "sprekers van '{document}' als casussen gekoppeld"
    ),
    # memos
    "memo on {target}": "memo bij {target}",
    "the project": "het project",
    "code '{code}'": "code '{code}'",
    "document '{document}'": "document '{document}'",
    "edit memo {id}": "memo {id} bewerkt",
    "delete memo {id}": "memo {id} verwijderd",
    # codebook revisions
    "create code '{code}'": "code '{code}' aangemaakt",
    "create '{code}'": "'{code}' aangemaakt",
    "rename '{old}' to '{new}'": "'{old}' hernoemd tot '{new}'",
    "redefine '{code}': {fields}": "'{code}' opnieuw gedefinieerd: {fields}",
    "no change": "geen wijziging",
    "brief_definition": "korte definitie",
    "full_definition": "volledige definitie",
    "when_to_use": "wanneer te gebruiken",
    "when_not_to_use": "wanneer niet te gebruiken",
    "example": "voorbeeld",
    "keywords": "kernwoorden",
    "color": "kleur",
    "name": "naam",
    "recolour '{code}' from {old} to {new}": "kleur van '{code}' van {old} naar {new}",
    "move '{code}'": "'{code}' verplaatst",
    "move '{code}' to the top level at position {position}": (
        "'{code}' verplaatst naar het hoogste niveau op plaats {position}"
    ),
    "move '{code}' under '{parent}' at position {position}": (
        "'{code}' verplaatst onder '{parent}' op plaats {position}"
    ),
    "merge '{source}' into '{target}'": "'{source}' samengevoegd met '{target}'",
    "split '{code}' into {names}": "'{code}' gesplitst in {names}",
    "retire '{code}'": "'{code}' buiten gebruik gesteld",
    "retire '{code}' and {count} sub-codes": "'{code}' en {count} subcodes buiten gebruik gesteld",
    "unretire '{code}'": "'{code}' weer in gebruik genomen",
    "unretire '{code}' and {count} sub-codes": (
        "'{code}' en {count} subcodes weer in gebruik genomen"
    ),
    "import codebook '{name}'": "codeboek '{name}' geïmporteerd",
    "import codebook '{name}' from {source}": "codeboek '{name}' geïmporteerd uit {source}",
    "undo of version {version}: {action}": "versie {version} ongedaan gemaakt: {action}",
    "redo of version {version}: {action}": "versie {version} opnieuw gedaan: {action}",
    # the details of a codebook diff or import plan
    "({fields})": "({fields})",
    "(retired)": "(buiten gebruik)",
    "(not in the file; {count} codings kept)": "(niet in het bestand; {count} coderingen behouden)",
    "-> '{name}'": "-> '{name}'",
    "from {where}": "van {where}",
    "(was '{path}')": "(was '{path}')",
    "into '{target}'": "met '{target}'",
    "(children in a new order)": "(subcodes in een nieuwe volgorde)",
    # projects and surveys
    "merge '{other}'": "'{other}' samengevoegd",
    "import survey '{name}'": "vragenlijst '{name}' geïmporteerd",
    "link item '{item}' to '{code}'": "item '{item}' gekoppeld aan '{code}'",
    "unlink item '{item}'": "item '{item}' losgekoppeld",
}

_LANGUAGES = {"nl": DUTCH}
_FIELD = re.compile(r"\{(\w+)\}")


@cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern[str], str, frozenset[str]], ...]:
    """Each template as a pattern, the one with most fixed text first, so "retire 'A' and 2
    sub-codes" is not read as a retirement of a code named "A' and 2 sub-codes"."""
    found = []
    table = _LANGUAGES[lang].items()
    for english, translated in sorted(table, key=lambda kv: -len(_FIELD.sub("", kv[0]))):
        parts = _FIELD.split(english)
        pattern = "".join(
            f"(?P<{part}>.+?)" if i % 2 else re.escape(part) for i, part in enumerate(parts)
        )
        quoted = frozenset(re.findall(r"'\{(\w+)\}'", english))
        found.append((re.compile(pattern, re.DOTALL), translated, quoted))
    return tuple(found)


def action_text(description: str, lang: str = "en") -> str:
    """The stored English ``description`` in ``lang``.

    A value the template quotes is a name and stays as it is; any other value
    may itself be a described thing (a memo's target, a list of renames or
    fields, the action an undo took back) and is translated too.
    """
    if lang not in _LANGUAGES:
        return description
    for pattern, translated, quoted in _patterns(lang):
        match = pattern.fullmatch(description)
        if match:
            values = {
                k: v if k in quoted else _value(v, lang) for k, v in match.groupdict().items()
            }
            return translated.format(**values)
    return description


def _value(value: str, lang: str) -> str:
    return ", ".join(action_text(item, lang) for item in value.split(", "))
