"""The words of ``codebook speakers`` in English and Dutch.

Plain data, like ``labels``: importing it must stay free, ``codebook --help``
loads it. Errors raised by the services are not here: they stay English.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "'{document}'",
        "speakers": "{count} speakers",
        "speakers_1": "1 speaker",
        "turns": "{count} turns",
        "turns_1": "1 turn",
        "col_speaker": "speaker",
        "col_turns": "turns",
        "col_words": "words",
        "col_share": "share",
        "no_speaker": "(no speaker)",
        "renamed": "Renamed speaker '{old}' to '{new}' ({turns})",
        "merged": "Merged speaker '{old}' into '{new}' ({turns})",
        "case_followed": "  case '{case}' is now linked to '{new}'",
        "nothing": "Nothing changed",
        "resplit": (
            "Turns of '{document}' found again: {speakers_before} in {turns_before} before, "
            "{speakers_after} in {turns_after} now"
        ),
        "new_speakers": "New speakers: {names}",
        "gone_speakers": "Speakers without turns now: {names}",
        "stranded": "warning: case '{case}' is linked to speaker '{speaker}', who has no turns now",
        "resplit_same": "'{document}': these labels find the turns it already has; nothing changed",
    },
    "nl": {
        "title": "'{document}'",
        "speakers": "{count} sprekers",
        "speakers_1": "1 spreker",
        "turns": "{count} beurten",
        "turns_1": "1 beurt",
        "col_speaker": "spreker",
        "col_turns": "beurten",
        "col_words": "woorden",
        "col_share": "aandeel",
        "no_speaker": "(geen spreker)",
        "renamed": "Spreker '{old}' hernoemd naar '{new}' ({turns})",
        "merged": "Spreker '{old}' samengevoegd met '{new}' ({turns})",
        "case_followed": "  casus '{case}' is nu gekoppeld aan '{new}'",
        "nothing": "Niets gewijzigd",
        "resplit": (
            "Beurten van '{document}' opnieuw bepaald: eerst {speakers_before} in "
            "{turns_before}, nu {speakers_after} in {turns_after}"
        ),
        "new_speakers": "Nieuwe sprekers: {names}",
        "gone_speakers": "Sprekers zonder beurten nu: {names}",
        "stranded": (
            "waarschuwing: casus '{case}' is gekoppeld aan spreker '{speaker}', "
            "die nu geen beurten meer heeft"
        ),
        "resplit_same": (
            "'{document}': deze labels geven de beurten die het al heeft; niets gewijzigd"
        ),
    },
}
