"""Every error a user can meet has its Dutch line, and ``--lang nl`` shows it.

The services raise an English template with its values; the faces show
``error.text(lang)``. These tests read the source with ``ast``, so a raise site
added without a translation, a template built with an f-string (which no table
can key) or a Dutch line that lost a placeholder fails here rather than in front
of a Dutch researcher.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import codebook
import codebook.domain.error_texts as error_texts
from codebook.domain.error_texts import tables
from helpers import run_cli

SOURCE = Path(codebook.__file__).parent
ROOTS = {"CodebookError", "ImportFailed", "CodebookFileError"}


def _modules() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in SOURCE.rglob("*.py")}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _error_classes(modules: dict[Path, ast.Module]) -> set[str]:
    """The three roots and every class of ours that derives from one, however deep."""
    classes = [
        n for tree in modules.values() for n in ast.walk(tree) if isinstance(n, ast.ClassDef)
    ]
    family = set(ROOTS)
    while True:
        grown = family | {c.name for c in classes if any(_name(b) in family for b in c.bases)}
        if grown == family:
            return family
        family = grown


def _own_init(modules: dict[Path, ast.Module], family: set[str]) -> set[str]:
    """The error classes below the roots whose ``__init__`` takes other arguments than a
    template (the roots' own ``__init__`` is the one that takes it)."""
    return {
        node.name
        for tree in modules.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and node.name in family - ROOTS
        and any(isinstance(item, ast.FunctionDef) and item.name == "__init__" for item in node.body)
    }


def _is_super_init(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and _name(func.value.func) == "super"
    )


def _message_calls() -> Iterator[tuple[str, ast.Call]]:
    """``(file:line, call)`` of every call that builds an error message from a template:
    the error classes themselves, and ``super().__init__`` inside those with their own."""
    modules = _modules()
    family = _error_classes(modules)
    wrapped = _own_init(modules, family)
    for path, tree in modules.items():
        where = path.relative_to(SOURCE.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in wrapped:
                for call in ast.walk(node):
                    if isinstance(call, ast.Call) and _is_super_init(call):
                        yield f"{where}:{call.lineno}", call
            elif isinstance(node, ast.Call):
                name = _name(node.func)
                if name in family and name not in wrapped:
                    yield f"{where}:{node.lineno}", node


def _template(call: ast.Call) -> str | None:
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


CALLS = list(_message_calls())
DUTCH = tables()["nl"]


def test_the_walk_finds_the_raise_sites() -> None:
    """Guards the walk itself: an empty list would make every other test here pass."""
    templates = {_template(call) for _, call in CALLS}
    assert "{file}: empty transcript" in templates
    assert "{name}: same text as document '{existing}', already imported" in templates
    assert len(CALLS) > 200


def test_every_message_is_a_constant_template() -> None:
    built = sorted(where for where, call in CALLS if _template(call) is None)
    assert built == [], "a message built at run time cannot be translated: " + ", ".join(built)


def test_every_template_has_its_dutch_line() -> None:
    missing = sorted(
        f"{where}: {template!r}"
        for where, call in CALLS
        if (template := _template(call)) is not None and template not in DUTCH
    )
    assert missing == [], "no Dutch line for:\n" + "\n".join(missing)


def test_every_call_passes_exactly_the_values_its_template_names() -> None:
    wrong = []
    for where, call in CALLS:
        template = _template(call)
        if template is None or any(k.arg is None for k in call.keywords):
            continue  # not a template (reported above), or values passed as **mapping
        given = {k.arg for k in call.keywords if k.arg is not None}
        if given != _placeholders(template):
            wrong.append(f"{where}: {template!r} gets {sorted(given)}")
    assert wrong == [], "\n".join(wrong)


def test_dutch_lines_keep_the_placeholders_of_their_english_template() -> None:
    differ = [
        f"{english!r} -> {dutch!r}"
        for english, dutch in DUTCH.items()
        if _placeholders(english) != _placeholders(dutch)
    ]
    assert differ == [], "\n".join(differ)


def test_no_translation_is_stale() -> None:
    used = {_template(call) for _, call in CALLS}
    stale = sorted(template for template in DUTCH if template not in used)
    assert stale == [], "no raise site uses:\n" + "\n".join(stale)


def test_each_template_is_translated_in_one_table_only() -> None:
    """Two areas translating one template could disagree; the merge would hide which wins."""
    seen: dict[str, str] = {}
    twice = []
    for module in pkgutil.iter_modules(error_texts.__path__):
        table: dict[str, str] = importlib.import_module(
            f"{error_texts.__name__}.{module.name}"
        ).DUTCH
        for template in table:
            if template in seen:
                twice.append(f"{template!r} in {seen[template]} and {module.name}")
            seen[template] = module.name
    assert twice == [], "\n".join(twice)


# --- the line a user sees -----------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "p.db")
    assert run_cli(capsys, "init", path)[0] == 0
    return path


def _attributes(tmp_path: Path) -> tuple[Path, Path]:
    """A transcript and an attribute sheet whose date column holds a day that does not exist."""
    transcript = tmp_path / "marieke.txt"
    transcript.write_text("I: Hoe begon het?\nR: Met een vraag van de schoolleider.\n")
    sheet = tmp_path / "kenmerken.csv"
    sheet.write_text("bestand,datum:date\nmarieke.txt,2024-02-30\n")
    return transcript, sheet


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("nl", "regel 2: kolom 'datum': '2024-02-30' is geen geldige datum"),
        ("en", "line 2: column 'datum': '2024-02-30' is not a valid date"),
    ],
)
def test_an_import_refused_shows_the_error_in_the_chosen_language(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, line: str
) -> None:
    transcript, sheet = _attributes(tmp_path)
    code, _, err = run_cli(
        capsys, "--lang", lang, "import", project, str(transcript), "--attributes", str(sheet)
    )
    assert code == 2
    assert f"kenmerken.csv: {line}" in " ".join(err.split())
    assert run_cli(capsys, "docs", project)[0] == 1  # nothing was imported


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("nl", "interview.pages: niet-ondersteund formaat '.pages'"),
        ("en", "interview.pages: unsupported format '.pages'"),
    ],
)
def test_a_file_of_unknown_format_is_named_in_the_chosen_language(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, line: str
) -> None:
    pages = tmp_path / "interview.pages"
    pages.write_bytes(b"PK\x03\x04 not a transcript")
    code, out, err = run_cli(capsys, "--lang", lang, "import", project, str(pages))
    assert code == 2
    assert line in " ".join((out + err).split())
