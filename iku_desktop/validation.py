"""One report shape for every check: imported rows, form input, packages, and the
records' cross-field rules (``registers``).

Validation collects every problem instead of raising at the first one. Each issue has a
severity, a machine code and an Indonesian message, and names where it is (sheet, row,
column, value), so the CLI and the window render the same report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"  # blocks: nothing is written
    WARNING = "warning"  # informs: does not block


@dataclass(frozen=True)
class Issue:
    """Attributes:
    severity: error or warning.
    code: stable machine code ("required", "invalid_date", "duplicate_key"…).
    message: the reason, in Indonesian.
    row: row number as the user sees it in the file (header = row 1); None for the file.
    column: the column header as written in the file.
    value: the offending value as text.
    sheet: the sheet name for workbooks.
    field: the record's field the issue is about (a register's field name), for a form
        or a package row; the import names its column by ``column``.
    """

    severity: Severity
    code: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    sheet: str | None = None
    field: str | None = None

    def location(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)

    def render(self) -> str:
        label = "GALAT" if self.severity is Severity.ERROR else "PERINGATAN"
        where = self.location()
        value = f" (nilai: {self.value!r})" if self.value not in (None, "") else ""
        return f"{label}: {where + ': ' if where else ''}{self.message}{value}"

    def as_dict(self) -> dict:
        return {"severity": self.severity.value, "code": self.code, "message": self.message,
                "sheet": self.sheet, "row": self.row, "column": self.column, "value": self.value}


@dataclass
class ValidationReport:
    issues: list[Issue] = field(default_factory=list)

    def error(self, code: str, message: str, **where) -> None:
        self.issues.append(Issue(Severity.ERROR, code, message, **where))

    def warning(self, code: str, message: str, **where) -> None:
        self.issues.append(Issue(Severity.WARNING, code, message, **where))

    def extend(self, other: "ValidationReport") -> None:
        self.issues.extend(other.issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        # without building the list of errors (a report may hold 100.000 issues)
        return not any(i.severity is Severity.ERROR for i in self.issues)
