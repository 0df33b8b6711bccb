"""The learned suggester on generated corpora: a code with its own vocabulary is learned
(F1 well above chance), codes assigned at random are not (F1 near the positive rate), codes
with too few examples are named, and the stored model queues suggestions."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from codebook.domain import CodebookError
from codebook.domain.documents import ImportRequest
from codebook.project import Project

TOPIC = ["rooster", "lesuren", "werkdruk", "vrije", "middag", "uren", "planning", "taken"]
FILLER = ["de", "het", "een", "wij", "zij", "vaak", "soms", "school", "klas", "team", "goed"]
POSITIVE_RATE = 0.35
FILLER += ["mooi", "praten", "denken", "leerlingen", "collega", "week", "dag", "samen", "ook"]


def sentence(rng: random.Random, topical: bool) -> str:
    words = [rng.choice(FILLER) for _ in range(8)]
    if topical:
        for at in rng.sample(range(8), 3):
            words[at] = rng.choice(TOPIC)
    return " ".join(words).capitalize() + "."


def corpus_project(tmp_path: Path, *, learnable: bool, documents: int = 6) -> str:
    """Documents of one speaker, one sentence a line; "Tijd" codes the topical sentences
    (learnable) or a random third of all of them (not learnable); "Zeldzaam" codes two."""
    rng = random.Random(7)
    tmp_path.mkdir(exist_ok=True)
    location = str(tmp_path / "corpus.db")
    files = []
    marked: list[list[bool]] = []
    for number in range(documents):
        topical = [rng.random() < POSITIVE_RATE for _ in range(40)]
        lines = [sentence(rng, flag) for flag in topical]
        source = tmp_path / f"doc{number}.txt"
        source.write_text("Anna: " + " ".join(lines) + "\n", encoding="utf-8")
        files.append(source)
        marked.append(topical if learnable else [rng.random() < POSITIVE_RATE for _ in topical])
    with Project.create(location, "corpus", "nl", coder="anna") as door:
        door.import_transcripts(files, ImportRequest(language="nl"))
        door.create_code("Tijd")
        door.create_code("Zeldzaam")
        for number, flags in enumerate(marked):
            name = f"doc{number}"
            spans = list(door.open_document(name).sentences)
            assert len(spans) == len(flags)
            for (start, end), flag in zip(spans, flags, strict=True):
                if flag:
                    door.code(name, "Tijd", start, end)
            if number == 0:
                door.code(name, "Zeldzaam", *spans[1])
                door.code(name, "Zeldzaam", *spans[2])
    return location


def tijd_f1(location: str) -> float:
    with Project.open(location, coder="anna") as door:
        report = door.train_suggester(evaluate=True)
    assert report.skipped == (("Zeldzaam", 2),)
    assert report.codes == ("Tijd",)
    [score] = report.scores
    assert score.support > 0
    return score.f1


def test_a_learnable_code_scores_far_above_chance_and_a_random_one_does_not(
    tmp_path: Path,
) -> None:
    learned = tijd_f1(corpus_project(tmp_path / "a", learnable=True))
    chance = tijd_f1(corpus_project(tmp_path / "b", learnable=False))
    assert learned > 0.8
    assert abs(chance - POSITIVE_RATE) < 0.2
    assert learned - chance > 0.3


def test_the_stored_model_queues_uncoded_topical_sentences(tmp_path: Path) -> None:
    location = corpus_project(tmp_path, learnable=True)
    rng = random.Random(3)
    fresh = tmp_path / "nieuw.txt"
    topical = [sentence(rng, True) for _ in range(6)]
    plain = [sentence(rng, False) for _ in range(6)]
    lines = [line for pair in zip(topical, plain, strict=True) for line in pair]
    fresh.write_text("Bram: " + " ".join(lines) + "\n", encoding="utf-8")
    progress: list[int] = []
    with Project.open(location, coder="anna") as door:
        door.train_suggester(progress=lambda epoch, epochs, loss: progress.append(epoch))
        door.import_transcripts([fresh], ImportRequest(language="nl"))
        run = door.suggest_from_model()
        queued = door.suggestions(document="nieuw", source="model")
    assert progress == list(range(1, len(progress) + 1)) and progress
    found = [s.text for s in queued]
    assert run.added >= len(found) >= 4
    assert set(found) <= set(topical)
    assert {s.code for s in queued} == {"Tijd"}
    assert all(s.confidence is not None and s.confidence >= 0.5 for s in queued)


def test_training_without_codings_says_so(tmp_path: Path) -> None:
    source = tmp_path / "leeg.txt"
    source.write_text("Anna: Niets gecodeerd hier.\n", encoding="utf-8")
    location = str(tmp_path / "leeg.db")
    with Project.create(location, "leeg", "nl", coder="anna") as door:
        door.import_transcripts([source], ImportRequest(language="nl"))
        with pytest.raises(CodebookError, match="no coded sentences to learn from"):
            door.train_suggester()
        with pytest.raises(CodebookError, match="no trained model"):
            door.suggest_from_model()
