"""The words of ``codebook import --replace`` (a corrected transcript) in English and Dutch.

Plain data, like ``labels``: importing it must stay free. Errors raised by
the services are not here: they stay English.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "options_need_replace": "--dry-run, --yes and --force go with --replace DOC",
        "one_file": "--replace takes exactly one corrected file, not {count}",
        "keeps_attributes": (
            "--replace keeps the document's attributes and cases: "
            "leave out --attr, --attributes, --case and --speaker-cases"
        ),
        "title": "Replace the text of '{document}' with {file}",
        "characters": "characters: {kept:.1%} kept, {inserted} inserted, {deleted} deleted",
        "coarse": (
            "warning: the comparison took too long to be exact; "
            "changed stretches may be wider than the real edits"
        ),
        "turns_kept": "turns: {turns}, each keeps its speaker and timecodes",
        "turns_follow": (
            "turn structure follows the new file: {added} turn(s) added, {removed} removed"
        ),
        "relabelled": "speakers: {count} turn(s) take the label corrected in the file",
        "resplit": "sentences: split again in {count} changed turn(s), moved along in the others",
        "codings": "codings: {unchanged} unchanged, {changed} changed, {vanished} vanish",
        "changed_head": "Changed (old and new text):",
        "vanished_head": "Vanish:",
        "coding": "  #{id} {code} ({coder}) {start}-{end}",
        "moved_to": " -> {start}-{end}",
        "old_text": "      was: {text}",
        "new_text": "      now: {text}",
        "gone_text": "      {text}",
        "merges": "      merges into #{id} (same code, coder and segment)",
        "same_text": "{file} holds the text of '{document}' already: nothing to replace",
        "dry_run": "Dry run: nothing changed.",
        "confirm": "Replace the text and change these codings?",
        "declined": "Nothing changed.",
        "needs_yes": (
            "this replacement changes or removes codings: add --yes to apply it "
            "(--dry-run shows the plan)"
        ),
        "replaced": (
            "Replaced the text of '{document}': {changed} coding(s) changed, "
            "{vanished} removed, {unchanged} unchanged ('codebook undo' takes it back)"
        ),
    },
    "nl": {
        "options_need_replace": "--dry-run, --yes en --force horen bij --replace DOC",
        "one_file": "--replace neemt precies één verbeterd bestand, niet {count}",
        "keeps_attributes": (
            "--replace houdt de kenmerken en casussen van het document: "
            "laat --attr, --attributes, --case en --speaker-cases weg"
        ),
        "title": "Tekst van '{document}' vervangen door {file}",
        "characters": ("tekens: {kept:.1%} behouden, {inserted} ingevoegd, {deleted} verwijderd"),
        "coarse": (
            "waarschuwing: de vergelijking duurde te lang om exact te zijn; "
            "gewijzigde stukken kunnen ruimer zijn dan de echte wijzigingen"
        ),
        "turns_kept": "beurten: {turns}, elk met dezelfde spreker en tijdcodes",
        "turns_follow": (
            "beurten volgen het nieuwe bestand: {added} beurt(en) erbij, {removed} eraf"
        ),
        "relabelled": "sprekers: {count} beurt(en) krijgen het in het bestand verbeterde label",
        "resplit": (
            "zinnen: opnieuw gesplitst in {count} gewijzigde beurt(en), in de andere verschoven"
        ),
        "codings": (
            "coderingen: {unchanged} ongewijzigd, {changed} gewijzigd, {vanished} verdwijnen"
        ),
        "changed_head": "Gewijzigd (oude en nieuwe tekst):",
        "vanished_head": "Verdwijnen:",
        "coding": "  #{id} {code} ({coder}) {start}-{end}",
        "moved_to": " -> {start}-{end}",
        "old_text": "      was: {text}",
        "new_text": "      nu:  {text}",
        "gone_text": "      {text}",
        "merges": "      gaat op in #{id} (zelfde code, codeur en fragment)",
        "same_text": "{file} bevat de tekst van '{document}' al: niets te vervangen",
        "dry_run": "Proefdraai: niets gewijzigd.",
        "confirm": "De tekst vervangen en deze coderingen aanpassen?",
        "declined": "Niets gewijzigd.",
        "needs_yes": (
            "deze vervanging wijzigt of verwijdert coderingen: voeg --yes toe om haar uit te "
            "voeren (--dry-run toont het plan)"
        ),
        "replaced": (
            "Tekst van '{document}' vervangen: {changed} codering(en) gewijzigd, "
            "{vanished} verwijderd, {unchanged} ongewijzigd ('codebook undo' draait het terug)"
        ),
    },
}
