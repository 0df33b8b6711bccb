"""Storing a questionnaire: its items, its respondents, and its open answers as documents.

A questionnaire of 10,000 respondents x 60 items has to import in about a
second, so an import writes each table with one batched insert, not one
``documents.add_document`` per open answer (half a dozen small queries each).
The rows are the ones that path writes (``turn_rows``, the sha256 of the
text, the word count, sentences from the same splitter, whole-document case
links, typed document attributes), so an open answer is codable, quotable,
filtered and undone like any transcript. The whole import is one journal
action: ``undo`` takes back the survey with its items, respondents, their
cases, documents and attributes.

An open answer is stored as a transcript of one turn in the ``Name: text``
shape, the respondent's id as the speaker and the turn covering the answer
alone: a document's text is unique in a project, and two respondents who
both answered "Weet ik niet" must still be two codable documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Attribute, Case, CaseDocument, Document, DocumentAttribute, Turn
from codebook.db.models import Respondent as RespondentRow
from codebook.db.models import Survey as SurveyRow
from codebook.db.models import SurveyItem as ItemRow
from codebook.domain import AttributeType, AttributeValue, CodebookError, TurnSpan
from codebook.domain.surveys import (
    ParsedSurvey,
    Respondent,
    SurveyImport,
)
from codebook.domain.transcripts import attribute_text
from codebook.services.cases import clean_case_name
from codebook.services.clock import now
from codebook.services.documents import text_sha256, turn_rows
from codebook.services.journal import Recorder

DOCUMENT_NAME_MAX = 400  # the width of ``document.name``
_CHUNK = 500


@dataclass(frozen=True)
class _OpenAnswer:
    """One non-empty open answer on its way to becoming a document."""

    respondent: int  # index into the survey's respondents
    name: str
    text: str
    turn: TurnSpan
    sha256: str


def store_survey(
    session: Session, coder_id: int, parsed: ParsedSurvey, *, language: str
) -> SurveyImport:
    """Store a questionnaire read whole, as one undoable action; a second one of its name is
    refused, and any problem leaves the project as it was."""
    name = parsed.name.strip()
    existing = session.scalar(select(SurveyRow.source).where(SurveyRow.name == name))
    if existing is not None:
        raise CodebookError(
            "survey '{survey}' is already in the project (from {source}); "
            "import the new file under another name",
            survey=name,
            source=existing,
        )
    rec = Recorder(session, coder_id, "survey.import", f"import survey '{name}'")
    (survey_id,) = rec.insert(
        SurveyRow,
        [
            {
                "name": name,
                "source": parsed.source,
                "encoding": parsed.encoding,
                "imported_at": now(),
            }
        ],
    )
    rec.insert(
        ItemRow,
        [
            {
                "survey_id": survey_id,
                "position": position,
                "key": item.key,
                "kind": item.kind,
                "labels": list(item.labels),
                "code_id": None,
            }
            for position, item in enumerate(parsed.items)
        ],
    )
    attribute_ids = _attribute_ids(session, rec, parsed.respondents)
    rec.insert(
        RespondentRow,
        [
            {
                "survey_id": survey_id,
                "external_id": respondent.id,
                "attributes": _attributes_json(respondent.attributes),
                "answers": list(respondent.answers),
            }
            for respondent in parsed.respondents
        ],
    )
    answers, repeated = _open_answers(session, name, parsed)
    if answers:
        writers = sorted({answer.respondent for answer in answers})
        case_ids = _respondent_cases(session, rec, name, parsed, writers)
        _store_answers(session, rec, parsed, answers, case_ids, attribute_ids, language)
    rec.finish()
    return SurveyImport(
        survey=name,
        source=parsed.source,
        encoding=parsed.encoding,
        respondents=len(parsed.respondents),
        items=sum(1 for item in parsed.items if item.kind != "open"),
        open_answers=len(answers),
        repeated_answers=repeated,
    )


def _attribute_ids(
    session: Session, rec: Recorder, respondents: Sequence[Respondent]
) -> dict[str, int]:
    """The project attribute of each respondent attribute, created when new.

    An attribute the project already has must hold the same type of value
    (text and category mix), as when a transcript's attributes are set.
    """
    kinds: dict[str, AttributeType] = {}
    for respondent in respondents:
        for name, (kind, _) in respondent.attributes.items():
            kinds.setdefault(name, AttributeType(kind))
    found = {
        name: (attribute_id, kind)
        for attribute_id, name, kind in session.execute(
            select(Attribute.id, Attribute.name, Attribute.type).where(
                Attribute.name.in_(list(kinds))
            )
        )
    }
    ids: dict[str, int] = {}
    for name, kind in kinds.items():
        if name not in found:
            continue
        attribute_id, stored = found[name]
        if stored != kind.value and {stored, kind.value} != {"text", "category"}:
            raise CodebookError(
                "attribute '{attribute}' holds {stored} values, not {kind}",
                attribute=name,
                stored=stored,
                kind=kind.value,
            )
        ids[name] = attribute_id
    new = [name for name in kinds if name not in found]
    created = rec.insert(Attribute, [{"name": name, "type": kinds[name].value} for name in new])
    ids.update(zip(new, created, strict=True))
    return ids


def _respondent_cases(
    session: Session, rec: Recorder, survey: str, parsed: ParsedSurvey, writers: Sequence[int]
) -> dict[int, int]:
    """The case "<survey> <id>" of each respondent who wrote an open answer (by position),
    made when new. A case is what links documents to one person, so only respondents
    with documents get one: a case without documents would have nothing to hold."""
    names: list[str] = []
    for respondent in (parsed.respondents[i] for i in writers):
        try:
            names.append(clean_case_name(f"{survey} {respondent.id}"))
        except CodebookError as exc:
            raise CodebookError(
                "{file}, row {row}: respondent '{respondent}' cannot be a case: {problem}",
                file=parsed.source,
                row=respondent.row,
                respondent=respondent.id,
                problem=exc,
            ) from None
    existing: dict[str, int] = {}
    for chunk in _chunks(names):
        existing.update(
            (case_name, case_id)
            for case_id, case_name in session.execute(
                select(Case.id, Case.name).where(Case.name.in_(chunk))
            )
        )
    new = [case_name for case_name in names if case_name not in existing]
    existing.update(zip(new, rec.insert(Case, [{"name": n} for n in new]), strict=True))
    return {i: existing[case_name] for i, case_name in zip(writers, names, strict=True)}


def _open_answers(
    session: Session, survey: str, parsed: ParsedSurvey
) -> tuple[list[_OpenAnswer], int]:
    """The non-empty open answers as documents to make, and how many repeat a text already
    stored (in the project, or earlier in this file)."""
    from codebook.services.importing.normalize import normalize_text

    open_items = [(i, item.key) for i, item in enumerate(parsed.items) if item.kind == "open"]
    answers: list[_OpenAnswer] = []
    for index, respondent in enumerate(parsed.respondents):
        for position, key in open_items:
            value = respondent.answers[position]
            answer = normalize_text(str(value)).strip() if value is not None else ""
            if not answer:
                continue
            label = normalize_text(respondent.id).strip()
            text = f"{label}: {answer}"
            name = f"{survey} {respondent.id} {key}"
            if len(name) > DOCUMENT_NAME_MAX:
                raise CodebookError(
                    "{file}, row {row}, column '{column}': the answer's document name would be "
                    "longer than {limit} characters",
                    file=parsed.source,
                    row=respondent.row,
                    column=key,
                    limit=DOCUMENT_NAME_MAX,
                )
            turn = TurnSpan(len(label) + 2, len(text), label)
            answers.append(_OpenAnswer(index, name, text, turn, text_sha256(text)))
    clash = _first_existing_name(session, [a.name for a in answers])
    if clash is not None:
        raise CodebookError("document '{document}' already exists", document=clash)
    stored = _existing_digests(session, [a.sha256 for a in answers])
    kept: list[_OpenAnswer] = []
    for candidate in answers:
        if candidate.sha256 not in stored:
            stored.add(candidate.sha256)
            kept.append(candidate)
    return kept, len(answers) - len(kept)


def _store_answers(
    session: Session,
    rec: Recorder,
    parsed: ParsedSurvey,
    answers: Sequence[_OpenAnswer],
    case_ids: Mapping[int, int],
    attribute_ids: Mapping[str, int],
    language: str,
) -> None:
    """The open answers as documents with their turn, sentences, case link and attributes."""
    source_format = PurePath(parsed.source).suffix.lstrip(".").lower()[:16] or "survey"
    spans = _sentences(answers, language)
    imported_at = now()
    doc_ids = rec.insert(
        Document,
        [
            {
                "name": answer.name,
                "text": answer.text,
                "sha256": answer.sha256,
                "source_format": source_format,
                "source_encoding": parsed.encoding,
                "language": language,
                "word_count": len(answer.text.split()),
                "imported_at": imported_at,
                "sentences": sentences,
            }
            for answer, sentences in zip(answers, spans, strict=True)
        ],
    )
    rec.insert(
        Turn,
        [
            row
            for doc_id, answer in zip(doc_ids, answers, strict=True)
            for row in turn_rows(doc_id, [answer.turn])
        ],
    )
    rec.insert(
        CaseDocument,
        [
            {"case_id": case_ids[answer.respondent], "document_id": doc_id, "speaker": None}
            for doc_id, answer in zip(doc_ids, answers, strict=True)
        ],
    )
    rec.insert(
        DocumentAttribute,
        [
            {
                "document_id": doc_id,
                "attribute_id": attribute_ids[name],
                **_value_columns(AttributeType(kind), value),
            }
            for doc_id, answer in zip(doc_ids, answers, strict=True)
            for name, (kind, value) in parsed.respondents[answer.respondent].attributes.items()
        ],
    )


def _sentences(answers: Sequence[_OpenAnswer], language: str) -> list[list[list[int]]]:
    """Each answer's sentence spans, split in one pass of the transcripts' splitter over
    all answers laid end to end (one spaCy pipe, not one call per answer)."""
    from codebook.services.importing.sentences import sentence_spans

    starts: list[int] = []
    turns: list[TurnSpan] = []
    at = 0
    for answer in answers:
        starts.append(at)
        turns.append(TurnSpan(at + answer.turn.start, at + answer.turn.end))
        at += len(answer.text) + 2
    joined = "\n\n".join(answer.text for answer in answers)
    found = sentence_spans(joined, turns, language)
    out: list[list[list[int]]] = [[] for _ in answers]
    index = 0
    for start, end in found:
        while start >= turns[index].end:
            index += 1
        offset = starts[index]
        out[index].append([start - offset, end - offset])
    return out


def _value_columns(kind: AttributeType, value: AttributeValue) -> dict[str, object]:
    columns: dict[str, object] = {"value_text": None, "value_number": None, "value_date": None}
    if kind is AttributeType.NUMBER and isinstance(value, int | float):
        columns["value_number"] = float(value)
    elif kind is AttributeType.DATE and isinstance(value, date):
        columns["value_date"] = value
    else:
        columns["value_text"] = attribute_text(value)
    return columns


def _attributes_json(attributes: Mapping[str, tuple[str, AttributeValue]]) -> dict[str, Any]:
    return {
        name: [kind, value.isoformat() if isinstance(value, date) else value]
        for name, (kind, value) in attributes.items()
    }


def _first_existing_name(session: Session, names: Sequence[str]) -> str | None:
    for chunk in _chunks(names):
        found = session.scalar(select(Document.name).where(Document.name.in_(chunk)).limit(1))
        if found is not None:
            return found
    return None


def _existing_digests(session: Session, digests: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(digests):
        found.update(session.scalars(select(Document.sha256).where(Document.sha256.in_(chunk))))
    return found


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
