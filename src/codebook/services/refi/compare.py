"""What differs between two REFI-QDA models, item by item.

The round-trip check compares a project (gathered) with the file written
from it (read back, its offsets already turned into ours). Whatever did not
survive must be said, one line per item, with enough to find it: the code's
path, the document and position, the memo's title. A coding that came back
at another range is reported as shifted from where to where, because a
shift (a BOM, a line end, a different way of counting) is the typical
exchange bug and the user should see it as one, not as a drop and an add.

Items are matched by GUID (case and braces ignored, as the standard asks);
users by name, codings by (code, start, end, user) as a multiset per source.
The order is deterministic: users, codes, sources with their codings,
variables and values, memos, cases; within each, the expected side's order
and then what only the other side has.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from codebook.domain import FIELD_LABELS, CodeSpec
from codebook.domain.codebook import PATH_SEPARATOR
from codebook.domain.exchange import Difference
from codebook.services.refi.model import RefiProject, RefiSource

_EXCERPT = 30
_TOP = "the top level"

Owner = tuple[object, ...]
CodingKey = tuple[str, int, int, str]  # code GUID, start, end, user name


def compare(expected: RefiProject, actual: RefiProject) -> list[Difference]:
    """Every item of ``expected`` that ``actual`` lacks, holds differently, or adds."""
    left, right = _Side(expected), _Side(actual)
    out: list[Difference] = []
    out.extend(_users(left, right))
    out.extend(_codes(left, right))
    out.extend(_sources(left, right))
    out.extend(_variables(left, right))
    out.extend(_notes(left, right))
    out.extend(_cases(left, right))
    return out


def _key(guid: str) -> str:
    """A GUID as compared: braces and case do not matter."""
    return guid.strip().strip("{}").lower()


def _excerpt(text: str, start: int = 0) -> str:
    """A short quote from ``start``, on one line, for a report."""
    cut = text[start : start + _EXCERPT]
    more = "…" if len(text) > start + _EXCERPT else ""
    return "'" + cut.replace("\n", "⏎") + more + "'"


def _text_differs(was: str, now: str) -> str:
    at = _first_difference(was, now)
    return (
        f"text differs from position {at}: expected {_excerpt(was, at)}, found {_excerpt(now, at)}"
    )


def _first_difference(a: str, b: str) -> int:
    """The first position where ``a`` and ``b`` differ (they are known to differ)."""
    low, high = 0, min(len(a), len(b))
    while low < high:  # bisect on equal prefixes: fast for long texts
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True)
class _Code:
    spec: CodeSpec
    parent: str | None
    path: str


class _Side:
    """One model indexed for comparing: everything by normalized GUID."""

    def __init__(self, project: RefiProject) -> None:
        self.users = {_key(u.guid): u.name for u in project.users}
        self.codes: dict[str, _Code] = {}
        self._walk(project.codebook.codes, None, "")
        self.sources = {_key(s.guid): s for s in project.sources}
        self.notes = {_key(n.guid): n for n in project.notes}
        self.variables = {_key(v.guid): v for v in project.variables}
        self.cases = {_key(c.guid): c for c in project.cases}
        self.selections: dict[str, tuple[str, int, int]] = {}
        self.owners: dict[str, list[Owner]] = {}
        for guid in project.project_notes:
            self._own(guid, ("project",))
        for code, guids in project.code_notes.items():
            for guid in guids:
                self._own(guid, ("code", _key(code)))
        for source in project.sources:
            self._index(source)

    def _walk(self, codes: Iterable[CodeSpec], parent: str | None, above: str) -> None:
        for code in codes:
            path = above + PATH_SEPARATOR + code.fields.name if above else code.fields.name
            key = _key(code.guid) if code.guid else f"path:{path}"
            self.codes[key] = _Code(code, parent, path)
            self._walk(code.children, key, path)

    def _own(self, note: str, owner: Owner) -> None:
        self.owners.setdefault(_key(note), []).append(owner)

    def _index(self, source: RefiSource) -> None:
        source_key = _key(source.guid)
        for guid in source.note_guids:
            self._own(guid, ("source", source_key))
        for selection in source.selections:
            where = (source_key, selection.start, selection.end)
            self.selections[_key(selection.guid)] = where
            for guid in selection.note_guids:
                self._own(guid, ("selection", *where))
            for coding in selection.codings:
                user = self.user(coding.user_guid or selection.user_guid)
                for guid in coding.note_guids:
                    self._own(guid, ("coding", *where, _key(coding.code_guid), user))

    def user(self, guid: str | None) -> str:
        if guid is None:
            return "nobody"
        return self.users.get(_key(guid), guid)

    def codings(self, source: RefiSource) -> Counter[CodingKey]:
        found: Counter[CodingKey] = Counter()
        for selection in source.selections:
            for coding in selection.codings:
                user = self.user(coding.user_guid or selection.user_guid)
                found[(_key(coding.code_guid), selection.start, selection.end, user)] += 1
        return found


def _only_in(left: Mapping[str, object], right: Mapping[str, object]) -> list[str]:
    return [k for k in right if k not in left]


# --------------------------------------------------------------------------- users, codes


def _users(left: _Side, right: _Side) -> Iterator[Difference]:
    names, others = set(left.users.values()), set(right.users.values())
    for name in sorted(names - others):
        yield Difference("user", f"'{name}'", "dropped")
    for name in sorted(others - names):
        yield Difference("user", f"'{name}'", "added")


def _colour(colour: str) -> str:
    colour = colour.strip().upper()
    if len(colour) == 4:
        colour = "#" + "".join(ch * 2 for ch in colour[1:])
    return colour


def _codes(left: _Side, right: _Side) -> Iterator[Difference]:
    for key, was in left.codes.items():
        now = right.codes.get(key)
        if now is None:
            yield Difference("code", f"'{was.path}'", "dropped")
            continue
        where = f"'{was.path}'"
        a, b = was.spec.fields, now.spec.fields
        if a.name != b.name:
            yield Difference("code", where, f"renamed to '{b.name}'")
        if was.parent != now.parent:
            yield Difference(
                "code", where, f"moved from {_parent(left, was)} to {_parent(right, now)}"
            )
        # a file may leave a code's colour out; a project always gives one
        if a.color and _colour(a.color) != _colour(b.color):
            yield Difference(
                "code", where, f"colour {a.color or 'none'} became {b.color or 'none'}"
            )
        for attr, label in FIELD_LABELS:
            old, new = getattr(a, attr), getattr(b, attr)
            if old != new:
                shown = ", ".join(new) if attr == "keywords" else str(new)
                yield Difference("code", where, f"{label} differs: now {_excerpt(shown)}")
        if was.spec.retired != now.spec.retired:
            state = "retired" if now.spec.retired else "live"
            yield Difference("code", where, f"came back {state}")
        if _merged(was) != _merged(now):
            target = right.codes.get(_merged(now) or "")
            into = f"'{target.path}'" if target else (now.spec.merged_into or "nothing")
            yield Difference("code", where, f"now merged into {into}")
    for key in _only_in(left.codes, right.codes):
        yield Difference("code", f"'{right.codes[key].path}'", "added")


def _parent(side: _Side, code: _Code) -> str:
    return _TOP if code.parent is None else f"'{side.codes[code.parent].path}'"


def _merged(code: _Code) -> str | None:
    return None if code.spec.merged_into is None else _key(code.spec.merged_into)


def _code_name(left: _Side, right: _Side, guid: str) -> str:
    found = left.codes.get(guid) or right.codes.get(guid)
    return f"'{found.path}'" if found else guid


# --------------------------------------------------------------------------- sources, codings


def _sources(left: _Side, right: _Side) -> Iterator[Difference]:
    for key, was in left.sources.items():
        now = right.sources.get(key)
        where = f"'{was.name}'"
        if now is None:
            yield Difference("source", where, f"dropped (with {_count(left, was)} codings)")
            continue
        if was.name != now.name:
            yield Difference("source", where, f"renamed to '{now.name}'")
        if was.text != now.text:
            lengths = f" (length {len(was.text)}, found {len(now.text)})"
            yield Difference("source", where, _text_differs(was.text, now.text) + lengths)
        yield from _codings(left, right, was, now)
    for key in _only_in(left.sources, right.sources):
        source = right.sources[key]
        yield Difference(
            "source", f"'{source.name}'", f"added (with {_count(right, source)} codings)"
        )


def _count(side: _Side, source: RefiSource) -> int:
    return sum(side.codings(source).values())


def _codings(left: _Side, right: _Side, was: RefiSource, now: RefiSource) -> Iterator[Difference]:
    """Codings dropped, added, or shifted (same code and user at another range)."""
    expected, actual = left.codings(was), right.codings(now)
    dropped = sorted((expected - actual).elements(), key=lambda k: (k[1], k[2], k[0], k[3]))
    added = sorted((actual - expected).elements(), key=lambda k: (k[1], k[2], k[0], k[3]))
    free: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for code, start, end, user in added:
        free.setdefault((code, user), []).append((start, end))
    lines: list[tuple[tuple[int, int, str, str], Difference]] = []
    for code, start, end, user in dropped:
        what = f"{_code_name(left, right, code)} by {user}"
        where = f"'{was.name}' {start}-{end}"
        moved = _nearest(free.get((code, user), []), start, end)
        detail = (
            f"{what}: dropped ({_excerpt(was.text[start:end])})"
            if moved is None
            else f"{what}: shifted to {moved[0]}-{moved[1]}"
        )
        lines.append(((start, end, code, user), Difference("coding", where, detail)))
    for (code, user), ranges in free.items():
        for start, end in ranges:
            what = f"{_code_name(left, right, code)} by {user}"
            where = f"'{was.name}' {start}-{end}"
            detail = f"{what}: added ({_excerpt(now.text[start:end])})"
            lines.append(((start, end, code, user), Difference("coding", where, detail)))
    lines.sort(key=lambda line: line[0])
    yield from (difference for _, difference in lines)


def _nearest(free: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Take the free range nearest to ``start``-``end`` out of ``free`` (sorted), if any."""
    if not free:
        return None
    at = bisect_left(free, (start, end))
    candidates = [i for i in (at - 1, at) if 0 <= i < len(free)]
    best = min(candidates, key=lambda i: (abs(free[i][0] - start) + abs(free[i][1] - end), free[i]))
    return free.pop(best)


# --------------------------------------------------------------------------- variables


def _variables(left: _Side, right: _Side) -> Iterator[Difference]:
    for key, was in left.variables.items():
        now = right.variables.get(key)
        where = f"'{was.name}'"
        if now is None:
            yield Difference("variable", where, "dropped")
            continue
        if was.name != now.name:
            yield Difference("variable", where, f"renamed to '{now.name}'")
        if (was.kind, was.description) != (now.kind, now.description):
            yield Difference(
                "variable",
                where,
                f"type {was.kind} ({was.description}) became {now.kind} ({now.description})",
            )
    for key in _only_in(left.variables, right.variables):
        yield Difference("variable", f"'{right.variables[key].name}'", "added")
    for key, source in left.sources.items():
        other = right.sources.get(key)
        if other is not None:
            yield from _values(left, right, source, other)


def _values(left: _Side, right: _Side, was: RefiSource, now: RefiSource) -> Iterator[Difference]:
    """A source's variable values dropped, added or changed."""
    old = {_key(v.variable_guid): v.value for v in was.values}
    new = {_key(v.variable_guid): v.value for v in now.values}
    for variable in sorted(old.keys() | new.keys(), key=lambda k: _variable(left, right, k)):
        if old.get(variable) == new.get(variable) and (variable in old) == (variable in new):
            continue
        where = f"'{was.name}' {_variable(left, right, variable)}"
        if variable not in new:
            detail = f"value {old[variable]} dropped"
        elif variable not in old:
            detail = f"value {new[variable]} added"
        else:
            detail = f"value {old[variable]} became {new[variable]}"
        yield Difference("value", where, detail)


def _variable(left: _Side, right: _Side, key: str) -> str:
    found = left.variables.get(key) or right.variables.get(key)
    return f"'{found.name}'" if found else key


# --------------------------------------------------------------------------- notes


def _owner(side: _Side, other: _Side, owner: Owner) -> str:
    """What a note hangs on, named for a report."""
    kind = owner[0]
    if kind == "project":
        return "the project"
    if kind == "code":
        return f"code {_code_name(side, other, str(owner[1]))}"
    source = side.sources.get(str(owner[1]))
    name = f"'{source.name}'" if source else str(owner[1])
    if kind == "source":
        return f"document {name}"
    if kind == "selection":
        return f"selection {name} {owner[2]}-{owner[3]}"
    code = _code_name(side, other, str(owner[4]))
    return f"coding of {code} by {owner[5]} at {name} {owner[2]}-{owner[3]}"


def _notes(left: _Side, right: _Side) -> Iterator[Difference]:
    for key, was in left.notes.items():
        owners = left.owners.get(key, [])
        label = f"'{was.name}'" if was.name else _excerpt(was.text)
        on = ", ".join(_owner(left, right, o) for o in owners) or "nothing"
        where = f"{label} on {on}"
        now = right.notes.get(key)
        if now is None:
            yield Difference("memo", where, "dropped")
            continue
        if was.name != now.name:
            yield Difference("memo", where, f"title became '{now.name}'")
        if was.text != now.text:
            yield Difference("memo", where, _text_differs(was.text, now.text))
        moved = sorted(map(repr, right.owners.get(key, []))) != sorted(map(repr, owners))
        if moved:
            there = ", ".join(_owner(right, left, o) for o in right.owners.get(key, []))
            yield Difference("memo", where, f"now on {there or 'nothing'}")
    for key in _only_in(left.notes, right.notes):
        note = right.notes[key]
        label = f"'{note.name}'" if note.name else _excerpt(note.text)
        on = ", ".join(_owner(right, left, o) for o in right.owners.get(key, [])) or "nothing"
        yield Difference("memo", f"{label} on {on}", "added")


# --------------------------------------------------------------------------- cases


def _links(side: _Side, source_guids: Iterable[str], selection_guids: Iterable[str]) -> set[str]:
    """A case's links named for a report: documents, and selections by document and range."""
    out: set[str] = set()
    for guid in source_guids:
        source = side.sources.get(_key(guid))
        out.add(f"'{source.name}'" if source else f"unknown source {guid}")
    for guid in selection_guids:
        found = side.selections.get(_key(guid))
        if found is None:
            out.add(f"unknown selection {guid}")
            continue
        source = side.sources[found[0]]
        out.add(f"'{source.name}' {found[1]}-{found[2]}")
    return out


def _cases(left: _Side, right: _Side) -> Iterator[Difference]:
    for key, was in left.cases.items():
        now = right.cases.get(key)
        where = f"'{was.name}'"
        if now is None:
            yield Difference("case", where, "dropped")
            continue
        if was.name != now.name:
            yield Difference("case", where, f"renamed to '{now.name}'")
        old = _links(left, was.source_guids, was.selection_guids)
        new = _links(right, now.source_guids, now.selection_guids)
        for link in sorted(old - new):
            yield Difference("case", where, f"link to {link} dropped")
        for link in sorted(new - old):
            yield Difference("case", where, f"link to {link} added")
    for key in _only_in(left.cases, right.cases):
        yield Difference("case", f"'{right.cases[key].name}'", "added")
