"""A change to one record, and writing it: ``apply`` and ``revert`` write in a
transaction, under the audit and the ownership gate, and return what they touched
(``OpChanges``: the table and the reporting years). Deleting is a tombstone
(``deleted = 1``), never a hard delete."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ... import registers
from ...store import audit, document_repo
from ...store import models as m
from ...store.fields import utc_now
from ...store.register_tables import model_for
from .. import ownership
from ..changes import OpChanges


@dataclass(frozen=True)
class Change:
    """Attributes:
    table: the table written.
    row_id: the row (for an insert: the id it got, set by ``apply``).
    before, after: field → value (before is empty for an insert).
    label: what the user did, for the undo menu ("Ubah aset 2022").
    """

    table: str
    row_id: int | None
    before: dict[str, Any]
    after: dict[str, Any]
    label: str
    insert_values: dict[str, Any] = field(default_factory=dict)

    def write(self) -> tuple["Change", OpChanges]:
        """Apply (the undo stack calls this, and ``undo`` for the reverse)."""
        return apply(self)

    def undo(self) -> OpChanges:
        return revert(self)


# the per-indikator values, written through the document's repository
YEAR_VALUES = {"target": ("Target", document_repo.set_target, m.Target),
               "realisasi_manual": ("Realisasi", document_repo.set_realisasi_manual,
                                    m.RealisasiManual)}


def model(table: str):
    return model_for(registers.get(table))


def apply(change: Change) -> tuple[Change, OpChanges]:
    """Write a change; returns the change (with the id of an inserted row) and what it
    touched."""
    ownership.check_change(change.table, change.row_id, change.insert_values, change.after)
    with audit.recording(m.database):
        change = _apply(change)
    return change, touched(change)


def touched(change: Change) -> OpChanges:
    """The table of ``change`` and the reporting years whose figures it may move (the
    register's ``year`` field): a tahun buku Y counts in year Y and, as the year before,
    in Y+1 (``domain.koperasi``); a response in its survey's year; a koperasi or usaha row
    (its status, dates, kabupaten) may move every year. A change of values only (no row
    added, deleted or revived) names its row too."""
    spec = registers.get(change.table)
    rows = _values_only(change)
    if change.table == "ikm_respon":
        survei_id = change.insert_values.get("survei_id")
        if survei_id is None:
            survei_id = m.IkmRespon.get_by_id(change.row_id).survei_id
        return OpChanges.of({change.table}, {m.IkmSurvei.get_by_id(survei_id).tahun}, rows=rows)
    if spec.year is None:
        return OpChanges.of({change.table}, None, rows=rows)
    tahun = change.insert_values.get(spec.year)
    if tahun is None:
        tahun = getattr(model(change.table).get_by_id(change.row_id), spec.year)
    years = {tahun, tahun + 1} if change.table == "koperasi_tahun_buku" else {tahun}
    return OpChanges.of({change.table}, years, rows=rows)


def _values_only(change: Change) -> set[tuple[str, int]] | None:
    """The row of ``change`` when it writes values of a row that stays (no insert, no
    tombstone set or taken away); else None."""
    if change.insert_values or change.row_id is None or "deleted" in change.after \
            or "deleted" in change.before:
        return None
    return {(change.table, change.row_id)}


def _apply(change: Change) -> Change:
    if change.table in YEAR_VALUES:
        v = change.insert_values
        YEAR_VALUES[change.table][1](v["indikator_id"], v["tahun"], change.after["nilai"])
        return change
    table = model(change.table)
    with m.database.atomic():
        if change.insert_values and change.row_id is None:
            row = table.create(**change.insert_values)
            change = Change(change.table, row.id, change.before, change.after, change.label,
                            change.insert_values)
        elif change.insert_values:
            table.update(deleted=False, updated_at=utc_now()).where(
                table.id == change.row_id).execute()
        else:
            table.update(**change.after, updated_at=utc_now()).where(
                table.id == change.row_id).execute()
    return change


def revert(change: Change) -> OpChanges:
    """Undo a change. An inserted row becomes a tombstone (it may have travelled already)."""
    ownership.check_change(change.table, change.row_id, change.insert_values)
    with audit.recording(m.database):
        _revert(change)
    return touched(change)


def _revert(change: Change) -> None:
    if change.table in YEAR_VALUES:
        v = change.insert_values
        YEAR_VALUES[change.table][1](v["indikator_id"], v["tahun"], change.before["nilai"])
        return
    table = model(change.table)
    with m.database.atomic():
        if change.insert_values:
            table.update(deleted=True, updated_at=utc_now()).where(
                table.id == change.row_id).execute()
        else:
            table.update(**change.before, updated_at=utc_now()).where(
                table.id == change.row_id).execute()
