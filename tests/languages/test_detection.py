"""Guessing a transcript's language, and the fixed list of languages against spaCy's own."""

from __future__ import annotations

import pkgutil

import pytest

from codebook.domain import CodebookError, TurnSpan
from codebook.domain.languages import LANGUAGES, checked_language, language_name
from codebook.services.importing.languages import detect_language

DUTCH = (
    "Ik werk nu al een paar jaar op deze school. De samenwerking met de collega's gaat "
    "eigenlijk best goed, maar soms is het lastig om tijd te vinden voor overleg. "
    "We hebben elke week een vergadering en daar bespreken we de leerlingen."
)
ENGLISH = (
    "I have been working at this school for a few years now. Working together with my "
    "colleagues is actually quite good, but sometimes it is hard to find time to talk. "
    "We have a meeting every week where we discuss the pupils."
)
GERMAN = (
    "Ich arbeite jetzt seit einigen Jahren an dieser Schule. Die Zusammenarbeit mit den "
    "Kollegen ist eigentlich ganz gut, aber manchmal ist es schwer, Zeit für Gespräche zu "
    "finden. Wir haben jede Woche eine Sitzung, in der wir über die Schüler sprechen."
)
FRENCH = (
    "Je travaille dans cette école depuis quelques années. La collaboration avec mes "
    "collègues se passe plutôt bien, mais parfois il est difficile de trouver du temps "
    "pour parler. Nous avons une réunion chaque semaine où nous parlons des élèves."
)


def test_the_list_is_the_languages_spacy_has_a_blank_pipeline_for() -> None:
    import spacy.lang

    packages = {m.name for m in pkgutil.iter_modules(spacy.lang.__path__) if m.ispkg}
    assert set(LANGUAGES) == packages


@pytest.mark.parametrize(
    ("text", "expected"), [(DUTCH, "nl"), (ENGLISH, "en"), (GERMAN, "de"), (FRENCH, "fr")]
)
def test_a_paragraph_is_recognised_whatever_the_project_language(text: str, expected: str) -> None:
    for default in ("nl", "en"):
        assert detect_language(text, [], default) == (expected, True)


@pytest.mark.parametrize("text", [DUTCH, GERMAN])
def test_a_long_transcript_is_read_from_its_first_words_across_turns(text: str) -> None:
    label = "Interviewer: "
    turn = label + text + "\n"
    long_text = turn * 2_000  # about 80,000 words
    turns = [
        TurnSpan(i * len(turn) + len(label), (i + 1) * len(turn) - 1, "Interviewer")
        for i in range(2_000)
    ]
    expected = "nl" if text is DUTCH else "de"
    assert detect_language(long_text, turns, "en") == (expected, True)


def test_a_short_text_keeps_the_project_language() -> None:
    assert detect_language("Ja, dat klopt helemaal.", [], "en") == ("en", False)
    assert detect_language("Yes, that is right.", [], "nl") == ("nl", False)


def test_a_text_in_no_known_language_keeps_the_project_language() -> None:
    numbers = " ".join(f"x{n} 2024-{n:02d}" for n in range(40))
    assert detect_language(numbers, [], "nl") == ("nl", False)


def test_any_spacy_language_is_accepted_in_any_case() -> None:
    assert checked_language(" DE ") == "de"
    assert checked_language("xx") == "xx"
    assert language_name("de", "nl") == "Duits"


def test_an_unknown_code_is_refused_naming_codes_nearby() -> None:
    with pytest.raises(CodebookError) as refused:
        checked_language("nd")
    assert "nl" in str(refused.value)
    assert "'nd'" in str(refused.value)
    with pytest.raises(CodebookError) as refused:
        checked_language("klingon")
    assert refused.value.text("nl").startswith("onbekende taal 'klingon'")
