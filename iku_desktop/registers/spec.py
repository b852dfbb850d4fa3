"""The declaration of a register: its fields and its record's cross-field rules, once.

A ``RegisterSpec`` names a stored table and its ``Field``s. Each field carries everything
the program says about it: the Indonesian label (form messages, the window's column),
the cell parser (``exchange.cells``: the same for an imported cell, a typed value and a
package value), whether it is required, its template header, aliases, help, example and
number format, its closed list of choices, whether it holds personal data (NIK), and how
its parsed value is stored. The record's cross-field rules are one function returning
``validation.Issue`` values (severity, code, field, message).

From a spec, the import kinds take their columns, the editing service its parsers and
rules, the package check its parsers and rules, the export and the templates their
columns, and the window its column labels. Pure: no peewee, no Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from ..exchange.cells import CellError
from ..validation import Issue, Severity

Rules = Callable[[Mapping[str, Any]], list[Issue]]

PROVINSI = "provinsi"  # owner: the province office
WILAYAH = "wilayah"  # owner: the kabupaten/kota office of the row


def _same(value):
    return value


def no_rules(record: Mapping[str, Any]) -> list[Issue]:
    return []


@dataclass(frozen=True)
class Field:
    """Attributes:
    name: the key of the field in a parsed record (and the stored column unless
        ``column`` says otherwise); also the key of a package row's value.
    label: Indonesian label: form messages ("Aset wajib diisi") and the window's column.
    parse: raw cell or typed text → value; raises ``CellError`` with the reason.
    required: a blank value is refused (a form, a package); an import file may leave
        the cell blank, or lack the column, when there is a ``default``.
    default: what a blank import cell stores (None: blank clears the field).
    kind: the stored type: text | int | money | score | date | bool | kabupaten.
    column: the stored column ("kabupaten_id" for ``kabupaten``); None for a field that
        only an import file has (a reference by natural key, a check value).
    header: the import/export/template header (default: ``label``); None: not a column
        of the import file.
    aliases, prefix: other headers the importer accepts.
    help, example, fmt, choices: how the template presents the column (``fmt``: text |
        date | money | int | score, its number format; ``choices``: a dropdown).
    column_label: the window's column header (default: ``label``).
    personal: personal data (UU 27/2022): masked where rows are shown.
    editable: the editing service edits it.
    stored: parsed value → stored value (a choice's enum → its value).
    portable: the parser of the value as a data package carries it (default ``parse``):
        a choice travels as its stored value, a flag as 0/1.
    cell: stored value → the export's cell, one the parser reads back (a choice by its
        label); a kabupaten/kota is written by its name, a yes/no as Ya/Tidak.
    """

    name: str
    label: str
    parse: Callable[[Any], Any]
    required: bool = False
    default: Any = None
    kind: str = "text"
    column: str | None = ""
    header: str | None = ""
    aliases: tuple[str, ...] = ()
    prefix: bool = False
    help: str = ""
    example: str = ""
    fmt: str = ""
    choices: tuple[str, ...] = ()
    column_label: str = ""
    personal: bool = False
    editable: bool = True
    stored: Callable[[Any], Any] = _same
    portable: Callable[[Any], Any] | None = None
    cell: Callable[[Any], Any] = _same

    def __post_init__(self) -> None:
        if self.column == "":
            object.__setattr__(self, "column", self.name)
        if self.header == "":
            object.__setattr__(self, "header", self.label)
        if not self.fmt:
            fmt = self.kind if self.kind in ("date", "money", "int", "score") else "text"
            object.__setattr__(self, "fmt", fmt)
        if not self.column_label:
            object.__setattr__(self, "column_label", self.label)
        if self.portable is None:
            object.__setattr__(self, "portable", self.parse)


@dataclass(frozen=True)
class RegisterSpec:
    """Attributes:
    table: the stored table ("koperasi").
    label: Indonesian name of the register.
    fields: its fields, in the order of the import file and the export.
    rules: the record's cross-field rules: record (field name → parsed value, absent or
        None when blank) → issues; errors refuse, warnings inform.
    kind, kind_label: the import/export/template kind ("koperasi-tahunan") and its label;
        None for a register imported as part of another kind's file.
    key: the natural key (field names) an import upserts by.
    owner: ``PROVINSI`` or ``WILAYAH`` (the kabupaten/kota office of the row).
    year: the field naming the reporting year a row counts in (None: every year).
    """

    table: str
    label: str
    fields: tuple[Field, ...]
    rules: Rules = no_rules
    kind: str | None = None
    kind_label: str = ""
    key: tuple[str, ...] = ()
    owner: str = PROVINSI
    year: str | None = None

    def field(self, name: str) -> Field:
        """A field by its name or its stored column."""
        for f in self.fields:
            if f.name == name or f.column == name:
                return f
        raise KeyError(name)

    @property
    def stored_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.column)

    @property
    def editable(self) -> dict[str, Field]:
        """Stored column → field, for the fields the editing service edits."""
        return {f.column: f for f in self.fields if f.column and f.editable}

    @property
    def columns(self) -> tuple[Field, ...]:
        """The fields that are columns of the import file, the export and the template."""
        return tuple(f for f in self.fields if f.header is not None)

    def problems(self, record: Mapping[str, Any]) -> list[Issue]:
        return self.rules(record)

    def errors(self, record: Mapping[str, Any]) -> list[Issue]:
        return [i for i in self.rules(record) if i.severity is Severity.ERROR]


def error(field: str | None, code: str, message: str) -> Issue:
    return Issue(Severity.ERROR, code, message, field=field)


def warning(field: str | None, code: str, message: str) -> Issue:
    return Issue(Severity.WARNING, code, message, field=field)


def stored_choice(values: Iterable) -> Callable[[Any], Any]:
    """The portable parser of a closed list stored by value: exactly one of ``values``."""
    allowed = tuple(values)

    def parse(v):
        if v not in allowed:
            raise CellError(f"'{v}' bukan pilihan yang sah ({', '.join(map(str, allowed))})")
        return v

    return parse


def flag(v):
    """The portable form of a yes/no: 0 or 1."""
    if v not in (0, 1):
        raise CellError("harus 0 atau 1")
    return v


def enum_value(v):
    """A parsed choice (an enum) stored as its value."""
    return getattr(v, "value", v)
