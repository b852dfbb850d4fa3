"""Import kinds as data: their columns, how each cell is parsed, and header matching.

Headers are matched ignoring case, spaces and punctuation ("Kabupaten/Kota" =
"kabupaten kota" = "KABUPATEN_KOTA").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..validation import ValidationReport
from .cells import CellError
from .readers import Table


def header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


@dataclass(frozen=True)
class Column:
    """Attributes:
    key: field name in the parsed record.
    header: the header as templates write it (Indonesian).
    required: a blank cell is an error.
    parse: raw cell → value; raises CellError.
    aliases: other accepted headers.
    prefix: a header that starts with this key also matches ("U1 Persyaratan" → U1).
    help: what the column means (for templates and documentation).
    fmt, choices, example: how the Excel template presents the column.
    """

    key: str
    header: str
    required: bool = False
    parse: Callable[[Any], Any] = lambda v: v
    aliases: tuple[str, ...] = ()
    prefix: bool = False
    help: str = ""
    fmt: str = "text"  # text | date | money | int | score: the template's number format
    choices: tuple[str, ...] = ()  # a closed list: the template's dropdown
    example: str = ""

    def matches(self, header: str) -> bool:
        h = header_key(header)
        keys = {header_key(self.header), *(header_key(a) for a in self.aliases)}
        if h in keys:
            return True
        if self.prefix:
            k = header_key(self.header)
            return h.startswith(k) and not h[len(k):len(k) + 1].isdigit()
        return False


@dataclass(frozen=True)
class KindSpec:
    name: str  # "koperasi", "koperasi-tahunan", …
    label: str  # Indonesian
    columns: tuple[Column, ...]
    tables: tuple[str, ...] = field(default=())

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


class ParsedRow:
    """One data row: its number as the user sees it, the parsed values, and the raw cells
    (kept for messages and the errors-out workbook). The column index and headers are
    shared by all rows of a table."""

    __slots__ = ("row", "values", "cells", "index", "headers")

    def __init__(self, row: int, values: dict[str, Any], cells: list, index: dict[str, int],
                 headers: dict[str, str]) -> None:
        self.row, self.values, self.cells = row, values, cells
        self.index, self.headers = index, headers

    def cell(self, key: str):
        """The cell as read (a row with an error), else the parsed value."""
        i = self.index.get(key)
        if i is None:
            return None
        if self.cells is None:
            return self.values.get(key)
        return self.cells[i] if i < len(self.cells) else None


def map_columns(spec: KindSpec, table: Table, report: ValidationReport) -> dict[str, int]:
    """Column key → index in the table. Reports missing required columns (error),
    duplicate columns (error) and unknown columns (warning)."""
    found: dict[str, int] = {}
    for idx, header in enumerate(table.headers):
        if not str(header).strip():
            continue
        col = next((c for c in spec.columns if c.matches(header)), None)
        if col is None:
            report.warning("unknown_column", f"Kolom '{header}' tidak dikenal dan diabaikan",
                           sheet=table.name, row=1, column=str(header))
        elif col.key in found:
            report.error("duplicate_column", f"Kolom '{col.header}' muncul lebih dari sekali",
                         sheet=table.name, row=1, column=str(header))
        else:
            found[col.key] = idx
    for col in spec.required:
        if col.key not in found:
            report.error("missing_column", f"Kolom wajib '{col.header}' tidak ada",
                         sheet=table.name, row=1, column=col.header)
    return found


def parse_rows(spec: KindSpec, table: Table, mapping: dict[str, int],
               report: ValidationReport, progress=None) -> list[ParsedRow]:
    """Parse every cell of every row; each bad cell is one error naming row and column.
    Rows with an error are still returned (marked ``__invalid__``) so cross-row checks can
    go on; the report decides whether anything is written."""
    plan = [(col.key, mapping[col.key], col) for col in spec.columns if col.key in mapping]
    headers = {key: str(table.headers[idx]) for key, idx, _ in plan}
    out = []
    total = len(table.rows)
    for n, (row_no, cells) in enumerate(table.rows):
        if progress is not None and n % 5000 == 0:
            progress.step(f"Memeriksa {table.name or 'berkas'}", n, total)
        values: dict[str, Any] = {}
        bad = False
        width = len(cells)
        for key, idx, col in plan:
            value = cells[idx] if idx < width else None
            if value is None or value == "" or (value.__class__ is str and not value.strip()):
                if col.required:
                    report.error("required", f"{col.header} wajib diisi", sheet=table.name,
                                 row=row_no, column=headers[key])
                    bad = True
                continue
            try:
                values[key] = col.parse(value)
            except CellError as exc:
                report.error("invalid", str(exc), sheet=table.name, row=row_no,
                             column=headers[key], value=str(value).strip())
                bad = True
        if bad:
            values["__invalid__"] = True
        # a valid row's raw cells are not kept (messages about it quote the parsed value)
        out.append(ParsedRow(row_no, values, cells if bad else None, mapping, headers))
    return out


def detect_kind(table: Table, specs: list[KindSpec]) -> KindSpec | None:
    """The kind whose required columns are all present; None if none or several fit."""
    keys = [str(h) for h in table.headers]
    fits = []
    for spec in specs:
        if all(any(c.matches(h) for h in keys) for c in spec.required):
            fits.append(spec)
    if len(fits) == 1:
        return fits[0]
    return None


def with_cell_error(parse: Callable[[Any], Any], errors: tuple[type[Exception], ...]):
    """Wrap a domain validator so its errors become CellError."""

    def wrapped(value):
        try:
            return parse(value)
        except errors as exc:
            raise CellError(str(exc)) from exc

    return wrapped
