"""What the kinds share: the import context, change counts and the generic upsert."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from ...store import bulk
from ...store import models as m
from ...store.fields import utc_now
from ...validation import Severity, ValidationReport
from ..schema import ParsedRow, shown_cell


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportContext:
    """Attributes:
    report: where every problem goes.
    sheet: sheet name for workbook rows (None for CSV).
    origin: office code written on new rows.
    file_name, sha256: the file being imported.
    """

    report: ValidationReport
    sheet: str | None = None
    origin: str = "provinsi"
    file_name: str = ""
    sha256: str = ""
    # natural keys that earlier tables of the same import will add (a workbook's koperasi
    # sheet before its tahun buku sheet): kind name → keys
    pending: dict[str, set] = field(default_factory=dict)
    # why a value cannot be the target of an indikator (value, metode, nomor → a reason or
    # None): the services' ``indicators.registry.check_target``, which knows each method's
    # scale; without it only the sign is checked (by the field's parser)
    check_target: Callable[[Decimal, str, int], str | None] | None = None

    def error(self, row: ParsedRow, key: str | None, code: str, message: str) -> None:
        self.report.error(code, message, sheet=self.sheet, row=row.row,
                          column=row.headers.get(key) if key else None,
                          value=_show(row.cell(key)) if key else None)

    def warning(self, row: ParsedRow, key: str | None, code: str, message: str) -> None:
        self.report.warning(code, message, sheet=self.sheet, row=row.row,
                            column=row.headers.get(key) if key else None,
                            value=_show(row.cell(key)) if key else None)


    def issue(self, row: ParsedRow, issue) -> None:
        """A record rule's issue (``validation.Issue`` naming its field) on ``row``."""
        (self.error if issue.severity is Severity.ERROR else self.warning)(
            row, issue.field, issue.code, issue.message)


_show = shown_cell


def optional_fields(register) -> tuple[str, ...]:
    """The stored fields an import file may leave out (a column absent from the file leaves
    the stored value alone)."""
    return tuple(f.name for f in register.columns
                 if f.column and not (f.required and f.default is None))


def defaults(register) -> dict:
    """What a blank cell of a field stores when not None ("" for an alamat)."""
    return {f.name: f.default for f in register.columns if f.default is not None}


def valid_rows(rows: list[ParsedRow]) -> list[ParsedRow]:
    return [r for r in rows if not r.invalid]


def kabupaten_ids() -> dict[str, int]:
    return {k.bps: k.id for k in m.Kabupaten.select()}


class NewRows:
    """Rows to insert, collected while upserting and written in bulk at the end."""

    def __init__(self, model, origin: str) -> None:
        self.model, self.origin, self.rows = model, origin, []

    def add(self, values: dict) -> None:
        values["origin"] = self.origin  # the dict is the caller's, made for this row
        self.rows.append(values)

    def write(self) -> int:
        # rows may name different optional fields: write each shape in one batch
        shapes: dict[tuple, list[dict]] = {}
        for r in self.rows:
            shapes.setdefault(tuple(r), []).append(r)
        self.rows = []
        return sum(bulk.insert_rows(self.model, rows) for rows in shapes.values())


def upsert(model, existing, values: dict, origin: str, counts: Counts,
           new_rows: NewRows | None = None):
    """Insert ``values`` (now, or into ``new_rows`` to be written in bulk), or update
    ``existing`` only where a value differs (an unchanged row keeps its ``updated_at``; a
    tombstone is revived). Returns the row, or None for a row queued in ``new_rows``."""
    if existing is None:
        counts.added += 1
        if new_rows is not None:
            new_rows.add(values)
            return None
        return model.create(origin=origin, **values)
    changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
    if existing.deleted:
        changed["deleted"] = False
    if not changed:
        counts.unchanged += 1
        return existing
    changed["updated_at"] = utc_now()
    model.update(**changed).where(model.id == existing.id).execute()
    for k, v in changed.items():
        setattr(existing, k, v)
    counts.updated += 1
    return existing


def optional_values(row: ParsedRow, keys: tuple[str, ...], defaults: dict | None = None) -> dict:
    """Values of optional columns present in the file: a blank cell clears the field; a
    column absent from the file leaves the stored value alone."""
    defaults = defaults or {}
    return {k: row.get(k, defaults.get(k)) for k in keys if k in row.index}
