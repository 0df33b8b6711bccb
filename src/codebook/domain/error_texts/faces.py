"""Dutch lines of the errors the CLI and the TUI raise themselves, keyed by English template."""

from __future__ import annotations

DUTCH: dict[str, str] = {
    # cli/codebook.py
    "give at least one field, e.g. --brief-definition TEXT": (
        "geef minstens één veld, bijv. --brief-definition TEKST"
    ),
    "--assign '{item}': use CODING=NEWNAME, e.g. 12='Tijd'": (
        "--assign '{item}': gebruik CODERING=NIEUWENAAM, bijv. 12='Tijd'"
    ),
    # cli/core.py
    "give either --doc or --code": "geef --doc of --code",
    # cli/export.py
    "--max-quotes must be 0 or more": "--max-quotes moet 0 of meer zijn",
    "--split-threshold must be between 0 and 1": "--split-threshold moet tussen 0 en 1 liggen",
    # cli/speakers.py
    "give one of --rename, --merge or --label at a time": (
        "geef één van --rename, --merge of --label tegelijk"
    ),
    "--merge needs --into NAME: the speaker whose turns they become": (
        "--merge vraagt om --into NAAM: de spreker van wie de beurten worden"
    ),
    "--into goes with --merge NAME": "--into hoort bij --merge NAAM",
    # cli/memo.py
    "give the text or --file, not both": "geef de tekst of --file, niet allebei",
    "{file}: not UTF-8 text": "{file}: geen UTF-8-tekst",
    "give the memo's text, - to read it from standard input, or --file": (
        "geef de tekst van het memo, - om hem van standaardinvoer te lezen, of --file"
    ),
    "say what the memo is on: --code, --document or --project": (
        "zeg waar het memo bij hoort: --code, --document of --project"
    ),
    # tui/filter_text.py
    "filter: {problem}": "filter: {problem}",
}
