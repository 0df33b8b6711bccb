"""Projects the search tests share: real transcript files imported through the door."""

from __future__ import annotations

from pathlib import Path

from codebook.domain.documents import ImportRequest
from codebook.project import Project

DUTCH = (
    "Interviewer: Hoe werken jullie samen met de scholen?\n"
    "Anna: We hebben goed samengewerkt met de gemeente. Elke school samenwerkt anders.\n"
    "Interviewer: En de ouders?\n"
    "Bram: De ouders helpen niet. Ik denk dat de school klein is.\n"
)
ENGLISH = (
    "Interviewer: How do the children learn?\n"
    "Claire: The children were learning fast. A child learns by playing.\n"
)
GERMAN = (
    "Interviewer: Wie arbeiten die Kinder?\n"
    "Dieter: Die Kinder arbeiteten gut. Ein Kind arbeitet allein.\n"
)


def make_project(tmp_path: Path, files: dict[str, tuple[str, str]], location: str = "") -> str:
    """A project holding each (text, language) as a transcript file of that name."""
    location = location or str(tmp_path / "search.db")
    with Project.create(location, "studie", "nl", coder="anna") as door:
        for name, (text, language) in files.items():
            source = tmp_path / name
            source.write_text(text, encoding="utf-8")
            door.import_transcripts([source], ImportRequest(language=language))
    return location
