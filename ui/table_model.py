"""A read-only table model over a list of rows with fixed headers: the shared part of the
window's table models (they format; the services computed)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex

from .roles import DISPLAY, HORIZONTAL


class RowsModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def _reset(self, rows) -> None:
        self.beginResetModel()
        try:
            self._rows = list(rows)
        finally:
            self.endResetModel()

    @property
    def rows(self) -> list:
        return self._rows

    def row_at(self, index: QModelIndex):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=DISPLAY):
        if role == DISPLAY and orientation == HORIZONTAL and \
                0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None
