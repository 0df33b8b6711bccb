"""The words for the kinds of codebook revision and of change between two versions.

The TUI's history, the CLI's ``codebook history``/``diff`` and the report's
appendix all name the same kinds; one table keeps them saying the same word
in each language, and each face's label table takes it in under its own prefix.
"""

from __future__ import annotations

from collections.abc import Mapping

REVISION_KINDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "create": "create",
        "rename": "rename",
        "redefine": "redefine",
        "recolour": "recolour",
        "move": "move",
        "merge": "merge",
        "split": "split",
        "retire": "retire",
        "unretire": "unretire",
        "undo": "undo",
        "redo": "redo",
        "import": "import",
    },
    "nl": {
        "create": "aangemaakt",
        "rename": "hernoemd",
        "redefine": "opnieuw gedefinieerd",
        "recolour": "nieuwe kleur",
        "move": "verplaatst",
        "merge": "samengevoegd",
        "split": "gesplitst",
        "retire": "buiten gebruik gesteld",
        "unretire": "weer in gebruik",
        "undo": "ongedaan gemaakt",
        "redo": "opnieuw gedaan",
        "import": "geïmporteerd",
    },
}
"""What a revision did, as the history stores its kind."""

CHANGE_KINDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "added": "added",
        "removed": "removed",
        "retired": "retired",
        "unretired": "unretired",
        "renamed": "renamed",
        "moved": "moved",
        "merged": "merged",
        "redefined": "redefined",
        "reordered": "reordered",
    },
    "nl": {
        "added": "toegevoegd",
        "removed": "verwijderd",
        "retired": "buiten gebruik",
        "unretired": "weer in gebruik",
        "renamed": "hernoemd",
        "moved": "verplaatst",
        "merged": "samengevoegd",
        "redefined": "opnieuw gedefinieerd",
        "reordered": "anders geordend",
    },
}
"""How a code differs between two codebook versions."""


def prefixed(words: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The words keyed as a label table keys them: ``revision_create``, ``diff_added``."""
    return {f"{prefix}{kind}": word for kind, word in words.items()}
