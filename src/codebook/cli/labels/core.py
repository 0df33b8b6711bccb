"""The words of the core ``codebook`` commands (init, import, docs, code, ...) in English and Dutch.

One place for every text those commands (``core``, and the code tree of
``tree``) print, so ``--lang nl`` covers them and a translator finds them
together; ``common.translated`` picks the language. Plain data: importing it
must stay free, ``codebook --help`` loads it.
Errors raised by the services are not here: they stay English.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        # init
        "created": "Created project [bold]{project}[/bold]",
        # codes (the code tree)
        "tree_root": "codebook",
        "tree_with_children": "{count} with sub-codes",
        "tree_retired": "retired",
        # import
        "importing": "Importing",
        "import_title": "Import",
        "col_file": "file",
        "col_result": "result",
        "col_encoding": "encoding",
        "col_speakers": "speakers",
        "col_turns": "turns",
        "col_words": "words",
        "col_detail": "detail",
        "col_cases": "cases",
        "status_imported": "imported",
        "status_duplicate": "duplicate",
        "status_failed": "failed",
        "status_interrupted": "not imported",
        "import_warning": "[yellow]warning[/yellow] {file}: {warning}",
        "import_interrupted": (
            "[yellow]interrupted[/yellow]: {stored} of {total} files stored; not imported: {names}"
        ),
        "import_summary": (
            "{imported} imported, {duplicate} skipped as duplicate, {failed} failed"
        ),
        # docs
        "docs_title": "{count} documents",
        "docs_title_1": "{count} document",
        "col_id": "#",
        "col_document": "document",
        "col_format": "format",
        "col_coded": "coded",
        "col_codings": "codings",
        # code, adjust, uncode, codings
        "coded": "Coding {id}: [bold]{code}[/bold] on “{quote}”",
        "adjusted": "Coding {id}: [bold]{code}[/bold] now on “{quote}”",
        "removed": "Removed {count} coding(s)",
        "codings_title": "{count} codings",
        "codings_title_1": "{count} coding",
        "col_doc": "doc",
        "col_code": "code",
        "col_start": "start",
        "col_end": "end",
        "col_coder": "coder",
        "col_version": "v",
        "col_text": "text",
        # attr
        "attributes_set": "Set {keys} on {document}",
        # undo, redo
        "undone": "Undone: {action}",
        "redone": "Redone: {action}",
        "nothing_to_undo": "Nothing to undo",
        "nothing_to_redo": "Nothing to redo",
        # info
        "info_title": ("[bold]{name}[/bold] (language {language}, codebook version {version})"),
        "info_counts": ("{documents} documents, {words} words, {codes} codes, {codings} codings"),
        "info_coders": "coders: {coders}",
        # export agreement
        "agreement_writing": "Writing agreement report",
        "agreement_wrote": (
            "Wrote {path}: {codes} codes, {disagreements} disagreements ({resolved} resolved)"
        ),
    },
    "nl": {
        # init
        "created": "Project [bold]{project}[/bold] aangemaakt",
        # codes (the code tree)
        "tree_root": "codeboek",
        "tree_with_children": "{count} met subcodes",
        "tree_retired": "buiten gebruik",
        # import
        "importing": "Bezig met importeren",
        "import_title": "Import",
        "col_file": "bestand",
        "col_result": "resultaat",
        "col_encoding": "tekenset",
        "col_speakers": "sprekers",
        "col_turns": "beurten",
        "col_words": "woorden",
        "col_detail": "toelichting",
        "col_cases": "casussen",
        "status_imported": "geïmporteerd",
        "status_duplicate": "dubbel",
        "status_failed": "mislukt",
        "status_interrupted": "niet geïmporteerd",
        "import_warning": "[yellow]waarschuwing[/yellow] {file}: {warning}",
        "import_interrupted": (
            "[yellow]onderbroken[/yellow]: {stored} van {total} bestanden opgeslagen; "
            "niet geïmporteerd: {names}"
        ),
        "import_summary": (
            "{imported} geïmporteerd, {duplicate} overgeslagen (dubbel), {failed} mislukt"
        ),
        # docs
        "docs_title": "{count} documenten",
        "docs_title_1": "{count} document",
        "col_id": "#",
        "col_document": "document",
        "col_format": "formaat",
        "col_coded": "gecodeerd",
        "col_codings": "coderingen",
        # code, adjust, uncode, codings
        "coded": "Codering {id}: [bold]{code}[/bold] bij “{quote}”",
        "adjusted": "Codering {id}: [bold]{code}[/bold] nu bij “{quote}”",
        "removed": "{count} codering(en) verwijderd",
        "codings_title": "{count} coderingen",
        "codings_title_1": "{count} codering",
        "col_doc": "doc",
        "col_code": "code",
        "col_start": "begin",
        "col_end": "eind",
        "col_coder": "codeur",
        "col_version": "v",
        "col_text": "tekst",
        # attr
        "attributes_set": "{keys} ingesteld voor {document}",
        # undo, redo
        "undone": "Ongedaan gemaakt: {action}",
        "redone": "Opnieuw gedaan: {action}",
        "nothing_to_undo": "Niets om ongedaan te maken",
        "nothing_to_redo": "Niets om opnieuw te doen",
        # info
        "info_title": "[bold]{name}[/bold] (taal {language}, codeboekversie {version})",
        "info_counts": (
            "{documents} documenten, {words} woorden, {codes} codes, {codings} coderingen"
        ),
        "info_coders": "codeurs: {coders}",
        # export agreement
        "agreement_writing": "Overeenstemmingsrapport schrijven",
        "agreement_wrote": (
            "{path} geschreven: {codes} codes, {disagreements} verschillen ({resolved} beslist)"
        ),
    },
}
