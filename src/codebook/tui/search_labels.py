"""The TUI's words for searching, finding in a document and the suggestion queue (en, nl).

Kept beside ``labels`` and spread into its two tables, so that module stays
one screen family per section instead of growing past reading.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "search": "search",
    "section_search": "search",
    "search_placeholder": "words, a phrase or a regular expression (Enter)",
    "search_lemma": "all forms",
    "search_phrase": "phrase",
    "search_regex": "regex",
    "search_where": "where attribute=value, ...",
    "search_speaker": "speaker",
    "search_code": "inside code",
    "search_hint": "Type a word and Enter. 'all forms' also finds inflections (scholen → school).",
    "search_indexing": "Indexing the documents: {done} of {total} ...",
    "search_col_match": "hit",
    "search_nothing": "Nothing found for '{query}'.",
    "search_summary": (
        "{hits} hits in {documents} documents · {marked} marked · c codes the marked "
        "(or all) hits by {scope}"
    ),
    "scope_word": "word",
    "scope_sentence": "sentence",
    "scope_turn": "turn",
    "search_query": "new search",
    "search_mark": "mark hit",
    "search_mark_all": "mark all",
    "search_bulk_code": "code hits",
    "search_scope": "word/sentence/turn",
    "search_code_title": "Code {count} hits by {scope} with",
    "search_already_coded": "already coded",
    "search_more": "... and {count} more",
    "search_preview_title": "{new} new segments coded '{code}' by {scope}",
    "search_coded": "{count} segments coded '{code}' (z undoes them all)",
    "find_in_document": "find",
    "find_next": "next hit",
    "find_previous": "previous hit",
    "find_title": "Find in this document (all forms of the words)",
    "find_nothing": "'{query}' does not occur in this document.",
    "find_count": "{count} hits for '{query}': ctrl+n next, ctrl+p previous",
    "find_at": "hit {number} of {count}",
    "suggestions": "suggestions",
    "section_suggestions": "suggestions",
    "suggestion_accept": "accept",
    "suggestion_reject": "reject",
    "suggestion_keywords": "from keywords",
    "suggestion_train": "train model",
    "suggestion_col_why": "why",
    "suggestion_count": "{count} suggestions waiting · y accepts, n rejects",
    "suggestion_empty": (
        "No open suggestions: k proposes from the codebook's keywords, t trains a model on "
        "your codings."
    ),
    "suggestion_accepted": "'{code}' coded in {document}",
    "suggestion_rejected": "Rejected: it will not be proposed again",
    "suggestion_training": "Training on your coded sentences ...",
    "suggestion_epoch": "Training: round {epoch} of {epochs} (loss {loss})",
    "suggestion_trained": "Model trained for {codes} codes on {sentences} sentences.",
    "suggestion_skipped": "Too few examples: {codes}",
    "suggestion_run": (
        "{added} new suggestions ({rejected} rejected before, {coded} already coded, "
        "{queued} already waiting)"
    ),
}

NL: dict[str, str] = {
    "search": "zoeken",
    "section_search": "zoeken",
    "search_placeholder": "woorden, een woordgroep of een reguliere expressie (Enter)",
    "search_lemma": "alle vormen",
    "search_phrase": "woordgroep",
    "search_regex": "regex",
    "search_where": "waar kenmerk=waarde, ...",
    "search_speaker": "spreker",
    "search_code": "binnen code",
    "search_hint": (
        "Typ een woord en Enter. 'alle vormen' vindt ook verbuigingen (scholen → school)."
    ),
    "search_indexing": "De documenten worden geïndexeerd: {done} van {total} ...",
    "search_col_match": "treffer",
    "search_nothing": "Niets gevonden voor '{query}'.",
    "search_summary": (
        "{hits} treffers in {documents} documenten · {marked} gemarkeerd · c codeert de "
        "gemarkeerde (of alle) treffers per {scope}"
    ),
    "scope_word": "woord",
    "scope_sentence": "zin",
    "scope_turn": "beurt",
    "search_query": "nieuwe zoekvraag",
    "search_mark": "treffer markeren",
    "search_mark_all": "alles markeren",
    "search_bulk_code": "treffers coderen",
    "search_scope": "woord/zin/beurt",
    "search_code_title": "{count} treffers per {scope} coderen met",
    "search_already_coded": "al gecodeerd",
    "search_more": "... en nog {count}",
    "search_preview_title": "{new} nieuwe fragmenten gecodeerd '{code}' per {scope}",
    "search_coded": "{count} fragmenten gecodeerd '{code}' (z maakt ze allemaal ongedaan)",
    "find_in_document": "zoeken",
    "find_next": "volgende treffer",
    "find_previous": "vorige treffer",
    "find_title": "Zoeken in dit document (alle vormen van de woorden)",
    "find_nothing": "'{query}' komt niet voor in dit document.",
    "find_count": "{count} treffers voor '{query}': ctrl+n volgende, ctrl+p vorige",
    "find_at": "treffer {number} van {count}",
    "suggestions": "suggesties",
    "section_suggestions": "suggesties",
    "suggestion_accept": "accepteren",
    "suggestion_reject": "afwijzen",
    "suggestion_keywords": "uit kernwoorden",
    "suggestion_train": "model trainen",
    "suggestion_col_why": "waarom",
    "suggestion_count": "{count} suggesties wachten · y accepteert, n wijst af",
    "suggestion_empty": (
        "Geen open suggesties: k stelt voor op de kernwoorden van het codeboek, t traint "
        "een model op je coderingen."
    ),
    "suggestion_accepted": "'{code}' gecodeerd in {document}",
    "suggestion_rejected": "Afgewezen: deze wordt niet opnieuw voorgesteld",
    "suggestion_training": "Trainen op je gecodeerde zinnen ...",
    "suggestion_epoch": "Trainen: ronde {epoch} van {epochs} (verlies {loss})",
    "suggestion_trained": "Model getraind voor {codes} codes op {sentences} zinnen.",
    "suggestion_skipped": "Te weinig voorbeelden: {codes}",
    "suggestion_run": (
        "{added} nieuwe suggesties ({rejected} eerder afgewezen, {coded} al gecodeerd, "
        "{queued} wachten al)"
    ),
}
