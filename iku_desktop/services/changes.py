"""What an operation changed (the model is Anki's ``OpChanges``).

Every service that writes returns an ``OpChanges`` naming the registers (tables), the years
and thereby the indikator it touched. Screens refresh from it: a caller never guesses from
a hard-coded list of tables what a write may have changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

DOCUMENT_TABLES = frozenset({"dokumen", "fungsi", "sasaran", "indikator"})


@dataclass(frozen=True)
class OpChanges:
    """Attributes:
    tables: the tables written ("koperasi", "ikm_respon", "setting", "dokumen", …).
    years: the reporting years whose figures may differ; None when any year may
        (an import, a package, a setting, a restore).
    office: the office identity or its keys changed.
    database: the whole database was replaced or reopened (a restore): reload everything.
    rows: when the write only changed values of rows that were there (none added,
        deleted or revived): those rows, as (table, id); a list of a register then keeps
        its ids and repaints only them. None when rows may have come or gone.
    """

    tables: frozenset[str] = frozenset()
    years: frozenset[int] | None = None
    office: bool = False
    database: bool = False
    rows: frozenset[tuple[str, int]] | None = None

    @classmethod
    def of(cls, tables: Iterable[str], years: Iterable[int] | None = None,
           office: bool = False, rows: Iterable[tuple[str, int]] | None = None
           ) -> "OpChanges":
        return cls(frozenset(tables), None if years is None else frozenset(years), office,
                   rows=None if rows is None else frozenset(rows))

    @classmethod
    def everything(cls) -> "OpChanges":
        return cls(database=True)

    def __or__(self, other: "OpChanges") -> "OpChanges":
        years = (None if self.years is None or other.years is None
                 else self.years | other.years)
        rows = (None if self.rows is None or other.rows is None
                else self.rows | other.rows)
        if self.empty:
            years, rows = other.years, other.rows
        elif other.empty:
            years, rows = self.years, self.rows
        return OpChanges(self.tables | other.tables, years, self.office or other.office,
                         self.database or other.database, rows)

    @property
    def empty(self) -> bool:
        return not (self.tables or self.office or self.database)

    def touches(self, tables: Iterable[str]) -> bool:
        """True when any of ``tables`` may have changed."""
        return self.database or bool(self.tables & frozenset(tables))

    def values_only(self, table: str) -> frozenset[int] | None:
        """The ids of the rows of ``table`` whose values alone changed, when that is all
        this change did (no other table, no row added, deleted or revived); else None."""
        if self.database or self.office or self.rows is None or self.tables != {table}:
            return None
        return frozenset(i for t, i in self.rows if t == table)

    def touches_year(self, year: int) -> bool:
        return self.years is None or year in self.years

    @property
    def document(self) -> bool:
        """The IKU document's text (unit, fungsi, sasaran, indikator) may have changed."""
        return self.touches(DOCUMENT_TABLES)

    @property
    def settings(self) -> bool:
        return self.touches({"setting"})


NOTHING = OpChanges()
