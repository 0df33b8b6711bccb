"""Use case of agreement between coders: the figures per code and pooled, with the units
where coders differ.

The figures are read in one transaction, so every code's numbers describe
the same state of the project even while colleagues keep coding.
"""

from __future__ import annotations

from codebook.domain.agreement import AgreementRequest, AgreementResult
from codebook.project.base import ProjectBase


class AgreementDoor(ProjectBase):
    def agreement(
        self, request: AgreementRequest, *, list_disagreements: bool = True
    ) -> AgreementResult:
        """Agreement of the request's coders over the documents all of them coded.

        Unknown coders or codes, fewer than two coders, or no document coded
        by all of them is a CodebookError. ``list_disagreements=False`` skips
        gathering the units where coders differ (the CLI prints only figures).
        """
        from codebook.services.agreement.compute import agreement

        with self._read() as session:
            return agreement(session, request, list_disagreements=list_disagreements)
