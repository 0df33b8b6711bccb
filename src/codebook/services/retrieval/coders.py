"""Whose codings count: the union of coders, their sum, or the project's reference coder.

Two coders coding one passage must not make it two passages in a table, and
one coder's A must not meet another's B in a query, so every retrieval and
every table first settles how coders count (``plan_counting``) and then says
so (``counted_coders``). The reference coder (e.g. ``consensus``, whose
codings settle the coders' differences) is a project setting in
``project_meta``, set as an undoable action.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Coder, Coding, Document, ProjectMeta
from codebook.domain import CodebookError
from codebook.domain.analysis import CountedCoders, CountMode
from codebook.domain.queries import Filters
from codebook.services.journal import Recorder
from codebook.services.retrieval.lookups import coder_ids

REFERENCE_KEY = "reference_coder"


@dataclass(frozen=True)
class CoderPlan:
    """How one retrieval or table counts coders.

    ``fetch``: the coders whose codings are read (None: everyone);
    ``scope``: the coders the analyst's coder filter allows (None: everyone),
    over which double coding is looked for.
    """

    mode: CountMode
    fetch: list[int] | None
    scope: list[int] | None
    reference: str | None = None

    @property
    def union(self) -> bool:
        """Overlapping codings of one code by different coders become one segment."""
        return self.mode == "union"


def reference_coder(session: Session) -> str | None:
    """The project's reference coder, or None when every coder counts."""
    row = session.get(ProjectMeta, REFERENCE_KEY)
    return row.value if row is not None and row.value else None


def set_reference_coder(session: Session, acting: int, name: str | None) -> None:
    """Make ``name`` the coder whose codings alone count (None: count every coder again).

    One undoable action; a coder who has never coded is refused, since
    every count would silently drop to zero.
    """
    row = session.get(ProjectMeta, REFERENCE_KEY)
    if name is not None:
        name = name.strip()
        coder_ids(session, [name])
    if (row.value if row is not None else None) == name:
        return
    what = f"reference coder {name}" if name else "no reference coder"
    rec = Recorder(session, acting, "project.reference", what)
    if name is None:
        rec.delete(ProjectMeta, [[REFERENCE_KEY]])
    elif row is None:
        rec.insert(ProjectMeta, [{"key": REFERENCE_KEY, "value": name}])
    else:
        rec.update(ProjectMeta, [REFERENCE_KEY], {"value": name})
    rec.finish()


def plan_counting(session: Session, filters: Filters) -> CoderPlan:
    """How ``filters`` count coders; an unknown coder or a contradiction is an error.

    Order of precedence: ``sum_coders``; an explicit ``reference``; a coder
    filter (one coder, or the union of those named); the project's reference
    coder; the union of everyone.
    """
    scope = coder_ids(session, filters.coders)
    if filters.reference is not None:
        if filters.sum_coders or scope is not None:
            raise CodebookError(
                "a reference coder counts only that coder: leave out --coded-by and --sum-coders"
            )
        ref = filters.reference.strip()
        return CoderPlan("reference", coder_ids(session, [ref]), None, ref)
    if filters.sum_coders:
        return CoderPlan("sum", scope, scope)
    if scope is not None:
        return CoderPlan("one" if len(set(scope)) == 1 else "union", scope, scope)
    ref_name = reference_coder(session)
    ref_id = session.scalar(select(Coder.id).where(Coder.name == ref_name)) if ref_name else None
    if ref_name and ref_id is not None:
        return CoderPlan("reference", [ref_id], None, ref_name)
    return CoderPlan("union", None, None)


def counted_coders(
    session: Session,
    plan: CoderPlan,
    documents: set[int] | None,
    code_ids: Sequence[int] | None = None,
) -> CountedCoders:
    """Who was counted under ``plan`` in these documents, and which are double-coded.

    One query over (document, coder) pairs; ``code_ids`` narrows it to the
    codes a report covers.
    """
    query = select(Coding.document_id, Coding.coder_id).distinct()
    if plan.scope is not None:
        query = query.where(Coding.coder_id.in_(plan.scope))
    if documents is not None:
        query = query.where(Coding.document_id.in_(sorted(documents)))
    if code_ids is not None:
        query = query.where(Coding.code_id.in_(list(code_ids)))
    coders_of: dict[int, set[int]] = {}
    for doc, coder in session.execute(query):
        coders_of.setdefault(doc, set()).add(coder)
    double = [doc for doc, who in coders_of.items() if len(who) > 1]
    doc_names = {
        i: n
        for i, n in session.execute(
            select(Document.id, Document.name).where(Document.id.in_(double))
        )
    }
    names = {i: n for i, n in session.execute(select(Coder.id, Coder.name))}
    if plan.reference is not None:
        counted: tuple[str, ...] = (plan.reference,)
    else:
        present = {c for who in coders_of.values() for c in who}
        counted = tuple(sorted((names[c] for c in present), key=str.casefold))
    return CountedCoders(
        plan.mode,
        counted,
        tuple(sorted((doc_names[d] for d in double), key=str.casefold)),
    )
