"""The words of ``codebook merge`` (another copy of the project) in English and Dutch.

Plain data, like ``labels``: importing it must stay free. What the services
say about a conflict or an unmatched item stays English.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Merge of {other} into this project",
        "dry_run_title": "Dry run: merge of {other} into this project (nothing changed)",
        "coders": "new coders",
        "codes": "codes",
        "renamed_codes": "codes renamed",
        "moved_codes": "codes moved",
        "codings": "codings",
        "coding_notes": "coding notes brought over",
        "memos": "memos",
        "cases": "new cases",
        "case_links": "case links",
        "attributes": "attribute values",
        "resolutions": "resolved disagreements",
        "count": "  {what}: {added} added, {present} already here",
        "count_added": "  {what}: {added}",
        "codebook": "Codebook revision {version} (merged from {other}):",
        "codebook_dry": "Codebook revision (merged from {other}):",
        "step": "  {step}",
        "missing": "Documents of {other} not in this project (their codings are not merged):",
        "missing_document": "  {name}",
        "unmatched_codings": "Codings not merged ({count}):",
        "unmatched_coding": "  {document} {start}-{end} {code} ({coder})",
        "unmatched": "Not merged:",
        "conflicts": "Kept as it is here:",
        "issue": "  {item} {where}: {detail}",
        "nothing": "Nothing to add: this project already holds everything of {other}.",
        "undo": "One action: 'codebook undo' takes the whole merge back.",
    },
    "nl": {
        "title": "{other} samengevoegd met dit project",
        "dry_run_title": "Proefrun: {other} samenvoegen met dit project (niets veranderd)",
        "coders": "nieuwe codeurs",
        "codes": "codes",
        "renamed_codes": "codes hernoemd",
        "moved_codes": "codes verplaatst",
        "codings": "coderingen",
        "coding_notes": "notities bij coderingen overgenomen",
        "memos": "memo's",
        "cases": "nieuwe casussen",
        "case_links": "koppelingen van casussen",
        "attributes": "kenmerkwaarden",
        "resolutions": "beslechte meningsverschillen",
        "count": "  {what}: {added} toegevoegd, {present} al aanwezig",
        "count_added": "  {what}: {added}",
        "codebook": "Codeboekrevisie {version} (samengevoegd uit {other}):",
        "codebook_dry": "Codeboekrevisie (samengevoegd uit {other}):",
        "step": "  {step}",
        "missing": (
            "Documenten van {other} die niet in dit project staan "
            "(hun coderingen zijn niet samengevoegd):"
        ),
        "missing_document": "  {name}",
        "unmatched_codings": "Niet samengevoegde coderingen ({count}):",
        "unmatched_coding": "  {document} {start}-{end} {code} ({coder})",
        "unmatched": "Niet samengevoegd:",
        "conflicts": "Gehouden zoals het hier is:",
        "issue": "  {item} {where}: {detail}",
        "nothing": "Niets toe te voegen: dit project bevat al alles van {other}.",
        "undo": "Eén actie: 'codebook undo' draait de hele samenvoeging terug.",
    },
}
