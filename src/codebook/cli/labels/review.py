"""The words of ``codebook review`` (codings made under an earlier definition) in English
and Dutch.

Plain data, like ``labels``: importing it must stay free.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Codings awaiting review: {count}",
        "empty": "No codings await review: every coding was made under its code's definition.",
        "per_code": "  {code}: {count}",
        "item": "#{id}  {document}, {where}  {coder}  {code}",
        "turn": "turn {turn}",
        "turn_speaker": "turn {turn} ({speaker})",
        "position": "at {start}",
        "made": "    made under v{made}, code {reason} in v{changed}",
        "redefined": "redefined",
        "merged": "merged with another",
        "split": "split",
        "quote": '    "{text}"',
        "field": "    {field}: {diff}",
        "brief_definition": "brief definition",
        "full_definition": "full definition",
        "when_to_use": "when to use",
        "when_not_to_use": "when not to use",
        "example": "example",
        "hint": (
            "Act on codings by number: 'codebook review PROJECT N... --keep', "
            "'--recode CODE' or '--remove'; '--diff' shows the definitions."
        ),
        "kept": "Kept {count} codings, re-stamped with codebook version {version}.",
        "recoded": "Recoded {count} codings to '{code}'.",
        "removed": "Removed {count} codings.",
        "undo": "'codebook undo PROJECT' takes it back.",
        "one_action": "choose one of --keep, --recode and --remove",
        "no_codings": "give the coding numbers (see 'codebook review PROJECT')",
    },
    "nl": {
        "title": "Coderingen die op herbeoordeling wachten: {count}",
        "empty": (
            "Geen coderingen wachten op herbeoordeling: elke codering is gemaakt "
            "onder de definitie van haar code."
        ),
        "per_code": "  {code}: {count}",
        "item": "#{id}  {document}, {where}  {coder}  {code}",
        "turn": "beurt {turn}",
        "turn_speaker": "beurt {turn} ({speaker})",
        "position": "op {start}",
        "made": "    gemaakt onder v{made}, code {reason} in v{changed}",
        "redefined": "opnieuw gedefinieerd",
        "merged": "samengevoegd met een andere",
        "split": "gesplitst",
        "quote": '    "{text}"',
        "field": "    {field}: {diff}",
        "brief_definition": "korte definitie",
        "full_definition": "volledige definitie",
        "when_to_use": "wanneer gebruiken",
        "when_not_to_use": "wanneer niet gebruiken",
        "example": "voorbeeld",
        "hint": (
            "Handel coderingen af op nummer: 'codebook review PROJECT N... --keep', "
            "'--recode CODE' of '--remove'; '--diff' toont de definities."
        ),
        "kept": "{count} coderingen behouden, bijgewerkt naar codeboekversie {version}.",
        "recoded": "{count} coderingen omgezet naar '{code}'.",
        "removed": "{count} coderingen verwijderd.",
        "undo": "'codebook undo PROJECT' draait het terug.",
        "one_action": "kies één van --keep, --recode en --remove",
        "no_codings": "geef de nummers van de coderingen (zie 'codebook review PROJECT')",
    },
}
