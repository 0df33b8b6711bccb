"""The agreement use case: read the compared documents and codings, count, report.

A request is checked before anything heavy is read (coders known and at least
two, codes known, a minimum overlap between 0 and 1), so a typo fails at once
with one line. Only documents every named coder has coded are compared: a
document one coder has not started would otherwise count as that coder's
"not coded" everywhere and drag every figure down.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebook.db.models import Coding, Document, Turn
from codebook.domain.agreement import AgreementRequest, AgreementResult, CodeAgreement
from codebook.domain.errors import CodebookError
from codebook.services.agreement.disagreements import CodingRows, find_disagreements
from codebook.services.agreement.figures import code_figures, pattern_ids, pooled_figures
from codebook.services.agreement.units import Intervals, Layout, unit_table
from codebook.services.codebook.codes import load_code_tree, resolve_code
from codebook.services.retrieval.lookups import coder_ids, matching_documents

MAX_CODERS = 12


def _check(request: AgreementRequest) -> None:
    if len(set(request.coders)) < 2:
        raise CodebookError("agreement needs at least two different coders (--coders A,B)")
    if len(set(request.coders)) != len(request.coders):
        raise CodebookError("a coder is named twice in --coders")
    if len(request.coders) > MAX_CODERS:
        raise CodebookError("agreement compares at most {limit} coders", limit=MAX_CODERS)
    if request.min_overlap is not None and not 0 < request.min_overlap <= 1:
        raise CodebookError(
            "--min-overlap must be above 0 and at most 1, not {value}", value=request.min_overlap
        )


def _targets(
    session: Session, request: AgreementRequest
) -> tuple[list[int], list[str], dict[int, list[int]]]:
    """The codes compared (ids, paths) and, per coded code id, the targets it counts for."""
    every = load_code_tree(session, include_retired=True)
    if request.codes:
        ids = list(dict.fromkeys(resolve_code(session, ref).id for ref in request.codes))
    else:
        ids = list(load_code_tree(session, include_retired=False))
    counts_for: dict[int, list[int]] = {}
    for index, code_id in enumerate(ids):
        below = every.descendants(code_id) if request.with_children else [code_id]
        for member in below:
            counts_for.setdefault(member, []).append(index)
    return ids, [every.path(code_id) for code_id in ids], counts_for


def _compared_documents(
    session: Session, coders: Sequence[int], names: Sequence[str], request: AgreementRequest
) -> list[tuple[int, str, int]]:
    """(id, name, length) of the documents every coder coded and the filter keeps, by name."""
    allowed = matching_documents(session, request.filters.where)
    rows = session.execute(
        select(Coding.document_id, Coding.coder_id).where(Coding.coder_id.in_(coders)).distinct()
    )
    by_document: dict[int, set[int]] = {}
    for document_id, coder in rows:
        by_document.setdefault(document_id, set()).add(coder)
    wanted = [
        d
        for d, who in by_document.items()
        if len(who) == len(coders) and (allowed is None or d in allowed)
    ]
    if not wanted:
        if allowed is not None:
            raise CodebookError(
                "no document matching the filter is coded by all of {coders}",
                coders=", ".join(names),
            )
        raise CodebookError("no document is coded by all of {coders}", coders=", ".join(names))
    found = session.execute(
        select(Document.id, Document.name, func.length(Document.text)).where(
            Document.id.in_(wanted)
        )
    )
    return sorted(((i, n, int(size)) for i, n, size in found), key=lambda row: row[1].casefold())


def _spans(
    session: Session,
    request: AgreementRequest,
    documents: Sequence[tuple[int, str, int]],
    layout: Layout,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Sentences or turns of the compared documents as sorted line positions."""
    index = {doc: i for i, (doc, _, _) in enumerate(documents)}
    ids = list(index)
    pieces: list[NDArray[np.int64]] = [np.zeros((0, 2), dtype=np.int64)]
    if request.unit == "sentence":
        found = session.execute(select(Document.id, Document.sentences).where(Document.id.in_(ids)))
        for doc, sentences in found:
            spans = np.array(sentences or [], dtype=np.int64).reshape(-1, 2)
            pieces.append(spans + layout.offsets[index[doc]])
    elif request.unit == "turn":
        turns = session.execute(
            select(Turn.document_id, Turn.start, Turn.end).where(Turn.document_id.in_(ids))
        ).all()
        rows = np.array(turns, dtype=np.int64).reshape(-1, 3)
        shifts = layout.offsets[[index[doc] for doc in rows[:, 0].tolist()]]
        pieces.append(rows[:, 1:] + shifts[:, None])
    joined = np.concatenate(pieces)
    start_array, end_array = joined[:, 0], joined[:, 1]
    order = np.argsort(start_array, kind="stable")
    return start_array[order], end_array[order]


def _codings(
    session: Session,
    coders: Sequence[int],
    documents: Sequence[tuple[int, str, int]],
    layout: Layout,
    counts_for: dict[int, list[int]],
) -> CodingRows:
    """Every coding of a compared code by a named coder, once per target it counts for."""
    index = {doc: i for i, (doc, _, _) in enumerate(documents)}
    coder_index = {coder: j for j, coder in enumerate(coders)}
    rows = session.execute(
        select(
            Coding.id, Coding.document_id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end
        ).where(
            Coding.coder_id.in_(coders),
            Coding.document_id.in_(list(index)),
            Coding.code_id.in_(list(counts_for)),
        )
    ).all()
    out: list[tuple[int, int, int, int, int, int, int]] = []
    for coding_id, doc, code_id, coder, start, end in rows:
        shift = int(layout.offsets[index[doc]])
        for target in counts_for[code_id]:
            out.append(
                (
                    coding_id,
                    index[doc],
                    code_id,
                    target,
                    coder_index[coder],
                    start + shift,
                    end + shift,
                )
            )
    return CodingRows.of(out)


def _describe(request: AgreementRequest, count: int, documents: int) -> tuple[str, str]:
    """The unit as counted and the rule, as printed above every table."""
    plural = {
        "sentence": "sentences",
        "turn": "turns",
        "character": "characters",
        "document": "documents",
    }
    files = f"{documents:,} document{'s' if documents != 1 else ''}"
    description = (
        f"document ({files})"
        if request.unit == "document"
        else f"{request.unit} ({count:,} {plural[request.unit]} in {files})"
    )
    if request.unit == "character":
        rule = "a character counts as coded when a coding covers it"
    elif request.min_overlap is None:
        rule = f"a {request.unit} counts as coded when a coding overlaps it"
    else:
        rule = (
            f"a {request.unit} counts as coded when a coder's codings of the code cover at least "
            f"{request.min_overlap:.0%} of its characters"
        )
    if request.with_children:
        rule += "; a code counts with its sub-codes"
    return description, rule


def agreement(
    session: Session, request: AgreementRequest, *, list_disagreements: bool = True
) -> AgreementResult:
    """The agreement of ``request.coders`` per code and pooled, over the compared documents."""
    _check(request)
    coders = coder_ids(session, request.coders) or []
    ids, paths, counts_for = _targets(session, request)
    documents = _compared_documents(session, coders, request.coders, request)
    layout = Layout(np.cumsum([0, *(size for _, _, size in documents)], dtype=np.int64))
    spans = _spans(session, request, documents, layout)
    rows = _codings(session, coders, documents, layout, counts_for)
    shape = (len(ids), len(coders))
    table = unit_table(
        request.unit,
        layout,
        spans,
        Intervals(rows.key(len(coders)), rows.start, rows.end),
        shape,
        request.min_overlap,
    )
    patterns = pattern_ids(table)
    discrete = request.unit != "character"
    codes = tuple(
        CodeAgreement(
            code_id,
            path,
            code_figures(
                table,
                patterns,
                i,
                discrete=discrete,
                resamples=request.resamples,
                seed=request.seed,
            ),
        )
        for i, (code_id, path) in enumerate(zip(ids, paths, strict=True))
    )
    overall = pooled_figures(table, patterns, resamples=request.resamples, seed=request.seed)
    description, rule = _describe(request, table.count, len(documents))
    found = (
        find_disagreements(
            table,
            rows,
            layout,
            documents,
            request.coders,
            ids,
            paths,
            join_runs=request.unit == "character",
        )
        if list_disagreements
        else ()
    )
    return AgreementResult(
        unit=request.unit,
        rule=rule,
        description=description,
        n_units=table.count,
        coders=tuple(request.coders),
        documents=tuple(name for _, name, _ in documents),
        codes=codes,
        overall=overall,
        disagreements=found,
        resamples=request.resamples,
        seed=request.seed,
        min_overlap=request.min_overlap,
        with_children=request.with_children,
    )
