"""The Word theme report with 5,000 quotes across 40 codes, against a raw python-docx loop.

Ours is the whole ``export_docx`` (database reads, count tables, title page,
contents, memos, codebook appendix, atomic save). The baseline is the loop
anyone would write first with python-docx's public API: the same headings,
quote paragraphs (style "Quote") and citation paragraphs, from quotes already
in memory, then ``save``. Target: ours at most 1.5x the baseline.
"""

from __future__ import annotations

import random
from pathlib import Path

from codebook.domain import AttributeType, CodeFields, ParsedTranscript, TurnSpan
from codebook.domain.exports import ReportOptions
from codebook.domain.queries import Code
from codebook.domain.quotes import Quote
from codebook.services.codebook.codes import create_code
from codebook.services.coding import NewCoding, apply_codings
from codebook.services.documents import add_document
from codebook.services.export.docx_report import citation, export_docx
from codebook.services.export.labels import labels
from codebook.services.project_store import coder_id, init_project, open_project
from codebook.services.retrieval.quotes import retrieve
from common import BenchResult, best_of

THEMES = 8
CHILDREN = 4  # 8 themes x (1 + 4) = 40 codes
QUOTES = 5_000
DOCUMENTS = 50
TURNS_PER_DOC = 60
SENTENCES_PER_TURN = 4
PHRASES = (
    "de samenwerking met de hogeschool is gelijkwaardig en we bedenken de vraag samen",
    "schoolleider geeft ons tijd twee uur per week dat is echt nodig voor onderzoek in de klas",
)
WORDS = [word for phrase in PHRASES for word in phrase.split()]


def _transcript(rng: random.Random) -> tuple[ParsedTranscript, list[tuple[int, int]]]:
    parts: list[str] = []
    turns: list[TurnSpan] = []
    sentences: list[tuple[int, int]] = []
    pos = 0
    for t in range(TURNS_PER_DOC):
        label = "Interviewer: " if t % 2 == 0 else "Respondent: "
        parts.append(label)
        pos += len(label)
        start = pos
        for s in range(SENTENCES_PER_TURN):
            if s:
                parts.append(" ")
                pos += 1
            sentence = " ".join(rng.choices(WORDS, k=rng.randint(8, 16))).capitalize() + "."
            sentences.append((pos, pos + len(sentence)))
            parts.append(sentence)
            pos += len(sentence)
        turns.append(TurnSpan(start, pos, label[:-2], float(t * 30)))
        parts.append("\n")
        pos += 1
    parsed = ParsedTranscript("".join(parts), tuple(turns), "txt", "utf-8")
    return parsed, sentences


def build(path: Path, seed: int = 11) -> None:
    rng = random.Random(seed)
    store = init_project(path, "bench report")
    with store.write() as s:
        anna = coder_id(s, "analist-a")
        code_ids: list[int] = []
        for t in range(THEMES):
            theme = create_code(s, anna, CodeFields(f"Thema {t}", brief_definition="Definitie."))
            code_ids.append(theme.id)
            for c in range(CHILDREN):
                code_ids.append(create_code(s, anna, CodeFields(f"Sub {t}.{c}"), theme.id).id)
        sentence_spans: dict[int, list[tuple[int, int]]] = {}
        for d in range(DOCUMENTS):
            parsed, sentences = _transcript(rng)
            doc = add_document(
                s,
                anna,
                f"doc-{d:02}.txt",
                parsed,
                attributes={
                    "werkplaats": (AttributeType.CATEGORY, ("WOA", "POINT", "WOU")[d % 3]),
                    "rol": (AttributeType.CATEGORY, ("coördinator", "schoolleider")[d % 2]),
                },
                sentences=sentences,
            )
            sentence_spans[doc] = sentences
        items: set[NewCoding] = set()
        docs = sorted(sentence_spans)
        while len(items) < QUOTES:
            doc = rng.choice(docs)
            first = rng.randrange(len(sentence_spans[doc]) - 2)
            last = first + rng.randint(0, 2)
            start, end = sentence_spans[doc][first][0], sentence_spans[doc][last][1]
            items.add(NewCoding(doc, rng.choice(code_ids), start, end))
        apply_codings(s, anna, sorted(items, key=lambda i: (i.document_id, i.start, i.code_id)))
    store.close()


def _raw_python_docx(out: Path, themes: list[tuple[str, list[tuple[str, list[Quote]]]]]) -> int:
    """The straightforward loop: headings, then quote and citation paragraphs."""
    import docx

    document = docx.Document()
    quote_style = document.styles["Quote"]
    normal = document.styles["Normal"]
    lab = labels("en")
    count = 0
    for theme, groups in themes:
        document.add_heading(theme, level=1)
        for label, quotes in groups:
            document.add_heading(label, level=3)
            for quote in quotes:
                document.add_paragraph(quote.text, style=quote_style)
                document.add_paragraph(citation(quote, ["rol", "werkplaats"], lab), style=normal)
                count += 1
    document.save(str(out))
    return count


def bench_report(tmp: Path) -> list[BenchResult]:
    path = tmp / "report-bench.db"
    build(path)
    store = open_project(path)
    with store.read() as session:
        from codebook.services.codebook.codes import code_tree

        themes = []
        for node in code_tree(session):
            quotes = retrieve(session, Code(node.code.id, with_children=True))
            groups = [
                (n.code.name, [q for q in quotes if q.codings[0].code_id == n.code.id])
                for n in node.walk()
            ]
            themes.append((node.code.name, groups))
    counted: list[int] = []

    def ours() -> None:
        with store.read() as session:
            result = export_docx(session, tmp / "ours.docx", ReportOptions())
        counted[:] = [result.quotes]

    def raw() -> None:
        counted.append(_raw_python_docx(tmp / "raw.docx", themes))

    t_ours = best_of(ours, repeat=3)
    quotes = counted[0]
    t_raw = best_of(raw, repeat=1)  # tens of seconds: python-docx is quadratic here
    store.close()
    assert counted[-1] == quotes == QUOTES, counted
    verdict = "ok" if t_ours <= 1.5 * t_raw else "MISSES TARGET"
    return [
        BenchResult(
            f"docx report: {quotes} quotes, {THEMES * (1 + CHILDREN)} codes",
            t_ours,
            t_raw,
            note=f"baseline: python-docx add_paragraph loop; target <=1.5x: {verdict}",
        )
    ]


BENCHMARKS = [bench_report]

if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        for r in bench_report(Path(scratch)):
            print(f"{r.name}: ours {r.ours:.3f}s, baseline {r.baseline:.3f}s, ratio {r.ratio:.2f}")
