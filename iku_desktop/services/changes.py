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
    """

    tables: frozenset[str] = frozenset()
    years: frozenset[int] | None = None
    office: bool = False
    database: bool = False

    @classmethod
    def of(cls, tables: Iterable[str], years: Iterable[int] | None = None,
           office: bool = False) -> "OpChanges":
        return cls(frozenset(tables), None if years is None else frozenset(years), office)

    @classmethod
    def everything(cls) -> "OpChanges":
        return cls(database=True)

    def __or__(self, other: "OpChanges") -> "OpChanges":
        years = (None if self.years is None or other.years is None
                 else self.years | other.years)
        if not self.tables and not self.database and not self.office:
            years = other.years
        elif not other.tables and not other.database and not other.office:
            years = self.years
        return OpChanges(self.tables | other.tables, years, self.office or other.office,
                         self.database or other.database)

    @property
    def empty(self) -> bool:
        return not (self.tables or self.office or self.database)

    def touches(self, tables: Iterable[str]) -> bool:
        """True when any of ``tables`` may have changed."""
        return self.database or bool(self.tables & frozenset(tables))

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
