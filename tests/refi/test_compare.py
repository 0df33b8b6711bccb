"""compare(): every item that differs between two REFI-QDA models, one line each, in order.

Most tests change one thing in a hand-made model and expect exactly the one
difference that says it; the last ones gather a real project before and
after a change made through the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from codebook.domain import CodeFields
from codebook.domain.codebook import CodebookSpec, CodeSpec
from codebook.domain.exchange import Difference
from codebook.services.codebook.codes import create_code
from codebook.services.coding import adjust_coding, apply_coding, remove_codings
from codebook.services.memos import add_memo, edit_memo, project_target
from codebook.services.project_store import coder_id, init_project
from codebook.services.refi.compare import compare
from codebook.services.refi.gather import gather_project
from codebook.services.refi.model import (
    RefiCase,
    RefiCoding,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiValue,
    RefiVariable,
    derived_guid,
)
from helpers import INTERVIEW, add_doc

TEXT = "Marieke: Eerlijk gezegd gelijkwaardig. We bedenken de vraag samen.\n"
GELIJK = (9, 38)  # "Eerlijk gezegd gelijkwaardig."
SAMEN = (39, 66)  # "We bedenken de vraag samen."
ANNA, BRAM = "anna", "bram"


def g(name: str) -> str:
    return derived_guid("test", name)


def model(guid: Callable[[str], str] = g) -> RefiProject:
    """A small project: two codes and a sub-code, one source with three codings, a turn
    selection, memos on the project, the source and a code, two cases, one variable."""

    def selection(name: str, code: str, span: tuple[int, int], user: str) -> RefiSelection:
        coding = RefiCoding(guid(f"coding {name}"), guid(code), guid(user))
        return RefiSelection(guid(f"selection {name}"), *span, (coding,), guid(user))

    codebook = CodebookSpec(
        "cb",
        (
            CodeSpec(
                CodeFields("Vormgeving", brief_definition="Hoe.", color="#1F77B4"),
                guid("theme"),
                (CodeSpec(CodeFields("Gelijkwaardig"), guid("sub")),),
            ),
            CodeSpec(CodeFields("Kennisdeling", keywords=("delen",)), guid("kennis")),
        ),
    )
    source = RefiSource(
        guid("source"),
        "marieke.txt",
        TEXT,
        selections=(
            selection("a", "sub", GELIJK, ANNA),
            selection("b", "sub", GELIJK, BRAM),
            selection("c", "kennis", SAMEN, ANNA),
            RefiSelection(guid("turn"), 9, 66),
        ),
        values=(RefiValue(guid("werkplaats"), "WOA"),),
        note_guids=(guid("doc memo"),),
    )
    return RefiProject(
        name="p",
        codebook=codebook,
        users=(RefiUser(guid(ANNA), ANNA), RefiUser(guid(BRAM), BRAM)),
        sources=(source,),
        notes=(
            RefiNote(guid("plan"), "Plan", "Eerste ronde klaar."),
            RefiNote(guid("doc memo"), "", "Rustig gesprek."),
            RefiNote(guid("code memo"), "Scherper", "Definitie aanscherpen."),
        ),
        cases=(
            RefiCase(guid("school"), "School A", source_guids=(guid("source"),)),
            RefiCase(guid("marieke"), "Marieke", selection_guids=(guid("turn"),)),
        ),
        variables=(
            RefiVariable(guid("werkplaats"), "werkplaats", "Text", "codebook type: category"),
        ),
        code_notes={guid("theme"): (guid("code memo"),)},
        project_notes=(guid("plan"),),
    )


def with_source(project: RefiProject, **changes: object) -> RefiProject:
    return replace(project, sources=(replace(project.sources[0], **changes),))


def with_codes(project: RefiProject, *codes: CodeSpec) -> RefiProject:
    return replace(project, codebook=replace(project.codebook, codes=codes))


def lines(expected: RefiProject, actual: RefiProject) -> list[str]:
    return [d.line() for d in compare(expected, actual)]


# --------------------------------------------------------------------------- agreement


def test_identical_models_agree() -> None:
    assert compare(model(), model()) == []


def test_guids_compare_without_case_or_braces() -> None:
    assert compare(model(), model(lambda name: "{" + g(name).upper() + "}")) == []


# --------------------------------------------------------------------------- codings


def test_a_dropped_coding_names_document_position_code_user_and_text() -> None:
    base = model()
    fewer = with_source(base, selections=base.sources[0].selections[1:])
    assert compare(base, fewer) == [
        Difference(
            "coding",
            "'marieke.txt' 9-38",
            "'Vormgeving > Gelijkwaardig' by anna: dropped ('Eerlijk gezegd gelijkwaardig.')",
        )
    ]


def test_a_coding_at_another_range_is_shifted_from_where_to_where() -> None:
    base = model()
    first, *rest = base.sources[0].selections
    moved = with_source(base, selections=(replace(first, start=10, end=39), *rest))
    assert lines(base, moved) == [
        "coding: 'marieke.txt' 9-38: 'Vormgeving > Gelijkwaardig' by anna: shifted to 10-39"
    ]


def test_an_added_coding_and_one_of_another_user_are_not_a_shift() -> None:
    base = model()
    first, second, *rest = base.sources[0].selections
    other = replace(first, codings=(replace(first.codings[0], user_guid=g(BRAM)),))
    more = with_source(base, selections=(first, second, *rest, replace(second, start=39, end=66)))
    assert lines(base, more) == [
        "coding: 'marieke.txt' 39-66: 'Vormgeving > Gelijkwaardig' by bram: added "
        "('We bedenken de vraag samen.')"
    ]
    assert lines(base, with_source(base, selections=(other, second, *rest))) == [
        "coding: 'marieke.txt' 9-38: 'Vormgeving > Gelijkwaardig' by anna: dropped "
        "('Eerlijk gezegd gelijkwaardig.')",
        "coding: 'marieke.txt' 9-38: 'Vormgeving > Gelijkwaardig' by bram: added "
        "('Eerlijk gezegd gelijkwaardig.')",
    ]


def test_many_codings_shifted_alike_each_pair_with_their_neighbour() -> None:
    """A BOM counted on one side moves every coding by one: each is reported as its shift."""
    base = model()
    moved = tuple(replace(s, start=s.start + 1, end=s.end + 1) for s in base.sources[0].selections)
    found = lines(base, with_source(base, text=" " + TEXT, selections=moved))
    assert found[0].startswith("source: 'marieke.txt': text differs from position 0: ")
    assert found[1:] == [
        "coding: 'marieke.txt' 9-38: 'Vormgeving > Gelijkwaardig' by anna: shifted to 10-39",
        "coding: 'marieke.txt' 9-38: 'Vormgeving > Gelijkwaardig' by bram: shifted to 10-39",
        "coding: 'marieke.txt' 39-66: 'Kennisdeling' by anna: shifted to 40-67",
        "case: 'Marieke': link to 'marieke.txt' 9-66 dropped",
        "case: 'Marieke': link to 'marieke.txt' 10-67 added",
    ]


# --------------------------------------------------------------------------- sources


def test_changed_text_says_the_first_differing_position_and_both_excerpts() -> None:
    base = model()
    changed = with_source(base, text=TEXT.replace("bedenken", "bedachten"))
    assert lines(base, changed) == [
        "source: 'marieke.txt': text differs from position 45: expected 'enken de vraag samen.⏎', "
        "found 'achten de vraag samen.⏎' (length 67, found 68)"
    ]


def test_a_dropped_source_counts_its_codings_and_what_hung_on_it_is_reported() -> None:
    base = model()
    assert lines(base, replace(base, sources=())) == [
        "source: 'marieke.txt': dropped (with 3 codings)",
        "memo: 'Rustig gesprek.' on document 'marieke.txt': now on nothing",
        "case: 'School A': link to 'marieke.txt' dropped",
        f"case: 'School A': link to unknown source {g('source')} added",
        "case: 'Marieke': link to 'marieke.txt' 9-66 dropped",
        f"case: 'Marieke': link to unknown selection {g('turn')} added",
    ]


# --------------------------------------------------------------------------- codebook


def test_codes_renamed_moved_recoloured_redefined_retired_dropped() -> None:
    base = model()
    theme, kennis = base.codebook.codes
    sub = theme.children[0]
    changed = with_codes(
        base,
        replace(
            theme,
            fields=replace(theme.fields, name="Inrichting", color="#FF0000"),
            children=(),
        ),
        replace(
            kennis,
            fields=replace(kennis.fields, brief_definition="Delen.", keywords=()),
            retired=True,
            children=(sub,),
        ),
    )
    assert lines(base, changed) == [
        "code: 'Vormgeving': renamed to 'Inrichting'",
        "code: 'Vormgeving': colour #1F77B4 became #FF0000",
        "code: 'Vormgeving > Gelijkwaardig': moved from 'Vormgeving' to 'Kennisdeling'",
        "code: 'Kennisdeling': Brief definition differs: now 'Delen.'",
        "code: 'Kennisdeling': Keywords differs: now ''",
        "code: 'Kennisdeling': came back retired",
    ]
    assert lines(base, with_codes(base, theme)) == ["code: 'Kennisdeling': dropped"]


def test_a_short_colour_is_the_same_colour() -> None:
    base = model()
    theme, kennis = base.codebook.codes
    short = replace(theme, fields=replace(theme.fields, color="#1f77b4"))
    assert compare(base, with_codes(base, short, kennis)) == []


# --------------------------------------------------------------------------- memos, cases, values


def test_a_missing_memo_and_a_changed_one() -> None:
    base = model()
    _plan, doc, code = base.notes
    assert lines(base, replace(base, notes=(doc, replace(code, text="Definitie scherper.")))) == [
        "memo: 'Plan' on the project: dropped",
        "memo: 'Scherper' on code 'Vormgeving': text differs from position 10: "
        "expected 'aanscherpen.', found 'scherper.'",
    ]


def test_a_memo_moved_to_another_target() -> None:
    base = model()
    moved = replace(base, project_notes=(), code_notes={g("kennis"): (g("code memo"), g("plan"))})
    assert lines(base, moved) == [
        "memo: 'Plan' on the project: now on code 'Kennisdeling'",
        "memo: 'Scherper' on code 'Vormgeving': now on code 'Kennisdeling'",
    ]


def test_case_links_and_values() -> None:
    base = model()
    school, marieke = base.cases
    changed = replace(
        with_source(base, values=(RefiValue(g("werkplaats"), "POINT"),)),
        cases=(replace(school, source_guids=()), marieke),
    )
    assert lines(base, changed) == [
        "value: 'marieke.txt' 'werkplaats': value WOA became POINT",
        "case: 'School A': link to 'marieke.txt' dropped",
    ]


def test_differences_come_in_a_fixed_order() -> None:
    base = model()
    theme, _kennis = base.codebook.codes
    changed = replace(
        with_codes(with_source(base, selections=(), values=()), theme),
        users=base.users[:1],
        notes=base.notes[1:],
        cases=base.cases[:1],
    )
    items = [d.item for d in compare(base, changed)]
    order = ("user", "code", "source", "coding", "value", "memo", "case")
    assert items == sorted(items, key=order.index)
    assert items[0] == "user" and items[-1] == "case"
    assert compare(base, changed) == compare(base, changed)


# --------------------------------------------------------------------------- a real project


def test_a_project_agrees_with_itself_and_changes_made_in_it_are_found(tmp_path: Path) -> None:
    store = init_project(tmp_path / "p.db", "p")
    try:
        with store.write() as s:
            anna = coder_id(s, "anna")
            doc = add_doc(s, anna)
            code = create_code(s, anna, CodeFields("Vormgeving")).id
            start = INTERVIEW.index("Eerlijk")
            moved = apply_coding(s, anna, doc, code, start, start + 14)
            gone = apply_coding(s, anna, doc, code, start + 15, start + 29)
            memo = add_memo(s, anna, project_target(), "Eerste ronde.", "Plan")
        with store.read() as s:
            before = gather_project(s)
        assert compare(before, before) == []
        with store.write() as s:
            adjust_coding(s, anna, moved, start, start + 29)
            remove_codings(s, anna, [gone])
            edit_memo(s, anna, memo, text="Tweede ronde.")
        with store.read() as s:
            after = gather_project(s)
    finally:
        store.close()
    assert lines(before, after) == [
        f"coding: 'marieke.txt' {start}-{start + 14}: 'Vormgeving' by anna: "
        f"shifted to {start}-{start + 29}",
        f"coding: 'marieke.txt' {start + 15}-{start + 29}: 'Vormgeving' by anna: dropped "
        "('gelijkwaardig.')",
        "memo: 'Plan' on the project: text differs from position 0: "
        "expected 'Eerste ronde.', found 'Tweede ronde.'",
    ]
