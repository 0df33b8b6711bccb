"""Use cases on the codebook: its codes, revisions, history, and codebook files.

Every revision is one logged, versioned, undoable event; the merge, the split
and a codebook import are planned first so the face can show exactly what will
change, then applied as planned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from codebook.domain import CodebookError, CodeFields
from codebook.domain.codebook import CodeDetail, CodeItem, walk_codes
from codebook.domain.history import CodebookDiff, HistoryEntry
from codebook.domain.revisions import CodebookImport, MergePlan, Revision, SplitPlan
from codebook.project.base import ProjectBase
from codebook.services.codebook import merge_split, revisions
from codebook.services.codebook.codes import create_code
from codebook.services.codebook.history import codebook_diff, codebook_history
from codebook.services.workspace import code_items

CodeRef = str | int


class CodebookDoor(ProjectBase):
    # --- looking ---------------------------------------------------------------------

    def code_items(self, *, include_retired: bool = False) -> list[CodeItem]:
        """Every code in codebook order (depth first) with its path and number of codings."""
        with self._read() as session:
            return code_items(session, include_retired=include_retired)

    def code_detail(self, code: CodeRef) -> CodeDetail:
        """One code (retired ones too), and the path of the code it was merged into."""
        with self._read() as session:
            found = revisions.find_code(session, code)
            items = {i.id: i for i in code_items(session, include_retired=True)}
            merged = items.get(found.merged_into_id) if found.merged_into_id else None
            return CodeDetail(items[found.id], None if merged is None else merged.path)

    def codebook_history(self, code: CodeRef | None = None) -> list[HistoryEntry]:
        """The revisions, oldest first; with ``code`` only those that touched it."""
        with self._read() as session:
            return codebook_history(session, code)

    def codebook_diff(self, old_version: int, new_version: int) -> CodebookDiff:
        with self._read() as session:
            return codebook_diff(session, old_version, new_version)

    # --- revising --------------------------------------------------------------------

    def create_code(self, name: str, parent: CodeRef | None = None, *, reason: str = "") -> int:
        """A new code at the end of the top level or of ``parent``'s children; its id."""
        with self._write() as session:
            me = self._acting(session)
            return create_code(session, me, CodeFields(name=name), parent, reason=reason).id

    def rename_code(self, code: CodeRef, new_name: str, *, reason: str = "") -> Revision:
        with self._write() as session:
            me = self._acting(session)
            return revisions.rename_code(session, me, code, new_name, reason=reason)

    def redefine_code(
        self, code: CodeRef, changes: Mapping[str, Any], *, reason: str = ""
    ) -> Revision:
        """Change structured fields (name, definitions, colour, keywords) in one revision."""
        with self._write() as session:
            me = self._acting(session)
            return revisions.redefine_code(session, me, code, changes, reason=reason)

    def recolour_code(self, code: CodeRef, color: str, *, reason: str = "") -> Revision:
        with self._write() as session:
            me = self._acting(session)
            return revisions.recolour_code(session, me, code, color, reason=reason)

    def move_code(
        self,
        code: CodeRef,
        *,
        under: CodeRef | None = None,
        top: bool = False,
        position: int | None = None,
        reason: str = "",
    ) -> Revision:
        """Move a code under another (or to the top level), or to ``position`` among siblings."""
        with self._write() as session:
            me = self._acting(session)
            return revisions.move_code(
                session, me, code, under=under, top=top, position=position, reason=reason
            )

    def plan_merge(self, source: CodeRef, target: CodeRef) -> MergePlan:
        with self._read() as session:
            return merge_split.plan_merge(session, source, target)

    def merge_codes(self, source: CodeRef, target: CodeRef, *, reason: str = "") -> Revision:
        """Merge ``source`` into ``target``: codings, sub-codes and memos move; source retires."""
        with self._write() as session:
            me = self._acting(session)
            return merge_split.merge_codes(session, me, source, target, reason=reason)

    def plan_split(
        self,
        code: CodeRef,
        new_codes: Sequence[str],
        assign: Mapping[int, str],
        default: str | None = None,
    ) -> SplitPlan:
        with self._read() as session:
            return merge_split.plan_split(session, code, new_codes, assign, default)

    def split_code(
        self,
        code: CodeRef,
        new_codes: Sequence[str],
        assign: Mapping[int, str],
        *,
        default: str | None = None,
        reason: str = "",
    ) -> Revision:
        """Split a code into new sibling codes; each coding goes where ``assign`` says."""
        with self._write() as session:
            me = self._acting(session)
            return merge_split.split_code(
                session, me, code, new_codes, assign, default=default, reason=reason
            )

    def retire_code(self, code: CodeRef, *, reason: str = "") -> Revision:
        with self._write() as session:
            return revisions.retire_code(session, self._acting(session), code, reason=reason)

    def unretire_code(self, code: CodeRef, *, children: bool = False, reason: str = "") -> Revision:
        with self._write() as session:
            me = self._acting(session)
            return revisions.unretire_code(session, me, code, children=children, reason=reason)

    # --- codebook files ----------------------------------------------------------------

    def plan_codebook_import(self, file: Path) -> CodebookImport:
        """Read a .yaml/.yml or .qdc codebook and plan what importing it would change."""
        from codebook.services.codebook.exchange import (
            QDC_SUFFIXES,
            plan_import,
            read_codebook_file,
        )

        spec = read_codebook_file(file)
        with_meta = file.suffix.lower() not in QDC_SUFFIXES
        with self._read() as session:
            plan = plan_import(session, spec, with_meta=with_meta)
        return CodebookImport(file, spec, plan, with_meta)

    def apply_codebook_import(self, pending: CodebookImport, *, reason: str = "") -> Revision:
        """Apply a planned import as one revision, refused if the codebook changed since."""
        from codebook.services.codebook.exchange import apply_import

        if pending.plan.is_empty:
            raise CodebookError(
                "nothing to change: the codebook already matches {file}", file=pending.source
            )
        with self._write() as session:
            return apply_import(
                session,
                self._acting(session),
                pending.spec,
                expected=pending.plan,
                with_meta=pending.with_meta,
                reason=reason,
                source=pending.source.name,
            )

    def export_codebook(self, file: Path, *, include_retired: bool = False) -> int:
        """Write the codebook as YAML or .qdc (by extension); returns how many codes."""
        from codebook.services.codebook.exchange import export_codebook

        with self._read() as session:
            spec = export_codebook(session, file, include_retired=include_retired)
        return sum(1 for _ in walk_codes(spec.codes))
