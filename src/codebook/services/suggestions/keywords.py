"""Autocode from the codebook's keywords: every sentence where a code's keyword occurs, in
any inflection, becomes a suggestion for that code.

Keywords are written as the report reads them (``services.export.keywords``):
whole words, ignoring case, several words in a row, a final ``*`` for every
word it starts. Here a word matches on its lemma (simplemma, as the text
index): ``samenwerken`` finds ``samengewerkt``. simplemma lemmatises some
infinitives apart (``samenwerken`` → ``samen_werken``) while their
inflections go to the infinitive, so each keyword is matched both by its
lemmas and by its words as written. spaCy's ``PhraseMatcher`` runs on docs
built from the tokens and lemmas directly, with no pipeline or model; a
``*`` keyword is a small extra pass on the lower-cased words.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebook.db.models import Code
from codebook.domain import TurnSpan
from codebook.domain.suggestions import SuggestionRun
from codebook.services.suggestions.examples import DocumentSentences, document_sentences
from codebook.services.suggestions.queue import Candidate, add_suggestions, live_code_ids
from codebook.services.text_index.tokens import lemma, lemmas, words


@dataclass(frozen=True)
class Keyword:
    """One keyword of one code: its lower-cased words, and whether the last is a prefix."""

    code_id: int
    text: str
    norms: tuple[str, ...]
    prefix: bool


def keyword_norms(keyword: str, language: str) -> tuple[str, ...]:
    """A keyword's words as the index tokenizes text, lower-cased, punctuation left out."""
    spoken = keyword.strip().rstrip("*")
    return tuple(words(spoken, [TurnSpan(0, len(spoken), None, None, None)], language).norms)


def code_keywords(session: Session, codes: Iterable[int] | None = None) -> list[Keyword]:
    """The keywords of the live codes (or of the given ones among them), each once."""
    live = live_code_ids(session)
    chosen = live if codes is None else live & set(codes)
    rows = session.execute(select(Code.id, Code.keywords).where(Code.id.in_(chosen)))
    found = []
    for code_id, keywords in rows:
        for keyword in dict.fromkeys(str(k).strip() for k in keywords or () if str(k).strip()):
            found.append(Keyword(code_id, keyword, (), keyword.endswith("*")))
    return found


class KeywordMatcher:
    """The keywords of one language, compiled once for every document in that language."""

    def __init__(self, keywords: Sequence[Keyword], language: str) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.language = language
        self.vocab = spacy.blank("xx").vocab
        self.matcher = PhraseMatcher(self.vocab, attr="LEMMA")
        self.prefixed: list[Keyword] = []
        self.keys: dict[int, Keyword] = {}
        for keyword in keywords:
            norms = keyword_norms(keyword.text, language)
            if not norms:
                continue
            compiled = Keyword(keyword.code_id, keyword.text, norms, keyword.prefix)
            if compiled.prefix:
                self.prefixed.append(compiled)
                continue
            label = f"{keyword.code_id}\x1f{keyword.text}"
            self.keys[self.vocab.strings.add(label)] = compiled
            written = self._doc(list(norms), list(norms))
            lemmatised = self._doc(list(norms), lemmas(norms, language))
            self.matcher.add(label, [written, lemmatised])

    def _doc(self, norms: list[str], forms: list[str]) -> Any:
        from spacy.tokens import Doc

        return Doc(self.vocab, words=norms, lemmas=forms)

    def matches(self, norms: list[str]) -> list[tuple[int, Keyword]]:
        """(token position, keyword) of every occurrence in the words, in no set order."""
        if not norms:
            return []
        found: list[tuple[int, Keyword]] = []
        forms = lemmas(norms, self.language)
        if self.keys:
            doc = self._doc(norms, forms)
            for key, start, _ in self.matcher(doc):
                found.append((start, self.keys[key]))
        if self.prefixed:
            found.extend(self._prefix_matches(norms, forms))
        return found

    def _prefix_matches(self, norms: list[str], forms: list[str]) -> list[tuple[int, Keyword]]:
        """Where each ``*`` keyword occurs: its last word a prefix of a word, any words before
        it matching by lemma or as written. Prefixes are tried on the distinct words only."""
        where: dict[str, list[int]] = defaultdict(list)
        for position, norm in enumerate(norms):
            where[norm].append(position)
        found = []
        for keyword in self.prefixed:
            *whole, last = keyword.norms
            wanted = [{norm, lemma(norm, self.language)} for norm in whole]
            ends = sorted(p for norm in where if norm.startswith(last) for p in where[norm])
            for end in ends:
                at = end - len(whole)
                if at >= 0 and all(
                    norms[at + i] in want or forms[at + i] in want for i, want in enumerate(wanted)
                ):
                    found.append((at, keyword))
        return found


def _sentence_of(starts: Sequence[int], sentences: Sequence[tuple[int, int]], at: int) -> int:
    index = bisect_right(starts, at) - 1
    return index if index >= 0 and at < sentences[index][1] else -1


def document_candidates(document: DocumentSentences, matcher: KeywordMatcher) -> list[Candidate]:
    """Each sentence of the document a keyword occurs in, per code, with its first keyword."""
    tokens = words(document.text, document.turns, document.language)
    starts = [start for start, _ in document.sentences]
    first: dict[tuple[int, int], tuple[int, str]] = {}
    for position, keyword in matcher.matches(tokens.norms):
        at = tokens.starts[position]
        index = _sentence_of(starts, document.sentences, at)
        if index < 0:
            continue
        key = (index, keyword.code_id)
        if key not in first or at < first[key][0]:
            first[key] = (at, keyword.text)
    return [
        Candidate(document.id, code_id, *document.sentences[index], keyword=text)
        for (index, code_id), (_, text) in sorted(first.items())
    ]


def autocode_keywords(
    session: Session, codes: Iterable[int] | None = None, documents: Iterable[int] | None = None
) -> SuggestionRun:
    """Queue a suggestion for each sentence a live code's keyword occurs in (of the given
    codes and documents, else all), leaving out what was rejected, coded or queued."""
    keywords = code_keywords(session, codes)
    if not keywords:
        return SuggestionRun(0, 0, 0, 0)
    matchers: dict[str, KeywordMatcher] = {}
    by_document: dict[int, list[Candidate]] = defaultdict(list)
    for document in document_sentences(session, documents):
        if document.language not in matchers:
            matchers[document.language] = KeywordMatcher(keywords, document.language)
        by_document[document.id] = document_candidates(document, matchers[document.language])
    return add_suggestions(session, "keyword", [c for found in by_document.values() for c in found])
