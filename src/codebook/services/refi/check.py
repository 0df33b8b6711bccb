"""The round-trip check: a project and a .qdpx compared in the same terms.

A file's offsets count in its producer's units over its own text; a project's
are code points in our normalized text. ``in_our_units`` brings a file's
model into our terms so ``compare`` can match coding by coding. After an
import, the project is gathered again and compared with what was read: the
file's own GUIDs are mapped onto the ones the project derives (a document's
from its text, a variable's and a case's from their names, a memo's by its
text), so a difference means something was lost, moved or shifted, never
merely renamed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from codebook.domain import CodebookSpec, CodeSpec
from codebook.domain.codebook import walk_codes
from codebook.domain.exchange import Difference
from codebook.services.documents import text_sha256
from codebook.services.refi.compare import compare
from codebook.services.refi.gather import gather_project
from codebook.services.refi.model import (
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    derived_guid,
)
from codebook.services.refi.offsets import Aligned, align


def counts_of(project: RefiProject) -> dict[str, int]:
    """What a model holds, counted as an exchange report counts it."""
    return {
        "sources": len(project.sources),
        "codes": sum(1 for _ in walk_codes(project.codebook.codes)),
        "codings": sum(len(s.codings) for src in project.sources for s in src.selections),
        "users": len(project.users),
        "cases": len(project.cases),
        "notes": len(project.notes),
        "variables": len(project.variables),
    }


def in_our_units(project: RefiProject, aligned: Mapping[str, Aligned] | None = None) -> RefiProject:
    """The model with each source's text normalized and its selections in code points of it.

    ``aligned`` holds sources already mapped (by GUID in lower case: an import
    has done it), so they are not mapped twice. A selection that falls outside
    its text is left out, so a comparison reports its codings as dropped.
    """
    done = aligned or {}
    return replace(
        project,
        sources=tuple(_aligned(s, done.get(s.guid.lower())) for s in project.sources),
    )


def _aligned(source: RefiSource, aligned: Aligned | None) -> RefiSource:
    if aligned is None:
        aligned = align(source.text, [(s.start, s.end) for s in source.selections])
    selections = tuple(
        replace(selection, start=span[0], end=span[1])
        for selection, span in zip(source.selections, aligned.ranges, strict=True)
        if span is not None
    )
    return replace(source, text=aligned.text, selections=selections)


def check_import(
    session: Session,
    read: RefiProject,
    aligned: Mapping[str, Aligned],
    *,
    aliases: Mapping[str, str],
    into: bool,
    importer: str,
) -> list[Difference]:
    """What the project holds differently from the file just imported into it.

    ``aligned`` is how the import mapped each source into our text (by GUID).
    ``aliases`` maps file code GUIDs onto the project's codes they were matched
    to by path. With ``into`` the project may hold more than the file: only
    what the file has is compared. The ``importer`` is a coder of the project
    whether or not the file names them.
    """
    expected = _by_importer(_as_derived(in_our_units(read, aligned), aliases), importer)
    actual = gather_project(session)
    if importer not in {u.name for u in expected.users}:
        actual = replace(actual, users=tuple(u for u in actual.users if u.name != importer))
    if into:
        actual = _within(actual, expected)
        expected = replace(expected, codebook=_as_kept(expected.codebook, actual.codebook))
    expected = _memo_guids(expected, actual)
    return compare(expected, actual)


def _by_importer(project: RefiProject, importer: str) -> RefiProject:
    """Codings the file credits to nobody, as the import credits them: to the importer."""
    me = derived_guid("user", importer)
    used = False

    def credited(selection: RefiSelection) -> RefiSelection:
        nonlocal used
        if selection.user_guid is not None:
            return selection
        codings = []
        for coding in selection.codings:
            if coding.user_guid is None:
                used = True
                coding = replace(coding, user_guid=me)
            codings.append(coding)
        return replace(selection, codings=tuple(codings))

    sources = tuple(
        replace(s, selections=tuple(credited(sel) for sel in s.selections)) for s in project.sources
    )
    users = project.users
    if used and importer not in {u.name for u in users}:
        users = (*users, RefiUser(me, importer))
    return replace(project, sources=sources, users=users)


def _as_derived(project: RefiProject, aliases: Mapping[str, str]) -> RefiProject:
    """The file's model with the GUIDs a project derives for the same things."""
    sources = {s.guid.lower(): derived_guid("source", text_sha256(s.text)) for s in project.sources}
    variables = {v.guid.lower(): derived_guid("variable", v.name) for v in project.variables}

    def code(guid: str) -> str:
        return aliases.get(guid.lower(), guid)

    def source(item: RefiSource) -> RefiSource:
        return replace(
            item,
            guid=sources[item.guid.lower()],
            selections=tuple(_recoded(s, code) for s in item.selections),
            values=tuple(
                replace(v, variable_guid=variables.get(v.variable_guid.lower(), v.variable_guid))
                for v in item.values
            ),
        )

    return replace(
        project,
        sources=tuple(source(s) for s in project.sources),
        variables=tuple(replace(v, guid=variables[v.guid.lower()]) for v in project.variables),
        cases=tuple(
            replace(
                c,
                guid=derived_guid("case", c.name),
                source_guids=tuple(sources.get(g.lower(), g) for g in c.source_guids),
            )
            for c in project.cases
        ),
        codebook=replace(project.codebook, codes=_aliased(project.codebook.codes, aliases)),
        code_notes={code(k): v for k, v in project.code_notes.items()},
    )


def _recoded(selection: RefiSelection, code: Callable[[str], str]) -> RefiSelection:
    return replace(
        selection,
        codings=tuple(replace(c, code_guid=code(c.code_guid)) for c in selection.codings),
    )


def _aliased(codes: Sequence[CodeSpec], aliases: Mapping[str, str]) -> tuple[CodeSpec, ...]:
    return tuple(
        replace(
            c,
            guid=aliases.get((c.guid or "").lower(), c.guid),
            children=_aliased(c.children, aliases),
        )
        for c in codes
    )


def _memo_guids(expected: RefiProject, actual: RefiProject) -> RefiProject:
    """The file's notes under the GUIDs of the project's memos with the same text.

    A memo's GUID in a project comes from its target, author and creation
    time; a note from another tool has its own. Matching by text lets the
    comparison check where each memo landed and that its text is whole.
    """
    free: dict[str, list[str]] = {}
    for note in actual.notes:
        free.setdefault(note.text.strip(), []).append(note.guid)
    renamed: dict[str, str] = {}
    for note in expected.notes:
        candidates = free.get(note.text.strip())
        if candidates:
            renamed[note.guid.lower()] = candidates.pop(0)

    def guid(old: str) -> str:
        return renamed.get(old.lower(), old)

    def guids(old: Sequence[str]) -> tuple[str, ...]:
        return tuple(guid(g) for g in old)

    def source(item: RefiSource) -> RefiSource:
        selections = tuple(
            replace(
                s,
                note_guids=guids(s.note_guids),
                codings=tuple(replace(c, note_guids=guids(c.note_guids)) for c in s.codings),
            )
            for s in item.selections
        )
        return replace(item, note_guids=guids(item.note_guids), selections=selections)

    return replace(
        expected,
        notes=tuple(replace(n, guid=guid(n.guid)) for n in expected.notes),
        sources=tuple(source(s) for s in expected.sources),
        project_notes=guids(expected.project_notes),
        code_notes={k: guids(v) for k, v in expected.code_notes.items()},
    )


def _within(actual: RefiProject, expected: RefiProject) -> RefiProject:
    """Only the part of ``actual`` that corresponds to ``expected``: a project imported into
    keeps its own documents, codes, codings and memos, which are no difference."""
    sources = {s.guid.lower() for s in expected.sources}
    wanted: dict[str, set[tuple[str, int, int]]] = {}
    for src in expected.sources:
        wanted[src.guid.lower()] = {
            _coded(c.code_guid, s) for s in src.selections for c in s.codings
        }
    codes = {(c.guid or "").lower() for c in walk_codes(expected.codebook.codes)}
    kept_sources = []
    for src in actual.sources:
        if src.guid.lower() not in sources:
            continue
        keep = wanted[src.guid.lower()]
        selections = tuple(
            replace(
                s,
                codings=tuple(
                    c for c in s.codings if (c.code_guid.lower(), s.start, s.end) in keep
                ),
            )
            for s in src.selections
        )
        kept_sources.append(replace(src, selections=tuple(s for s in selections if s.codings)))
    names = {u.name for u in expected.users}
    texts = {n.text.strip() for n in expected.notes}
    cases = {c.name for c in expected.cases}
    variables = {v.name for v in expected.variables}
    return replace(
        actual,
        sources=tuple(kept_sources),
        codebook=replace(actual.codebook, codes=_only_codes(actual.codebook.codes, codes)),
        users=tuple(u for u in actual.users if u.name in names),
        notes=tuple(n for n in actual.notes if n.text.strip() in texts),
        cases=tuple(c for c in actual.cases if c.name in cases),
        variables=tuple(v for v in actual.variables if v.name in variables),
    )


def _as_kept(incoming: CodebookSpec, kept: CodebookSpec) -> CodebookSpec:
    """The file's codes as an import ``--into`` leaves them: a code the project had stays as
    the project has it (its definition, place and colour are the project's decision); a
    code the project lacks, and did not get, is what the check must report."""
    there = {(c.guid or "").lower() for c in walk_codes(kept.codes)}
    missing = tuple(
        replace(c, children=())
        for c in walk_codes(incoming.codes)
        if (c.guid or "").lower() not in there
    )
    return replace(incoming, codes=kept.codes + missing)


def _coded(code_guid: str, selection: RefiSelection) -> tuple[str, int, int]:
    return code_guid.lower(), selection.start, selection.end


def _only_codes(codes: Sequence[CodeSpec], wanted: set[str]) -> tuple[CodeSpec, ...]:
    """The codes in ``wanted``, and the codes above them (a path needs its parents)."""
    out = []
    for code in codes:
        children = _only_codes(code.children, wanted)
        if (code.guid or "").lower() in wanted or children:
            out.append(replace(code, children=children))
    return tuple(out)
