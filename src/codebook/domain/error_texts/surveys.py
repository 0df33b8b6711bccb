"""Dutch lines of the questionnaire errors (reading, storing, counting, linking), keyed by
their English template."""

from __future__ import annotations

DUTCH: dict[str, str] = {
    "survey '{survey}' is already in the project (from {source}); "
    "import the new file under another name": (
        "vragenlijst '{survey}' staat al in het project (uit {source}); "
        "importeer het nieuwe bestand onder een andere naam"
    ),
    "attribute '{attribute}' holds {stored} values, not {kind}": (
        "kenmerk '{attribute}' bevat waarden van het type {stored}, niet {kind}"
    ),
    "{file}, row {row}: respondent '{respondent}' cannot be a case: {problem}": (
        "{file}, rij {row}: respondent '{respondent}' kan geen casus zijn: {problem}"
    ),
    "{file}, row {row}, column '{column}': the answer's document name would be "
    "longer than {limit} characters": (
        "{file}, rij {row}, kolom '{column}': de documentnaam van het antwoord zou langer "
        "worden dan {limit} tekens"
    ),
    "document '{document}' already exists": "document '{document}' bestaat al",
    "no questionnaire item number {item}": "er is geen vraag met nummer {item}",
    "no questionnaire item '{item}' ({count} items; 'codebook survey items' lists them)": (
        "geen vraag '{item}' ({count} vragen; 'codebook survey items' toont ze)"
    ),
    "questionnaire item '{item}' is ambiguous; give its number: {choices}": (
        "vraag '{item}' is niet eenduidig; geef het nummer: {choices}"
    ),
    "questionnaire item '{item}' holds {kind} answers, which are not counted per label": (
        "vraag '{item}' heeft antwoorden van het soort {kind}, die niet per antwoord geteld worden"
    ),
    "survey '{survey}' has no attribute '{attribute}'; it has: {names}": (
        "vragenlijst '{survey}' heeft geen kenmerk '{attribute}'; wel: {names}"
    ),
    "no survey '{survey}' in the project; there are: {names}": (
        "geen vragenlijst '{survey}' in het project; wel: {names}"
    ),
    # reading a questionnaire file (services.surveys.reading, .spreadsheet)
    "{file}: not a questionnaire file (use .csv or .xlsx, not '{suffix}')": (
        "{file}: geen vragenlijstbestand (gebruik .csv of .xlsx, niet '{suffix}')"
    ),
    "{file}: --sheet applies to .xlsx files only": (
        "{file}: --sheet geldt alleen voor .xlsx-bestanden"
    ),
    "{file}: no header row; the file is empty": "{file}: geen kopregel; het bestand is leeg",
    "{file}, row {row}: malformed CSV ({problem})": (
        "{file}, rij {row}: ongeldige CSV ({problem})"
    ),
    "{file}, row {row}, column {column}: a column without a header": (
        "{file}, rij {row}, kolom {column}: een kolom zonder kop"
    ),
    "{file}, row {row}: columns {first} and {second} have the same header '{header}'": (
        "{file}, rij {row}: de kolommen {first} en {second} hebben dezelfde kop '{header}'"
    ),
    "{file}, row {row}, column {column}: a value beyond the last column "
    "(the header has {count} columns)": (
        "{file}, rij {row}, kolom {column}: een waarde voorbij de laatste kolom "
        "(de kopregel heeft {count} kolommen)"
    ),
    "{file}, row {row}, column '{column}': the row ends before this column "
    "({count} of {width} values)": (
        "{file}, rij {row}, kolom '{column}': de rij houdt voor deze kolom op "
        "({count} van {width} waarden)"
    ),
    "{file}: no column '{column}' (named by {option}); the columns are: {columns}": (
        "{file}: geen kolom '{column}' (genoemd bij {option}); de kolommen zijn: {columns}"
    ),
    "{file}: column '{column}' is named by both {first} and {second}": (
        "{file}: kolom '{column}' is zowel bij {first} als bij {second} genoemd"
    ),
    "{file}: unknown scale '{scale}' for column '{column}' (use {names})": (
        "{file}: onbekende schaal '{scale}' voor kolom '{column}' (gebruik {names})"
    ),
    "{file}, row {row}, column '{column}': no respondent id": (
        "{file}, rij {row}, kolom '{column}': geen respondentnummer"
    ),
    "{file}, row {row}, column '{column}': respondent '{respondent}' is also on row {earlier}": (
        "{file}, rij {row}, kolom '{column}': respondent '{respondent}' staat ook op rij {earlier}"
    ),
    "{file}, row {row}, column '{column}'": "{file}, rij {row}, kolom '{column}'",
    "{file}, row {row}, column '{column}': '{value}' is not on the {scale} scale ({labels})": (
        "{file}, rij {row}, kolom '{column}': '{value}' staat niet op de schaal {scale} ({labels})"
    ),
    "{file}, column '{column}': {count} different answers, too many for a closed "
    "question; name it with --open (free text) or --scale": (
        "{file}, kolom '{column}': {count} verschillende antwoorden, te veel voor een "
        "gesloten vraag; noem de kolom bij --open (vrije tekst) of --scale"
    ),
    "{file}: not a readable .xlsx workbook ({problem})": (
        "{file}: geen leesbare .xlsx-werkmap ({problem})"
    ),
    "{file}: {count} sheets ({sheets}); choose one with --sheet": (
        "{file}: {count} werkbladen ({sheets}); kies er een met --sheet"
    ),
    "{file}: no sheet '{sheet}'; the sheets are: {sheets}": (
        "{file}: geen werkblad '{sheet}'; de werkbladen zijn: {sheets}"
    ),
    "{file}, row {row}: merged header cells {cells}; give every column its own header": (
        "{file}, rij {row}: samengevoegde kopcellen {cells}; geef elke kolom een eigen kop"
    ),
}
