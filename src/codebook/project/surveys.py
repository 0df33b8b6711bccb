"""Use cases of questionnaires: import one, list its items, count answers per group, link
an item to a theme."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from codebook.domain.surveys import ItemCounts, SurveyImport, SurveyItem, SurveyRequest
from codebook.project.base import ProjectBase
from codebook.services.project_store import meta


class SurveyDoor(ProjectBase):
    def import_survey(self, path: str | Path, request: SurveyRequest) -> SurveyImport:
        """Read a questionnaire (CSV or XLSX) and store it as one undoable action.

        The file is read and checked whole before the write transaction opens,
        so a bad row leaves the project as it was and locks nobody out meanwhile.
        """
        from codebook.services.surveys.reading import read_survey
        from codebook.services.surveys.storage import store_survey

        parsed = read_survey(
            Path(path),
            id_column=request.id_column,
            attributes=request.attributes,
            open_columns=request.open_columns,
            scales=request.scales,
            sheet=request.sheet,
        )
        if request.name is not None:
            parsed = replace(parsed, name=request.name)
        with self._write() as session:
            from codebook.services.text_index.store import refresh_index

            language = meta(session, "language", "nl")
            stored = store_survey(session, self._acting(session), parsed, language=language)
            refresh_index(session)
            return stored

    def survey_items(self, survey: str | None = None) -> list[SurveyItem]:
        """Every questionnaire item (of one survey, if named), with the theme it is linked to."""
        from codebook.services.surveys.items import list_items

        with self._read() as session:
            return list_items(session, survey)

    def survey_item(self, item: str | int) -> SurveyItem:
        """One item by number, column header, or a part of the header only it has."""
        from codebook.services.surveys.items import resolve_item

        with self._read() as session:
            return resolve_item(session, item)

    def item_counts(
        self,
        item: str | int,
        by: str = "werkplaats",
        where: Mapping[str, Sequence[str]] | None = None,
    ) -> ItemCounts:
        """The answers of a closed item counted per label, per value of the attribute ``by``."""
        from codebook.services.surveys.items import item_counts

        with self._read() as session:
            return item_counts(session, item, by, where)

    def link_item(self, item: str | int, code: str) -> SurveyItem:
        """Show an item's figure in the chapter of a theme (a code) of the report."""
        from codebook.services.surveys.items import link_item

        with self._write() as session:
            return link_item(session, self._acting(session), item, code)

    def unlink_item(self, item: str | int) -> SurveyItem:
        """Show an item in no theme's chapter."""
        from codebook.services.surveys.items import link_item

        with self._write() as session:
            return link_item(session, self._acting(session), item, None)
