"""Ringkasan: every indikator of the year with realisasi, target, capaian (band colour),
counts, and the trend over the document's period."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from iku_desktop.domain.formatting import DASH, format_figure, format_number
from iku_desktop.services.indicators import IndikatorReport

from .formatting import BAND_COLOURS, count_words
from .table_model import RowsModel


class SummaryModel(RowsModel):
    HEADERS = ("No", "Indikator", "Realisasi", "Target", "Capaian", "Keterangan", "Tren periode")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._trend: dict[int, str] = {}

    def set_reports(self, reports: list[IndikatorReport], trend: dict[int, str]) -> None:
        self._trend = dict(trend)
        self._reset(reports)

    def data(self, index, role=Qt.DisplayRole):
        rep = self.row_at(index)
        if rep is None:
            return None
        ind, res, col = rep.indikator, rep.result, index.column()
        if role == Qt.DisplayRole:
            if col == 0:
                return str(ind.nomor)
            if col == 1:
                return ind.judul
            if col == 2:
                return format_figure(res.value, ind.satuan)
            if col == 3:
                return format_figure(rep.target, ind.satuan)
            if col == 4:
                if not rep.capaian.computable:
                    return DASH
                return f"{format_number(rep.capaian.value)}% ({rep.band.value})"
            if col == 5:
                if res.value is None:
                    return res.reason
                return count_words(res.numerator, res.denominator, res.noun) or \
                    res.extra.get("predikat") or res.extra.get("mutu") or ""
            if col == 6:
                return self._trend.get(ind.nomor, "")
        if role == Qt.ToolTipRole:
            if col == 2 and res.value is None:
                return res.reason
            if col == 4 and not rep.capaian.computable:
                return rep.capaian.reason
        if role == Qt.ForegroundRole and col == 4 and rep.band is not None:
            return QColor(BAND_COLOURS[rep.band])
        if role == Qt.TextAlignmentRole and col in (2, 3, 4):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


class SummaryTab(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold; color: #1f3b57;")
        lay.addWidget(self.heading)
        self.model = SummaryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        for c in (0, 2, 3, 4, 6):
            header.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        lay.addWidget(self.table)

    def show_reports(self, year: int, reports, trend) -> None:
        self.heading.setText(f"Ringkasan Indikator Kinerja Utama tahun {year}")
        self.model.set_reports(reports, trend)
        self.table.resizeRowsToContents()
