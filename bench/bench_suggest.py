"""Suggestions: keyword autocode over a generated project, and training the suggester.

1. Keyword autocode (``Project.autocode_keywords``: read every document,
   tokenize, lemmatise, PhraseMatcher on lemmas plus the ``*`` pass, find each
   match's sentence, check against rejected, coded and queued suggestions,
   store) over a generated project of 200,000 words (scaled down from the
   issue's million: the import that builds it takes most of the run on a
   shared two-core machine; the work is linear in words), against a bare pass
   over the same texts: spaCy's blank Dutch tokenizer, lemmas set from the
   same simplemma cache, a ``PhraseMatcher(attr="LEMMA")`` over the same
   patterns. Both best of two. Target: at most 2x.
2. Training the suggester (``learning.fit``: a blank pipeline with
   ``textcat_multilabel``, bag-of-words, the default epochs) on 2,000 coded
   sentences with three codes: the seconds, reported. The baseline column is
   scoring the same 2,000 sentences with the trained model, for scale.
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

from codebook.domain.documents import ImportRequest
from codebook.project import Project
from codebook.services.suggestions.examples import Example
from codebook.services.suggestions.learning import fit
from codebook.services.text_index.tokens import lemma
from common import DUTCH_WORDS, BenchResult, best_of

WORDS = 200_000
DOCUMENTS = 40
KEYWORDS = {
    "Samenwerking": ["samenwerking", "samen werken", "team"],
    "Kennis": ["kennis delen", "onderzoek*", "hogeschool"],
    "Leiding": ["schoolleider", "bestuur", "coördinator"],
    "Tijd": ["tijd", "uren"],
    "Klas": ["klas", "leerlingen", "leerkracht"],
}


def _sentences(rng: random.Random, words: int) -> list[str]:
    found, total = [], 0
    while total < words:
        size = rng.randint(6, 18)
        found.append(" ".join(rng.choice(DUTCH_WORDS) for _ in range(size)).capitalize() + ".")
        total += size
    return found


def _project(tmp: Path) -> tuple[Path, list[str]]:
    rng = random.Random(19)
    files, texts = [], []
    for number in range(DOCUMENTS):
        lines = _sentences(rng, WORDS // DOCUMENTS)
        turns = [
            f"{'Interviewer' if i % 2 else 'Anna'}: {' '.join(lines[i : i + 6])}"
            for i in range(0, len(lines), 6)
        ]
        text = "\n".join(turns) + "\n"
        source = tmp / f"interview{number:02}.txt"
        source.write_text(text, encoding="utf-8")
        files.append(source)
        texts.append(text)
    location = tmp / "suggest.db"
    with Project.create(location, "bench", "nl", coder="bench") as door:
        door.import_transcripts(files, ImportRequest(language="nl"))
        for name, keywords in KEYWORDS.items():
            door.create_code(name)
            door.redefine_code(name, {"keywords": keywords})
    return location, texts


def _bare_pass(texts: list[str]) -> int:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("nl")
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for name, keywords in KEYWORDS.items():
        patterns = []
        for keyword in keywords:
            doc = nlp.make_doc(keyword.rstrip("*"))
            for token in doc:
                token.lemma_ = lemma(token.lower_, "nl")
            patterns.append(doc)
        matcher.add(name, patterns)
    found = 0
    for doc in nlp.pipe(texts):
        for token in doc:
            token.lemma_ = lemma(token.lower_, "nl")
        found += len(matcher(doc))
    return found


def bench_keyword_autocode(tmp: Path) -> list[BenchResult]:
    location, texts = _project(tmp)
    _bare_pass(texts[:1])  # the same warm lemma cache and loaded spaCy for both
    runs = []
    for attempt in range(2):  # each on a fresh copy: a second run would only find queued ones
        copy = tmp / f"autocode-{attempt}.db"
        shutil.copy(location, copy)
        with Project.open(copy, coder="bench") as door:
            start = time.perf_counter()
            run = door.autocode_keywords()
            runs.append(time.perf_counter() - start)
    ours = min(runs)
    baseline = best_of(lambda: _bare_pass(texts), repeat=2)
    verdict = "met" if ours <= 2 * baseline else "missed"
    return [
        BenchResult(
            f"keyword autocode: {WORDS:,} words, {run.added:,} suggestions stored",
            ours,
            baseline,
            note=f"vs bare tokenizer + lemmas + PhraseMatcher; target <= 2x: {verdict}",
        )
    ]


def bench_training(tmp: Path) -> list[BenchResult]:
    rng = random.Random(20)
    codes = (1, 2, 3)
    topics = {1: "samenwerking", 2: "onderzoek", 3: "leerlingen"}
    examples = []
    for number in range(2000):
        [text] = _sentences(rng, 10)[:1]
        labels = frozenset(c for c in codes if topics[c] in text.lower() or rng.random() < 0.05)
        examples.append(Example(number // 50, 0, len(text), text, labels))
    start = time.perf_counter()
    nlp = fit(examples, codes, "nl")
    ours = time.perf_counter() - start
    scoring = best_of(lambda: list(nlp.pipe(e.text for e in examples)), repeat=2)
    return [
        BenchResult(
            "training the suggester: 2,000 sentences, 3 codes, 10 epochs",
            ours,
            scoring,
            note="seconds reported (no target); baseline: scoring the same sentences",
        )
    ]


BENCHMARKS = [bench_keyword_autocode, bench_training]
