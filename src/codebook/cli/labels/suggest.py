"""The words of ``codebook suggest`` (keyword autocode, the learned suggester, the queue)
in English and Dutch.

Plain data, like ``labels``: importing it must stay free.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "run": (
            "{source}: {added} suggestions added; left out: {rejected} rejected before, "
            "{coded} already coded, {queued} already queued."
        ),
        "keywords": "Keywords",
        "model": "Model",
        "epoch": "epoch {epoch}/{epochs}: loss {loss}",
        "trained": "Trained on {sentences} sentences in {seconds} s; codes learned: {codes}.",
        "skipped": "Skipped for too few coded sentences: {codes}.",
        "scores_title": "Scores on {count} held-out sentences (threshold 0.5; unit: sentences)",
        "col_code": "code",
        "col_precision": "precision",
        "col_recall": "recall",
        "col_f1": "F1",
        "col_support": "sentences",
        "queue_title": "Open suggestions: {count}",
        "col_id": "#",
        "col_document": "document",
        "col_why": "keyword / confidence",
        "col_sentence": "sentence",
        "empty": "No open suggestions.",
        "accepted": "Accepted suggestion {id}: coding {coding} made.",
        "rejected": "Rejected suggestion {id}; it will not be proposed again.",
        "undo": "'codebook undo PROJECT' takes it back.",
        "hint": (
            "Accept or reject by number: 'codebook suggest PROJECT --accept N' or '--reject N'."
        ),
    },
    "nl": {
        "run": (
            "{source}: {added} suggesties toegevoegd; weggelaten: {rejected} eerder afgewezen, "
            "{coded} al gecodeerd, {queued} al in de wachtrij."
        ),
        "keywords": "Kernwoorden",
        "model": "Model",
        "epoch": "ronde {epoch}/{epochs}: verlies {loss}",
        "trained": "Getraind op {sentences} zinnen in {seconds} s; geleerde codes: {codes}.",
        "skipped": "Overgeslagen wegens te weinig gecodeerde zinnen: {codes}.",
        "scores_title": "Scores op {count} achtergehouden zinnen (drempel 0,5; eenheid: zinnen)",
        "col_code": "code",
        "col_precision": "precisie",
        "col_recall": "herkenning",
        "col_f1": "F1",
        "col_support": "zinnen",
        "queue_title": "Open suggesties: {count}",
        "col_id": "#",
        "col_document": "document",
        "col_why": "kernwoord / zekerheid",
        "col_sentence": "zin",
        "empty": "Geen open suggesties.",
        "accepted": "Suggestie {id} aanvaard: codering {coding} gemaakt.",
        "rejected": "Suggestie {id} afgewezen; ze wordt niet opnieuw voorgesteld.",
        "undo": "'codebook undo PROJECT' draait het terug.",
        "hint": (
            "Aanvaard of wijs af op nummer: 'codebook suggest PROJECT --accept N' of '--reject N'."
        ),
    },
}
