"""The words of ``codebook codebook ...`` (show, history, diff, import, the revisions) in English
and Dutch.

The revision kinds are words here, not the identifiers the history stores,
so ``--lang nl`` says "hernoemd" where the journal keeps ``rename``; the
summaries themselves go through ``codebook.domain.action_texts``.
Plain data: importing it must stay free, ``codebook --help`` loads it.
"""

from __future__ import annotations

from codebook.domain.revision_words import CHANGE_KINDS, REVISION_KINDS, prefixed

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "version": "Codebook version {version}: {summary}",
        "status_live": "live",
        "status_retired": "retired",
        "status_merged": "retired, merged into '{target}'",
        "show_numbers": "  number: {id}   guid: {guid}   colour: {color}",
        "show_status": "  status: {status}   codings: {count}",
        "field_brief_definition": "Brief definition",
        "field_full_definition": "Full definition",
        "field_when_to_use": "When to use",
        "field_when_not_to_use": "When not to use",
        "field_example": "Example",
        "field_keywords": "Keywords",
        "field_color": "Colour",
        "history_line": "v{version}  {when}  {coder}  {kind}: {summary}{why}",
        "history_reason": "  (reason: {reason})",
        "diff_title": "Codebook version {v1} -> {v2}: {count} changes",
        "diff_title_1": "Codebook version {v1} -> {v2}: {count} change",
        "warning": "warning: {warning}",
        "import_matches": "Nothing to change: the codebook already matches {file}",
        "import_plan": "Import plan for {file}: {counts}",
        "import_dry_run": "Dry run: nothing changed",
        "import_confirm": "Apply this plan?",
        "nothing_changed": "Nothing changed",
        "exported": "Wrote {count} codes to {file}",
        "merged": "{moved} codings moved, {collapsed} identical codings collapsed",
        "split_count": "  {name}: {count} codings",
        # revision kinds (history)
        **prefixed(REVISION_KINDS["en"], "kind_"),
        # what changed between two versions (diff)
        **prefixed(CHANGE_KINDS["en"], "diff_"),
        # the steps of an import plan
        "plan_create": "create",
        "plan_rename": "rename",
        "plan_redefine": "redefine",
        "plan_move": "move",
        "plan_reorder": "reorder",
        "plan_retire": "retire",
        "plan_unretire": "unretire",
        "plan_merge": "merge",
        "plan_codebook": "codebook",
    },
    "nl": {
        "version": "Codeboekversie {version}: {summary}",
        "status_live": "in gebruik",
        "status_retired": "buiten gebruik",
        "status_merged": "buiten gebruik, samengevoegd met '{target}'",
        "show_numbers": "  nummer: {id}   guid: {guid}   kleur: {color}",
        "show_status": "  status: {status}   coderingen: {count}",
        "field_brief_definition": "Korte definitie",
        "field_full_definition": "Volledige definitie",
        "field_when_to_use": "Wanneer te gebruiken",
        "field_when_not_to_use": "Wanneer niet te gebruiken",
        "field_example": "Voorbeeld",
        "field_keywords": "Kernwoorden",
        "field_color": "Kleur",
        "history_line": "v{version}  {when}  {coder}  {kind}: {summary}{why}",
        "history_reason": "  (reden: {reason})",
        "diff_title": "Codeboekversie {v1} -> {v2}: {count} wijzigingen",
        "diff_title_1": "Codeboekversie {v1} -> {v2}: {count} wijziging",
        "warning": "waarschuwing: {warning}",
        "import_matches": "Niets te wijzigen: het codeboek komt al overeen met {file}",
        "import_plan": "Importplan voor {file}: {counts}",
        "import_dry_run": "Proefrun: niets gewijzigd",
        "import_confirm": "Dit plan toepassen?",
        "nothing_changed": "Niets gewijzigd",
        "exported": "{count} codes geschreven naar {file}",
        "merged": "{moved} coderingen verplaatst, {collapsed} gelijke coderingen samengevoegd",
        "split_count": "  {name}: {count} coderingen",
        **prefixed(REVISION_KINDS["nl"], "kind_"),
        **prefixed(CHANGE_KINDS["nl"], "diff_"),
        "plan_create": "aanmaken",
        "plan_rename": "hernoemen",
        "plan_redefine": "opnieuw definiëren",
        "plan_move": "verplaatsen",
        "plan_reorder": "herordenen",
        "plan_retire": "buiten gebruik stellen",
        "plan_unretire": "weer in gebruik nemen",
        "plan_merge": "samenvoegen",
        "plan_codebook": "codeboek",
    },
}
