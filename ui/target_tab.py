"""The "Target" tab: the target of every indikator for every year of the Renstra period
in one grid, edited like a spreadsheet — typing replaces the cell, Enter stores it and
moves down, Tab moves right, Delete removes a target, Ctrl+Z undoes (the window's undo
stack). A locked year's column is read-only and marked "dikunci". Values are checked as
typed by the editing service (``editing.prepare_year_value``)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableView,
    QVBoxLayout,
)

from iku_desktop.domain.formatting import DASH, format_decimal, format_number, satuan_label
from iku_desktop.services import editing, ownership, targets

from .records_panel import RecordsPanel
from .roles import (
    ALIGNMENT, BACKGROUND, DISPLAY, DISPLAY_OR_EDIT, EDIT, EDITABLE, HORIZONTAL, NO_FLAGS, RIGHT,
    SELECTABLE, TOOLTIP,
)

FIRST_YEAR = 3  # columns: No, Indikator, Satuan, then one per year
LOCKED_FILL = QColor("#eceff3")
CURRENT_FILL = QColor("#fff8e1")
YEAR_WIDTH = 96  # a year column: room for "1.234,56" and the "dikunci" mark


class TargetModel(QAbstractTableModel):
    def __init__(self, panel: "TargetTab") -> None:
        super().__init__(panel)
        self.panel = panel
        self.grid: targets.TargetGrid | None = None
        self.why_read_only: str | None = None

    def load(self) -> None:
        self.beginResetModel()
        try:
            self.grid = targets.grid()
            self.why_read_only = ownership.why_read_only()
        finally:
            self.endResetModel()

    @property
    def years(self) -> tuple[int, ...]:
        return self.grid.years if self.grid else ()

    def year_of(self, index) -> int | None:
        c = index.column() - FIRST_YEAR
        return self.years[c] if 0 <= c < len(self.years) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.grid is None else len(self.grid.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else FIRST_YEAR + len(self.years)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != HORIZONTAL:
            return None
        year = self.years[section - FIRST_YEAR] if section >= FIRST_YEAR else None
        if role == DISPLAY:
            if year is None:
                return ("No", "Indikator", "Satuan")[section]
            return f"{year}\ndikunci" if year in self.grid.locked else str(year)
        if role == TOOLTIP and year is not None and year in self.grid.locked:
            return self._locked_text(year)
        return None

    def _locked_text(self, year: int) -> str:
        return (f"Realisasi tahun {year} dikunci {self.grid.locked[year]}: targetnya tidak "
                "dapat diubah")

    def flags(self, index):
        if not index.isValid():
            return NO_FLAGS
        f = SELECTABLE
        year = self.year_of(index)
        if year is not None and year not in self.grid.locked and self.why_read_only is None:
            f |= EDITABLE
        return f

    def data(self, index, role=DISPLAY):
        if not index.isValid() or self.grid is None:
            return None
        row, col, year = self.grid.rows[index.row()], index.column(), self.year_of(index)
        if role in DISPLAY_OR_EDIT:
            if year is not None:
                value = row.values.get(year)
                if value is None:
                    return "" if role == EDIT else DASH
                # shown as every figure of the window; edited as it was typed
                return format_decimal(value) if role == EDIT else format_number(value)
            return (str(row.nomor), row.nama, satuan_label(row.satuan))[col]
        if role == ALIGNMENT:
            if year is not None or col == 0:
                return RIGHT
            return None
        if role == BACKGROUND and year is not None:
            if year in self.grid.locked:
                return LOCKED_FILL
            if year == self.panel.year:
                return CURRENT_FILL
        if role == TOOLTIP:
            if year is not None and year in self.grid.locked:
                return self._locked_text(year)
            if year is not None and self.why_read_only:
                return self.why_read_only
            if col == 1:
                return row.nama
        return None

    def prepare(self, index, text) -> editing.Change | None:
        """The change typing ``text`` in a year cell would make (nothing is written)."""
        year = self.year_of(index)
        if year is None:
            return None
        return editing.prepare_year_value("target", self.grid.rows[index.row()].indikator_id,
                                          year, text)

    def setData(self, index, value, role=EDIT):
        if role != EDIT or not self.flags(index) & EDITABLE:
            return False
        return self.panel.try_edit(lambda: self.prepare(index, value)) is None


class TargetGrid(QTableView):
    """Spreadsheet keys: Enter stores and moves down (or, outside an editor, just moves
    down), Delete removes the target of the cell; typing replaces the cell."""

    def keyPressEvent(self, event) -> None:
        index = self.currentIndex()
        if self.state() != QAbstractItemView.EditingState and index.isValid():
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self._move_down(index)
                return
            if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and \
                    self.model().flags(index) & EDITABLE:
                self.model().setData(index, "")
                return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:
        # Enter in an editor: the value is stored (commitData came first), then move down
        enter = hint == QAbstractItemDelegate.SubmitModelCache
        index = self.currentIndex()
        super().closeEditor(editor, QAbstractItemDelegate.NoHint if enter else hint)
        if enter:
            self._move_down(index)

    def _move_down(self, index) -> None:
        if index.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(index.siblingAtRow(index.row() + 1))


class TargetTab(RecordsPanel):
    TABLES = frozenset({"target", "kunci_tahun", "indikator", "dokumen"})

    def __init__(self, push, parent=None) -> None:
        super().__init__(push, parent)
        lay = QVBoxLayout(self)
        title = QLabel("Target Indikator Kinerja Utama per tahun")
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #1f3b57;")
        lay.addWidget(title)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.model = TargetModel(self)
        self.table = TargetGrid()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # a long name is elided; its tooltip holds it whole
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.AnyKeyPressed
                                   | QAbstractItemView.EditKeyPressed
                                   | QAbstractItemView.DoubleClicked)
        self.validate_as_typed(self.table, self.model.prepare)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        lay.addLayout(row)

    def reload(self) -> None:
        current = self.table.currentIndex()
        self.model.load()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        for c in range(FIRST_YEAR, self.model.columnCount()):
            header.setSectionResizeMode(c, QHeaderView.Fixed)
            header.resizeSection(c, YEAR_WIDTH)
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        grid = self.model.grid
        if grid is None:
            self.hint.setText("Belum ada Dokumen IKU yang berlaku; target diisi per indikator "
                              "dokumen itu.")
            return
        text = ("Ketik angka target pada sel tahunnya (Enter: simpan dan turun, Tab: ke "
                "kanan, Delete: hapus, Ctrl+Z: urungkan). Target juga dapat diimpor dari "
                "templat Excel (Berkas › Templat Excel › target).")
        if grid.locked:
            years = ", ".join(str(y) for y in sorted(grid.locked))
            text += f" Tahun yang dikunci ({years}) tidak dapat diubah."
        if self.model.why_read_only:
            text = self.model.why_read_only
        self.hint.setText(text)
