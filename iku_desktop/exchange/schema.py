"""Import kinds as data: their columns, how each cell is parsed, and header matching.

Headers are matched ignoring case, spaces and punctuation ("Kabupaten/Kota" =
"kabupaten kota" = "KABUPATEN_KOTA").
"""

from __future__ import annotations

import re
from operator import itemgetter
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, Callable

from ..domain.wilayah import KabupatenKota
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


def column_of(f) -> Column:
    """The import/export/template column of a register's field (``registers.Field``): a
    field with a default may be left blank in a file."""
    return Column(f.name, f.header, f.required and f.default is None, f.parse,
                  aliases=f.aliases, prefix=f.prefix, help=f.help, fmt=f.fmt,
                  choices=f.choices, example=f.example)


def kind_spec(register, tables: tuple[str, ...] = ()) -> KindSpec:
    """The import kind of a register (``registers.RegisterSpec``): its columns are the
    spec's fields that have a header."""
    return KindSpec(name=register.kind, label=register.kind_label or register.label,
                    columns=tuple(column_of(f) for f in register.columns),
                    tables=tables or (register.table,))


class RowShape:
    """What all rows of a table share: each column key's position in the file (``index``),
    its header as written (``headers``) and its position in the parsed values (``slot``)."""

    __slots__ = ("index", "headers", "slot")

    def __init__(self, index: dict[str, int], headers: dict[str, str], keys: list[str]) -> None:
        self.index, self.headers = index, headers
        self.slot = {k: i for i, k in enumerate(keys)}


class ParsedRow:
    """One data row: its number as the user sees it, the parsed values (a tuple in the
    order of the kind's columns, None for a blank cell or a column the file lacks — 200.000
    tuples cost a fifth of 200.000 dicts), and the raw cells of a row with an error (kept
    for messages and the errors-out workbook).

    The row reads like a mapping of the cells that were filled: ``row["nama"]``,
    ``row.get("nib")``, ``"nib" in row``."""

    __slots__ = ("row", "vals", "cells", "shape", "invalid")

    def __init__(self, row: int, vals: tuple, cells: list | None, shape: RowShape,
                 invalid: bool = False) -> None:
        self.row, self.vals, self.cells, self.shape = row, vals, cells, shape
        self.invalid = invalid

    @property
    def index(self) -> dict[str, int]:
        return self.shape.index

    @property
    def headers(self) -> dict[str, str]:
        return self.shape.headers

    def get(self, key: str, default=None):
        i = self.shape.slot.get(key)
        if i is None:
            return default
        v = self.vals[i]
        return default if v is None else v

    def __getitem__(self, key: str):
        v = self.vals[self.shape.slot[key]]
        if v is None:
            raise KeyError(key)
        return v

    def __contains__(self, key: str) -> bool:
        i = self.shape.slot.get(key)
        return i is not None and self.vals[i] is not None

    def release(self) -> None:
        """Drop the parsed values once the row is written (memory on large imports)."""
        self.vals = ()

    def cell(self, key: str):
        """The cell as read (a row with an error), else the parsed value."""
        i = self.shape.index.get(key)
        if i is None:
            return None
        if self.cells is None:
            return self.get(key)
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
    Rows with an error are still returned (``invalid``) so cross-row checks can go on; the
    report decides whether anything is written.

    Works a column at a time: a column whose cells all parse goes through one list
    comprehension; only a column with a bad cell is walked again cell by cell to name
    each error (a 200.000-row sheet spends its time in the parsers, not in bookkeeping)."""
    plan = [(col.key, mapping.get(col.key), col) for col in spec.columns]
    headers = {key: str(table.headers[idx]) for key, idx, _ in plan if idx is not None}
    shape = RowShape(mapping, headers, [key for key, _, _ in plan])
    rows = table.rows
    total = len(rows)
    bad_rows: set[int] = set()
    problems: list[tuple[int, int, str, str, str]] = []  # (row position, column, …)
    columns = []
    unread = _unread_by_column(table)
    cells_of = [cells for _, cells in rows]
    narrow = min(map(len, cells_of), default=0)
    absent = [None] * total
    for c, (key, idx, col) in enumerate(plan):
        if idx is None:  # a column the file does not have: blank everywhere
            columns.append(absent)
            continue
        if progress is not None:
            progress.step(f"Memeriksa {table.name or 'berkas'}", total * c // len(plan), total)
        if idx < narrow:
            raw = list(map(itemgetter(idx), cells_of))
        else:
            raw = [cells[idx] if idx < len(cells) else None for cells in cells_of]
        parsed = _fast_column(raw, col.parse)
        if parsed is None:
            parsed = _parse_slowly(raw, col.parse, c, problems, bad_rows)
        marked = unread.get(idx, {})  # given as blank, but not blank: refused
        for i, (why, shown) in marked.items():
            problems.append((i, c, "unreadable", why, shown))
            bad_rows.add(i)
        if col.required and None in parsed:
            for i, v in enumerate(raw):
                if _blank(v) and i not in marked:
                    problems.append((i, c, "required", f"{col.header} wajib diisi", ""))
                    bad_rows.add(i)
        columns.append(parsed)
        del raw
    del cells_of
    # the problems in reading order: row by row, then column by column
    problems.sort(key=lambda p: (p[0], p[1]))
    for i, c, code, message, value in problems:
        report.error(code, message, sheet=table.name, row=rows[i][0],
                     column=headers[plan[c][0]], value=value or None)
    out = []
    append = out.append
    vals_of = zip(*columns)
    for i, ((row_no, cells), vals) in enumerate(zip(rows, vals_of)):
        if i in bad_rows:
            append(ParsedRow(row_no, vals, cells, shape, True))
        else:
            # a valid row's raw cells are not kept (messages about it quote the value)
            append(ParsedRow(row_no, vals, None, shape))
    return out


def _unread_by_column(table: Table) -> dict[int, dict[int, tuple[str, str]]]:
    """Column index → position of the row in ``table.rows`` → (why, shown) for the cells
    the reader gave as blank although they are not (``Table.unread``)."""
    if not table.unread:
        return {}
    position = {row_no: i for i, (row_no, _) in enumerate(table.rows)}
    out: dict[int, dict[int, tuple[str, str]]] = {}
    for (row_no, column), said in table.unread.items():
        if row_no in position:
            out.setdefault(column, {})[position[row_no]] = said
    return out


def _fast_column(raw: list, parse) -> list | None:
    """A whole column in one comprehension; None when a cell is bad (then the column is
    walked again cell by cell to name every bad cell)."""
    try:
        return [None if v is None or (v.__class__ is str and not v.strip()) else parse(v)
                for v in raw]
    except CellError:
        return None


def shown_cell(value) -> str | None:
    """A cell for a message: as typed for a row with an error (its raw cell), else its
    parsed value the way the user wrote it — a date "15/03/2023", a choice by its label, a
    kabupaten/kota by its name — never a Python repr."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, Enum):
        return getattr(value, "label", value.value)
    if isinstance(value, KabupatenKota):
        return value.nama
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return str(int(value))  # a number cell: 123456789012, not 123456789012.0
    return str(value).strip()


def _blank(v) -> bool:
    return v is None or (v.__class__ is str and not v.strip())


def _parse_slowly(raw: list, parse, c: int, problems: list, bad_rows: set) -> list:
    """One column cell by cell, recording every bad cell (the rare path)."""
    out = []
    for i, v in enumerate(raw):
        if _blank(v):
            out.append(None)
            continue
        try:
            out.append(parse(v))
        except CellError as exc:
            problems.append((i, c, "invalid", str(exc), shown_cell(v)))
            bad_rows.add(i)
            out.append(None)
    return out


def detect_kind(table: Table, specs: list[KindSpec]) -> KindSpec | None:
    """The kind whose required columns are all present; when several fit, the one whose
    required columns include every other's (a target sheet has the Tahun that SAKIP
    requires, and its Indikator too); None if none fits or no one is the most specific."""
    keys = [str(h) for h in table.headers]
    fits = []
    for spec in specs:
        if all(any(c.matches(h) for h in keys) for c in spec.required):
            fits.append(spec)
    required = {spec.name: {c.key for c in spec.required} for spec in fits}
    widest = [s for s in fits if all(required[o.name] <= required[s.name] for o in fits)]
    if len(widest) == 1:
        return widest[0]
    return None
