"""Retrieval on SQLite and PostgreSQL: quotes, positions, filters, boolean queries, context."""

from __future__ import annotations

import pytest

from analysis.study import BESTUUR, BINNEN, GELIJK, LANDELIJK, WOA, Study
from codebook.domain import CodebookError
from codebook.domain.queries import NO_FILTERS, And, Code, CodeQuery, Filters, Near, Not, Or
from codebook.domain.quotes import Quote
from codebook.services.coding import apply_coding
from codebook.services.retrieval.evaluation import fetch_codings
from codebook.services.retrieval.quotes import all_quotes, quotes_of_code, retrieve


def get(
    study: Study, query: CodeQuery | str, filters: Filters = NO_FILTERS, context: int = 0
) -> list[Quote]:
    with study.store.read() as s:
        return retrieve(s, query, filters, context=context)


def texts(quotes: list[Quote]) -> list[str]:
    return [q.text for q in quotes]


def test_quotes_of_a_code_with_speaker_position_attributes_and_memo(study: Study) -> None:
    found = get(study, Code(LANDELIJK))
    assert [(q.document, q.text) for q in found] == [
        ("point-01.txt", "Landelijk delen we weinig."),
        ("woa-01.txt", "We delen kennis landelijk via de conferentie."),
    ]
    karel, judith = found
    assert (karel.speaker, karel.turn, karel.timecode) == ("Karel", 2, None)
    assert (judith.speaker, judith.turn) == ("Judith", 2)
    assert dict(judith.attributes) == {"werkplaats": "WOA", "rol": "coördinator"}
    assert (judith.note, karel.note) == ("mooi", None)
    assert (judith.code, judith.coders) == (LANDELIJK, ("anna",))
    for q in found:
        assert study.texts[q.document][q.start : q.end] == q.text


def test_code_by_unique_name_path_or_id(study: Study) -> None:
    by_path = get(study, LANDELIJK)
    by_name = get(study, '"Landelijke kennisdeling"')
    by_id = get(study, Code(study.codes[LANDELIJK]))
    assert texts(by_path) == texts(by_name) == texts(by_id)


def test_with_children_includes_every_code_below(study: Study) -> None:
    own = get(study, Code("Kennisdeling"))
    family = get(study, Code("Kennisdeling", with_children=True))
    assert len(own) == 1
    assert len(family) == 5
    assert {q.code for q in family} == {"Kennisdeling", LANDELIJK, BINNEN}
    with study.store.read() as s:
        assert texts(quotes_of_code(s, "Kennisdeling")) == texts(family)


def test_a_passage_two_coders_coded_is_one_quote_unless_coders_are_summed(study: Study) -> None:
    (found,) = get(study, Code(GELIJK))
    assert found.coders == ("anna", "bram")
    assert found.text == "De samenwerking met de hogeschool is gelijkwaardig."
    summed = get(study, Code(GELIJK), Filters(sum_coders=True))
    assert [q.coders for q in summed] == [("anna",), ("bram",)]
    assert texts(summed) == ["De samenwerking met de hogeschool is gelijkwaardig."] * 2


def test_attribute_filters_or_within_a_key_and_across_keys(study: Study) -> None:
    family = Code("Kennisdeling", with_children=True)
    woa = get(study, family, Filters({"werkplaats": ["WOA"]}))
    assert {q.document for q in woa} == {"woa-01.txt"}
    both = get(study, family, Filters({"werkplaats": ["woa", "POINT"]}))
    assert len(both) == 5
    none = get(study, family, Filters({"werkplaats": ["WOA"], "rol": ["schoolleider"]}))
    assert none == []
    point = get(study, family, Filters({"Werkplaats": ["POINT"], "rol": ["schoolleider"]}))
    assert {q.document for q in point} == {"point-01.txt"}


def test_coder_filter(study: Study) -> None:
    found = get(study, Code("Kennisdeling", with_children=True), Filters(coders=["bram"]))
    assert texts(found) == ["De kennis blijft vooral binnen de school."]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters({"regio": ["Noord"]}), "unknown attribute 'regio' (attributes: rol, werkplaats)"),
        (Filters(coders=["carla"]), "unknown coder 'carla' (coders: anna, bram)"),
    ],
)
def test_unknown_filter_names_are_clear_errors(
    study: Study, filters: Filters, message: str
) -> None:
    with pytest.raises(CodebookError, match=message.replace("(", r"\(").replace(")", r"\)")):
        get(study, Code(LANDELIJK), filters)


def test_unknown_code_is_a_clear_error(study: Study) -> None:
    with pytest.raises(CodebookError, match="unknown code 'Onbekend'"):
        get(study, '"Kennisdeling" AND "Onbekend"')


def test_and_returns_the_overlap_with_both_codings(study: Study) -> None:
    (quote,) = get(study, And(Code("Kennisdeling"), Code(LANDELIJK)))
    assert quote.text == "We delen kennis landelijk via de conferentie."
    assert quote.codes == ("Kennisdeling", LANDELIJK)
    assert quote.note == "mooi"


def test_and_of_partial_overlap_is_the_intersection(study: Study) -> None:
    with study.store.write() as s:
        wide_start, _ = study.span("woa-01.txt", "praten we veel.")
        _, wide_end = study.span("woa-01.txt", "Het bestuur steunt ons.")
        apply_coding(
            s, study.coders["anna"], study.docs["woa-01.txt"], study.codes[BESTUUR],
            wide_start, wide_end,
        )  # fmt: skip
    found = get(study, And(Code(BINNEN), Code(BESTUUR)))
    assert texts(found) == ["praten we veel."]
    assert found[0].speaker == "Judith"


def test_touching_segments_do_not_overlap(study: Study) -> None:
    # "...conferentie." ends one character before "Ook..." starts; even adjacent is not AND.
    assert get(study, And(Code(LANDELIJK), Code(BINNEN))) == []


def test_or_merges_equal_ranges(study: Study) -> None:
    found = get(study, Or(Code(BESTUUR), Code(GELIJK)))
    assert texts(found) == [
        "Het bestuur geeft tijd.",
        "Het bestuur steunt ons.",
        "De samenwerking met de hogeschool is gelijkwaardig.",
    ]
    assert found[2].coders == ("anna", "bram")
    assert found[2].note == "eens"


def test_not_keeps_segments_overlapping_nothing_of_the_other(study: Study) -> None:
    found = get(study, Not(Code(LANDELIJK), Code("Kennisdeling")))
    assert texts(found) == ["Landelijk delen we weinig."]
    assert get(study, Not(Code(BESTUUR), Code(GELIJK))) == get(study, Code(BESTUUR))


def test_near_counts_sentences_and_spans_both(study: Study) -> None:
    assert get(study, Near(Code(BESTUUR), Code(LANDELIJK), 1)) == []
    found = get(study, Near(Code(BESTUUR), Code(LANDELIJK), 2), Filters(across_coders=True))
    assert texts(found) == [
        "Het bestuur geeft tijd. De kennis blijft vooral binnen de school. "
        "Landelijk delen we weinig.",
        "We delen kennis landelijk via de conferentie. Ook binnen de werkplaats praten we "
        "veel. Het bestuur steunt ons.",
    ]
    # By default one coder at a time: Karel's passage pairs bram's BESTUUR with anna's LANDELIJK.
    assert texts(get(study, Near(Code(BESTUUR), Code(LANDELIJK), 2))) == texts(found)[1:]
    # Adjacent sentences are one apart, overlapping or same-sentence codings zero apart.
    assert len(get(study, Near(Code(LANDELIJK), Code(BINNEN), 1))) == 1  # Karel's: two coders
    assert len(get(study, Near(Code(LANDELIJK), Code(BINNEN), 1), Filters(across_coders=True))) == 2
    assert len(get(study, Near(Code(LANDELIJK), Code(BINNEN), 0))) == 0
    assert len(get(study, Near(Code("Kennisdeling"), Code(BINNEN), 0))) == 1


def test_parsed_and_structured_queries_agree(study: Study) -> None:
    text = f'"Kennisdeling"* NOT ("{BESTUUR}" NEAR/2 "{LANDELIJK}")'
    structured = Not(Code("Kennisdeling", True), Near(Code(BESTUUR), Code(LANDELIJK), 2))
    assert get(study, text) == get(study, structured)
    across = Filters(across_coders=True)
    assert get(study, text, across) == get(study, structured, across) == []
    # One coder at a time, Karel's passages coded by one coder each are near nothing of theirs.
    assert texts(get(study, text)) == [
        "De kennis blijft vooral binnen de school.",
        "Landelijk delen we weinig.",
    ]


def test_context_sentences_before_and_after(study: Study) -> None:
    (quote,) = get(study, Code(BINNEN), Filters({"werkplaats": ["WOA"]}), context=1)
    assert quote.context_before.endswith("We delen kennis landelijk via de conferentie. ")
    assert quote.context_after == " Het bestuur steunt ons."
    (wide,) = get(study, Code(BINNEN), Filters({"werkplaats": ["WOA"]}), context=5)
    start = WOA.index("Ook binnen")
    assert wide.context_before == WOA[:start]
    assert wide.context_after.endswith("We plannen samen.")
    plain = get(study, Code(BINNEN), Filters({"werkplaats": ["WOA"]}))
    assert (plain[0].context_before, plain[0].context_after) == ("", "")


def test_coding_starting_on_a_speaker_label_takes_that_speakers_turn(study: Study) -> None:
    text = study.texts["woa-01.txt"]
    label = text.index("Judith: De samenwerking")
    with study.store.write() as s:
        apply_coding(
            s, study.coders["anna"], study.docs["woa-01.txt"], study.codes[BESTUUR],
            label - 1, label + 30,
        )  # fmt: skip
    found = [q for q in get(study, Code(BESTUUR)) if q.start == label - 1]
    assert [(q.speaker, q.turn) for q in found] == [("Judith", 4)]


def test_coding_before_any_turn_has_no_speaker(store: object, study: Study) -> None:
    with study.store.write() as s:
        from helpers import add_doc

        doc = add_doc(
            s, study.coders["anna"], "kop.txt", "Kop zonder spreker.\nAnna: Hallo daar.\n"
        )
        apply_coding(s, study.coders["anna"], doc, study.codes[BESTUUR], 0, 4)
    (quote,) = [q for q in get(study, Code(BESTUUR)) if q.document == "kop.txt"]
    assert (quote.speaker, quote.turn, quote.text) == (None, None, "Kop ")


def test_all_quotes_and_fetch_codings_cover_every_coding(study: Study) -> None:
    with study.store.read() as s:
        everything = all_quotes(s)
        records = fetch_codings(s)
        woa = fetch_codings(s, [study.codes[GELIJK]], Filters(coders=["bram"]))
    assert len(everything) == len(records) == 9
    assert sorted(q.codings[0].id for q in everything) == sorted(r.id for r in records)
    assert [(r.speaker, r.turn) for r in woa] == [("Judith", 3)]
    assert all(q.key[0] == q.document_id for q in everything)
