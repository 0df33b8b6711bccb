"""Frequencies, code x case matrices and co-occurrence, checked against direct SQL counts."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from analysis.study import BESTUUR, BINNEN, GELIJK, LANDELIJK, Study
from codebook.domain import CodebookError
from codebook.domain.analysis import MISSING, TOTAL, check_unit
from codebook.domain.queries import Filters
from codebook.services.analysis import CodingSet, code_case_matrix, cooccurrence, frequencies
from codebook.services.cases import link_case
from codebook.services.documents import add_document

COUNT_BY_VALUE = """
SELECT da.value_text, COUNT(*), COUNT(DISTINCT c.document_id)
  FROM coding c
  JOIN document_attribute da ON da.document_id = c.document_id
  JOIN attribute a ON a.id = da.attribute_id AND a.name = :attribute
 WHERE c.code_id IN ({ids})
 GROUP BY da.value_text
"""


def direct_counts(study: Study, attribute: str, code_ids: list[int]) -> dict[str, tuple[int, int]]:
    """(segments, documents) per attribute value, straight from SQL."""
    query = text(COUNT_BY_VALUE.format(ids=", ".join(str(i) for i in code_ids)))
    with study.store.read() as s:
        rows = s.execute(query, {"attribute": attribute}).all()
    return {value: (segments, docs) for value, segments, docs in rows}


def family(study: Study, theme: str) -> list[int]:
    return [i for path, i in study.codes.items() if path == theme or path.startswith(theme + " >")]


def test_frequencies_by_attribute_match_sql(study: Study) -> None:
    # The SQL counts every coding: the same figures as coders summed.
    with study.store.read() as s:
        data = CodingSet.load(s, Filters(sum_coders=True))
        segments = data.frequencies("werkplaats", "segments", with_children=True)
        documents = data.frequencies("werkplaats", "documents", with_children=True)
    assert list(segments.columns) == ["POINT", "WOA", "WOU", TOTAL]
    assert list(segments.rows) == ["Kennisdeling", "Vormgeving van de samenwerking", BESTUUR]
    assert segments.unit == "segments"
    assert documents.unit == "documents"
    for theme in segments.rows:
        expected = direct_counts(study, "werkplaats", family(study, theme))
        for value in ("POINT", "WOA", "WOU"):
            seg, docs = expected.get(value, (0, 0))
            assert segments.value(theme, value) == seg, (theme, value)
            assert documents.value(theme, value) == docs, (theme, value)
        assert segments.value(theme, TOTAL) == sum(v[0] for v in expected.values())
        assert documents.value(theme, TOTAL) == sum(v[1] for v in expected.values())


def test_frequencies_of_single_codes_without_children(study: Study) -> None:
    with study.store.read() as s:
        frame = frequencies(s, "rol")
    assert list(frame.rows) == [
        "Kennisdeling",
        LANDELIJK,
        BINNEN,
        "Vormgeving van de samenwerking",
        GELIJK,
        BESTUUR,
    ]
    assert frame.value(GELIJK, "coördinator") == 1  # anna and bram coded it alike: one passage
    assert list(frame.row(BINNEN)) == [1, 1, 2]  # coördinator, schoolleider, total
    with study.store.read() as s:
        assert frequencies(s).value(LANDELIJK, TOTAL) == 2


def test_words_coded_count_overlapping_codings_once(study: Study) -> None:
    def words(passage: str) -> int:
        return len(re.findall(r"\w+", passage))

    with study.store.read() as s:
        frame = frequencies(s, "werkplaats", "words", with_children=True)
    woa = "We delen kennis landelijk via de conferentie. Ook binnen de werkplaats praten we veel."
    point = "De kennis blijft vooral binnen de school. Landelijk delen we weinig."
    assert frame.unit == "words coded"
    assert frame.value("Kennisdeling", "WOA") == words(woa)
    assert frame.value("Kennisdeling", "POINT") == words(point)
    assert frame.value("Kennisdeling", TOTAL) == words(woa) + words(point)
    # Two coders on the same sentence: its words once.
    sentence = "De samenwerking met de hogeschool is gelijkwaardig."
    assert frame.value("Vormgeving van de samenwerking", "WOA") == words(sentence)


def test_filters_restrict_columns_and_counts(study: Study) -> None:
    with study.store.read() as s:
        frame = frequencies(
            s, "werkplaats", filters=Filters({"rol": ["coördinator"]}, ["anna"]), with_children=True
        )
    assert list(frame.columns) == ["WOA", "WOU", TOTAL]
    assert frame.value("Vormgeving van de samenwerking", "WOA") == 1


def test_documents_without_the_attribute_are_counted_as_missing(study: Study) -> None:
    with study.store.write() as s:
        from helpers import parsed

        doc = add_document(
            s, study.coders["anna"], "los.txt", parsed("Anna: Het bestuur helpt.\n"), sentences=[]
        )
        from codebook.services.coding import apply_coding

        apply_coding(s, study.coders["anna"], doc, study.codes[BESTUUR], 6, 24)
    with study.store.read() as s:
        frame = frequencies(s, "werkplaats")
    assert list(frame.columns) == ["POINT", "WOA", "WOU", MISSING, TOTAL]
    assert frame.value(BESTUUR, MISSING) == 1


def test_matrix_defaults_to_documents_then_cases(study: Study) -> None:
    with study.store.read() as s:
        by_doc = code_case_matrix(s, with_children=True)
    assert list(by_doc.columns) == ["point-01.txt", "woa-01.txt", "wou-01.txt"]
    assert list(by_doc.row("Kennisdeling")) == [2, 3, 0]
    with study.store.write() as s:
        anna = study.coders["anna"]
        link_case(s, anna, "Judith", study.docs["woa-01.txt"], "Judith")
        link_case(s, anna, "Interviewer WOA", study.docs["woa-01.txt"], "Interviewer")
        link_case(s, anna, "School Karel", study.docs["point-01.txt"])
    with study.store.read() as s:
        cases = code_case_matrix(s, with_children=True)
        words = code_case_matrix(s, "cases", "words", codes=[study.codes[BESTUUR]])
        documents = code_case_matrix(s, "documents")
    assert list(cases.columns) == ["Interviewer WOA", "Judith", "School Karel"]
    assert list(cases.row("Kennisdeling")) == [0, 3, 2]
    assert list(cases.row(BESTUUR)) == [0, 1, 1]
    assert list(words.row(BESTUUR)) == [0, 4, 4]
    assert list(documents.columns) == ["point-01.txt", "woa-01.txt", "wou-01.txt"]


def test_matrix_by_attribute(study: Study) -> None:
    with study.store.read() as s:
        frame = code_case_matrix(s, "rol", "documents", with_children=True)
    assert list(frame.columns) == ["coördinator", "schoolleider"]
    assert list(frame.row("Kennisdeling")) == [1, 1]


def test_cooccurrence_within_a_segment(study: Study) -> None:
    with study.store.read() as s:
        frame = cooccurrence(s)
    assert frame.unit == "overlapping coded segments"
    assert list(frame.rows) == list(frame.columns)
    assert frame.cells == tuple(zip(*frame.cells, strict=True))
    assert frame.value("Kennisdeling", LANDELIJK) == 1
    assert frame.value("Kennisdeling", BINNEN) == 1
    assert frame.value(LANDELIJK, BINNEN) == 0  # they only touch
    assert frame.value(GELIJK, GELIJK) == 1  # the diagonal: segments of the code, coded by both
    with study.store.read() as s:
        assert cooccurrence(s, filters=Filters(sum_coders=True)).value(GELIJK, GELIJK) == 2
    assert frame.value(BESTUUR, LANDELIJK) == 0


def test_cooccurrence_within_sentence_and_turn(study: Study) -> None:
    ids = [study.codes[c] for c in ("Kennisdeling", BESTUUR, GELIJK)]
    with study.store.read() as s:
        sentence = cooccurrence(s, "sentence", codes=ids, with_children=True)
        turn = cooccurrence(s, "turn", codes=ids, with_children=True)
    assert sentence.unit == "sentences"
    assert sentence.value("Kennisdeling", BESTUUR) == 0
    assert sentence.value("Kennisdeling", "Kennisdeling") == 4
    assert turn.unit == "turns"
    assert turn.value("Kennisdeling", BESTUUR) == 2  # Judith's and Karel's turn
    assert turn.value("Kennisdeling", GELIJK) == 0
    assert turn.value(GELIJK, GELIJK) == 1


def test_bad_units_and_attributes_are_clear_errors(study: Study) -> None:
    with pytest.raises(CodebookError, match="unknown unit 'zinnen'"):
        check_unit("zinnen")
    with study.store.read() as s:
        with pytest.raises(CodebookError, match="unknown attribute 'regio'"):
            frequencies(s, "regio")
        with pytest.raises(CodebookError, match="unknown co-occurrence unit 'alinea'"):
            cooccurrence(s, "alinea")  # type: ignore[arg-type]
