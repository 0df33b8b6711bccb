"""Code queries and filters: what an analyst asks to retrieve, parsed from text.

A query is a small tree of frozen dataclasses (``Code``, ``And``, ``Or``, ``Not``,
``Near``) so the CLI, the TUI and the exports build and pass the same value;
``parse_query`` turns the analyst's text (``"A" AND ("B" OR "C")``) into one.
What range each operator's quotes cover is said on its class.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from codebook.domain.errors import CodebookError


@dataclass(frozen=True, slots=True)
class Code:
    """The codings of one code (a path, unique name, guid or number, or its id).

    Each coding is its own quote, ranges exactly as coded. With ``with_children``
    the codings of every code below it count too.
    """

    ref: str | int
    with_children: bool = False


@dataclass(frozen=True, slots=True)
class And:
    """Where a segment of ``left`` overlaps a segment of ``right`` in the same document.

    The quote is the overlap itself: ``[max(a.start, b.start), min(a.end, b.end))``,
    carrying both codings. Segments that merely touch (``a.end == b.start``) do
    not overlap.
    """

    left: CodeQuery
    right: CodeQuery


@dataclass(frozen=True, slots=True)
class Or:
    """Every segment of ``left`` and every segment of ``right``; equal ranges become one quote."""

    left: CodeQuery
    right: CodeQuery


@dataclass(frozen=True, slots=True)
class Not:
    """Segments of ``include`` that overlap no segment of ``exclude``, ranges unchanged."""

    include: CodeQuery
    exclude: CodeQuery


@dataclass(frozen=True, slots=True)
class Near:
    """Pairs of a ``left`` and a ``right`` segment at most ``sentences`` sentences apart.

    Distance counts sentence boundaries: 0 when both touch the same sentence
    (or overlap), 1 when they are in adjacent sentences, and so on. The quote
    spans both segments and the text between them:
    ``[min(a.start, b.start), max(a.end, b.end))``.
    """

    left: CodeQuery
    right: CodeQuery
    sentences: int = 1


CodeQuery = Code | And | Or | Not | Near


@dataclass(frozen=True)
class Filters:
    """Which documents and coders a retrieval looks at.

    ``where`` maps an attribute name to accepted values: any of the values of
    one attribute (OR), and every attribute given (AND). Values compare as text,
    case-insensitively (dates as yyyy-mm-dd, whole numbers without ``.0``).
    ``coders`` keeps only codings by these coders (empty: everyone). Filters
    apply to every code in a query, so ``A NOT B`` with a coder excludes only
    that coder's B.

    How the codings of several coders count, since two coders coding one
    passage must not make it two passages: by default each passage counts
    once per code (overlapping codings of one code by different coders are
    one segment), or only the project's reference coder's codings when one is
    set. ``reference`` names such a coder for this request; ``sum_coders``
    counts every coder's codings separately, as a sum. A boolean query
    combines the codings of one coder at a time, so anna's A never meets
    bram's B, unless ``across_coders``.
    """

    where: Mapping[str, Sequence[str]] = field(default_factory=dict)
    coders: Sequence[str] = ()
    sum_coders: bool = False
    across_coders: bool = False
    reference: str | None = None


NO_FILTERS = Filters()


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<quoted>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
      | (?P<lpar>\()
      | (?P<rpar>\))
      | (?P<star>\*)
      | (?P<near>NEAR(?:/(?P<n>\d+))?)(?=[\s("']|$)
      | (?P<op>AND|OR|NOT)(?=[\s("']|$)
      | (?P<word>[^\s()"'*]+)
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    value: str
    pos: int


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise CodebookError(
                "query: cannot read {rest!r} at column {column}",
                rest=text[pos:].strip(),
                column=pos + 1,
            )
        kind = m.lastgroup or ""
        if kind == "n":
            kind = "near"
        value = m.group(kind)
        if kind == "quoted":
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        elif kind == "near":
            value = m.group("n") or "1"
        out.append(_Tok(kind, value, m.start(kind) + 1))
        pos = m.end()
    return out


class _Parser:
    """Recursive descent; ``OR`` binds loosest, then ``AND``/``NOT``, then ``NEAR/n``."""

    def __init__(self, text: str, with_children: bool) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.with_children = with_children

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def error(self, what: CodebookError) -> CodebookError:
        tok = self.peek()
        if tok is None:
            return CodebookError("query {query!r}: {what} at the end", query=self.text, what=what)
        return CodebookError(
            "query {query!r}: {what} at column {column}", query=self.text, what=what, column=tok.pos
        )

    def parse(self) -> CodeQuery:
        if not self.toks:
            raise CodebookError('query: empty; name a code, e.g. "Kennisdeling"')
        node = self.or_expr()
        if self.peek() is not None:
            raise self.error(CodebookError("unexpected text"))
        return node

    def or_expr(self) -> CodeQuery:
        node = self.and_expr()
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.value == "OR":
            self.i += 1
            node = Or(node, self.and_expr())
        return node

    def and_expr(self) -> CodeQuery:
        node = self.near_expr()
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.value != "OR":
            self.i += 1
            right = self.near_expr()
            node = And(node, right) if tok.value == "AND" else Not(node, right)
        return node

    def near_expr(self) -> CodeQuery:
        node = self.atom()
        while (tok := self.peek()) is not None and tok.kind == "near":
            self.i += 1
            node = Near(node, self.atom(), int(tok.value))
        return node

    def atom(self) -> CodeQuery:
        tok = self.peek()
        if tok is None:
            raise self.error(CodebookError("expected a code"))
        if tok.kind == "lpar":
            self.i += 1
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != "rpar":
                raise self.error(CodebookError("expected ')'"))
            self.i += 1
            return node
        if tok.kind == "quoted":
            self.i += 1
            ref = tok.value
        elif tok.kind == "word":
            words = []
            while (w := self.peek()) is not None and w.kind == "word":
                words.append(w.value)
                self.i += 1
            ref = " ".join(words)
        else:
            raise self.error(CodebookError("expected a code"))
        star = self.peek()
        children = self.with_children
        if star is not None and star.kind == "star":
            self.i += 1
            children = True
        if not ref.strip():
            raise self.error(CodebookError("empty code name"))
        return Code(ref.strip(), children)


def parse_query(text: str, *, with_children: bool = False) -> CodeQuery:
    """Parse ``"A" AND ("B" OR "C")``, ``"A" NEAR/2 "B"``, ``"A" NOT "B"``.

    Codes are quoted paths or names (``"Kennisdeling > Landelijke kennisdeling"``);
    unquoted words also work as long as they are not the upper-case operators
    ``AND``, ``OR``, ``NOT``, ``NEAR/n`` (``NEAR`` alone is ``NEAR/1``). A ``*``
    after a code includes its children; ``with_children`` does so for every code.
    ``OR`` binds loosest, ``AND`` and ``NOT`` (meaning AND NOT) next, ``NEAR``
    tightest; operators of one level group from the left.
    """
    return _Parser(text, with_children).parse()


def parse_where(values: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``["werkplaats=WOA", "werkplaats=POINT", "rol=schoolleider"]`` -> filter mapping."""
    out: dict[str, tuple[str, ...]] = {}
    for value in values:
        key, sep, wanted = value.partition("=")
        if not sep or not key.strip() or not wanted.strip():
            raise CodebookError(
                "--where '{value}': use ATTRIBUTE=VALUE, e.g. werkplaats=WOA", value=value
            )
        out[key.strip()] = (*out.get(key.strip(), ()), wanted.strip())
    return out


@dataclass(frozen=True, slots=True)
class WhereMiss:
    """A ``--where`` value no document has, so a filter that finds nothing says why.

    ``value`` is None when no document has the attribute ``key`` at all;
    ``existing`` then holds the attribute names there are, else the values
    ``key`` has. A face words it in its language; the filter still runs.
    """

    key: str
    value: str | None
    existing: tuple[str, ...]


def describe_query(query: CodeQuery) -> str:
    """The query written back in the syntax ``parse_query`` reads."""
    if isinstance(query, Code):
        return f'"{query.ref}"' + ("*" if query.with_children else "")
    if isinstance(query, Near):
        return (
            f"({describe_query(query.left)} NEAR/{query.sentences} {describe_query(query.right)})"
        )
    if isinstance(query, Not):
        return f"({describe_query(query.include)} NOT {describe_query(query.exclude)})"
    op = "AND" if isinstance(query, And) else "OR"
    return f"({describe_query(query.left)} {op} {describe_query(query.right)})"


def leaf_codes(query: CodeQuery) -> list[Code]:
    """The ``Code`` leaves of a query, left to right (for labels and highlighting)."""
    if isinstance(query, Code):
        return [query]
    if isinstance(query, Not):
        return [*leaf_codes(query.include), *leaf_codes(query.exclude)]
    return [*leaf_codes(query.left), *leaf_codes(query.right)]
