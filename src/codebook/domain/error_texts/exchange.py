"""Dutch lines of the exchange errors: REFI-QDA, exports, storage, project copies."""

from __future__ import annotations

DUTCH: dict[str, str] = {
    # REFI-QDA: the archive
    "{file}: no such file": "{file}: bestand bestaat niet",
    "{file}: not a zip archive, or a damaged or truncated one (a .qdpx is a zip)": (
        "{file}: geen zip-archief, of een beschadigd of afgebroken archief (een .qdpx is een zip)"
    ),
    "{file}: cannot be opened: {problem}": "{file}: kan niet worden geopend: {problem}",
    "{file}: cannot read: {problem}": "{file}: kan het bestand niet lezen: {problem}",
    "{file}: entry {entry} points outside the archive's folder (refused for safety)": (
        "{file}: item {entry} wijst buiten de map van het archief (uit veiligheid geweigerd)"
    ),
    "{file}: holds more than {limit} GiB uncompressed (refused as a possible zip bomb)": (
        "{file}: bevat uitgepakt meer dan {limit} GiB (geweigerd als mogelijke zipbom)"
    ),
    "{file}: entry {entry} expands {size} bytes from "
    "{compressed} (more than {ratio}:1, refused as a possible zip bomb)": (
        "{file}: item {entry} pakt {compressed} bytes uit tot {size} "
        "(meer dan {ratio}:1, geweigerd als mogelijke zipbom)"
    ),
    "{file}: {entry}: cannot be read (damaged archive: {problem})": (
        "{file}: {entry}: kan niet worden gelezen (beschadigd archief: {problem})"
    ),
    "{file}: no project file (project.qde) in the archive": (
        "{file}: geen projectbestand (project.qde) in het archief"
    ),
    "{file}: {count} project files ({names}) and none named project.qde": (
        "{file}: {count} projectbestanden ({names}) en geen met de naam project.qde"
    ),
    "{where}: not UTF-8 text (invalid byte at offset {offset})": (
        "{where}: geen UTF-8-tekst (ongeldige byte op positie {offset})"
    ),
    "{where}: damaged UTF-16 text": "{where}: beschadigde UTF-16-tekst",
    # REFI-QDA: the XML
    "{where}: the file is empty": "{where}: het bestand is leeg",
    "{where}: line {line}: a DOCTYPE or entity declaration is not allowed (refused for safety)": (
        "{where}: regel {line}: een DOCTYPE- of entiteitdeclaratie is niet toegestaan "
        "(uit veiligheid geweigerd)"
    ),
    "{where}: line {line}: the XML ends inside an element: the file is cut off": (
        "{where}: regel {line}: de XML eindigt midden in een element: het bestand is afgebroken"
    ),
    "{where}: line {line}, column {column}: not well-formed XML: {problem}": (
        "{where}: regel {line}, kolom {column}: geen welgevormde XML: {problem}"
    ),
    "malformed XML": "ongeldige XML",
    "{where}: line {line}: {problem}": "{where}: regel {line}: {problem}",
    "{where}: line {line}: not a valid REFI-QDA project: {problem}": (
        "{where}: regel {line}: geen geldig REFI-QDA-project: {problem}"
    ),
    "the root element is not in the REFI-QDA namespace {expected} (it is in {found})": (
        "het hoofdelement staat niet in de REFI-QDA-namespace {expected} (het staat in {found})"
    ),
    "no namespace": "geen namespace",
    "this is a REFI-QDA codebook (.qdc), not a project": (
        "dit is een REFI-QDA-codeboek (.qdc), geen project"
    ),
    "not a REFI-QDA project: the root element is <{element}>": (
        "geen REFI-QDA-project: het hoofdelement is <{element}>"
    ),
    "{kind} GUID {guid} is already used on line {first}": (
        "GUID {guid} ({kind}) wordt al gebruikt op regel {first}"
    ),
    "a code without a name": "een code zonder naam",
    "a Coding without a CodeRef: which code it applies is lost": (
        "een Coding zonder CodeRef: welke code ze toekent, is verloren"
    ),
    "<{element}> without a guid": "<{element}> zonder guid",
    "<{element}> without a targetGUID": "<{element}> zonder targetGUID",
    "the attribute '{attribute}' is required but missing": (
        "het attribuut '{attribute}' is verplicht maar ontbreekt"
    ),
    "attribute '{attribute}': '{value}' is not a valid value of the atomic type 'xs:integer'": (
        "attribuut '{attribute}': '{value}' is geen geldige waarde van het type 'xs:integer'"
    ),
    # REFI-QDA: importing into a project
    "{file}: the project already holds documents or codes; "
    "import into it with --into, or into a new project": (
        "{file}: het project bevat al documenten of codes; "
        "importeer erin met --into, of in een nieuw project"
    ),
    "{name}: same text as document '{existing}', already imported": (
        "{name}: dezelfde tekst als document '{existing}', al geïmporteerd"
    ),
    # REFI-QDA: writing
    "{what} contains a character a REFI-QDA file cannot hold "
    "(U+{character}); remove it and export again": (
        "{what} bevat een teken dat een REFI-QDA-bestand niet kan bevatten "
        "(U+{character}); verwijder het en exporteer opnieuw"
    ),
    "the project name": "de projectnaam",
    "user '{name}'": "codeur '{name}'",
    "code '{code}'": "code '{code}'",
    "the definition of code '{code}'": "de definitie van code '{code}'",
    "attribute '{name}'": "kenmerk '{name}'",
    "case '{name}'": "casus '{name}'",
    "document '{name}'": "document '{name}'",
    "memo '{name}'": "memo '{name}'",
    "a value of {where}": "een waarde van {where}",
    "internal error: the project XML does not validate: {problem}": (
        "interne fout: de project-XML is niet geldig: {problem}"
    ),
    "internal error: code '{code}' has no GUID": "interne fout: code '{code}' heeft geen GUID",
    "internal error: a value of {where} refers to no variable of a known type": (
        "interne fout: een waarde van {where} verwijst naar geen variabele van een bekend type"
    ),
    # exports
    "{file}: cannot write ({problem})": "{file}: kan niet schrijven ({problem})",
    "{file}: is a folder, not a file": "{file}: is een map, geen bestand",
    "{folder}: cannot create the folder ({problem})": (
        "{folder}: kan de map niet aanmaken ({problem})"
    ),
    "unknown language '{lang}' (use en or nl)": "onbekende taal '{lang}' (gebruik en of nl)",
    "unknown code {code}": "onbekende code {code}",
    "unknown attribute '{name}' (attributes: {listed})": (
        "onbekend kenmerk '{name}' (kenmerken: {listed})"
    ),
    "none yet": "nog geen",
    "{file}: a PDF needs LibreOffice (soffice), which was not found; "
    "install LibreOffice, or export the Word report (docx) instead": (
        "{file}: voor een pdf is LibreOffice (soffice) nodig, maar dat is niet gevonden; "
        "installeer LibreOffice, of exporteer in plaats daarvan het Word-rapport (docx)"
    ),
    "{file}: LibreOffice could not convert the report to PDF": (
        "{file}: LibreOffice kon het rapport niet naar pdf omzetten"
    ),
    "{file}: cannot prepare LibreOffice ({problem})": (
        "{file}: kan LibreOffice niet voorbereiden ({problem})"
    ),
    "{file}: cannot start LibreOffice ({problem})": (
        "{file}: kan LibreOffice niet starten ({problem})"
    ),
    "{file}: LibreOffice did not finish the PDF within {seconds} seconds": (
        "{file}: LibreOffice heeft de pdf niet binnen {seconds} seconden afgemaakt"
    ),
    # storage: opening and writing a project
    "{file}: no such project (create it with 'codebook init')": (
        "{file}: dit project bestaat niet (maak het aan met 'codebook init')"
    ),
    "{file}: folder {folder} does not exist": "{file}: map {folder} bestaat niet",
    "{file}: is a folder, not a project file": "{file}: is een map, geen projectbestand",
    "{file}: empty file, not a codebook project": (
        "{file}: leeg bestand, geen project van codebook"
    ),
    "not a codebook project (its tables are not ours)": (
        "geen project van codebook (de tabellen zijn niet van codebook)"
    ),
    "{where}: {problem}": "{where}: {problem}",
    "{where}: no codebook project here (use 'codebook init')": (
        "{where}: hier is geen project van codebook (gebruik 'codebook init')"
    ),
    "{where}: a project already exists here": "{where}: hier bestaat al een project",
    "{where}: written by a newer version of codebook (schema {revision}); "
    "upgrade codebook to open it": (
        "{where}: geschreven door een nieuwere versie van codebook (schema {revision}); "
        "werk codebook bij om het te openen"
    ),
    "{file}: cannot switch the project to WAL mode": (
        "{file}: kan het project niet in WAL-modus zetten"
    ),
    "{where}: the project is locked by another program; try again": (
        "{where}: het project is vergrendeld door een ander programma; probeer het opnieuw"
    ),
    "{where}: the disk is full; nothing was saved": (
        "{where}: de schijf is vol; er is niets opgeslagen"
    ),
    "{where}: the project file is read-only": "{where}: het projectbestand is alleen-lezen",
    "{where}: cannot open the project file": "{where}: kan het projectbestand niet openen",
    "{where}: cannot connect to the database server": (
        "{where}: kan geen verbinding maken met de databaseserver"
    ),
    "{where}: not a SQLite database, or the file is damaged": (
        "{where}: geen SQLite-database, of het bestand is beschadigd"
    ),
    "{where}: database error: {problem}": "{where}: databasefout: {problem}",
    "the project changed meanwhile: reload and try again": (
        "het project is intussen gewijzigd: laad het opnieuw en probeer het nog eens"
    ),
    "the project changed meanwhile (the codebook is now at version "
    "{version}, by {coder}): reload and try again": (
        "het project is intussen gewijzigd (het codeboek is nu bij versie "
        "{version}, van {coder}): laad het opnieuw en probeer het nog eens"
    ),
    "a coder needs a name": "een codeur heeft een naam nodig",
    "unknown coder {coder}": "onbekende codeur {coder}",
    # copying a project
    "{where}: the copy must go somewhere else than the source": (
        "{where}: de kopie moet ergens anders komen dan de bron"
    ),
    "{file}: already exists; a copy needs a new file": (
        "{file}: bestaat al; een kopie heeft een nieuw bestand nodig"
    ),
    "{file}: appeared while copying; nothing was written": (
        "{file}: is tijdens het kopiëren verschenen; er is niets geschreven"
    ),
    "{where}: the database is not empty; a copy needs an empty one": (
        "{where}: de database is niet leeg; een kopie heeft een lege database nodig"
    ),
    "{where}: the copy differs from the source in {tables}; nothing was written": (
        "{where}: de kopie verschilt van de bron in {tables}; er is niets geschreven"
    ),
    "{where}: the copy failed ({problem}); nothing was written": (
        "{where}: het kopiëren is mislukt ({problem}); er is niets geschreven"
    ),
}
