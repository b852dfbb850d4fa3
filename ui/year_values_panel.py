"""Target per year of an indikator and, for the method ``manual``, the realisasi typed in
per year — one row per year of the document's period."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout

from iku_desktop.domain.formatting import format_number
from iku_desktop.services import editing, ownership
from iku_desktop.services.year_values import year_values

from .records_panel import RecordsPanel
from .roles import (
    ALIGNMENT, DISPLAY, DISPLAY_OR_EDIT, EDIT, EDITABLE, HORIZONTAL, NO_FLAGS, RIGHT, SELECTABLE,
    TOOLTIP,
)


class YearValuesModel(QAbstractTableModel):
    def __init__(self, panel: "YearValuesPanel") -> None:
        super().__init__(panel)
        self.panel = panel
        self.years: list[int] = []
        self.tables = ["target"] + (["realisasi_manual"] if panel.manual else [])
        self.values: dict[str, dict[int, object]] = {}
        self.locked: set[int] = set()  # years whose realisasi is locked

    def load(self) -> None:
        shown = year_values(self.panel.indikator_id)
        self.beginResetModel()
        try:
            self.years = list(shown.years)
            self.values = {"target": shown.target, "realisasi_manual": shown.realisasi_manual}
            self.locked = set(shown.locked)
        finally:
            self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.years)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(self.tables)

    def headerData(self, section, orientation, role=DISPLAY):
        if role == DISPLAY and orientation == HORIZONTAL:
            return ["Tahun", "Target", "Realisasi (manual)"][section] if section < 3 else None
        return None

    def flags(self, index):
        if not index.isValid():
            return NO_FLAGS
        f = SELECTABLE
        year = self.years[index.row()] if 0 <= index.row() < len(self.years) else None
        editable = index.column() > 0 and ownership.why_read_only() is None and \
            year not in self.locked
        return f | EDITABLE if editable else f

    def data(self, index, role=DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self.years):
            return None
        year = self.years[index.row()]
        if role in DISPLAY_OR_EDIT:
            if index.column() == 0:
                return f"{year} (dikunci)" if year in self.locked else str(year)
            value = self.values[self.tables[index.column() - 1]].get(year)
            return "" if value is None else format_number(value)
        if role == TOOLTIP and year in self.locked:
            return f"Realisasi tahun {year} dikunci: target dan realisasinya tidak dapat diubah"
        if role == ALIGNMENT and index.column() > 0:
            return RIGHT
        return None

    def setData(self, index, value, role=EDIT):
        if role != EDIT or not index.isValid() or index.column() == 0:
            return False
        table, year = self.tables[index.column() - 1], self.years[index.row()]
        return self.panel.try_edit(lambda: editing.prepare_year_value(
            table, self.panel.indikator_id, year, value)) is None


class YearValuesPanel(RecordsPanel):
    TABLES = frozenset({"target", "realisasi_manual"})

    def __init__(self, push, indikator_id: int, manual: bool, parent=None) -> None:
        super().__init__(push, parent)
        self.indikator_id, self.manual = indikator_id, manual
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel("Target per tahun" + (" dan realisasi yang diisi manual"
                                                   if manual else "")
                             + " (kosongkan sel untuk menghapus). Target semua indikator "
                             "sekaligus: tab Target."))
        self.model = YearValuesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.setMaximumHeight(230)
        self.validate_as_typed(self.table, lambda i, text: editing.prepare_year_value(
            self.model.tables[i.column() - 1], indikator_id, self.model.years[i.row()], text)
            if i.column() > 0 else None)
        lay.addWidget(self.table)
        lay.addWidget(self.message)

    def reload(self) -> None:
        self.model.load()

