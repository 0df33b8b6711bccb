"""The small reads a retrieval starts with: document attributes, and filters as ids.

Filters arrive as the analyst wrote them (attribute names and values, coder
names); they are checked and turned into ids here, once, so an unknown
attribute or coder is a clear ``CodebookError`` before any coding is read,
and the queries after that only compare ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Attribute, Coder, Document, DocumentAttribute
from codebook.domain import AttributeValue, CodebookError
from codebook.domain.queries import WhereMiss
from codebook.domain.transcripts import attribute_text


def attributes_by_document(session: Session) -> dict[int, Mapping[str, AttributeValue]]:
    """Each document's attributes as a read-only mapping (shared by its quotes)."""
    out: dict[int, dict[str, AttributeValue]] = {}
    rows = session.execute(
        select(
            DocumentAttribute.document_id,
            Attribute.name,
            DocumentAttribute.value_text,
            DocumentAttribute.value_number,
            DocumentAttribute.value_date,
        ).join(Attribute, Attribute.id == DocumentAttribute.attribute_id)
    )
    for doc, name, text, number, day in rows:
        value: AttributeValue = (
            day if day is not None else number if number is not None else text or ""
        )
        out.setdefault(doc, {})[name] = value
    return {doc: MappingProxyType(values) for doc, values in out.items()}


def matching_documents(session: Session, where: Mapping[str, Sequence[str]]) -> set[int] | None:
    """Ids of documents passing the attribute filter; ``None`` when there is no filter."""
    if not where:
        return None
    known = {n.lower(): n for n in session.scalars(select(Attribute.name))}
    for key in where:
        if key.lower() not in known:
            if not known:
                raise CodebookError(
                    "unknown attribute '{attribute}' (attributes: none yet)", attribute=key
                )
            raise CodebookError(
                "unknown attribute '{attribute}' (attributes: {attributes})",
                attribute=key,
                attributes=", ".join(sorted(known.values())),
            )
    wanted = {
        known[k.lower()]: {v.casefold() for v in values} for k, values in where.items() if values
    }
    attrs = attributes_by_document(session)
    all_docs = session.scalars(select(Document.id))
    return {
        doc
        for doc in all_docs
        if all(
            name in attrs.get(doc, {}) and attribute_text(attrs[doc][name]).casefold() in accepted
            for name, accepted in wanted.items()
        )
    }


def where_misses(session: Session, where: Mapping[str, Sequence[str]]) -> list[WhereMiss]:
    """The keys and values of an attribute filter that no document has, with what exists.

    A typo (``werkplaats=WOX``) would otherwise just find nothing; values
    compare as the filter compares them, as text ignoring case. A name that is
    no attribute at all is left to ``matching_documents``, whose error already
    lists the attributes; here it is one that no document has a value for.
    """
    defined = {n.lower() for n in session.scalars(select(Attribute.name))}
    attrs = attributes_by_document(session)
    existing: dict[str, set[str]] = {}
    for values in attrs.values():
        for name, value in values.items():
            existing.setdefault(name, set()).add(attribute_text(value))
    by_key = {name.lower(): name for name in existing}
    misses: list[WhereMiss] = []
    for key, wanted in where.items():
        attribute = by_key.get(key.lower())
        if key.lower() not in defined:
            continue
        if attribute is None:
            misses.append(WhereMiss(key, None, tuple(sorted(existing, key=str.casefold))))
            continue
        have = {v.casefold() for v in existing[attribute]}
        listed = tuple(sorted(existing[attribute], key=str.casefold))
        misses.extend(WhereMiss(key, v, listed) for v in wanted if v.casefold() not in have)
    return misses


def coder_ids(session: Session, names: Sequence[str]) -> list[int] | None:
    """Ids of the named coders; ``None`` when no coder filter is given."""
    if not names:
        return None
    found = {k: v for k, v in session.execute(select(Coder.name, Coder.id))}
    missing = [n for n in names if n not in found]
    if missing:
        if not found:
            raise CodebookError("unknown coder '{coder}' (coders: none yet)", coder=missing[0])
        raise CodebookError(
            "unknown coder '{coder}' (coders: {coders})",
            coder=missing[0],
            coders=", ".join(sorted(found)),
        )
    return [found[n] for n in names]
