"""The learned suggester: spaCy's multi-label text classifier trained on the coded sentences.

A blank pipeline of the examples' language with ``textcat_multilabel`` on
the bag-of-words architecture over single words: no model to download.
Measured on 2,000 generated sentences with three codes (``bench/bench_suggest.py``):
it trains in about 5 s to the same held-out F1 (1.0) as spaCy's default
ensemble, which takes 16 s; word pairs as features made it worse on so
little data, and Adam's default learning rate left it near chance. Labels are
code ids, so renaming a code keeps its model. Training is split from
reading and storing (``examples.training_set``, ``store_model``) so the door
can train outside any transaction: a long training must not hold SQLite's
write lock.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from codebook.db.models import SuggesterModel
from codebook.domain import CodebookError
from codebook.domain.suggestions import CodeScore, SuggestionRun, TrainingReport
from codebook.services.clock import now
from codebook.services.codebook.codes import load_code_tree
from codebook.services.suggestions.examples import Example, TrainingSet, document_sentences
from codebook.services.suggestions.queue import (
    Candidate,
    add_suggestions,
    coded_spans,
    live_code_ids,
)

Progress = Callable[[int, int, float], None]
"""Called after each epoch with (epoch, epochs, loss)."""

EPOCHS = 10
BATCH = 32
LEARN_RATE = 0.01
"""Ten times Adam's default: a sparse linear model moves too little in ten epochs otherwise."""
SEED = 19
THRESHOLD = 0.5
MIN_DOCUMENTS_TO_SPLIT = 5
"""With fewer coded documents the held-out part is a share of sentences, not of documents."""

_TEXTCAT = {
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": 1,
        "no_output_layer": False,
        "length": 262144,
    }
}


def _pipeline(language: str) -> Any:
    import spacy

    nlp = spacy.blank(language)
    nlp.add_pipe("textcat_multilabel", config=_TEXTCAT)
    return nlp


def fit(
    examples: Sequence[Example],
    codes: Sequence[int],
    language: str,
    *,
    epochs: int = EPOCHS,
    seed: int = SEED,
    progress: Progress | None = None,
) -> Any:
    """A pipeline trained on the examples for the codes, the same for the same seed."""
    from spacy.training import Example as SpacyExample
    from thinc.api import Adam, fix_random_seed

    fix_random_seed(seed)
    nlp = _pipeline(language)
    textcat = nlp.get_pipe("textcat_multilabel")
    for code in codes:
        textcat.add_label(str(code))
    training = [
        SpacyExample.from_dict(
            nlp.make_doc(example.text),
            {"cats": {str(code): float(code in example.codes) for code in codes}},
        )
        for example in examples
    ]
    optimizer = nlp.initialize(lambda: training[:200], sgd=Adam(LEARN_RATE))
    shuffle = random.Random(seed)
    for epoch in range(1, epochs + 1):
        shuffle.shuffle(training)
        losses: dict[str, float] = {}
        for at in range(0, len(training), BATCH):
            nlp.update(training[at : at + BATCH], sgd=optimizer, losses=losses)
        if progress is not None:
            progress(epoch, epochs, losses.get("textcat_multilabel", 0.0))
    return nlp


def _split(
    examples: Sequence[Example], held_out: float, seed: int
) -> tuple[list[Example], list[Example]]:
    """Train and test parts: by document when there are enough coded documents (a model
    must work on documents it has not seen), else by sentence."""
    shuffle = random.Random(seed)
    documents = sorted({e.document_id for e in examples})
    if len(documents) >= MIN_DOCUMENTS_TO_SPLIT:
        shuffle.shuffle(documents)
        tested = set(documents[: max(1, round(len(documents) * held_out))])
        return (
            [e for e in examples if e.document_id not in tested],
            [e for e in examples if e.document_id in tested],
        )
    chosen = list(examples)
    shuffle.shuffle(chosen)
    cut = max(1, round(len(chosen) * held_out))
    return chosen[cut:], chosen[:cut]


def scores(
    nlp: Any, tested: Sequence[Example], codes: Sequence[int], paths: dict[int, str]
) -> tuple[CodeScore, ...]:
    """Precision, recall and F1 per code at the threshold, on sentences (support: the
    tested sentences that are an example of the code)."""
    found = [doc.cats for doc in nlp.pipe(e.text for e in tested)]
    result = []
    for code in codes:
        label = str(code)
        pairs = zip(tested, found, strict=True)
        true_pos = sum(1 for e, c in pairs if c[label] >= THRESHOLD and code in e.codes)
        predicted = sum(1 for c in found if c[label] >= THRESHOLD)
        support = sum(1 for e in tested if code in e.codes)
        precision = true_pos / predicted if predicted else 0.0
        recall = true_pos / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result.append(CodeScore(paths[code], precision, recall, f1, support))
    return tuple(result)


def train(
    training: TrainingSet,
    paths: dict[int, str],
    *,
    evaluate: bool = False,
    held_out: float = 0.2,
    epochs: int = EPOCHS,
    seed: int = SEED,
    progress: Progress | None = None,
) -> tuple[bytes, TrainingReport]:
    """Train on every example (after, with ``evaluate``, scoring a model trained on the
    rest against ``held_out`` of them); returns the model's bytes and the report."""
    began = time.perf_counter()
    evaluated: tuple[CodeScore, ...] = ()
    tested: list[Example] = []
    if evaluate:
        kept, tested = _split(training.examples, held_out, seed)
        model = fit(kept, training.codes, training.language, epochs=epochs, seed=seed)
        evaluated = scores(model, tested, training.codes, paths)
    nlp = fit(
        training.examples,
        training.codes,
        training.language,
        epochs=epochs,
        seed=seed,
        progress=progress,
    )
    report = TrainingReport(
        codes=tuple(paths[code] for code in training.codes),
        skipped=tuple((paths[code], count) for code, count in training.skipped),
        sentences=len(training.examples),
        seconds=time.perf_counter() - began,
        scores=evaluated,
        held_out=len(tested),
    )
    return nlp.to_bytes(), report


def code_paths(session: Session) -> dict[int, str]:
    """Every code's path, retired ones too (a report names what it learned)."""
    return dict(load_code_tree(session, include_retired=True).paths())


def store_model(
    session: Session, language: str, codes: Sequence[int], report: TrainingReport, model: bytes
) -> None:
    """Keep the new model as the project's only one."""
    session.execute(delete(SuggesterModel))
    session.add(
        SuggesterModel(
            trained_at=now(),
            language=language,
            codes=list(codes),
            report={"codes": list(report.codes), "sentences": report.sentences},
            model=model,
        )
    )


def suggest_from_model(session: Session, threshold: float = THRESHOLD) -> SuggestionRun:
    """Queue, for every sentence nobody has coded, the live codes the stored model gives at
    least ``threshold``, with that confidence."""
    if not 0 < threshold <= 1:
        raise CodebookError("threshold {threshold} is not between 0 and 1", threshold=threshold)
    stored = session.scalars(select(SuggesterModel).order_by(SuggesterModel.id.desc())).first()
    if stored is None:
        raise CodebookError("no trained model: train one first (codebook suggest PROJECT --train)")
    nlp = _pipeline(stored.language).from_bytes(stored.model)
    live = live_code_ids(session)
    coded = coded_spans(session)
    candidates = []
    for document in document_sentences(session):
        spans = coded.get(document.id, [])
        free = [
            (start, end)
            for start, end in document.sentences
            if not any(s < end and e > start for _, s, e in spans)
        ]
        texts = (document.text[start:end] for start, end in free)
        for (start, end), doc in zip(free, nlp.pipe(texts), strict=True):
            for label, confidence in doc.cats.items():
                if confidence >= threshold and int(label) in live:
                    candidates.append(
                        Candidate(
                            document.id, int(label), start, end, confidence=round(confidence, 4)
                        )
                    )
    return add_suggestions(session, "model", candidates)
