"""Correcting the language a document was imported in, which decides its sentence splits.

The text does not change, so codings (character offsets) stay where they are;
only ``document.language`` and the sentence spans are rewritten, as one action
in the undo journal so ``codebook undo`` restores both. The text index notices
the changed language itself and rebuilds that document before the next search.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Document, Turn
from codebook.domain import TurnSpan
from codebook.domain.languages import LanguageChange, checked_language
from codebook.services.journal import Recorder


def set_document_language(
    session: Session, coder_id: int, document: Document, language: str
) -> LanguageChange:
    """Give the document ``language`` and split its sentences again with that language's rules."""
    # imported here: opening a project must not load spaCy
    from codebook.services.importing.sentences import sentence_spans

    new = checked_language(language)
    old = document.language
    before = len(document.sentences)
    if new == old:
        return LanguageChange(document.name, old, new, before, before, False)
    turns = [
        TurnSpan(start, end, speaker)
        for start, end, speaker in session.execute(
            select(Turn.start, Turn.end, Turn.speaker)
            .where(Turn.document_id == document.id)
            .order_by(Turn.start)
        )
    ]
    sentences = [list(span) for span in sentence_spans(document.text, turns, new)]
    rec = Recorder(
        session,
        coder_id,
        "document.language",
        f"set the language of '{document.name}' from {old} to {new}",
    )
    rec.update(Document, [document.id], {"language": new, "sentences": sentences})
    rec.finish()
    return LanguageChange(document.name, old, new, len(sentences), before, True)
