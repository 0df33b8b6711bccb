"""Storing a questionnaire: open answers as codable documents of their respondent's case, closed
answers counted per group, one undoable action, items linked to themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from codebook.db.engine import Store
from codebook.db.schema import HEAD_REVISION, open_store
from codebook.domain import CodebookError, CodeFields
from codebook.domain.surveys import ParsedItem, ParsedSurvey, Respondent
from codebook.project import Project
from codebook.services import undo as journal
from codebook.services.cases import list_cases
from codebook.services.codebook.codes import create_code
from codebook.services.coding import apply_coding
from codebook.services.documents import document_attributes, list_documents, sentences_of
from codebook.services.project_store import coder_id
from codebook.services.surveys.items import item_counts, link_item, list_items
from codebook.services.surveys.storage import store_survey
from helpers import stored_rows

AGREE = ("helemaal oneens", "oneens", "neutraal", "eens", "helemaal eens")
ITEMS = (
    ParsedItem("De schoolleider faciliteert mijn onderzoekstijd", "likert", AGREE),
    ParsedItem("Ben je betrokken geweest bij de onderzoeksvraag?", "yesno", ("ja", "nee")),
    ParsedItem("Aantal jaren in de werkplaats", "number"),
    ParsedItem("Wat levert de werkplaats jouw school op?", "open"),
)


def person(row: int, rid: str, werkplaats: str, rol: str, *answers: object) -> Respondent:
    return Respondent(
        row=row,
        id=rid,
        attributes={"werkplaats": ("text", werkplaats), "rol": ("text", rol)},
        answers=tuple(answers),  # type: ignore[arg-type]
    )


RESPONDENTS = (
    person(2, "r1", "WOA", "collega", 3, 0, 2.0, "Meer aandacht voor onderzoek. Echt waar."),
    person(3, "r2", "WOA", "leerkracht-onderzoeker", 4, 0, 5.0, None),
    person(4, "r3", "POINT", "collega", 1, 1, None, "Weet ik niet"),
    person(5, "r4", "POINT", "collega", 3, None, 1.0, "Weet ik niet"),
    person(6, "r5", "WOU", "collega", None, 1, 3.0, ""),
)


def survey(
    name: str = "Vragenlijst", respondents: tuple[Respondent, ...] = RESPONDENTS
) -> ParsedSurvey:
    return ParsedSurvey(name, "vragenlijst.csv", "utf-8", ITEMS, respondents)


def stored(store: Store, coder: int, parsed: ParsedSurvey | None = None) -> None:
    with store.write() as session:
        store_survey(session, coder, parsed or survey(), language="nl")


def test_import_stores_respondents_as_cases_and_open_answers_as_documents(
    store: Store, coder: int
) -> None:
    with store.write() as session:
        summary = store_survey(session, coder, survey(), language="nl")
    assert (summary.respondents, summary.items, summary.open_answers) == (5, 3, 3)
    assert summary.repeated_answers == 0
    with store.read() as session:
        documents = {d.name: d for d in list_documents(session)}
        assert sorted(documents) == [
            "Vragenlijst r1 Wat levert de werkplaats jouw school op?",
            "Vragenlijst r3 Wat levert de werkplaats jouw school op?",
            "Vragenlijst r4 Wat levert de werkplaats jouw school op?",
        ]
        first = documents["Vragenlijst r1 Wat levert de werkplaats jouw school op?"]
        assert first.attributes == {"werkplaats": "WOA", "rol": "collega"}
        assert first.turns == 1
        body = session.execute(text("SELECT text FROM document WHERE id = :i"), {"i": first.id})
        answer = body.scalar()
        assert answer == "r1: Meer aandacht voor onderzoek. Echt waar."
        assert sentences_of(session, first.id) == [(4, 33), (34, 44)]
        turn = session.execute(
            text('SELECT speaker, start, "end" FROM turn WHERE document_id = :i'), {"i": first.id}
        ).one()
        assert tuple(turn) == ("r1", 4, len(answer))
        cases = {case.name: [link.document for link in case.links] for case in list_cases(session)}
        assert cases["Vragenlijst r1"] == [first.name]
        assert "Vragenlijst r5" not in cases  # no open answer, no documents to hold
        assert len(cases) == 3


def test_open_answers_can_be_coded(store: Store, coder: int) -> None:
    stored(store, coder)
    with store.write() as session:
        code = create_code(session, coder, CodeFields("Opbrengst")).id
        doc = next(d for d in list_documents(session) if " r1 " in d.name)
        apply_coding(session, coder, doc.id, code, 4, 30)
    with store.read() as session:
        assert next(d for d in list_documents(session) if d.id == doc.id).codings == 1


def test_closed_answers_are_counted_per_group_in_file_order(store: Store, coder: int) -> None:
    stored(store, coder)
    with store.read() as session:
        counts = item_counts(session, "faciliteert", "werkplaats")
        assert counts.groups == ("WOA", "POINT")  # r5 of WOU did not answer
        assert counts.counts == ((0, 0, 0, 1, 1), (0, 1, 0, 1, 0))
        assert counts.n() == 4 and counts.n("POINT") == 2
        yes_no = item_counts(session, "betrokken", "rol")
        assert yes_no.groups == ("collega", "leerkracht-onderzoeker")
        assert yes_no.counts == ((1, 2), (1, 0))
        only_point = item_counts(session, "betrokken", "rol", {"werkplaats": ["point"]})
        assert only_point.counts == ((0, 1),)


def test_counting_refuses_what_cannot_be_counted(store: Store, coder: int) -> None:
    stored(store, coder)
    with store.read() as session:
        with pytest.raises(CodebookError, match="holds open answers"):
            item_counts(session, "Wat levert", "werkplaats")
        with pytest.raises(
            CodebookError, match="has no attribute 'school'; it has: rol, werkplaats"
        ):
            item_counts(session, "faciliteert", "school")
        with pytest.raises(CodebookError, match="is ambiguous"):
            item_counts(session, "de", "werkplaats")
        with pytest.raises(CodebookError, match="no questionnaire item 'tevredenheid'"):
            item_counts(session, "tevredenheid", "werkplaats")


def test_undo_removes_the_whole_import(store: Store, coder: int) -> None:
    before = stored_rows(store.location)
    stored(store, coder)
    with store.write() as session:
        assert journal.undo(session, coder) is not None
    after = stored_rows(store.location)
    for table in ("action",):
        before.pop(table), after.pop(table)
    assert after == before
    with store.write() as session:
        journal.redo(session, coder)
    with store.read() as session:
        assert len(list_items(session)) == 4
        assert len(document_attributes(session)) == 3


def test_a_second_import_of_the_same_name_is_refused_and_changes_nothing(
    store: Store, coder: int
) -> None:
    stored(store, coder)
    before = stored_rows(store.location)
    with pytest.raises(CodebookError, match="'Vragenlijst' is already"), store.write() as session:
        store_survey(session, coder, survey(), language="nl")
    assert stored_rows(store.location) == before
    stored(store, coder, survey("Vragenlijst 2027"))
    with store.read() as session:
        assert {item.survey for item in list_items(session)} == {"Vragenlijst", "Vragenlijst 2027"}


def test_the_same_answer_twice_by_one_respondent_is_kept_on_the_respondent_only(
    store: Store, coder: int
) -> None:
    items = (ParsedItem("Wat gaat goed?", "open"), ParsedItem("Wat kan beter?", "open"))
    twice = ParsedSurvey(
        "Open", "open.csv", None, items, (person(2, "7", "WOA", "collega", "Niets", "Niets"),)
    )
    with store.write() as session:
        summary = store_survey(session, coder, twice, language="nl")
    assert (summary.open_answers, summary.repeated_answers) == (1, 1)


def test_an_attribute_of_another_type_is_refused(store: Store, coder: int) -> None:
    with store.write() as session:
        session.execute(text("INSERT INTO attribute (name, type) VALUES ('rol', 'number')"))
    before = stored_rows(store.location)
    with pytest.raises(CodebookError, match="'rol' holds number"), store.write() as session:
        store_survey(session, coder, survey(), language="nl")
    assert stored_rows(store.location) == before


def test_items_link_to_a_theme_undoably(store: Store, coder: int) -> None:
    stored(store, coder)
    with store.write() as session:
        theme = create_code(session, coder, CodeFields("Rol van de schoolleider")).id
        create_code(session, coder, CodeFields("Faciliteert"), theme)
    with store.write() as session:
        linked = link_item(
            session, coder, "faciliteert mijn", "Rol van de schoolleider > Faciliteert"
        )
    assert linked.code == "Rol van de schoolleider > Faciliteert"
    with store.read() as session:
        codes = {item.key: item.code for item in list_items(session, "Vragenlijst")}
        assert codes[ITEMS[0].key] == "Rol van de schoolleider > Faciliteert"
        assert codes[ITEMS[1].key] is None
    with store.write() as session:
        journal.undo(session, coder)
    with store.read() as session:
        assert list_items(session)[0].code is None
    with store.write() as session:
        link_item(session, coder, linked.id, "Rol van de schoolleider")
        assert link_item(session, coder, linked.id, None).code is None


def test_the_door_imports_counts_and_filters_open_answers_by_attribute(tmp_path: Path) -> None:
    with Project.create(tmp_path / "study.db", "studie", coder="anna") as project:
        with project._write() as session:  # the reader is tested on its own
            store_survey(session, coder_id(session, "anna"), survey(), language="nl")
        counts = project.item_counts("faciliteert", where={"rol": ["collega"]})
        assert counts.groups == ("WOA", "POINT") and counts.n() == 3
        point = [d.name for d in project.documents() if d.attributes.get("werkplaats") == "POINT"]
        assert len(point) == 2


def test_an_older_project_is_upgraded_and_takes_a_survey(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from codebook.db.engine import make_engine

    path = tmp_path / "old.db"
    engine = make_engine(path)
    with engine.connect() as conn:
        config = Config()
        config.set_main_option("script_location", "codebook.db:migrations")
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
        conn.execute(
            text("INSERT INTO project_meta (key, value) VALUES ('name', 'oud'), ('guid', 'g')")
        )
        conn.commit()
    engine.dispose()
    upgraded = open_store(path)
    try:
        with upgraded.read() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert revision == HEAD_REVISION
        with upgraded.write() as session:
            store_survey(session, coder_id(session, "anna"), survey(), language="nl")
        with upgraded.read() as session:
            assert len(list_items(session)) == 4
    finally:
        upgraded.close()
    assert (tmp_path / "old.db.bak-0003").exists()
