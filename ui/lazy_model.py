"""A table model over a register: it holds the ordered ids that SQL selected and fetches
the display rows of a block of ids only when the view asks for them (id cache, as Anki's
browser does), so 200.000 usaha kecil scroll smoothly. A row that fails to load shows the
error instead of crashing the view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex
from PySide6.QtGui import QColor

from .roles import (ALIGNMENT, DISPLAY, EDIT, EDITABLE, FOREGROUND, NO_FLAGS, RIGHT,
                    SELECTABLE, TOOLTIP, VERTICAL)

BLOCK = 200
ROLES = frozenset({DISPLAY, EDIT, ALIGNMENT, FOREGROUND, TOOLTIP})  # the roles answered
READ_ONLY_GRAY = QColor("#7a7a7a")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], str]
    field: str | None = None  # editable field of the row's table
    edit_value: Callable[[Any], str] | None = None  # text shown in the editor
    numeric: bool = False  # an amount: right-aligned, digits under digits


class LazyRegisterModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], load: Callable[[list[int]], dict[int, Any]],
                 on_edit: Callable[[int, str, str], str | None] | None = None,
                 parent=None, read_only: Callable[[Any], str | None] | None = None) -> None:
        """``read_only(row)``: why this office may not edit the row (it is then shown gray,
        read-only, with the reason as its tooltip), None when it may."""
        super().__init__(parent)
        self.columns = columns
        self._load = load
        self._on_edit = on_edit
        self._read_only = read_only
        self._ids: list[int] = []
        self._cache: dict[int, Any] = {}

    def set_ids(self, ids: list[int], rows: dict[int, Any] | None = None) -> None:
        """New ids; ``rows``: display rows already loaded (a background load's first
        blocks), so that painting them does not query. A list that had rows changes in
        place — rows added or removed at the end, the others' values changed — so that
        the view keeps its columns and scroll position (a reset of 200.000 rows refits the
        columns and costs the GUI thread tens of ms); the caller puts the current row
        back on its id."""
        ids, cache = list(ids), dict(rows or {})
        old, new = len(self._ids), len(ids)
        if old == 0 or new == 0:
            self.beginResetModel()
            try:
                self._ids, self._cache = ids, cache
            finally:
                self.endResetModel()
            return
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
        elif new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
        self._ids, self._cache = ids, cache
        if new > old:
            self.endInsertRows()
        elif new < old:
            self.endRemoveRows()
        kept = min(old, new)
        self.dataChanged.emit(self.index(0, 0), self.index(kept - 1, len(self.columns) - 1))

    def refresh_rows(self, rows: dict[int, Any] | None = None) -> None:
        """Reload what is cached (after an edit) without losing the position; ``rows``:
        fresh display rows already loaded."""
        self._cache = dict(rows or {})
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self.columns) - 1))

    def refresh_ids(self, ids) -> None:
        """The rows ``ids`` again (only their values changed): those shown are loaded now
        in one query and only they are repainted; the others load when painted."""
        cached = [i for i in ids if i in self._cache]
        if not cached:
            return
        try:
            loaded = self._load(cached)
        except Exception as exc:  # noqa: BLE001 — shown in the rows, never a crash
            loaded = {i: exc for i in cached}
        last = len(self.columns) - 1
        for i in cached:
            self._cache[i] = loaded.get(i, LookupError("baris tidak ditemukan"))
            row = self.row_of(i)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, row_id: int) -> int:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return -1

    def _row(self, row: int):
        rid = self._ids[row]
        if rid not in self._cache:
            start = (row // BLOCK) * BLOCK
            block = self._ids[start:start + BLOCK]
            try:
                loaded = self._load(block)
            except Exception as exc:  # noqa: BLE001 — shown in the rows, never a crash
                loaded = {i: exc for i in block}
            for i in block:
                self._cache[i] = loaded.get(i, LookupError("baris tidak ditemukan"))
        return self._cache[rid]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=DISPLAY):
        if role != DISPLAY:  # asked for every role of every row number: return soon
            return None
        if orientation == VERTICAL:
            return str(section + 1)
        return self.columns[section].header if 0 <= section < len(self.columns) else None

    def flags(self, index):
        if not index.isValid():
            return NO_FLAGS
        row = self._row(index.row())
        if isinstance(row, Exception):
            return NO_FLAGS
        if self.columns[index.column()].field and self._on_edit and self._why_not(row) is None:
            return SELECTABLE | EDITABLE
        return SELECTABLE

    def _why_not(self, row) -> str | None:
        return None if self._read_only is None else self._read_only(row)

    def data(self, index, role=DISPLAY):
        if role not in ROLES or not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None  # the other roles a paint asks for every cell: answered at once
        row = self._row(index.row())
        col = self.columns[index.column()]
        if isinstance(row, Exception):
            return f"Gagal memuat: {row}" if role == DISPLAY and index.column() == 0 else None
        if role == DISPLAY:
            return col.value(row)
        if role == EDIT:
            return (col.edit_value or col.value)(row)
        if role == ALIGNMENT:
            return RIGHT if col.numeric else None
        why = self._why_not(row)  # foreground, tooltip
        if why is not None:
            return READ_ONLY_GRAY if role == FOREGROUND else why
        return None

    def setData(self, index, value, role=EDIT):
        if role != EDIT or not index.isValid() or self._on_edit is None:
            return False
        col = self.columns[index.column()]
        if not col.field:
            return False
        error = self._on_edit(self._ids[index.row()], col.field, value)
        return error is None
