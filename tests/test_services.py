"""Core services on SQLite and PostgreSQL: each bad input is refused and changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from codebook.db.engine import Store
from codebook.domain import AttributeType, CodebookError, CodeFields
from codebook.services.codebook.codes import code_tree, create_code, resolve_code
from codebook.services.coding import (
    apply_coding,
    codings_of_code,
    codings_of_document,
    remove_codings,
    set_note,
)
from codebook.services.documents import add_document, list_documents, set_attributes
from codebook.services.project_store import coder_id, meta, summary
from codebook.services.undo import redo, undo
from helpers import INTERVIEW, add_doc, counts, parsed, seed


def test_project_meta_and_coder_registration(store: Store) -> None:
    with store.write() as s:
        first = coder_id(s, "anna")
        again = coder_id(s, "anna")
        other = coder_id(s, "bram")
    assert first == again != other
    with store.read() as s:
        assert meta(s, "name") == "test project"
        assert summary(s).coders == ["anna", "bram"]


def test_add_document_keeps_text_turns_and_sentences(store: Store, coder: int) -> None:
    with store.write() as s:
        doc_id = add_doc(s, coder)
    with store.read() as s:
        (row,) = list_documents(s)
        turns = [t for t in codings_of_document(s, doc_id)]
    assert row.id == doc_id
    assert row.turns == 4
    assert row.words == len(INTERVIEW.split()) + 0 or row.words > 30
    assert turns == []


def test_duplicate_text_is_refused_and_nothing_changes(store: Store, coder: int) -> None:
    with store.write() as s:
        add_doc(s, coder, "first.txt")
    before = counts(store)
    with pytest.raises(CodebookError, match="second.txt: same text as document 'first.txt'"):
        with store.write() as s:
            add_doc(s, coder, "second.txt")
    assert counts(store) == before


def test_empty_document_is_refused(store: Store, coder: int) -> None:
    before = counts(store)
    with pytest.raises(CodebookError, match="empty.txt: empty transcript"):
        with store.write() as s:
            add_document(s, coder, "empty.txt", parsed("  \n"), sentences=[])
    assert counts(store) == before


def test_attributes_are_typed_and_can_change(store: Store, coder: int) -> None:
    with store.write() as s:
        doc = add_doc(s, coder)
        set_attributes(
            s,
            coder,
            doc,
            {
                "werkplaats": (AttributeType.CATEGORY, "WOA"),
                "datum": (AttributeType.DATE, date(2018, 3, 14)),
                "jaren": (AttributeType.NUMBER, 12.0),
            },
        )
        set_attributes(s, coder, doc, {"werkplaats": (AttributeType.CATEGORY, "POINT")})
    with store.read() as s:
        (row,) = list_documents(s)
    assert row.attributes == {"werkplaats": "POINT", "datum": date(2018, 3, 14), "jaren": 12.0}


def test_attribute_of_the_wrong_type_is_refused(store: Store, coder: int) -> None:
    with store.write() as s:
        doc = add_doc(s, coder)
        set_attributes(s, coder, doc, {"datum": (AttributeType.DATE, date(2018, 3, 14))})
    before = counts(store)
    with pytest.raises(CodebookError, match="attribute 'datum' holds date values, not number"):
        with store.write() as s:
            set_attributes(s, coder, doc, {"datum": (AttributeType.NUMBER, 3.0)})
    assert counts(store) == before


def test_create_code_under_a_parent_by_path(store: Store, coder: int) -> None:
    f = seed(store, coder)
    with store.write() as s:
        create_code(s, coder, CodeFields("Tijd en uren"), "Vormgeving > Schoolleider faciliteert")
    with store.read() as s:
        tree = code_tree(s)
        found = resolve_code(s, "vormgeving > schoolleider faciliteert > tijd en uren")
    assert [n.code.name for n in tree] == ["Vormgeving", "Kennisdeling"]
    assert found.parent_id == f.sub


def test_duplicate_sibling_name_is_refused(store: Store, coder: int) -> None:
    seed(store, coder)
    before = counts(store)
    with pytest.raises(CodebookError, match="'kennisdeling' already exists"):
        with store.write() as s:
            create_code(s, coder, CodeFields("kennisdeling"))
    assert counts(store) == before


def test_bad_colour_is_refused(store: Store, coder: int) -> None:
    before = counts(store)
    with pytest.raises(CodebookError, match="colour 'blue' is not of the form #RRGGBB"):
        with store.write() as s:
            create_code(s, coder, CodeFields("X", color="blue"))
    assert counts(store) == before


def test_apply_and_list_codings(store: Store, coder: int) -> None:
    f = seed(store, coder)
    start = INTERVIEW.index("Die geeft ons tijd")
    end = start + len("Die geeft ons tijd, twee uur per week.")
    with store.write() as s:
        cid = apply_coding(s, coder, f.doc, f.sub, start, end)
        again = apply_coding(s, coder, f.doc, f.sub, start, end)
    assert cid == again
    with store.read() as s:
        (by_doc,) = codings_of_document(s, f.doc)
        (by_code,) = codings_of_code(s, [f.sub])
    assert by_doc == by_code
    assert by_doc.text == "Die geeft ons tijd, twee uur per week."
    assert by_doc.codebook_version == 3
    assert by_doc.coder == "anna"


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (5, 5), (10, 4), (0, len(INTERVIEW) + 1)])
def test_offsets_out_of_range_are_refused(store: Store, coder: int, start: int, end: int) -> None:
    f = seed(store, coder)
    before = counts(store)
    with pytest.raises(CodebookError, match=f"offsets {start}-{end} out of range"):
        with store.write() as s:
            apply_coding(s, coder, f.doc, f.sub, start, end)
    assert counts(store) == before


def test_unknown_code_is_refused(store: Store, coder: int) -> None:
    seed(store, coder)
    before = counts(store)
    with pytest.raises(CodebookError, match="unknown code 'Borging'"):
        with store.read() as s:
            resolve_code(s, "Borging")
    with pytest.raises(CodebookError, match="unknown code 999"):
        with store.write() as s:
            apply_coding(s, coder, 1, 999, 0, 4)
    assert counts(store) == before


def test_retired_code_takes_no_new_codings(store: Store, coder: int) -> None:
    f = seed(store, coder)
    with store.write() as s:
        resolve_code(s, "Kennisdeling").retired = True
    before = counts(store)
    with pytest.raises(CodebookError, match="code 'Kennisdeling' is retired"):
        with store.write() as s:
            apply_coding(s, coder, f.doc, f.other, 0, 5)
    assert counts(store) == before


def test_remove_note_undo_redo(store: Store, coder: int) -> None:
    f = seed(store, coder)
    with store.write() as s:
        cid = apply_coding(s, coder, f.doc, f.sub, 0, 11)
        set_note(s, coder, cid, "vraag naar tijd")
        remove_codings(s, coder, [cid])
    with store.read() as s:
        assert codings_of_document(s, f.doc) == []
    with store.write() as s:
        assert undo(s, coder) is not None
    with store.read() as s:
        (back,) = codings_of_document(s, f.doc)
    assert (back.id, back.note) == (cid, "vraag naar tijd")
    with store.write() as s:
        undo(s, coder)
    with store.read() as s:
        assert codings_of_document(s, f.doc)[0].note is None
    with store.write() as s:
        action = redo(s, coder)
    assert action is not None and action.description == f"memo on coding {cid}"
    with store.read() as s:
        assert codings_of_document(s, f.doc)[0].note == "vraag naar tijd"


def test_removing_an_unknown_coding_is_refused(store: Store, coder: int) -> None:
    seed(store, coder)
    before = counts(store)
    with pytest.raises(CodebookError, match="unknown coding 41"):
        with store.write() as s:
            remove_codings(s, coder, [41])
    assert counts(store) == before


def test_undo_of_an_import_is_refused_once_the_document_is_coded(store: Store, coder: int) -> None:
    with store.write() as s:
        bram = coder_id(s, "bram")
        doc = add_doc(s, coder)
        code = create_code(s, bram, CodeFields("Thema")).id
        apply_coding(s, bram, doc, code, 0, 11)
    before = counts(store)
    with pytest.raises(CodebookError, match="cannot undo 'import 'marieke.txt''"):
        with store.write() as s:
            undo(s, coder)
    assert counts(store) == before


def test_undo_of_code_creation_logs_an_undo_revision(store: Store, coder: int) -> None:
    with store.write() as s:
        create_code(s, coder, CodeFields("Thema"))
    with store.write() as s:
        undo(s, coder)
    with store.read() as s:
        assert code_tree(s) == []
        assert summary(s).codebook_version == 2


def test_undo_with_nothing_to_undo(store: Store, coder: int) -> None:
    with store.write() as s:
        assert undo(s, coder) is None
        assert redo(s, coder) is None
