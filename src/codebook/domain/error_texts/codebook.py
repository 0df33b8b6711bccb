"""Dutch lines of the codebook errors, keyed by their English template."""

from __future__ import annotations

DUTCH: dict[str, str] = {
    # codes
    "code name '{ref}' is ambiguous; use a path: {where}": (
        "codenaam '{ref}' is niet eenduidig; gebruik een pad: {where}"
    ),
    "unknown code '{ref}'": "onbekende code '{ref}'",
    "unknown code {ref}": "onbekende code {ref}",
    "unknown code '{ref}' – did you mean '{first}'?": (
        "onbekende code '{ref}' – bedoelde je '{first}'?"
    ),
    "unknown code '{ref}' – did you mean '{first}' or '{second}'?": (
        "onbekende code '{ref}' – bedoelde je '{first}' of '{second}'?"
    ),
    "unknown code '{ref}' – did you mean '{first}' or '{second}' or '{third}'?": (
        "onbekende code '{ref}' – bedoelde je '{first}', '{second}' of '{third}'?"
    ),
    "colour '{color}' is not of the form #RRGGBB": "kleur '{color}' heeft niet de vorm #RRGGBB",
    "a code needs a name": "een code heeft een naam nodig",
    "code name '{name}' may not contain '>' (it separates path parts)": (
        "codenaam '{name}' mag geen '>' bevatten (dat teken scheidt de delen van een pad)"
    ),
    "a code named '{name}' already exists at that place in the codebook": (
        "op die plaats in het codeboek staat al een code met de naam '{name}'"
    ),
    "code '{code}' is retired; unretire it first": (
        "code '{code}' is buiten gebruik; zet die eerst weer in gebruik"
    ),
    # revisions
    "nothing to change: {summary}": "niets te wijzigen: {summary}",
    "nothing to change: give at least one field": "niets te wijzigen: geef minstens één veld",
    "code '{code}' is already called that": "code '{code}' heet al zo",
    "unknown field '{field}' (fields: {fields})": "onbekend veld '{field}' (velden: {fields})",
    "give either a new parent or --top, not both": (
        "geef een nieuwe bovenliggende code of --top, niet allebei"
    ),
    "cycle: cannot move '{code}' under itself": (
        "kringloop: '{code}' kan niet onder zichzelf geplaatst worden"
    ),
    "cycle: cannot move '{code}' under its own descendant '{descendant}'": (
        "kringloop: '{code}' kan niet onder de eigen subcode '{descendant}' geplaatst worden"
    ),
    "code '{code}' is not retired": "code '{code}' is niet buiten gebruik",
    "the parent '{parent}' is retired; unretire it first": (
        "de bovenliggende code '{parent}' is buiten gebruik; zet die eerst weer in gebruik"
    ),
    "two retired sub-codes are named '{name}'; unretire them one by one": (
        "twee subcodes buiten gebruik heten '{name}'; zet ze een voor een weer in gebruik"
    ),
    # merging and splitting
    "cannot merge '{code}' into itself": "'{code}' kan niet met zichzelf samengevoegd worden",
    "cycle: cannot merge '{code}' into its own descendant '{descendant}'": (
        "kringloop: '{code}' kan niet samengevoegd worden met de eigen subcode '{descendant}'"
    ),
    "'{target}' already has a sub-code '{name}', like '{code}'; rename or merge that one first": (
        "'{target}' heeft al een subcode '{name}', net als '{code}'; "
        "hernoem of voeg die eerst samen"
    ),
    "a split needs at least two new codes": "splitsen vraagt minstens twee nieuwe codes",
    "new code '{name}' is named twice": "nieuwe code '{name}' is twee keer genoemd",
    "'{name}' is not one of the new codes ({names})": (
        "'{name}' is geen van de nieuwe codes ({names})"
    ),
    "coding {coding} is not a coding of '{code}'": (
        "codering {coding} is geen codering van '{code}'"
    ),
    "{count} codings of '{code}' are not assigned ({shown}); "
    "assign them or give a default new code": (
        "{count} coderingen van '{code}' zijn niet toegewezen ({shown}); "
        "wijs ze toe of geef een standaard nieuwe code"
    ),
    # history
    "unknown codebook version {version} (versions are 0 to {latest})": (
        "onbekende codeboekversie {version} (de versies lopen van 0 tot {latest})"
    ),
    "codebook version {version} is missing from the log": (
        "codeboekversie {version} ontbreekt in het logboek"
    ),
    # codebook files
    "{file}: unknown codebook format (use .yaml, .yml or .qdc)": (
        "{file}: onbekend codeboekformaat (gebruik .yaml, .yml of .qdc)"
    ),
    "{file}: a .qdc cannot mark codes as retired; export retired codes to YAML": (
        "{file}: een .qdc kan codes niet als buiten gebruik markeren; "
        "exporteer codes buiten gebruik naar YAML"
    ),
    "code '{code}': merged_into {guid} is neither in the file nor in the project": (
        "code '{code}': merged_into {guid} staat niet in het bestand en niet in het project"
    ),
    "the codebook changed since the plan was made; run the import again": (
        "het codeboek is gewijzigd sinds het plan werd gemaakt; voer de import opnieuw uit"
    ),
    "nothing to change: the project's codebook already matches the file": (
        "niets te wijzigen: het codeboek van het project komt al overeen met het bestand"
    ),
    "{file}:{line}: not UTF-8 text": "{file}:{line}: geen UTF-8-tekst",
    # .qdc
    "a .qdc needs at least one code; the codebook is empty": (
        "een .qdc heeft minstens één code nodig; het codeboek is leeg"
    ),
    "internal error: .qdc does not validate: {problem}": (
        "interne fout: de .qdc voldoet niet aan het schema: {problem}"
    ),
    "{file}:{line}: DOCTYPE and entity declarations are not allowed in a .qdc": (
        "{file}:{line}: DOCTYPE- en entity-declaraties zijn niet toegestaan in een .qdc"
    ),
    "{file}:{line}:{column}: not well-formed XML: {problem}": (
        "{file}:{line}:{column}: geen geldige XML: {problem}"
    ),
    "{file}:{line}: not a valid REFI-QDA codebook: {problem}": (
        "{file}:{line}: geen geldig REFI-QDA-codeboek: {problem}"
    ),
    "{file}:{line}: code without a name": "{file}:{line}: code zonder naam",
    "{file}:{line}: code '{name}': a name may not contain '>' (it separates paths)": (
        "{file}:{line}: code '{name}': een naam mag geen '>' bevatten (dat teken scheidt paden)"
    ),
    "{file}:{line}: code '{name}': bad guid {guid!r}": (
        "{file}:{line}: code '{name}': ongeldige guid {guid!r}"
    ),
    "{file}:{line}: code '{name}': guid {guid} already used on line {first}": (
        "{file}:{line}: code '{name}': guid {guid} is al gebruikt op regel {first}"
    ),
    "{file}:{line}: duplicate sibling name '{name}' at the top level": (
        "{file}:{line}: naam '{name}' komt twee keer voor op het hoogste niveau"
    ),
    "{file}:{line}: duplicate sibling name '{name}' under '{parent}'": (
        "{file}:{line}: naam '{name}' komt twee keer voor onder '{parent}'"
    ),
    # YAML
    "{where}: invalid YAML: {problem}": "{where}: ongeldige YAML: {problem}",
    "cannot write this codebook as YAML faithfully": (
        "dit codeboek kan niet getrouw als YAML geschreven worden"
    ),
    "cycle: alias *{alias} makes a code part of itself": (
        "kringloop: alias *{alias} maakt een code deel van zichzelf"
    ),
    "a code": "een code",
    "the codebook": "het codeboek",
    "codes": "'codes'",
    "children of code '{name}'": "de subcodes van code '{name}'",
    "{what} must be a mapping of keys to values": (
        "{what}: verwacht een lijst van sleutels met waarden"
    ),
    "{what} has a key that is not a plain name": "{what}: een sleutel is geen gewone naam",
    "duplicate field '{name}' in {what}": "veld '{name}' komt twee keer voor in {what}",
    "unknown field '{name}' in {what} (known fields: {fields})": (
        "onbekend veld '{name}' in {what} (bekende velden: {fields})"
    ),
    "'{field}' must be text, not a list or mapping": (
        "'{field}' moet tekst zijn, geen lijst of verzameling sleutels"
    ),
    "'{field}' must be true or false": "'{field}' moet true of false zijn",
    "'{field}' {value!r} is not a guid (8-4-4-4-12 hex digits)": (
        "'{field}' {value!r} is geen guid (8-4-4-4-12 hexadecimale cijfers)"
    ),
    "'keywords' must be a list, e.g. [samenwerk, overleg]": (
        "'keywords' moet een lijst zijn, bijv. [samenwerk, overleg]"
    ),
    "each keyword must be a word or phrase": "elk trefwoord moet een woord of woordgroep zijn",
    "code without a name": "code zonder naam",
    "code without a name (the name is empty)": "code zonder naam (de naam is leeg)",
    "code '{name}': a name may not contain '>' (it separates paths)": (
        "code '{name}': een naam mag geen '>' bevatten (dat teken scheidt paden)"
    ),
    "code '{name}': guid {guid} already used on line {line}": (
        "code '{name}': guid {guid} is al gebruikt op regel {line}"
    ),
    "code '{name}': colour {color!r} is not of the form #RRGGBB": (
        "code '{name}': kleur {color!r} heeft niet de vorm #RRGGBB"
    ),
    "code '{name}' is live but its parent is retired": (
        "code '{name}' is in gebruik, maar de bovenliggende code is buiten gebruik"
    ),
    "code '{name}': only a retired code can be merged": (
        "code '{name}': alleen een code buiten gebruik kan samengevoegd zijn"
    ),
    "{what} must be a list of codes ('- name: ...')": (
        "{what}: verwacht een lijst van codes ('- name: ...')"
    ),
    "duplicate sibling name '{name}' in {what}": "naam '{name}' komt twee keer voor in {what}",
    "empty file: a codebook needs at least 'name' and 'codes'": (
        "leeg bestand: een codeboek heeft minstens 'name' en 'codes' nodig"
    ),
    "the codebook has no name": "het codeboek heeft geen naam",
}
