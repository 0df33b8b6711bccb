"""Dutch lines of the work errors, keyed by their English template."""

from __future__ import annotations

DUTCH: dict[str, str] = {
    # documents and attributes
    "{file}: {problem}": "{file}: {problem}",
    "same text as '{existing}'": "dezelfde tekst als '{existing}'",
    "unknown document {document}": "onbekend document {document}",
    "unknown document '{document}'": "onbekend document '{document}'",
    "{name}: a document with this name already exists": (
        "{name}: er bestaat al een document met deze naam"
    ),
    "'{value}' is not a number": "'{value}' is geen getal",
    "'{value}' is not a date (use yyyy-mm-dd)": "'{value}' is geen datum (gebruik jjjj-mm-dd)",
    "unknown attribute '{attribute}' (attributes: none yet)": (
        "onbekend kenmerk '{attribute}' (kenmerken: nog geen)"
    ),
    "unknown attribute '{attribute}' (attributes: {attributes})": (
        "onbekend kenmerk '{attribute}' (kenmerken: {attributes})"
    ),
    "--where '{value}': use ATTRIBUTE=VALUE, e.g. werkplaats=WOA": (
        "--where '{value}': gebruik KENMERK=WAARDE, bijv. werkplaats=WOA"
    ),
    # coding and review
    "unknown coding {coding}": "onbekende codering {coding}",
    "code '{code}' is retired; codings need a live code": (
        "code '{code}' is buiten gebruik; een codering vraagt een code in gebruik"
    ),
    "offsets {start}-{end} out of range: need 0 <= start < end <= {length}": (
        "posities {start}-{end} vallen buiten het bereik: nodig is 0 <= start < end <= {length}"
    ),
    "coding {coding} is another coder's; only they can adjust it": (
        "codering {coding} is van een andere codeur; alleen die kan haar aanpassen"
    ),
    "coding {coding} already covers {start}-{end} with this code": (
        "codering {coding} beslaat {start}-{end} al met deze code"
    ),
    "give at least one coding number": "geef minstens één coderingsnummer",
    "coding {coding} does not await review": "codering {coding} wacht niet op beoordeling",
    "coding {coding}: coding {twin} already codes that passage with '{code}'": (
        "codering {coding}: codering {twin} codeert dat fragment al met '{code}'"
    ),
    "give either a document or a code": "geef een document of een code",
    "no coder chosen: give --coder NAME": "geen codeur gekozen: geef --coder NAAM",
    "unknown coder '{coder}'": "onbekende codeur '{coder}'",
    "unknown coder '{coder}' (coders: none yet)": "onbekende codeur '{coder}' (codeurs: nog geen)",
    "unknown coder '{coder}' (coders: {coders})": "onbekende codeur '{coder}' (codeurs: {coders})",
    # resolutions and agreement
    "coding {coding} by {coder} has changed since the queue was read; reload it": (
        "codering {coding} van {coder} is gewijzigd sinds de wachtrij werd gelezen; "
        "laad die opnieuw"
    ),
    "'{coder}' is one of the compared coders; it cannot also settle them": (
        "'{coder}' is een van de vergeleken codeurs en kan niet ook over hen beslissen"
    ),
    "this unit of '{document}' ({start}-{end}, '{code}') is already resolved": (
        "deze eenheid van '{document}' ({start}-{end}, '{code}') is al beslist"
    ),
    "'{coder}' is not one of the coders of this disagreement": (
        "'{coder}' is geen van de codeurs van dit verschil"
    ),
    "recode needs the code to use instead": "recode vraagt de code die in de plaats komt",
    "unknown resolution '{kind}'": "onbekende beslissing '{kind}'",
    "agreement needs at least two different coders (--coders A,B)": (
        "overeenstemming vraagt minstens twee verschillende codeurs (--coders A,B)"
    ),
    "a coder is named twice in --coders": "een codeur staat twee keer in --coders",
    "agreement compares at most {limit} coders": (
        "overeenstemming vergelijkt hoogstens {limit} codeurs"
    ),
    "--min-overlap must be above 0 and at most 1, not {value}": (
        "--min-overlap moet boven 0 liggen en hoogstens 1 zijn, niet {value}"
    ),
    "no document is coded by all of {coders}": (
        "geen document is gecodeerd door alle codeurs {coders}"
    ),
    "no document matching the filter is coded by all of {coders}": (
        "geen document dat aan het filter voldoet is gecodeerd door alle codeurs {coders}"
    ),
    "unknown unit '{unit}' (use {choices})": "onbekende eenheid '{unit}' (gebruik {choices})",
    "a reference coder counts only that coder: leave out --coded-by and --sum-coders": (
        "een referentiecodeur telt alleen die codeur: laat --coded-by en --sum-coders weg"
    ),
    # memos
    "unknown memo {memo}": "onbekende memo {memo}",
    "give only one of a code, a document or the project": (
        "geef maar één van: een code, een document of het project"
    ),
    "a memo title is one line": "een memotitel is één regel",
    "a memo title is at most {limit} characters, not {length}": (
        "een memotitel is hoogstens {limit} tekens, niet {length}"
    ),
    "a memo needs text": "een memo heeft tekst nodig",
    "a memo is written on {kinds}, not {kind}": "een memo hoort bij {kinds}, niet bij {kind}",
    "memo {memo} was written by {author}; only its author can change it": (
        "memo {memo} is geschreven door {author}; alleen de auteur kan die wijzigen"
    ),
    "give a new text or title": "geef een nieuwe tekst of titel",
    "memos are on {kinds}, not {kind}": "memo's horen bij {kinds}, niet bij {kind}",
    # speakers
    "say which speaker to rename: OLD=NEW": (
        "geef aan welke spreker een andere naam krijgt: OUD=NIEUW"
    ),
    "say which speakers to merge": "geef aan welke sprekers samengevoegd worden",
    "a rename is OLD=NEW, not '{flag}'": "hernoemen gaat als OUD=NIEUW, niet '{flag}'",
    "'{document}' already has a speaker '{speaker}': "
    "use --merge to give the turns of '{old}' to them": (
        "'{document}' heeft al een spreker '{speaker}': "
        "gebruik --merge om de beurten van '{old}' aan die spreker te geven"
    ),
    'a --label needs the label as it is written, e.g. "Project Manager"': (
        'een --label vraagt het label zoals het in de tekst staat, bijv. "Project Manager"'
    ),
    "'{document}' was read from .{format} captions: "
    "its turns come from the cues, not from labels in the text": (
        "'{document}' is gelezen uit .{format}-ondertitels: "
        "de beurten komen uit de cues, niet uit labels in de tekst"
    ),
    "'{wanted}' matches several speakers of '{document}' ({speakers}): type one exactly": (
        "'{wanted}' past bij meerdere sprekers van '{document}' ({speakers}): typ er één precies"
    ),
    "'{document}' has no speaker '{speaker}' (it has no speaker turns)": (
        "'{document}' heeft geen spreker '{speaker}' (het heeft geen sprekersbeurten)"
    ),
    "'{document}' has no speaker '{speaker}' (its speakers: {speakers})": (
        "'{document}' heeft geen spreker '{speaker}' (de sprekers: {speakers})"
    ),
    "a speaker needs a name: the new name is empty": (
        "een spreker heeft een naam nodig: de nieuwe naam is leeg"
    ),
    "a speaker name is at most {limit} characters, not {length}": (
        "een sprekersnaam is hoogstens {limit} tekens, niet {length}"
    ),
    "'{speaker}' is case '{case}'": "'{speaker}' is casus '{case}'",
    "{listing} and '{speaker}' is case '{case}'": "{listing} en '{speaker}' is casus '{case}'",
    "cannot give the turns of {moving} to '{target}' "
    "in '{document}': {listing}, and one speaker counted for two cases would "
    "count twice; unlink one first (codebook case unlink)": (
        "de beurten van {moving} kunnen niet naar '{target}' in '{document}': {listing}, "
        "en één spreker die voor twee casussen telt, zou dubbel tellen; "
        "ontkoppel er eerst een (codebook case unlink)"
    ),
    # cases
    "a case needs a name": "een casus heeft een naam nodig",
    "a case name is one line": "een casusnaam is één regel",
    "a case name is at most {limit} characters, not {length}": (
        "een casusnaam is hoogstens {limit} tekens, niet {length}"
    ),
    "unknown case '{case}'": "onbekende casus '{case}'",
    "case '{case}' is not linked to '{document}'": (
        "casus '{case}' is niet gekoppeld aan '{document}'"
    ),
    "case '{case}' is not linked to speaker '{speaker}' in '{document}'": (
        "casus '{case}' is niet gekoppeld aan spreker '{speaker}' in '{document}'"
    ),
    # undo
    "cannot update {table} {key}: it does not exist": (
        "{table} {key} kan niet bijgewerkt worden: bestaat niet"
    ),
    "cannot undo '{action}': the data it touched was changed since": (
        "'{action}' kan niet ongedaan gemaakt worden: de gegevens die het raakte "
        "zijn sindsdien gewijzigd"
    ),
    "cannot redo '{action}': the data it touched was changed since": (
        "'{action}' kan niet opnieuw uitgevoerd worden: de gegevens die het raakte "
        "zijn sindsdien gewijzigd"
    ),
    # text edits
    "'{document}' has no turn {turn}": "'{document}' heeft geen beurt {turn}",
    "'{document}': the edit would empty turn {turn}": (
        "'{document}': door de wijziging zou beurt {turn} leeg worden"
    ),
    "{file}: read as {new}, but '{document}' was imported from {old}; "
    "save it as {old} or add --force": (
        "{file}: gelezen als {new}, maar '{document}' is geïmporteerd uit {old}; "
        "sla het op als {old} of voeg --force toe"
    ),
    "{file}: comparing it with '{document}' took too long to be reliable; "
    "check it is the corrected file, or add --force": (
        "{file}: de vergelijking met '{document}' duurde te lang om betrouwbaar te zijn; "
        "controleer of dit het verbeterde bestand is, of voeg --force toe"
    ),
    "{file}: shares only {share:.0%} of its characters with "
    "'{document}', probably another file; add --force to replace anyway": (
        "{file}: heeft maar {share:.0%} van de tekens gemeen met '{document}', "
        "waarschijnlijk een ander bestand; voeg --force toe om toch te vervangen"
    ),
    "{where}: same text as document '{other}'": "{where}: dezelfde tekst als document '{other}'",
    "the text of '{document}' changed since the edit was planned; plan it again": (
        "de tekst van '{document}' is gewijzigd sinds de wijziging werd gepland; plan die opnieuw"
    ),
    "the turns of '{document}' changed since the edit was planned; plan it again": (
        "de beurten van '{document}' zijn gewijzigd sinds de wijziging werd gepland; "
        "plan die opnieuw"
    ),
    "the codings of '{document}' changed since the edit was planned; plan it again": (
        "de coderingen van '{document}' zijn gewijzigd sinds de wijziging werd gepland; "
        "plan die opnieuw"
    ),
    # queries and analysis
    'query: empty; name a code, e.g. "Kennisdeling"': (
        'zoekvraag: leeg; noem een code, bijv. "Kennisdeling"'
    ),
    "query: cannot read {rest!r} at column {column}": (
        "zoekvraag: {rest!r} is niet te lezen op kolom {column}"
    ),
    "query {query!r}: {what} at column {column}": "zoekvraag {query!r}: {what} op kolom {column}",
    "query {query!r}: {what} at the end": "zoekvraag {query!r}: {what} aan het einde",
    "unexpected text": "onverwachte tekst",
    "expected a code": "hier hoort een code",
    "expected ')'": "hier hoort ')'",
    "empty code name": "lege codenaam",
    "NEAR needs a distance of 0 or more sentences": (
        "NEAR vraagt een afstand van 0 of meer zinnen"
    ),
    "unknown co-occurrence unit '{within}' (use {choices})": (
        "onbekende eenheid voor samen voorkomen '{within}' (gebruik {choices})"
    ),
    "a crosstab needs two attributes: one for rows, one for columns": (
        "een kruistabel vraagt twee kenmerken: een voor de rijen, een voor de kolommen"
    ),
    "no cell '{row}' x '{column}' in this table": "geen cel '{row}' x '{column}' in deze tabel",
    "table '{kind}' has no cells to list quotes of": (
        "tabel '{kind}' heeft geen cellen om citaten van te tonen"
    ),
    "unknown table '{kind}' (use {choices})": "onbekende tabel '{kind}' (gebruik {choices})",
    # the project door
    "that database holds project '{project}', not '{expected}'": (
        "die database bevat project '{project}', niet '{expected}'"
    ),
    "{project}: that is this project itself": "{project}: dat is dit project zelf",
    "nothing to change: the codebook already matches {file}": (
        "niets te wijzigen: het codeboek komt al overeen met {file}"
    ),
    "unknown export '{kind}' (use {choices})": "onbekende export '{kind}' (gebruik {choices})",
    "{file}: the agreement report is .docx or .xlsx": (
        "{file}: het overeenstemmingsrapport is .docx of .xlsx"
    ),
}
