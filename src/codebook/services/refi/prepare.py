"""The CPU-heavy half of a .qdpx import, done before the project is opened for writing.

Each source's selections are mapped into our normalized text, its speaker
turns found and its sentences split; none of that needs the database, so it
runs before the import's transaction opens (the project stays open to other
writers meanwhile) and, with several sources, in worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass

from codebook.domain.transcripts import TurnSpan
from codebook.gc_pause import gc_paused
from codebook.services.importing.sentences import sentence_spans, warm_up
from codebook.services.importing.speakers import detect_turns
from codebook.services.refi.model import RefiProject, RefiSource
from codebook.services.refi.offsets import Aligned, align
from codebook.services.workers import in_workers, worth_spreading


@dataclass(frozen=True)
class PreparedSource:
    """A source ready to store: its text and selections in our terms, turns, sentences."""

    aligned: Aligned
    turns: tuple[TurnSpan, ...]
    sentences: list[tuple[int, int]]


def prepare_sources(refi: RefiProject, language: str) -> dict[str, PreparedSource]:
    """Every source of ``refi`` prepared, by its GUID in lower case.

    Mapping and turns are cheap and done here; only sentence splitting goes to
    workers, which are sent nothing but a text and its turns.
    """
    with gc_paused():
        aligned = [_aligned(source) for source in refi.sources]
        jobs = [(a.text, detect_turns(a.text).turns, language) for a in aligned]
    if worth_spreading(len(jobs)):
        warm_up(language)
        sentences = list(in_workers(_sentences, jobs))
    else:
        sentences = [_sentences(job) for job in jobs]
    return {
        source.guid.lower(): PreparedSource(a, job[1], found)
        for source, a, job, found in zip(refi.sources, aligned, jobs, sentences, strict=True)
    }


def _aligned(source: RefiSource) -> Aligned:
    return align(source.text, [(s.start, s.end) for s in source.selections])


def _sentences(job: tuple[str, tuple[TurnSpan, ...], str]) -> list[tuple[int, int]]:
    text, turns, language = job
    if not text.strip():
        return []
    with gc_paused():
        return sentence_spans(text, turns, language)
