"""Moving a whole codebook between a project and a file (YAML or REFI-QDA .qdc).

Importing into a project that is already being coded is a revision like any
other, only bigger, so it is planned first: codes in the file are matched to
the project's by guid, then by path, and the plan lists what will be created,
renamed, redefined, moved, retired or brought back. Nothing changes until the
plan is applied, as one ``import`` revision that ``undo`` reverts in full.
Codes missing from the file are retired, never deleted: their codings stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebook.db.models import Code, Coding, ProjectMeta
from codebook.domain import CodebookError, CodebookSpec, CodeFields, CodeSpec
from codebook.domain.code_tree import CodeTree
from codebook.domain.codebook import PATH_SEPARATOR, TEXT_FIELDS, walk_codes
from codebook.domain.revisions import ImportPlan, PlanEntry, PlanStep, Revision
from codebook.services.codebook.codes import PALETTE, code_fields, code_row, code_tree
from codebook.services.codebook.log import record_event
from codebook.services.codebook.revisions import refresh_codes
from codebook.services.journal import Recorder

#: Where the codebook's own title, language and description live in ``project_meta``.
META_KEYS: dict[str, str] = {
    "name": "codebook_name",
    "language": "codebook_language",
    "description": "codebook_description",
}
FIELD_COLUMNS: tuple[str, ...] = ("guid", *TEXT_FIELDS, "keywords", "color")
YAML_SUFFIXES = (".yaml", ".yml")
QDC_SUFFIXES = (".qdc",)


# ---------------------------------------------------------------------------
# project -> spec


def _meta(session: Session, key: str) -> str | None:
    row = session.get(ProjectMeta, key)
    return None if row is None else row.value


def project_codebook(session: Session, *, include_retired: bool = False) -> CodebookSpec:
    """The project's codebook as a file would hold it (retired codes only on request)."""
    refresh_codes(session)
    guids = {i: g for i, g in session.execute(select(Code.id, Code.guid))}

    def spec(node: Any) -> CodeSpec:
        code: Code = node.code
        merged = code.merged_into_id
        return CodeSpec(
            fields=code_fields(code),
            guid=code.guid,
            children=tuple(spec(c) for c in node.children),
            retired=bool(code.retired) if include_retired else False,
            merged_into=guids.get(merged) if include_retired and merged is not None else None,
        )

    nodes = code_tree(session, include_retired=include_retired)
    return CodebookSpec(
        name=_meta(session, META_KEYS["name"]) or _meta(session, "name") or "codebook",
        codes=tuple(spec(n) for n in nodes),
        language=_meta(session, META_KEYS["language"]) or _meta(session, "language") or "en",
        description=_meta(session, META_KEYS["description"]) or "",
    )


# ---------------------------------------------------------------------------
# files


def read_codebook_file(path: str | Path) -> CodebookSpec:
    """Load a .yaml/.yml or .qdc codebook, chosen by the file's extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        from codebook.services.codebook.yaml_format import load_yaml

        return load_yaml(path)
    if suffix in QDC_SUFFIXES:
        from codebook.services.codebook.qdc_format import load_qdc

        return load_qdc(path)
    raise CodebookError("{file}: unknown codebook format (use .yaml, .yml or .qdc)", file=path)


def write_codebook_file(spec: CodebookSpec, path: str | Path) -> None:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        from codebook.services.codebook.yaml_format import save_yaml

        save_yaml(spec, path)
    elif suffix in QDC_SUFFIXES:
        if any(c.retired for c in walk_codes(spec.codes)):
            raise CodebookError(
                "{file}: a .qdc cannot mark codes as retired; export retired codes to YAML",
                file=path,
            )
        from codebook.services.codebook.qdc_format import save_qdc

        save_qdc(spec, path)
    else:
        raise CodebookError("{file}: unknown codebook format (use .yaml, .yml or .qdc)", file=path)


def export_codebook(
    session: Session, path: str | Path, *, include_retired: bool = False
) -> CodebookSpec:
    """Write the project's codebook to ``path`` (format by extension); returns what was written."""
    spec = project_codebook(session, include_retired=include_retired)
    write_codebook_file(spec, path)
    return spec


# ---------------------------------------------------------------------------
# plan


def _flatten(codes: tuple[CodeSpec, ...]) -> list[PlanEntry]:
    out: list[PlanEntry] = []

    def add(items: tuple[CodeSpec, ...], parent: PlanEntry | None) -> None:
        for position, spec in enumerate(items):
            name = spec.fields.name
            path = name if parent is None else parent.path + PATH_SEPARATOR + name
            entry = PlanEntry(
                len(out),
                spec,
                None if parent is None else parent.key,
                position,
                0 if parent is None else parent.depth + 1,
                path,
            )
            out.append(entry)
            add(spec.children, entry)

    add(codes, None)
    return out


def _db_codes(session: Session) -> dict[int, dict[str, Any]]:
    cols = Code.__table__.c
    return {r._mapping["id"]: dict(r._mapping) for r in session.execute(select(*cols))}


def _target_fields(spec: CodeSpec, current: dict[str, Any] | None) -> dict[str, Any]:
    f: CodeFields = spec.fields
    values: dict[str, Any] = {
        "name": f.name,
        "brief_definition": f.brief_definition,
        "full_definition": f.full_definition,
        "when_to_use": f.when_to_use,
        "when_not_to_use": f.when_not_to_use,
        "example": f.example,
        "keywords": list(f.keywords),
    }
    if f.color:
        values["color"] = f.color.upper()
    elif current is not None:
        values["color"] = current["color"]
    return values


def plan_import(session: Session, spec: CodebookSpec, *, with_meta: bool = True) -> ImportPlan:
    """Match the file's codes to the project's and list every change, changing nothing.

    ``with_meta`` also takes the file's title, language and description (a
    .qdc has none of those, so its import leaves them alone).
    """
    rows = _db_codes(session)
    tree = CodeTree((i, r["parent_id"], r["position"], str(r["name"])) for i, r in rows.items())
    paths = tree.paths()
    entries = _flatten(spec.codes)
    by_guid = {str(r["guid"]).lower(): i for i, r in rows.items()}
    matches: dict[int, int] = {}
    for e in entries:
        if e.spec.guid is not None and e.spec.guid.lower() in by_guid:
            matches[e.key] = by_guid[e.spec.guid.lower()]
    used = set(matches.values())
    by_path: dict[str, list[int]] = {}
    for code_id in sorted(rows, key=lambda i: (bool(rows[i]["retired"]), i)):
        by_path.setdefault(paths[code_id].lower(), []).append(code_id)
    for e in entries:
        if e.key in matches:
            continue
        for code_id in by_path.get(e.path.lower(), []):
            if code_id not in used:
                matches[e.key] = code_id
                used.add(code_id)
                break

    file_guids = {e.spec.guid: e for e in entries if e.spec.guid is not None}
    steps: list[PlanStep] = []
    updates: dict[int, dict[str, Any]] = {}
    created = 0
    for e in entries:
        parent_id = None if e.parent is None else matches.get(e.parent)
        merged = _merged_target(e, file_guids, by_guid, matches)
        matched = matches.get(e.key)
        if matched is None:
            created += 1
            steps.append(PlanStep("create", e.path, "(retired)" if e.spec.retired else ""))
            continue
        code_id = matched
        current = rows[code_id]
        target = _target_fields(e.spec, current)
        target["position"] = e.position
        target["retired"] = e.spec.retired
        if e.spec.guid is not None:
            # Matched by path: the code takes the file's guid, so the project and
            # the file (and anything exchanged with other tools) agree from now on.
            target["guid"] = e.spec.guid
        if e.parent is None or e.parent in matches:
            target["parent_id"] = parent_id
        if merged is not None or not e.spec.retired:
            target["merged_into_id"] = merged
        changed = {k: v for k, v in target.items() if current[k] != v}
        if "parent_id" not in target:
            changed["parent_id"] = None  # placeholder: the parent is new, set on apply
        if changed:
            updates[code_id] = changed
        old_path = paths[code_id]
        if current["name"] != e.spec.fields.name:
            steps.append(PlanStep("rename", old_path, f"-> '{e.spec.fields.name}'"))
        fields = [k for k in FIELD_COLUMNS if k in changed]
        if fields:
            steps.append(PlanStep("redefine", e.path, f"({', '.join(fields)})"))
        if "parent_id" in changed:
            old_parent = current["parent_id"]
            where = "top level" if old_parent is None else f"'{paths[old_parent]}'"
            steps.append(PlanStep("move", e.path, f"from {where}"))
        if current["retired"] and not e.spec.retired:
            steps.append(PlanStep("unretire", e.path))
        if not current["retired"] and e.spec.retired:
            kind = "merge" if merged is not None else "retire"
            steps.append(PlanStep(kind, e.path))
    for parent_path in _reordered(rows, paths, entries, matches):
        steps.append(PlanStep("reorder", parent_path))

    matched_ids = set(matches.values())
    counts = {
        i: n
        for i, n in session.execute(select(Coding.code_id, func.count()).group_by(Coding.code_id))
    }
    retire = sorted(i for i, r in rows.items() if i not in matched_ids and not r["retired"])
    for code_id in sorted(retire, key=lambda i: paths[i]):
        n = counts.get(code_id, 0)
        steps.append(PlanStep("retire", paths[code_id], f"(not in the file; {n} codings kept)"))
    _renumber_leftovers(rows, entries, matches, updates)

    meta: dict[str, str] = {}
    if with_meta:
        wanted = {"name": spec.name, "language": spec.language, "description": spec.description}
        for field_name, key in META_KEYS.items():
            if _meta(session, key) != wanted[field_name]:
                meta[key] = wanted[field_name]
        if meta:
            steps.append(PlanStep("codebook", spec.name, f"({', '.join(sorted(meta))})"))
    plan = ImportPlan(
        steps=steps,
        entries=entries,
        matches=matches,
        updates=updates,
        retire=retire,
        meta=meta,
        created=created,
        codes_before=len(rows),
    )
    plan._signature = (tuple(steps), repr(sorted(updates.items())), tuple(retire), created)
    return plan


def _reordered(
    rows: dict[int, dict[str, Any]],
    paths: Mapping[int, str],
    entries: list[PlanEntry],
    matches: dict[int, int],
) -> list[str]:
    """Parents whose existing children the file puts in a different order."""
    groups: dict[int | None, list[int]] = {}
    for e in entries:
        code_id = matches.get(e.key)
        if code_id is None or (e.parent is not None and e.parent not in matches):
            continue
        parent = None if e.parent is None else matches[e.parent]
        if rows[code_id]["parent_id"] == parent:
            groups.setdefault(parent, []).append(code_id)
    out = []
    for parent, ids in groups.items():
        if ids != sorted(ids, key=lambda i: (rows[i]["position"], i)):
            out.append("(top level)" if parent is None else paths[parent])
    return sorted(out)


def _merged_target(
    e: PlanEntry, file_guids: dict[str, PlanEntry], by_guid: dict[str, int], matches: dict[int, int]
) -> int | None:
    """The code id a retired file code was merged into (None if new or not merged)."""
    guid = e.spec.merged_into
    if guid is None:
        return None
    if guid in file_guids:
        found = matches.get(file_guids[guid].key)
        if found is not None:
            return found
        return None  # merged into a code this import creates; set on apply
    if guid in by_guid:
        return by_guid[guid]
    raise CodebookError(
        "code '{code}': merged_into {guid} is neither in the file nor in the project",
        code=e.path,
        guid=guid,
    )


def _renumber_leftovers(
    rows: dict[int, dict[str, Any]],
    entries: list[PlanEntry],
    matches: dict[int, int],
    updates: dict[int, dict[str, Any]],
) -> None:
    """Codes not in the file keep their parent and go after the file's codes, in their order."""
    matched = set(matches.values())
    in_file: dict[int | None, int] = {}
    for e in entries:
        parent = None if e.parent is None else matches.get(e.parent, -1 - e.parent)
        in_file[parent] = in_file.get(parent, 0) + 1
    leftovers: dict[int | None, list[int]] = {}
    for code_id, row in rows.items():
        if code_id not in matched:
            leftovers.setdefault(row["parent_id"], []).append(code_id)
    for parent, ids in leftovers.items():
        ids.sort(key=lambda i: (rows[i]["position"], i))
        for offset, code_id in enumerate(ids):
            position = in_file.get(parent, 0) + offset
            if rows[code_id]["position"] != position:
                updates.setdefault(code_id, {})["position"] = position


# ---------------------------------------------------------------------------
# apply


def apply_import(
    session: Session,
    coder_id: int,
    spec: CodebookSpec,
    *,
    expected: ImportPlan | None = None,
    with_meta: bool = True,
    reason: str = "",
    source: str = "",
    recorder: Recorder | None = None,
) -> Revision:
    """Apply the import plan as one ``import`` revision.

    With ``expected`` (the plan the user was shown) the import is refused if
    the project changed in between, so what is applied is what was approved.
    With ``recorder`` the changes become part of a larger action (a whole
    project's import), which the caller finishes with the revision's version.
    """
    plan = plan_import(session, spec, with_meta=with_meta)
    if expected is not None and plan._signature != expected._signature:
        raise CodebookError("the codebook changed since the plan was made; run the import again")
    if plan.is_empty:
        raise CodebookError("nothing to change: the project's codebook already matches the file")
    what = f"import codebook '{spec.name}'" + (f" from {source}" if source else "")
    rec = recorder or Recorder(session, coder_id, "codebook.import", what)
    changes_before = len(rec.changes)
    ids: dict[int, int] = dict(plan.matches)  # entry key -> code id, growing as codes are made
    by_depth: dict[int, list[PlanEntry]] = {}
    for e in plan.entries:
        if e.key not in plan.matches:
            by_depth.setdefault(e.depth, []).append(e)
    for depth in sorted(by_depth):
        level = by_depth[depth]
        new_rows = []
        for e in level:
            parent = None if e.parent is None else ids[e.parent]
            fields = e.spec.fields
            if not fields.color:
                fields = _with_color(fields, e.key)
            row = code_row(fields, parent_id=parent, position=e.position, guid=e.spec.guid)
            row["retired"] = e.spec.retired
            new_rows.append(row)
        for e, new_id in zip(level, rec.insert(Code, new_rows), strict=True):
            ids[e.key] = new_id
    for code_id, changed in sorted(plan.updates.items()):
        values = dict(changed)
        if "parent_id" in values:
            entry = next(e for e in plan.entries if plan.matches.get(e.key) == code_id)
            values["parent_id"] = None if entry.parent is None else ids[entry.parent]
        rec.update(Code, [code_id], values)
    file_guids = {e.spec.guid: e for e in plan.entries if e.spec.guid is not None}
    by_guid = {g.lower(): i for i, g in session.execute(select(Code.id, Code.guid))}
    for e in plan.entries:
        guid = e.spec.merged_into
        if guid is None:
            continue
        target = ids[file_guids[guid].key] if guid in file_guids else by_guid[guid]
        rec.update(Code, [ids[e.key]], {"merged_into_id": target})
    rec.update_many(Code, plan.retire, {"retired": True})
    for key, value in plan.meta.items():
        if session.get(ProjectMeta, key) is None:
            rec.insert(ProjectMeta, [{"key": key, "value": value}])
        else:
            rec.update(ProjectMeta, [key], {"value": value})
    counts = plan.counts()
    summary = what + (
        ": " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) if counts else ""
    )
    payload = {
        "code_ids": sorted(set(ids.values()) | set(plan.retire)),
        "counts": counts,
        "steps": plan.lines()[:500],
        "source": source,
    }
    if len(rec.changes) == changes_before:
        raise CodebookError("nothing to change: the project's codebook already matches the file")
    version = record_event(session, coder_id, "import", {"summary": summary, **payload}, reason)
    if recorder is None:
        rec.finish(event_version=version)
    refresh_codes(session)
    return Revision(version, "import", summary, {"counts": counts})


def _with_color(fields: CodeFields, key: int) -> CodeFields:
    return replace(fields, color=PALETTE[key % len(PALETTE)])


def import_codebook(
    session: Session,
    coder_id: int,
    path: str | Path,
    *,
    reason: str = "",
) -> Revision:
    """Read a codebook file and apply it straight away (the CLI plans and asks first)."""
    spec = read_codebook_file(path)
    with_meta = Path(path).suffix.lower() not in QDC_SUFFIXES
    return apply_import(
        session, coder_id, spec, with_meta=with_meta, reason=reason, source=Path(path).name
    )
