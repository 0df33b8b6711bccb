"""What a project exchange (.qdpx) did: counts, what was skipped and why, and differences.

An import from another tool is lenient where nothing is lost, so the report
must say everything it did not take; a round-trip check must say every item
that came back different. Both are printed and kept as a project memo.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: What an exchange counts, in the order a report lists it.
COUNTED = ("sources", "codes", "codings", "users", "cases", "notes", "variables")


@dataclass(frozen=True)
class Difference:
    """One item that differs between a project and its .qdpx: what, where, how.

    ``where`` names the document and position (or the code, memo or case);
    ``detail`` says what was dropped, added or shifted.
    """

    item: str
    where: str
    detail: str

    def line(self) -> str:
        return f"{self.item}: {self.where}: {self.detail}"


@dataclass(frozen=True)
class SkippedItem:
    """An element of a file that was not imported, and the reason."""

    element: str
    name: str
    reason: str

    def line(self) -> str:
        named = f" '{self.name}'" if self.name else ""
        return f"{self.element}{named}: {self.reason}"


@dataclass(frozen=True)
class ExchangeReport:
    """An import or export of a .qdpx: what moved, what did not, and (with a check) what
    differs. ``countings`` says per source how its selections were counted
    (code points or UTF-16 code units, a BOM, carriage returns)."""

    direction: str  # "import" or "export"
    file: str
    counts: dict[str, int] = field(default_factory=dict)
    skipped: tuple[SkippedItem, ...] = ()
    warnings: tuple[str, ...] = ()
    countings: tuple[tuple[str, str], ...] = ()
    checked: bool = False
    differences: tuple[Difference, ...] = ()

    def lines(self, lang: str = "en") -> list[str]:
        """The report as plain lines, in English or Dutch (``nl``)."""
        words = _WORDS.get(lang, _WORDS["en"])
        head = ", ".join(f"{self.counts.get(k, 0)} {words[k]}" for k in COUNTED)
        out = [f"{words[self.direction]} {self.file}: {head}"]
        out.extend(words["counting"].format(name=name, how=how) for name, how in self.countings)
        out.extend(f"{words['skipped']} {s.line()}" for s in self.skipped)
        out.extend(f"{words['warning']}: {w}" for w in self.warnings)
        if self.checked:
            if self.differences:
                out.append(words["differences"].format(count=len(self.differences)))
                out.extend(f"  {d.line()}" for d in self.differences)
            else:
                out.append(words["agree"])
        return out


_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "import": "Imported",
        "export": "Exported",
        "sources": "sources",
        "codes": "codes",
        "codings": "codings",
        "users": "users",
        "cases": "cases",
        "notes": "notes",
        "variables": "variables",
        "counting": "selections in '{name}' counted in {how}",
        "skipped": "skipped",
        "warning": "warning",
        "differences": "check: {count} differences between the project and the file",
        "agree": "check: the project and the file agree",
    },
    "nl": {
        "import": "Geïmporteerd",
        "export": "Geëxporteerd",
        "sources": "bronnen",
        "codes": "codes",
        "codings": "coderingen",
        "users": "gebruikers",
        "cases": "casussen",
        "notes": "notities",
        "variables": "variabelen",
        "counting": "selecties in '{name}' geteld in {how}",
        "skipped": "overgeslagen",
        "warning": "waarschuwing",
        "differences": "controle: {count} verschillen tussen het project en het bestand",
        "agree": "controle: het project en het bestand komen overeen",
    },
}
