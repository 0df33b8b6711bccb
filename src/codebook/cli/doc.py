"""``codebook doc``: corrections to one document as a whole, each one undoable.

``codebook doc language PROJECT DOC LANG`` sets the language a document was
imported in (detection can guess wrong on a short or mixed text) and splits
its sentences again with that language's rules; codings do not move.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from codebook.cli.common import ProjectArg, command_group, opened, say, translated
from codebook.cli.labels.languages import LABELS

doc_app = command_group("doc", "Correct one document as a whole (undoable).")


def t(key: str, **values: Any) -> str:
    return translated(LABELS, key, **values)


@doc_app.command("language")
def language(
    project: ProjectArg,
    document: Annotated[str, typer.Argument(metavar="DOC", help="Document name or number.")],
    code: Annotated[
        str, typer.Argument(metavar="LANG", help="Language code: nl, en, de, fr, ... or xx.")
    ],
) -> None:
    """Set a document's language and split its sentences again (undoable)."""
    with opened(project) as door:
        change = door.set_document_language(document, code)
    if not change.changed:
        say(t("same", document=change.document, language=change.new))
        return
    say(
        t(
            "set",
            document=change.document,
            old=change.old,
            new=change.new,
            sentences=change.sentences,
            before=change.sentences_before,
        )
    )
