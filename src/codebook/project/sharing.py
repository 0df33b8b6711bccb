"""Use case of a project shared by a team: noticing what the others changed."""

from __future__ import annotations

from codebook.project.base import ProjectBase
from codebook.services.activity import others_activity


class SharingDoor(ProjectBase):
    def others_activity(self) -> tuple[int, int]:
        """A marker that changes whenever another coder changes the project (one small query).

        The TUI polls it every few seconds and re-reads the screen in view
        when it changed, so codings and revisions of colleagues appear.
        """
        with self._read() as session:
            return others_activity(session, self._coder_id)
