"""Rules an edit must keep: the record's cross-field rules (the register's spec, as the
importer and packages check them) and those that look at other rows (a NIB used once,
a survey name used once, a response dated in its survey's year)."""

from __future__ import annotations

from ... import registers
from ...store import models as m
from ..editing_errors import EditError


def record_of(table: str, row) -> dict:
    """The stored row as a record of its register's fields (field name → value)."""
    return {f.name: getattr(row, f.column) for f in registers.get(table).stored_fields}


def check_row(table: str, row, column: str, value) -> None:
    """Refuse an edit of ``column`` to ``value`` that breaks a rule the row kept: an error
    of the record's rules that the row did not have before (a row already inconsistent
    may still have its other fields edited)."""
    spec = registers.get(table)
    name = spec.field(column).name
    before = record_of(table, row)
    known = {(i.field, i.code, i.message) for i in spec.errors(before)}
    for issue in spec.errors(before | {name: value}):
        if (issue.field, issue.code, issue.message) not in known:
            raise EditError(issue.message)
    _check_other_rows(table, row, column, value)


def _check_other_rows(table: str, row, column: str, value) -> None:
    if table == "ikm_respon" and column == "tanggal" and value.year != row.survei.tahun:
        raise EditError(f"Tanggal harus dalam tahun survei ({row.survei.tahun})")
    if table == "ikm_survei" and column == "nama" and m.IkmSurvei.select().where(
            (m.IkmSurvei.nama == value) & (m.IkmSurvei.id != row.id)).exists():
        raise EditError(f"Survei bernama '{value}' sudah ada")
    if table == "usaha_kecil" and column == "nib" and value and m.UsahaKecil.select().where(
            (m.UsahaKecil.nib == value) & (m.UsahaKecil.id != row.id)).exists():
        raise EditError("NIB ini sudah dipakai usaha lain di register")
