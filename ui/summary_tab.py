"""Ringkasan: every indikator of the year with realisasi, target, capaian (band colour) and
counts; below, a chart per indikator of its trend over the document's period (target beside
realisasi, year by year); a locked year's frozen figures under a "dikunci" mark."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout, QHeaderView, QLabel, QScrollArea, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from iku_desktop.domain.charts import trend_points
from iku_desktop.domain.formatting import DASH, format_figure, format_number
from iku_desktop.services.indicators import IndikatorReport

from .charts import EMPTY, TrendChart
from .first_run import FirstRunPanel
from .formatting import BAND_COLOURS, count_words, lock_label, show_lock
from .roles import ALIGNMENT, DISPLAY, FOREGROUND, RIGHT, TOOLTIP
from .table_model import RowsModel

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" (not exported by PySide6)


class SummaryModel(RowsModel):
    HEADERS = ("No", "Indikator", "Realisasi", "Target", "Capaian", "Keterangan")

    def set_reports(self, reports: list[IndikatorReport]) -> None:
        self._reset(reports)

    def data(self, index, role=DISPLAY):
        rep = self.row_at(index)
        if rep is None:
            return None
        ind, res, col = rep.indikator, rep.result, index.column()
        if role == DISPLAY:
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
        if role == TOOLTIP:
            if col == 2 and res.value is None:
                return res.reason
            if col == 4 and not rep.capaian.computable:
                return rep.capaian.reason
        if role == FOREGROUND and col == 4 and rep.band is not None:
            return QColor(BAND_COLOURS[rep.band])
        if role == ALIGNMENT and col in (2, 3, 4):
            return RIGHT
        return None


class TrendGrid(QWidget):
    """A TrendChart per indikator, as many side by side as the width allows."""

    MIN_WIDTH = 300

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.charts: dict[int, TrendChart] = {}
        self._columns = 0

    def show_trends(self, reports, trend: dict[int, dict]) -> bool:
        """Draw each indikator's trend; whether any has something to draw."""
        numbers = [r.indikator.nomor for r in reports]
        if list(self.charts) != numbers:
            for chart in self.charts.values():
                chart.deleteLater()
            self.charts = {n: TrendChart(self) for n in numbers}
            self._columns = 0
            self._place()
        for rep in reports:
            ind = rep.indikator
            values = trend.get(ind.nomor, {})
            self.charts[ind.nomor].set_trend(f"{ind.nomor}. {ind.judul}",
                                             trend_points(values, values, ind.targets),
                                             ind.satuan)
        return not all(chart.empty for chart in self.charts.values())

    def _place(self) -> None:
        columns = max(1, min(len(self.charts), self.width() // self.MIN_WIDTH)) or 1
        if columns == self._columns:
            return
        self._columns = columns
        for chart in self.charts.values():
            self._grid.removeWidget(chart)
        for i, chart in enumerate(self.charts.values()):
            self._grid.addWidget(chart, i // columns, i % columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()


NO_TREND = f"{EMPTY}: grafik tren tampil setelah target diisi."
COMPUTING_TREND = "Menghitung tren periode…"


class SummaryTab(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold; color: #1f3b57;")
        lay.addWidget(self.heading)
        self.lock_mark = lock_label()
        lay.addWidget(self.lock_mark)
        self.first_run = FirstRunPanel()  # the next step, until register data exists
        lay.addWidget(self.first_run)
        self.model = SummaryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        for c in (0, 2, 3, 4):
            header.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        # wrapped rows follow their columns' widths (set once the window has its size):
        # once after a burst of section resizes (a layout resizes every column in turn)
        self._fit_later = QTimer(self, singleShot=True, interval=0)
        self._fit_later.timeout.connect(self._fit_rows)
        header.sectionResized.connect(lambda *_: self._fit_later.start())
        split = QSplitter(Qt.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        self.chart_area = below = QWidget()
        below_lay = QVBoxLayout(below)
        below_lay.setContentsMargins(0, 4, 0, 0)
        self.trend_heading = QLabel()
        self.trend_heading.setStyleSheet("font-weight: bold; color: #1f3b57;")
        below_lay.addWidget(self.trend_heading)
        self.no_trend = QLabel(NO_TREND)
        self.no_trend.setStyleSheet("color: #7a8793;")
        below_lay.addWidget(self.no_trend)
        self.trends = TrendGrid()
        self.trend_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(self.trends)
        below_lay.addWidget(scroll)
        split.addWidget(below)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        lay.addWidget(split, 1)
        lay.addStretch(0)  # under a table and a line held to their height: the rest empty

    def show_reports(self, year: int, reports, trend: dict[int, dict]) -> None:
        """``trend``: per indikator number, the realisasi of each year of the period (None
        where it cannot be computed)."""
        lock = next((r.dikunci for r in reports if r.dikunci is not None), None)
        self.heading.setText(f"Ringkasan Indikator Kinerja Utama tahun {year}"
                             + (" — dikunci" if lock else ""))
        show_lock(self.lock_mark, lock)
        self.model.set_reports(reports)
        # a hidden Ringkasan (an answer typed on another tab) fits its rows when shown
        if self.isVisible():
            self._fit_rows()
        else:
            self._rows_stale = True
        years = sorted({y for values in trend.values() for y in values})
        self.trend_heading.setText(f"Tren periode {years[0]}–{years[-1]}: target dan realisasi"
                                   if years else "Tren periode")
        drawn = self.trends.show_trends(reports, trend)
        self.trend_scroll.setVisible(drawn)  # nothing to draw: one line instead of the charts
        # no trend at all yet: it is being computed (after the first paint, in the
        # background), which is not the same as a period without figures
        self.no_trend.setText(NO_TREND if trend else COMPUTING_TREND)
        self.no_trend.setVisible(not drawn)
        self.chart_area.setMaximumHeight(QWIDGETSIZE_MAX if drawn else
                                         self.chart_area.minimumSizeHint().height())
        self.first_run.update_state(year)

    _rows_stale = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._rows_stale:
            self._fit_rows()

    def _fit_rows(self) -> None:
        if not self.isVisible():
            self._rows_stale = True
            return
        self._rows_stale = False
        self.table.resizeRowsToContents()
        fit_rows(self.table)


def fit_rows(table: QTableView, most: int = 8) -> None:
    """The table as tall as its rows (up to ``most`` of them, then it scrolls): never
    squeezed to a strip by what is around it, nor padded with empty space."""
    rows = min(table.model().rowCount(), most)
    table.setFixedHeight(table.horizontalHeader().height() + 2 * table.frameWidth()
                         + sum(table.rowHeight(r) for r in range(rows)))
