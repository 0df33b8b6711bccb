from __future__ import annotations

import itertools
import time

from codebook.domain import TurnSpan
from codebook.services.importing.sentences import sentence_spans
from codebook.services.importing.speakers import detect_turns


def test_dutch_turn_splits_into_sentences() -> None:
    text = (
        "Interviewer: Hoe was het? Vertel eens.\n"
        "Geïnterviewde: Het was best zwaar. Maar we hebben veel geleerd! "
        "Dat zeg ik ook tegen dhr. Jansen, weet je.\nEn toen stopte het."
    )
    turns = detect_turns(text).turns
    spans = sentence_spans(text, turns)
    assert [text[start:end] for start, end in spans] == [
        "Hoe was het?",
        "Vertel eens.",
        "Het was best zwaar.",
        "Maar we hebben veel geleerd!",
        "Dat zeg ik ook tegen dhr. Jansen, weet je.",
        "En toen stopte het.",
    ]
    assert_tiles(text, turns, spans)


def test_labels_and_text_outside_turns_are_ignored() -> None:
    text = "Interviewer: Een zin. Nog een zin."
    assert sentence_spans(text, (TurnSpan(13, 21, "Interviewer"),)) == [(13, 21)]
    assert sentence_spans(text, ()) == []
    assert sentence_spans(text, (TurnSpan(13, 13, "Interviewer"),)) == []


def test_unknown_language_still_splits() -> None:
    text = "Una frase. Otra frase."
    assert len(sentence_spans(text, (TurnSpan(0, len(text)),), language="qq")) == 2


def test_a_turn_of_over_a_million_characters() -> None:
    sentence = "Dit is een gewone zin over de werkplaats en het onderzoek. "
    body = (sentence * (1_200_000 // len(sentence) + 1))[:1_200_000].rstrip()
    text = "Respondent: " + body
    turns = (TurnSpan(12, len(text), "Respondent"),)
    started = time.perf_counter()
    spans = sentence_spans(text, turns)
    assert time.perf_counter() - started < 10
    assert len(spans) >= 1_200_000 // len(sentence)
    assert_tiles(text, turns, spans)


def test_long_turn_with_paragraphs_is_cut_between_them() -> None:
    paragraph = "Een zin die doorloopt. " * 2_000
    text = "\n\n".join([paragraph.strip()] * 6)
    turns = (TurnSpan(0, len(text)),)
    spans = sentence_spans(text, turns)
    assert all(text[start:end] == "Een zin die doorloopt." for start, end in spans)
    assert_tiles(text, turns, spans)


def assert_tiles(text: str, turns: tuple[TurnSpan, ...], spans: list[tuple[int, int]]) -> None:
    """Sentences are ordered, trimmed, inside turns and cover each non-space character once."""
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    covered = bytearray(len(text))
    for start, end in spans:
        assert start < end
        assert not text[start].isspace()
        assert not text[end - 1].isspace()
        assert any(turn.start <= start and end <= turn.end for turn in turns)
        covered[start:end] = b"\x01" * (end - start)
    for turn in turns:
        for index in range(turn.start, turn.end):
            assert covered[index] or text[index].isspace(), index
