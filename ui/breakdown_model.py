"""Table model of one breakdown (per kabupaten/kota, jenis, sektor, unsur…)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from iku_desktop.domain.formatting import DASH, format_number
from iku_desktop.domain.results import BreakdownRow

HEADERS = ("Wilayah / kelompok", "Nilai", "Pembilang", "Penyebut")


class BreakdownModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[BreakdownRow, ...] = ()
        self._satuan = ""

    def set_rows(self, rows: tuple[BreakdownRow, ...], satuan: str) -> None:
        self.beginResetModel()
        try:
            self._rows, self._satuan = tuple(rows), satuan
        finally:
            self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            if col == 0:
                return r.label
            if col == 1:
                if r.value is None:
                    return DASH
                return format_number(r.value) + ("%" if self._satuan == "%" else "")
            if col == 2:
                return DASH if r.numerator is None else format_number(r.numerator, 0)
            if col == 3:
                return DASH if r.denominator is None else format_number(r.denominator, 0)
        if role == Qt.ToolTipRole and col == 1 and r.value is None:
            return r.reason
        if role == Qt.TextAlignmentRole and col > 0:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
