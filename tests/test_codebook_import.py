"""Importing and exporting whole codebooks: a plan first, then one undoable revision."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from codebook.db.engine import Store
from codebook.db.models import Code, Coding, ProjectMeta
from codebook.domain import CodebookError, CodebookFileError, CodebookSpec, CodeFields, CodeSpec
from codebook.services.codebook.exchange import (
    apply_import,
    export_codebook,
    import_codebook,
    plan_import,
    project_codebook,
)
from codebook.services.codebook.merge_split import merge_codes
from codebook.services.codebook.revisions import rename_code, retire_code
from codebook.services.codebook.yaml_format import load_yaml, save_yaml
from codebook.services.coding import apply_coding
from codebook.services.project_store import init_project
from codebook.services.undo import undo
from codebook_fixtures import dump, last_event, rows
from helpers import add_doc, counts
from test_codebook_yaml import BAD_FILES

CODEBOOKS = Path(__file__).resolve().parents[1] / "codebooks"
GENERIC = CODEBOOKS / "generic-interview-en.yaml"


def _meta(store: Store) -> dict[str, str]:
    with store.read() as s:
        return {m.key: m.value for m in s.scalars(select(ProjectMeta))}


def _walk(codes: tuple[CodeSpec, ...]) -> list[CodeSpec]:
    return [x for c in codes for x in (c, *_walk(c.children))]


def _ids(store: Store) -> dict[str, int]:
    return {r["name"]: r["id"] for r in rows(store, Code) if not r["retired"]}


def test_import_into_an_empty_codebook_is_one_revision(store: Store, coder: int) -> None:
    before, meta_before = dump(store), _meta(store)
    with store.write() as s:
        revision = import_codebook(s, coder, GENERIC, reason="start")
    spec = load_yaml(GENERIC)
    assert revision.version == 1
    event = last_event(store)
    assert (event.kind, event.reason, event.coder_id) == ("import", "start", coder)
    assert event.payload["counts"]["create"] == 16
    with store.read() as s:
        assert project_codebook(s) == spec
    assert _meta(store)["codebook_name"] == "Generic interview codebook"
    with store.write() as s:
        undo(s, coder)
    assert dump(store) == before
    assert _meta(store) == {**meta_before, "codebook_version": "2"}


def _revised(spec: CodebookSpec) -> CodebookSpec:
    """The shipped generic codebook after an analyst's edits in a text editor."""
    codes = list(spec.codes)
    by_name = {c.fields.name: i for i, c in enumerate(codes)}
    experiences = codes[by_name["Experiences"]]
    codes[by_name["Experiences"]] = replace(
        experiences, fields=replace(experiences.fields, name="Lived experiences")
    )
    barriers = codes[by_name["Barriers"]]
    resource, organisational = barriers.children
    codes[by_name["Barriers"]] = replace(
        barriers,
        fields=replace(barriers.fields, brief_definition="What stands in the way."),
        children=(organisational,),  # resource constraints moves to the top level
    )
    emotions = codes.pop(by_name["Emotions"])  # disappears: retired with its codings
    codes.insert(0, resource)
    # A code without guid, matched by its path:
    context = next(c for c in codes if c.fields.name == "Context")
    codes[codes.index(context)] = replace(
        context, guid=None, fields=replace(context.fields, example="New example.")
    )
    codes.append(CodeSpec(CodeFields("Wellbeing", brief_definition="New code.")))
    assert emotions.fields.name == "Emotions"
    return replace(spec, codes=tuple(codes))


def test_reimport_plans_first_then_applies_one_revision(
    store: Store, coder: int, tmp_path: Path
) -> None:
    with store.write() as s:
        import_codebook(s, coder, GENERIC)
    ids = _ids(store)
    with store.write() as s:
        doc = add_doc(s, coder)
        for name in ("Emotions", "Experiences", "Resource constraints", "Context"):
            apply_coding(s, coder, doc, ids[name], 0, 12)
    revised = _revised(load_yaml(GENERIC))
    path = tmp_path / "revised.yaml"
    save_yaml(revised, path)
    before, codings_before = counts(store), rows(store, Coding)
    with store.read() as s:
        plan = plan_import(s, load_yaml(path))
    assert counts(store) == before  # planning changes nothing
    lines = plan.lines()
    assert "rename: 'Experiences' -> 'Lived experiences'" in lines
    assert "redefine: 'Barriers' (brief_definition)" in lines
    assert "move: 'Resource constraints' from 'Barriers'" in lines
    assert "redefine: 'Context' (example)" in lines
    assert "create: 'Wellbeing'" in lines
    assert "retire: 'Emotions' (not in the file; 1 codings kept)" in lines
    state = dump(store)
    with store.write() as s:
        revision = apply_import(s, coder, load_yaml(path), expected=plan, reason="round 2")
    assert revision.kind == "import"
    assert last_event(store).payload["counts"]["retire"] == 1
    # Codings are untouched: same rows, same codes, incl. those on the retired code.
    assert rows(store, Coding) == codings_before
    emotions = next(r for r in rows(store, Code) if r["name"] == "Emotions")
    assert emotions["retired"] is True
    with store.read() as s:
        exported = project_codebook(s)
    assert [c.fields.name for c in exported.codes] == [c.fields.name for c in revised.codes]
    wanted = {c.guid: c for c in _walk(revised.codes) if c.guid}
    for code in _walk(exported.codes):
        if code.guid in wanted:
            assert code == wanted[code.guid]
    context = next(c for c in exported.codes if c.fields.name == "Context")
    assert context.guid == load_yaml(GENERIC).codes[-3].guid  # kept: the file had none
    assert context.fields.example == "New example."
    with store.read() as s:
        assert plan_import(s, load_yaml(path)).is_empty
    with store.write() as s:
        undo(s, coder)
    assert dump(store) == state


def test_a_new_order_in_the_file_is_planned_as_reorder(store: Store, coder: int) -> None:
    with store.write() as s:
        import_codebook(s, coder, GENERIC)
    spec = load_yaml(GENERIC)
    swapped = replace(spec, codes=(spec.codes[1], spec.codes[0], *spec.codes[2:]))
    with store.read() as s:
        plan = plan_import(s, swapped)
    assert plan.lines() == ["reorder: '(top level)'"]
    with store.write() as s:
        apply_import(s, coder, swapped, expected=plan)
    with store.read() as s:
        assert project_codebook(s).codes == swapped.codes


def test_a_stale_plan_is_refused(store: Store, coder: int, tmp_path: Path) -> None:
    with store.write() as s:
        import_codebook(s, coder, GENERIC)
    path = tmp_path / "revised.yaml"
    save_yaml(_revised(load_yaml(GENERIC)), path)
    with store.read() as s:
        plan = plan_import(s, load_yaml(path))
    with store.write() as s:
        rename_code(s, coder, "Facilitators", "Enablers")
    before = counts(store)
    with pytest.raises(CodebookError, match="changed since the plan was made"), store.write() as s:
        apply_import(s, coder, load_yaml(path), expected=plan)
    assert counts(store) == before


def test_reimporting_the_same_file_changes_nothing(store: Store, coder: int) -> None:
    with store.write() as s:
        import_codebook(s, coder, GENERIC)
    before = counts(store)
    with pytest.raises(CodebookError, match="already matches"), store.write() as s:
        import_codebook(s, coder, GENERIC)
    assert counts(store) == before


def test_export_leaves_out_retired_codes_unless_asked(
    store: Store, coder: int, tmp_path: Path
) -> None:
    with store.write() as s:
        import_codebook(s, coder, GENERIC)
        retire_code(s, coder, "Emotions", reason="weg")
        merge_codes(s, coder, "Facilitators", "Context")
    with store.read() as s:
        plain = export_codebook(s, tmp_path / "plain.yaml")
        full = export_codebook(s, tmp_path / "full.yml", include_retired=True)
    names = [c.fields.name for c in plain.codes]
    assert "Emotions" not in names
    assert "Facilitators" not in names
    text = (tmp_path / "full.yml").read_text(encoding="utf-8")
    assert text.count("retired: true") == 2
    context_guid = next(c.guid for c in full.codes if c.fields.name == "Context")
    assert f"merged_into: {context_guid}" in text
    assert load_yaml(tmp_path / "full.yml") == full
    # The full export, imported into a fresh project, gives the same codebook back.
    other = init_project(tmp_path / "other.db", "other")
    try:
        with other.write() as s:
            from codebook.services.project_store import coder_id

            import_codebook(s, coder_id(s, "anna"), tmp_path / "full.yml")
        with other.read() as s:
            assert project_codebook(s, include_retired=True) == full
            assert project_codebook(s) == plain
    finally:
        other.close()


def test_bad_yaml_files_change_nothing(store: Store, coder: int, tmp_path: Path) -> None:
    with store.write() as s:
        import_codebook(s, coder, GENERIC)
    before = counts(store)
    for name, text, line, message in BAD_FILES:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with (
            pytest.raises(CodebookFileError, match=re.escape(f"{path}:{line}:")) as info,
            store.write() as s,
        ):
            import_codebook(s, coder, path)
        assert message in str(info.value)
    assert counts(store) == before


def test_unknown_format_is_refused(store: Store, coder: int, tmp_path: Path) -> None:
    with (
        pytest.raises(CodebookError, match=r"book\.json: unknown codebook format"),
        store.write() as s,
    ):
        import_codebook(s, coder, tmp_path / "book.json")
