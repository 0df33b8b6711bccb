"""Use cases of settling disagreements: the queue, a resolution, the resolutions made.

The queue is read in one transaction with the agreement figures it belongs
to, so the figures and the units listed describe the same state. Each
resolution is one write transaction and one undoable action of the acting
coder, whose codings are made in the reference coder's name.
"""

from __future__ import annotations

from codebook.domain.agreement import AgreementRequest
from codebook.domain.resolutions import DisagreementQueue, Resolution, ResolutionRequest
from codebook.project.base import ProjectBase


class ResolutionDoor(ProjectBase):
    def coders_with_codings(self) -> list[str]:
        """The coders who have coded something: those an agreement can compare."""
        from codebook.services.resolutions import coders_with_codings

        with self._read() as session:
            return coders_with_codings(session)

    def disagreement_queue(
        self, request: AgreementRequest, *, reference: str | None = None
    ) -> DisagreementQueue:
        """The agreement of ``request`` and every unit where its coders differ, with the
        unit's text, the code's definition and the resolution recorded for it, if any.

        ``reference`` None: the project's reference coder, else ``consensus``.
        """
        from codebook.services.resolutions import disagreement_queue

        with self._read() as session:
            return disagreement_queue(session, request, reference)

    def resolve(self, request: ResolutionRequest) -> Resolution:
        """Settle one disagreement; the reference coder is registered on first use."""
        from codebook.services.resolutions import resolve

        with self._write() as session:
            return resolve(session, self._acting(session), request)

    def resolutions(self, *, reference: str | None = None) -> list[Resolution]:
        """Every resolution recorded for the reference coder, by document and position."""
        from codebook.services.resolutions import resolutions

        with self._read() as session:
            return resolutions(session, reference)
