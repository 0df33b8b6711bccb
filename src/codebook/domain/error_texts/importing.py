"""Dutch lines of the importing errors (readers, sidecars, pseudonyms, the demo files)."""

from __future__ import annotations

DUTCH: dict[str, str] = {
    # reading a file
    "{file}: file not found": "{file}: bestand niet gevonden",
    "{file}: is a directory, not a file": "{file}: is een map, geen bestand",
    "{file}: cannot be read ({problem})": "{file}: kan niet worden gelezen ({problem})",
    "{file}: too large ({size}, limit {limit})": "{file}: te groot ({size}, limiet {limit})",
    "{file}: too large (over the limit of {limit})": (
        "{file}: te groot (boven de limiet van {limit})"
    ),
    "{file}: unsupported format '{extension}' (supported: {choices})": (
        "{file}: niet-ondersteund formaat '{extension}' (ondersteund: {choices})"
    ),
    "{file}: empty transcript": "{file}: leeg transcript",
    "{file}: not a text file (binary content)": "{file}: geen tekstbestand (binaire inhoud)",
    "{file}: not valid {codec} text although it starts with a "
    "{codec} byte order mark (bad bytes at offset {offset})": (
        "{file}: geen geldige {codec}-tekst, hoewel het begint met een "
        "{codec}-bytevolgordemarkering (foute bytes op positie {offset})"
    ),
    # Word, OpenDocument, RTF
    "{file}: not a valid Word document ({reason})": "{file}: geen geldig Word-document ({reason})",
    "{file}: not a valid OpenDocument text ({reason})": (
        "{file}: geen geldige OpenDocument-tekst ({reason})"
    ),
    "empty file": "leeg bestand",
    "old .doc format or password-protected; save it as .docx": (
        "oud .doc-formaat of met een wachtwoord beveiligd; sla het op als .docx"
    ),
    "a zip archive without word/document.xml": "een zip-archief zonder word/document.xml",
    "a zip archive without content.xml": "een zip-archief zonder content.xml",
    "a different kind of OpenDocument file: {mimetype}": (
        "een ander soort OpenDocument-bestand: {mimetype}"
    ),
    "not a zip archive, or truncated": "geen zip-archief, of afgebroken",
    "damaged zip archive": "beschadigd zip-archief",
    "{file}: not an RTF file (it does not start with {{\\rtf)": (
        "{file}: geen RTF-bestand (het begint niet met {{\\rtf)"
    ),
    "{file}: not a valid RTF file": "{file}: geen geldig RTF-bestand",
    "{file}: not a valid RTF file ({problem})": "{file}: geen geldig RTF-bestand ({problem})",
    # captions
    "{file}: not a valid SubRip file ({problem})": "{file}: geen geldig SubRip-bestand ({problem})",
    "{file}: not a valid WebVTT file ({problem})": "{file}: geen geldig WebVTT-bestand ({problem})",
    "line {line}: bad cue timing {text}": "regel {line}: ongeldige tijdcode {text}",
    "line {line}: cue ends before it starts {text}": (
        "regel {line}: ondertitel eindigt voordat hij begint {text}"
    ),
    "cue {cue} ends before it starts": "ondertitel {cue} eindigt voordat hij begint",
    "line {line}: unexpected text": "regel {line}: onverwachte tekst",
    "line {line}: unexpected text {text}": "regel {line}: onverwachte tekst {text}",
    "line 1: expected the WEBVTT header, found {found}": (
        "regel 1: de kop WEBVTT verwacht, {found} gevonden"
    ),
    "a blank line": "een lege regel",
    "line {line}: cue timing {text} before the WEBVTT header on line {header}": (
        "regel {line}: tijdcode {text} vóór de kop WEBVTT op regel {header}"
    ),
    "line {line}: {text} and {more} more lines before the WEBVTT header on line {header}": (
        "regel {line}: {text} en nog {more} regels vóór de kop WEBVTT op regel {header}"
    ),
    # CSV and YAML files beside the transcripts
    "{file}: line {line}: malformed CSV ({problem})": (
        "{file}: regel {line}: ongeldige CSV ({problem})"
    ),
    "{file}: malformed YAML ({problem})": "{file}: ongeldige YAML ({problem})",
    "{file}: line {line}: malformed YAML ({problem})": (
        "{file}: regel {line}: ongeldige YAML ({problem})"
    ),
    "{file}: line {line}": "{file}: regel {line}",
    "{file}: line {line}: {problem}": "{file}: regel {line}: {problem}",
    # pseudonyms
    "{file}: line {line}: expected 2 columns (name, pseudonym), found {found}": (
        "{file}: regel {line}: 2 kolommen verwacht (naam, pseudoniem), {found} gevonden"
    ),
    "{file}: line {line}: empty name": "{file}: regel {line}: lege naam",
    "{file}: line {line}: empty pseudonym": "{file}: regel {line}: leeg pseudoniem",
    "{file}: line {line}: '{name}' already has pseudonym '{pseudonym}' (line {earlier})": (
        "{file}: regel {line}: '{name}' heeft al pseudoniem '{pseudonym}' (regel {earlier})"
    ),
    # attributes: the sidecar file and --attr
    "{file}: unsupported attribute file '{suffix}' (supported: .csv, .yaml)": (
        "{file}: niet-ondersteund kenmerkenbestand '{suffix}' (ondersteund: .csv, .yaml)"
    ),
    "{file}: empty attribute file": "{file}: leeg kenmerkenbestand",
    "{file}: line {line}: the first column must name the file": (
        "{file}: regel {line}: de eerste kolom moet het bestand noemen"
    ),
    "{file}: line {line}: a column has no name": "{file}: regel {line}: een kolom heeft geen naam",
    "{file}: line {line}: column '{name}' appears twice": (
        "{file}: regel {line}: kolom '{name}' komt twee keer voor"
    ),
    "{file}: line {line}: {values} values but only {columns} columns": (
        "{file}: regel {line}: {values} waarden maar slechts {columns} kolommen"
    ),
    "{file}: line {line}: missing file name in the first column": (
        "{file}: regel {line}: de bestandsnaam ontbreekt in de eerste kolom"
    ),
    "{file}: line {line}: '{name}' is already listed on line {earlier}": (
        "{file}: regel {line}: '{name}' staat al op regel {earlier}"
    ),
    "{file}: line {line}: column '{column}'": "{file}: regel {line}: kolom '{column}'",
    "{file}: line {line}: '{column}'": "{file}: regel {line}: '{column}'",
    "the file": "het bestand",
    "the attributes of '{name}'": "de kenmerken van '{name}'",
    "{what} must be a mapping": "voor {what} is een mapping (sleutel: waarde) nodig",
    "expected a single value, not a list or mapping": "één waarde verwacht, geen lijst of mapping",
    "unexpected key '{key}' (expected 'types' and 'files')": (
        "onverwachte sleutel '{key}' (verwacht: 'types' en 'files')"
    ),
    "unknown type '{type}' (use {choices})": "onbekend type '{type}' (gebruik {choices})",
    "'{name}' is listed twice": "'{name}' staat er twee keer in",
    "--attr {flag}: expected key=value or key:type=value": (
        "--attr {flag}: verwacht naam=waarde of naam:type=waarde"
    ),
    "--speaker '{flag}': use LABEL=NAME, e.g. I=Interviewer": (
        "--speaker '{flag}': gebruik LABEL=NAAM, bijv. I=Interviewer"
    ),
    "{where}: empty value": "{where}: lege waarde",
    "{where}: unknown type '{type}' for '{name}' (use {choices})": (
        "{where}: onbekend type '{type}' voor '{name}' (gebruik {choices})"
    ),
    "{where}: '{value}' is not a date (expected yyyy-mm-dd)": (
        "{where}: '{value}' is geen datum (verwacht jjjj-mm-dd)"
    ),
    "{where}: '{value}' is not a valid date": "{where}: '{value}' is geen geldige datum",
    "{where}: '{value}' is not a number": "{where}: '{value}' is geen getal",
    # the demo's codings file
    "demo transcripts did not import: {problem}": (
        "de demotranscripten zijn niet geïmporteerd: {problem}"
    ),
    "{file}: cannot read ({problem})": "{file}: kan het bestand niet lezen ({problem})",
    "{file}: not valid YAML: {problem}": "{file}: geen geldige YAML: {problem}",
    "{file}:{line}: not valid YAML: {problem}": "{file}:{line}: geen geldige YAML: {problem}",
    "{file}:{line}: expected 'codings:' or 'memos:' at the top": (
        "{file}:{line}: bovenaan 'codings:' of 'memos:' verwacht"
    ),
    "{file}:{line}: unknown top-level key '{key}' (use codings, memos)": (
        "{file}:{line}: onbekende sleutel '{key}' bovenaan (gebruik codings, memos)"
    ),
    "{file}:{line}: '{key}' must be a list of entries": (
        "{file}:{line}: '{key}' moet een lijst van items zijn"
    ),
    "{file}:{line}: {entry} must be a mapping ({fields})": (
        "{file}:{line}: {entry} moet een mapping zijn ({fields})"
    ),
    "{file}:{line}: unknown {kind} '{key}' (use {choices})": (
        "{file}:{line}: onbekende {kind} '{key}' (gebruik {choices})"
    ),
    "an entry": "een item",
    "key": "sleutel",
    "a memo": "een memo",
    "memo key": "memosleutel",
    "{file}:{line}: '{key}' is missing or empty": "{file}:{line}: '{key}' ontbreekt of is leeg",
    "{file}:{line}: '{key}' must be text": "{file}:{line}: '{key}' moet tekst zijn",
    "{file}:{line}: 'occurrence' must be a whole number from 1": (
        "{file}:{line}: 'occurrence' moet een geheel getal vanaf 1 zijn"
    ),
    "{file}:{line}: the memo's 'text' is missing or empty": (
        "{file}:{line}: de 'text' van de memo ontbreekt of is leeg"
    ),
    "{file}:{line}: 'title' must be one line of at most {limit}": (
        "{file}:{line}: 'title' moet één regel van hoogstens {limit} tekens zijn"
    ),
    "{file}:{line}: 'project' must be true or false": (
        "{file}:{line}: 'project' moet true of false zijn"
    ),
    "{file}:{line}: a memo is on exactly one of code, document or project: true": (
        "{file}:{line}: een memo hoort bij precies één van code, document of project: true"
    ),
    "{file}:{line}: 'date' must be a date (yyyy-mm-dd)": (
        "{file}:{line}: 'date' moet een datum zijn (jjjj-mm-dd)"
    ),
    "{file}:{line}: {problem}": "{file}:{line}: {problem}",
    "quote not found in '{document}': \"{quote}\"": (
        "citaat niet gevonden in '{document}': \"{quote}\""
    ),
    "quote occurs {count} times in '{document}': \"{quote}\"; add 'occurrence: 1' to {count}": (
        "het citaat komt {count} keer voor in '{document}': \"{quote}\"; "
        "voeg 'occurrence: 1' tot {count} toe"
    ),
    "occurrence {occurrence} asked, but the quote occurs {count} "
    "time(s) in '{document}': \"{quote}\"": (
        "voorkomen {occurrence} gevraagd, maar het citaat komt {count} "
        "keer voor in '{document}': \"{quote}\""
    ),
    "code '{code}' is retired": "code '{code}' is buiten gebruik",
}
