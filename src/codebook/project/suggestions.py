"""Use cases of suggestions: keyword autocode, the queue, and the learned suggester.

Runs and decisions are each one write transaction; accept and reject are
undoable actions of the acting coder. Training reads the examples in a read
transaction, trains outside any transaction and stores the model in a short
write, so a long training never holds SQLite's write lock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from codebook.domain.suggestions import Suggestion, SuggestionRun, TrainingReport
from codebook.project.base import ProjectBase


class SuggestionDoor(ProjectBase):
    def autocode_keywords(
        self,
        codes: Sequence[str | int] | None = None,
        documents: Sequence[str | int] | None = None,
    ) -> SuggestionRun:
        """Queue the sentences where a code's keyword occurs (of the given codes and
        documents, else all); codes nothing."""
        from codebook.services.suggestions.keywords import autocode_keywords

        with self._write() as session:
            code_ids = None if codes is None else [self._code_id(session, c) for c in codes]
            document_ids = (
                None if documents is None else [self._document_id(session, d) for d in documents]
            )
            return autocode_keywords(session, code_ids, document_ids)

    def suggestions(
        self,
        status: str = "open",
        code: str | int | None = None,
        document: str | int | None = None,
        source: str | None = None,
    ) -> list[Suggestion]:
        """The suggestions with that status (open: the queue), in document order."""
        from codebook.services.suggestions.queue import suggestions

        with self._read() as session:
            code_id = None if code is None else self._code_id(session, code)
            document_id = None if document is None else self._document_id(session, document)
            return suggestions(session, status, code_id, document_id, source)

    def accept_suggestion(self, suggestion: int) -> int:
        """Code the suggested sentence as the acting coder; returns the coding's id."""
        from codebook.services.suggestions.queue import accept

        with self._write() as session:
            return accept(session, self._acting(session), suggestion)

    def reject_suggestion(self, suggestion: int) -> None:
        """Reject the suggestion for good (undo reopens it)."""
        from codebook.services.suggestions.queue import reject

        with self._write() as session:
            reject(session, self._acting(session), suggestion)

    def train_suggester(
        self,
        progress: Callable[[int, int, float], None] | None = None,
        evaluate: bool = False,
        min_examples: int = 5,
    ) -> TrainingReport:
        """Train the suggester on the project's coded sentences and keep it in the project;
        with ``evaluate`` the report holds scores on held-out sentences."""
        from codebook.services.suggestions.examples import training_set
        from codebook.services.suggestions.learning import code_paths, store_model, train

        with self._read() as session:
            training = training_set(session, min_examples)
            paths = code_paths(session)
        model, report = train(training, paths, evaluate=evaluate, progress=progress)
        with self._write() as session:
            store_model(session, training.language, training.codes, report, model)
        return report

    def suggest_from_model(self, threshold: float = 0.5) -> SuggestionRun:
        """Queue the codes the trained suggester gives uncoded sentences at ``threshold``."""
        from codebook.services.suggestions.learning import suggest_from_model

        with self._write() as session:
            return suggest_from_model(session, threshold)
