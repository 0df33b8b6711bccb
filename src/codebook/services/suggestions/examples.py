"""The project's sentences as the learner and the keyword matcher see them.

A sentence is an example of a code when that code's codings (by anybody,
joined) cover at least half of it: a coder who codes a whole answer
includes a short lead-in sentence or two, and one who codes a clause means
the sentence around it. A sentence no coding touches, in a document that
has codings, is a negative example (the coders read it and found nothing);
a sentence touched by codings below that half is left out, since whether it
belongs is unclear. Documents without any coding are not yet read, so they
teach nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Document, Turn
from codebook.domain import CodebookError, TurnSpan
from codebook.services.suggestions.queue import coded_spans, live_code_ids


@dataclass(frozen=True)
class DocumentSentences:
    """One document's text, turns, language and sentence spans."""

    id: int
    text: str
    language: str
    turns: tuple[TurnSpan, ...]
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Example:
    """One sentence and the codes (ids) it is an example of; none for a negative one."""

    document_id: int
    start: int
    end: int
    text: str
    codes: frozenset[int]


@dataclass(frozen=True)
class TrainingSet:
    """The examples, the codes with enough of them, the ones skipped (id, count) and the
    language the model is built for (the examples' most common)."""

    examples: tuple[Example, ...]
    codes: tuple[int, ...]
    skipped: tuple[tuple[int, int], ...]
    language: str


def document_sentences(
    session: Session, documents: Iterable[int] | None = None
) -> Iterator[DocumentSentences]:
    """Every (or the given) document with its turns and sentences, in import order."""
    query = select(Document.id, Document.text, Document.language, Document.sentences).order_by(
        Document.id
    )
    turns_query = select(
        Turn.document_id, Turn.start, Turn.end, Turn.speaker, Turn.timecode, Turn.timecode_end
    ).order_by(Turn.document_id, Turn.start)
    if documents is not None:
        chosen = list(documents)
        query = query.where(Document.id.in_(chosen))
        turns_query = turns_query.where(Turn.document_id.in_(chosen))
    turns: dict[int, list[TurnSpan]] = defaultdict(list)
    for document_id, start, end, speaker, tc, tc_end in session.execute(turns_query):
        turns[document_id].append(TurnSpan(start, end, speaker, tc, tc_end))
    for document_id, text, language, sentences in session.execute(query):
        yield DocumentSentences(
            document_id,
            text,
            language,
            tuple(turns.get(document_id, ())),
            tuple((start, end) for start, end in sentences or ()),
        )


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> int:
    """How many characters of start-end the spans cover, overlaps counted once."""
    covered, reach = 0, start
    for s, e in sorted(spans):
        s, e = max(s, reach), min(e, end)
        if e > s:
            covered += e - s
            reach = e
    return covered


def labelled_sentences(session: Session) -> list[Example]:
    """Every sentence of every coded document, labelled by the half-coverage rule above."""
    live = live_code_ids(session)
    coded = coded_spans(session)
    examples = []
    for document in document_sentences(session, coded):
        spans = coded[document.id]
        for start, end in document.sentences:
            touching = [(c, s, e) for c, s, e in spans if s < end and e > start]
            if not touching:
                examples.append(
                    Example(document.id, start, end, document.text[start:end], frozenset())
                )
                continue
            per_code: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for code, s, e in touching:
                per_code[code].append((s, e))
            labels = frozenset(
                code
                for code, found in per_code.items()
                if code in live and 2 * _covered(found, start, end) >= end - start
            )
            if labels:
                examples.append(Example(document.id, start, end, document.text[start:end], labels))
    return examples


def training_set(session: Session, min_examples: int) -> TrainingSet:
    """The labelled sentences and which codes have at least ``min_examples`` of them."""
    examples = labelled_sentences(session)
    counts = Counter(code for example in examples for code in example.codes)
    if not counts:
        raise CodebookError("no coded sentences to learn from")
    codes = tuple(sorted(code for code, n in counts.items() if n >= min_examples))
    skipped = tuple(sorted((code, n) for code, n in counts.items() if n < min_examples))
    if not codes:
        raise CodebookError("no code has {count} coded sentences to learn from", count=min_examples)
    languages = {i: lang for i, lang in session.execute(select(Document.id, Document.language))}
    language = Counter(languages[e.document_id] for e in examples).most_common(1)[0][0]
    return TrainingSet(tuple(examples), codes, skipped, language)
