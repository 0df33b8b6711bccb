"""What a whole-project copy (SQLite <-> PostgreSQL) did, table by table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableCheck:
    """One table's rows and content digest, read back from the source and from the copy."""

    table: str
    source_rows: int
    target_rows: int
    source_digest: str
    target_digest: str

    @property
    def equal(self) -> bool:
        return self.source_rows == self.target_rows and self.source_digest == self.target_digest


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    tables: tuple[TableCheck, ...]

    @property
    def equal(self) -> bool:
        return all(t.equal for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.target_rows for t in self.tables)
