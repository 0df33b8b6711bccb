"""Export and re-import of a project of 1,000,000 words and 100,000 codings as REFI-QDA (.qdpx).

The project is built with raw ``executemany`` on the SQLite file that
``init_project`` created (100 documents of 10,000 words, 425 codes, two
coders, a memo on one coding in twenty). Ours is ``write_qdpx`` on the
gathered model: the element tree, validation against the Project schema,
serializing, and the zip with every source text, written atomically. The
baseline writes the same XML with bare lxml (``SubElement`` straight from the
model, no schema, no checks) into the same zip. Target: at most 2x.

Gathering the model is timed too, against one raw SQL read of the rows it
needs (no target: it derives a GUID for every coding and selection).

Re-import is timed twice. Reading the file into the model (the archive and
XML checks, validation, the offsets' detection) against parsing the same
file with bare lxml (the project XML, every selection's and coding's
attributes, every source text); and the whole import into a new project
(which also finds speaker turns, splits sentences and stores everything as
one undoable action) against that bare parse plus bare spaCy splitting the
same texts into sentences. Target for both: at most 2x.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import uuid
import zipfile
from datetime import datetime
from pathlib import Path

from lxml import etree

from codebook.domain import CodeSpec
from codebook.services.project_store import init_project, open_project
from codebook.services.refi.gather import gather_project
from codebook.services.refi.model import RefiProject
from codebook.services.refi.writer import write_qdpx
from common import BenchResult, best_of, random_codings

DOCUMENTS = 100
WORDS_PER_DOC = 10_000
CODINGS_PER_DOC = 1_000
CHILDREN = (16,) * 25  # 25 themes of 16 sub-codes: 425 codes
PHRASES = (
    "de samenwerking met de hogeschool is gelijkwaardig en we bedenken de vraag samen",
    "schoolleider geeft ons tijd twee uur per week dat is echt nodig voor onderzoek",
)
WORDS = [word for phrase in PHRASES for word in phrase.split()]
NS = "urn:QDA-XML:project:1.0"


def _document(rng: random.Random) -> tuple[str, list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Text, sentences and turns (five sentences each) of one interview of ``WORDS_PER_DOC``
    words."""
    parts: list[str] = []
    sentences: list[tuple[int, int]] = []
    turns: list[tuple[int, int, str]] = []
    label, pos, turn_start, words = "", 0, 0, 0
    while words < WORDS_PER_DOC:
        if len(sentences) % 5 == 0:
            if label:
                turns.append((turn_start, pos, label))
                parts.append("\n")
                pos += 1
            label = "Respondent" if len(turns) % 2 else "Interviewer"
            parts.append(f"{label}: ")
            pos += len(label) + 2
            turn_start = pos
        else:
            parts.append(" ")
            pos += 1
        count = rng.randint(6, 14)
        sentence = " ".join(rng.choices(WORDS, k=count)).capitalize() + "."
        sentences.append((pos, pos + len(sentence)))
        parts.append(sentence)
        pos += len(sentence)
        words += count
    turns.append((turn_start, pos, label))
    return "".join(parts), sentences, turns


def build(path: Path, seed: int = 5) -> None:
    store = init_project(path, "bench")
    store.close()
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    now = datetime(2024, 1, 1, 12, 0, 0, 250_000).isoformat(sep=" ")
    con.executemany(
        "INSERT INTO coder (id, name, created_at) VALUES (?, ?, ?)",
        [(1, "analist-a", now), (2, "analist-b", now)],
    )
    codes = []
    for t, n_children in enumerate(CHILDREN):
        theme = len(codes) + 1
        codes.append((theme, str(uuid.UUID(int=rng.getrandbits(128))), None, t, f"Thema {t}"))
        for c in range(n_children):
            guid = str(uuid.UUID(int=rng.getrandbits(128)))
            codes.append((len(codes) + 1, guid, theme, c, f"Sub {t}.{c}"))
    con.executemany(
        "INSERT INTO code (id, guid, parent_id, position, name, color, brief_definition, "
        "full_definition, when_to_use, when_not_to_use, example, keywords, retired) "
        "VALUES (?, ?, ?, ?, ?, '#1F77B4', 'Korte definitie.', '', '', '', '', '[]', 0)",
        codes,
    )
    code_ids = [c[0] for c in codes]
    for d in range(1, DOCUMENTS + 1):
        text, sentences, turns = _document(rng)
        con.execute(
            "INSERT INTO document (id, name, text, sha256, source_format, language, word_count, "
            "imported_at, sentences) VALUES (?, ?, ?, ?, 'txt', 'nl', ?, ?, ?)",
            (
                d,
                f"doc-{d:04}.txt",
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                len(text.split()),
                now,
                json.dumps(sentences),
            ),
        )
        con.executemany(
            'INSERT INTO turn (document_id, position, speaker, start, "end") '
            "VALUES (?, ?, ?, ?, ?)",
            [(d, i, who, s, e) for i, (s, e, who) in enumerate(turns)],
        )
        rows = random_codings(
            rng, d, sentences, code_ids, CODINGS_PER_DOC, now=now, note="memo bij dit fragment"
        )
        con.executemany(
            'INSERT INTO coding (document_id, code_id, start, "end", coder_id, codebook_version, '
            "created_at, note) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            rows,
        )
    con.commit()
    con.close()


def bare_lxml(project: RefiProject, out: Path) -> None:
    """The same project.qde built the obvious way with lxml, zipped like ours."""
    q = f"{{{NS}}}"
    sub = etree.SubElement
    root = etree.Element(q + "Project", nsmap={None: NS})  # type: ignore[dict-item]
    root.set("name", project.name)
    users = sub(root, q + "Users")
    for user in project.users:
        sub(users, q + "User", guid=user.guid, name=user.name)

    def code(parent: etree._Element, spec: CodeSpec) -> None:
        fields = spec.fields
        element = sub(parent, q + "Code", guid=spec.guid or "", name=fields.name, isCodable="true")
        element.set("color", fields.color)
        sub(element, q + "Description").text = "Brief definition: " + fields.brief_definition
        for child in spec.children:
            code(element, child)

    codes = sub(sub(root, q + "CodeBook"), q + "Codes")
    for spec in project.codebook.codes:
        code(codes, spec)
    sources = sub(root, q + "Sources")
    for source in project.sources:
        element = sub(
            sources,
            q + "TextSource",
            guid=source.guid,
            name=source.name,
            plainTextPath=f"internal://{source.guid}.txt",
            creationDateTime=source.created.isoformat() + "Z" if source.created else "",
        )
        for selection in source.selections:
            made = selection.created.isoformat() + "Z" if selection.created else ""
            chosen = sub(
                element,
                q + "PlainTextSelection",
                guid=selection.guid,
                startPosition=str(selection.start),
                endPosition=str(selection.end),
                creatingUser=selection.user_guid or "",
                creationDateTime=made,
            )
            for coding in selection.codings:
                coded = sub(
                    chosen,
                    q + "Coding",
                    guid=coding.guid,
                    creatingUser=coding.user_guid or "",
                    creationDateTime=made,
                )
                sub(coded, q + "CodeRef", targetGUID=coding.code_guid)
                for guid in coding.note_guids:
                    sub(coded, q + "NoteRef", targetGUID=guid)
    notes = sub(root, q + "Notes")
    for note in project.notes:
        element = sub(notes, q + "Note", guid=note.guid, creatingUser=note.user_guid or "")
        sub(element, q + "PlainTextContent").text = note.text
    data = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True, standalone=True
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("project.qde", data)
        for source in project.sources:
            archive.writestr(f"sources/{source.guid}.txt", source.text.encode("utf-8"))


RAW_SQL = """
SELECT c.id, c.document_id, k.guid, c.start, c."end", cd.name, c.created_at, c.note
  FROM coding c JOIN code k ON k.id = c.code_id JOIN coder cd ON cd.id = c.coder_id
 ORDER BY c.document_id, c.start, c."end", c.id
"""


def bare_parse(file: Path) -> list[tuple[object, ...]]:
    """The file read the obvious way: the XML parsed, every selection's and coding's
    attributes taken as they are written (no checks, no conversions but the positions),
    every source text decoded."""
    q = f"{{{NS}}}"
    selections: list[tuple[object, ...]] = []
    with zipfile.ZipFile(file) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        for selection in root.iter(q + "PlainTextSelection"):
            get = selection.get
            codings = tuple(
                (
                    c.get("guid"),
                    c[0].get("targetGUID"),
                    c.get("creatingUser"),
                    c.get("creationDateTime"),
                )
                for c in selection.iterchildren(q + "Coding")
            )
            selections.append(
                (
                    get("guid"),
                    int(get("startPosition", "0")),
                    int(get("endPosition", "0")),
                    get("creatingUser"),
                    get("creationDateTime"),
                    codings,
                )
            )
        for name in archive.namelist():
            if name.startswith("sources/"):
                archive.read(name).decode("utf-8")
    return selections


def bare_import(file: Path) -> None:
    """The bare parse, and the texts split into sentences by a blank spaCy pipeline."""
    import spacy

    bare_parse(file)
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    with zipfile.ZipFile(file) as archive:
        texts = [
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("sources/")
        ]
    for document in nlp.pipe(texts, batch_size=64):
        for _sentence in document.sents:
            pass


def reimport(file: Path, folder: Path) -> None:
    from codebook.project import Project

    target = folder / "again.db"
    for leftover in folder.glob("again.db*"):
        leftover.unlink()
    made, _report = Project.create_from_qdpx(target, file, coder="bench")
    made.close()


def bench_qdpx(tmp: Path) -> list[BenchResult]:
    path = tmp / "qdpx-bench.db"
    build(path)
    store = open_project(path)
    gathered: list[RefiProject] = []

    def gather() -> None:
        with store.read() as session:
            gathered[:] = [gather_project(session)]

    con = sqlite3.connect(path)

    def raw_read() -> None:
        con.execute("SELECT id, name, text, sha256, imported_at FROM document").fetchall()
        con.execute(RAW_SQL).fetchall()

    t_gather = best_of(gather, repeat=3)
    t_raw = best_of(raw_read, repeat=3)
    con.close()
    store.close()
    project = gathered[0]
    codings = sum(len(s.selections) for s in project.sources)
    assert codings == DOCUMENTS * CODINGS_PER_DOC, codings
    t_ours = best_of(lambda: write_qdpx(project, tmp / "ours.qdpx"), repeat=3)
    t_bare = best_of(lambda: bare_lxml(project, tmp / "bare.qdpx"), repeat=3)
    verdict = "ok" if t_ours <= 2 * t_bare else "MISSES TARGET"
    from codebook.services.refi.reader import read_qdpx

    t_read = best_of(lambda: read_qdpx(tmp / "ours.qdpx"), repeat=3)
    t_parse = best_of(lambda: bare_parse(tmp / "ours.qdpx"), repeat=3)
    read_verdict = "ok" if t_read <= 2 * t_parse else "MISSES TARGET"
    t_import = best_of(lambda: reimport(tmp / "ours.qdpx", tmp), repeat=3)
    t_bare_import = best_of(lambda: bare_import(tmp / "ours.qdpx"), repeat=3)
    import_verdict = "ok" if t_import <= 2 * t_bare_import else "MISSES TARGET"
    return [
        BenchResult(
            f"qdpx export, {DOCUMENTS * WORDS_PER_DOC:,} words, {codings:,} codings: write",
            t_ours,
            t_bare,
            note=f"baseline: the same XML with bare lxml, same zip; target <=2x: {verdict}",
        ),
        BenchResult(
            "qdpx re-import: read the file into the model",
            t_read,
            t_parse,
            note=f"baseline: bare lxml parse of the same file; target <=2x: {read_verdict}",
        ),
        BenchResult(
            "qdpx re-import into a new project (turns, sentences, store)",
            t_import,
            t_bare_import,
            note=f"baseline: bare parse + bare spaCy sentences; target <=2x: {import_verdict}",
        ),
        BenchResult(
            "qdpx export: gather the project",
            t_gather,
            t_raw,
            note="baseline: raw SQL of documents and codings; no target (GUIDs derived)",
        ),
    ]


BENCHMARKS = [bench_qdpx]

if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        for r in bench_qdpx(Path(scratch)):
            print(f"{r.name}: ours {r.ours:.3f}s, baseline {r.baseline:.3f}s, ratio {r.ratio:.2f}")
