"""Codebooks as YAML files: the form that lives in git and that analysts edit by hand.

Loading works on PyYAML's node graph rather than on constructed Python
objects, because only nodes still know where they came from: every complaint
names the file, line and column, so a typo in a 1,000-line codebook is found
at once. Saving always writes the same keys in the same order with the same
scalar styles (folded when a line would get long, literal when the text has
line breaks), so a one-word change to a definition is a one- or two-line diff.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from codebook.domain import CodebookFileError, CodebookSpec, CodeFields, CodeSpec
from codebook.domain.codebook import TEXT_FIELDS
from codebook.services.atomic import atomic_path

TOP_KEYS: tuple[str, ...] = ("name", "language", "description", "codes")
CODE_KEYS: tuple[str, ...] = (
    "name",
    "guid",
    "color",
    *TEXT_FIELDS,
    "keywords",
    "retired",
    "merged_into",
    "children",
)
TEXT_KEYS = TEXT_FIELDS
#: Folded text is wrapped to lines of at most this many columns.
WIDTH = 100
#: A value stays on its key's line if that line ends at or before this column.
ONE_LINE = 120
GUID_RE = re.compile(
    r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$"
)
COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
_NULL = "tag:yaml.org,2002:null"
_ODD_BREAKS = frozenset("\x85\u2028\u2029")
_BOOL = "tag:yaml.org,2002:bool"


def normalize_guid(guid: str) -> str:
    """Guids compare case-insensitively and without braces (REFI-QDA allows both)."""
    return guid.strip().strip("{}").lower()


# ---------------------------------------------------------------------------
# Loading


class _Problem(Exception):
    """A problem at a node; ``problem`` is the error without the place, so the place
    is added once and the face still shows the words in the reader's language."""

    def __init__(self, node: Node | None, problem: CodebookFileError, mark: Any = None) -> None:
        super().__init__(str(problem))
        self.mark = mark if mark is not None else (node.start_mark if node is not None else None)
        self.problem = problem


class _Loader(yaml.SafeLoader):
    """A composer that refuses self-referencing aliases and remembers where aliases sit.

    PyYAML happily builds a cyclic node graph for ``&a {children: [*a]}``; a
    code that is its own descendant must be refused before anything walks it.
    An alias that is not recursive yields a copy of its node carrying the
    alias's own position, so a duplicate it causes is reported where it is.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._open_anchors: set[str] = set()

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event: Any = self.peek_event()  # type: ignore[no-untyped-call]
            alias = str(event.anchor)
            if alias in self._open_anchors:
                raise _Problem(
                    None,
                    CodebookFileError(
                        "cycle: alias *{alias} makes a code part of itself", alias=alias
                    ),
                    event.start_mark,
                )
            node = super().compose_node(parent, index)
            clone = copy.copy(node)
            if clone is not None:
                clone.start_mark, clone.end_mark = event.start_mark, event.end_mark
            return clone
        upcoming: Any = self.peek_event()  # type: ignore[no-untyped-call]
        anchor: str | None = getattr(upcoming, "anchor", None)
        if anchor is None:
            return super().compose_node(parent, index)
        self._open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._open_anchors.discard(anchor)


def _where(source: str, mark: Any) -> str:
    if mark is None:
        return source
    return f"{source}:{mark.line + 1}:{mark.column + 1}"


def _mapping(
    node: Node, allowed: tuple[str, ...], what: CodebookFileError
) -> dict[str, tuple[Node, Node]]:
    """``what`` names the part of the file in words, so it too is worded per language."""
    if not isinstance(node, MappingNode):
        raise _Problem(
            node, CodebookFileError("{what} must be a mapping of keys to values", what=what)
        )
    out: dict[str, tuple[Node, Node]] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            raise _Problem(
                key, CodebookFileError("{what} has a key that is not a plain name", what=what)
            )
        name = str(key.value)
        if name in out:
            raise _Problem(
                key, CodebookFileError("duplicate field '{name}' in {what}", name=name, what=what)
            )
        if name not in allowed:
            raise _Problem(
                key,
                CodebookFileError(
                    "unknown field '{name}' in {what} (known fields: {fields})",
                    name=name,
                    what=what,
                    fields=", ".join(allowed),
                ),
            )
        out[name] = (key, value)
    return out


def _text(entry: tuple[Node, Node] | None, label: str) -> str:
    if entry is None:
        return ""
    _key, node = entry
    if not isinstance(node, ScalarNode):
        raise _Problem(
            node, CodebookFileError("'{field}' must be text, not a list or mapping", field=label)
        )
    return "" if node.tag == _NULL else str(node.value)


def _bool(entry: tuple[Node, Node] | None, label: str) -> bool:
    if entry is None:
        return False
    _key, node = entry
    if not isinstance(node, ScalarNode) or node.tag != _BOOL:
        raise _Problem(node, CodebookFileError("'{field}' must be true or false", field=label))
    return str(node.value).lower() in ("true", "yes", "on")


def _guid(entry: tuple[Node, Node] | None, label: str) -> str | None:
    value = _text(entry, label).strip()
    if not value:
        return None
    if not GUID_RE.match(value):
        assert entry is not None
        raise _Problem(
            entry[1],
            CodebookFileError(
                "'{field}' {value!r} is not a guid (8-4-4-4-12 hex digits)",
                field=label,
                value=value,
            ),
        )
    return normalize_guid(value)


def _keywords(entry: tuple[Node, Node] | None) -> tuple[str, ...]:
    if entry is None:
        return ()
    _key, node = entry
    if isinstance(node, ScalarNode) and node.tag == _NULL:
        return ()
    if not isinstance(node, SequenceNode):
        raise _Problem(
            node, CodebookFileError("'keywords' must be a list, e.g. [samenwerk, overleg]")
        )
    out = []
    for item in node.value:
        if not isinstance(item, ScalarNode) or item.tag == _NULL:
            raise _Problem(item, CodebookFileError("each keyword must be a word or phrase"))
        out.append(str(item.value))
    return tuple(out)


@dataclass
class _Walk:
    guids: dict[str, Node] = field(default_factory=dict)


def _code(node: Node, walk: _Walk, parent_retired: bool) -> CodeSpec:
    entries = _mapping(node, CODE_KEYS, CodebookFileError("a code"))
    name_entry = entries.get("name")
    if name_entry is None:
        raise _Problem(node, CodebookFileError("code without a name"))
    name = _text(name_entry, "name")
    label = name.strip()
    if not label:
        raise _Problem(name_entry[1], CodebookFileError("code without a name (the name is empty)"))
    if ">" in name:
        raise _Problem(
            name_entry[1],
            CodebookFileError(
                "code '{name}': a name may not contain '>' (it separates paths)", name=label
            ),
        )
    guid = _guid(entries.get("guid"), "guid")
    if guid is not None:
        if guid in walk.guids:
            first = walk.guids[guid]
            # The same node again means an alias repeated this code: point at the alias.
            where = node if first is entries["guid"][1] else entries["guid"][1]
            line = first.start_mark.line + 1
            raise _Problem(
                where,
                CodebookFileError(
                    "code '{name}': guid {guid} already used on line {line}",
                    name=label,
                    guid=guid,
                    line=line,
                ),
            )
        walk.guids[guid] = entries["guid"][1]
    color = _text(entries.get("color"), "color").strip()
    if color and not COLOR_RE.match(color):
        raise _Problem(
            entries["color"][1],
            CodebookFileError(
                "code '{name}': colour {color!r} is not of the form #RRGGBB",
                name=label,
                color=color,
            ),
        )
    retired = _bool(entries.get("retired"), "retired")
    if parent_retired and not retired:
        raise _Problem(
            node, CodebookFileError("code '{name}' is live but its parent is retired", name=label)
        )
    merged_into = _guid(entries.get("merged_into"), "merged_into")
    if merged_into is not None and not retired:
        raise _Problem(
            entries["merged_into"][1],
            CodebookFileError("code '{name}': only a retired code can be merged", name=label),
        )
    children: tuple[CodeSpec, ...] = ()
    if "children" in entries:
        children = _code_list(
            entries["children"][1],
            walk,
            retired,
            CodebookFileError("children of code '{name}'", name=label),
        )
    fields = CodeFields(
        name=name.strip(),
        brief_definition=_text(entries.get("brief_definition"), "brief_definition"),
        full_definition=_text(entries.get("full_definition"), "full_definition"),
        when_to_use=_text(entries.get("when_to_use"), "when_to_use"),
        when_not_to_use=_text(entries.get("when_not_to_use"), "when_not_to_use"),
        example=_text(entries.get("example"), "example"),
        color=color.upper(),
        keywords=_keywords(entries.get("keywords")),
    )
    return CodeSpec(fields, guid, children, retired, merged_into)


def _code_list(
    node: Node, walk: _Walk, parent_retired: bool, what: CodebookFileError
) -> tuple[CodeSpec, ...]:
    if isinstance(node, ScalarNode) and node.tag == _NULL:
        return ()
    if not isinstance(node, SequenceNode):
        raise _Problem(
            node, CodebookFileError("{what} must be a list of codes ('- name: ...')", what=what)
        )
    codes: list[CodeSpec] = []
    seen: dict[str, CodeSpec] = {}
    for item in node.value:
        spec = _code(item, walk, parent_retired)
        key = spec.fields.name.lower()
        if not spec.retired:
            if key in seen:
                raise _Problem(
                    item,
                    CodebookFileError(
                        "duplicate sibling name '{name}' in {what}",
                        name=spec.fields.name,
                        what=what,
                    ),
                )
            seen[key] = spec
        codes.append(spec)
    return tuple(codes)


def _codebook(root: Node | None) -> CodebookSpec:
    if root is None:
        raise _Problem(
            None, CodebookFileError("empty file: a codebook needs at least 'name' and 'codes'")
        )
    entries = _mapping(root, TOP_KEYS, CodebookFileError("the codebook"))
    if "name" not in entries or not _text(entries["name"], "name").strip():
        raise _Problem(
            entries.get("name", (root, root))[1], CodebookFileError("the codebook has no name")
        )
    language = _text(entries.get("language"), "language").strip() or "en"
    codes: tuple[CodeSpec, ...] = ()
    if "codes" in entries:
        codes = _code_list(entries["codes"][1], _Walk(), False, CodebookFileError("codes"))
    return CodebookSpec(
        name=_text(entries["name"], "name").strip(),
        codes=codes,
        language=language,
        description=_text(entries.get("description"), "description"),
    )


def parse_yaml(text: str, source: str = "<codebook>") -> CodebookSpec:
    """Read a codebook from YAML text; ``source`` names it in error messages."""
    loader = _Loader(text)
    try:
        return _codebook(loader.get_single_node())
    except _Problem as exc:
        raise CodebookFileError(
            "{where}: {problem}", where=_where(source, exc.mark), problem=exc.problem
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise CodebookFileError(
            "{where}: invalid YAML: {problem}", where=_where(source, mark), problem=problem
        ) from None
    except yaml.YAMLError as exc:
        raise CodebookFileError(
            "{where}: invalid YAML: {problem}", where=source, problem=exc
        ) from None
    finally:
        loader.dispose()


def load_yaml(path: str | Path) -> CodebookSpec:
    """Read a codebook file; every problem is one line naming file, line and column."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CodebookFileError(
            "{file}: cannot read: {problem}", file=path, problem=exc.strerror or exc
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CodebookFileError("{file}:{line}: not UTF-8 text", file=path, line=line) from None
    return parse_yaml(text, str(path))


# ---------------------------------------------------------------------------
# Saving


class _Flow(list[str]):
    """A list written on one line, ``[a, b, c]``: keywords read best that way."""


class _Dumper(yaml.SafeDumper):
    """Chooses scalar styles from the text and the column, the same way every time.

    A value that fits on its key's line up to column ``ONE_LINE`` stays there;
    a longer one is folded (``>-``) into lines of at most ``WIDTH`` columns,
    a text with line breaks is written literally (``|``). This is the layout
    of the shipped codebooks, so exporting them reproduces them.
    """

    block_styles = True

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        event = self.event
        if isinstance(event, yaml.ScalarEvent) and _ODD_BREAKS.intersection(str(event.value)):
            return '"'  # PyYAML mangles these in other styles; only escapes are safe
        if (
            not self.block_styles
            or self.simple_key_context
            or self.flow_level
            or not isinstance(event, yaml.ScalarEvent)
            or event.tag != "tag:yaml.org,2002:str"
            or self.analysis is None
            or not self.analysis.allow_block
        ):
            return style
        value = str(event.value)
        if "\n" in value:
            return "|"
        length = len(value) + (2 + value.count("'") if style == "'" else 0)
        if style == '"' or self.column + 1 + length > ONE_LINE:
            return ">"
        return style

    def write_folded(self, text: str) -> None:
        """PyYAML's folding, but a line breaks *before* a word would pass ``WIDTH``."""
        hints = self.determine_block_hints(text)
        self.write_indicator(">" + hints, True)
        if hints[-1:] == "+":
            self.open_ended = True
        self.write_line_break()
        leading_space = True
        spaces = False
        breaks = True
        start = end = 0
        while end <= len(text):
            ch = text[end] if end < len(text) else None
            if breaks:
                if ch is None or ch not in "\n\x85\u2028\u2029":
                    if not leading_space and ch is not None and ch != " " and text[start] == "\n":
                        self.write_line_break()
                    leading_space = ch == " "
                    for br in text[start:end]:
                        self.write_line_break(None if br == "\n" else br)
                    if ch is not None:
                        self.write_indent()
                    start = end
            elif spaces:
                if ch != " ":
                    if start + 1 == end and self.column + 1 + _word_length(text, end) > WIDTH:
                        self.write_indent()
                    else:
                        self._write_raw(text[start:end])
                    start = end
            elif ch is None or ch in " \n\x85\u2028\u2029":
                self._write_raw(text[start:end])
                if ch is None:
                    self.write_line_break()
                start = end
            if ch is not None:
                breaks = ch in "\n\x85\u2028\u2029"
                spaces = ch == " "
            end += 1

    def _write_raw(self, data: str) -> None:
        self.column += len(data)
        self.stream.write(data)

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key ("codes:\n  - name: ..."), as people write YAML.
        super().increase_indent(flow, False)


def _word_length(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] not in " \n\x85\u2028\u2029":
        end += 1
    return end - start


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)


_Dumper.add_representer(_Flow, _represent_flow)


def _code_data(spec: CodeSpec) -> dict[str, Any]:
    f = spec.fields
    data: dict[str, Any] = {"name": f.name}
    if spec.guid is not None:
        data["guid"] = spec.guid
    data["color"] = f.color
    for key in TEXT_KEYS:
        data[key] = getattr(f, key)
    data["keywords"] = _Flow(f.keywords)
    if spec.retired:
        data["retired"] = True
    if spec.merged_into is not None:
        data["merged_into"] = spec.merged_into
    if spec.children:
        data["children"] = [_code_data(c) for c in spec.children]
    return data


def codebook_data(spec: CodebookSpec) -> dict[str, Any]:
    """The plain mapping written to YAML, keys in the shipped codebooks' order."""
    return {
        "name": spec.name,
        "language": spec.language,
        "description": spec.description,
        "codes": [_code_data(c) for c in spec.codes],
    }


def _dump(data: dict[str, Any], block_styles: bool) -> str:
    dumper_class = type("_StyledDumper", (_Dumper,), {"block_styles": block_styles})
    return yaml.dump(
        data,
        Dumper=dumper_class,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )


def dump_yaml(spec: CodebookSpec) -> str:
    """The codebook as YAML text, byte-for-byte the same for the same codebook."""
    data = codebook_data(spec)
    for block_styles in (True, False):
        text = _dump(data, block_styles)
        if yaml.safe_load(text) == data:
            return text
    # Unreachable in practice: quoted styles represent every string.
    raise CodebookFileError("cannot write this codebook as YAML faithfully")  # pragma: no cover


def save_yaml(spec: CodebookSpec, path: str | Path) -> None:
    """Write the codebook atomically: a crash never leaves half a file."""
    text = dump_yaml(spec)
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
