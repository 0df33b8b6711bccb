"""Codes pinned to the number keys 1-9, remembered per project in the user's config.

Pins are stored by code guid (stable across renames and moves) under a key made
from the project's guid, so two projects on one machine keep separate pins and
a renamed project file keeps its own.
"""

from __future__ import annotations

import json

from codebook import config

SLOTS = 9


def _config_key(project_guid: str) -> str:
    return f"pins:{project_guid}"


class Pins:
    """Nine slots of code guids; slot 0 is key ``1``."""

    def __init__(self, project_guid: str, slots: list[str | None] | None = None) -> None:
        self.project_guid = project_guid
        self.slots: list[str | None] = (slots or [])[:SLOTS] + [None] * SLOTS
        self.slots = self.slots[:SLOTS]

    @classmethod
    def load(cls, project_guid: str) -> Pins:
        raw = config.load().get(_config_key(project_guid), "")
        try:
            data = json.loads(raw) if raw else []
        except ValueError:
            data = []
        slots = [str(g) if isinstance(g, str) and g else None for g in data]
        return cls(project_guid, slots)

    def save(self) -> None:
        config.save(**{_config_key(self.project_guid): json.dumps(self.slots)})

    def slot_of(self, guid: str) -> int | None:
        return self.slots.index(guid) if guid in self.slots else None

    def at(self, slot: int) -> str | None:
        return self.slots[slot] if 0 <= slot < SLOTS else None

    def toggle(self, guid: str) -> int | None:
        """Unpin a pinned code, or pin it to the lowest free slot; returns the slot or None."""
        current = self.slot_of(guid)
        if current is not None:
            self.slots[current] = None
            return None
        for slot, taken in enumerate(self.slots):
            if taken is None:
                self.slots[slot] = guid
                return slot
        return None
