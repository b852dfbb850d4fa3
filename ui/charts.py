"""Charts drawn with QPainter (no chart library: docs/CHARTS.md says why).

``TrendChart``: an indikator over the Renstra period, target beside realisasi for each year,
the year under each pair; ``KabupatenChart``: a horizontal bar per kabupaten/kota. A gap
(a value None) is drawn as "–" in the bar's place, never as a bar of 0. What is drawn is
``domain.charts`` data, the same the Laporan Capaian PDF draws.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from iku_desktop.domain.charts import Bar, TrendPoint, axis_top, value_label
from iku_desktop.domain.formatting import DASH, format_figure

REALISASI = QColor("#1f5f8b")
TARGET = QColor("#b9c9d8")
GRID = QColor("#e1e6eb")
TEXT = QColor("#33414e")
MUTED = QColor("#7a8793")
EMPTY = "Belum ada target maupun realisasi pada periode ini"


def _small(font: QFont, delta: float = -1) -> QFont:
    f = QFont(font)
    f.setPointSizeF(max(6.0, f.pointSizeF() + delta))
    return f


class TrendChart(QWidget):
    """Target and realisasi of one indikator, year by year."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = ""
        self.satuan = ""
        self.points: tuple[TrendPoint, ...] = ()
        self.setMinimumSize(240, 170)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(320, 210)

    def set_trend(self, title: str, points: tuple[TrendPoint, ...], satuan: str = "") -> None:
        self.title, self.points, self.satuan = title, tuple(points), satuan
        self.setAccessibleName(f"Grafik tren {title}")
        self.update()

    @property
    def empty(self) -> bool:
        """Whether no year has a target or a realisasi (nothing to draw)."""
        return all(p.realisasi is None and p.target is None for p in self.points)

    def year_labels(self) -> list[str]:
        """The labels under the bars, left to right."""
        return [p.label for p in self.points]

    # ---------------------------------------------------------------- geometry
    def _plot(self) -> QRectF:
        fm = QFontMetrics(self.font())
        top = fm.height() * 2 + 10  # title and legend
        left = QFontMetrics(_small(self.font())).horizontalAdvance("100,0") + 8
        return QRectF(left, top + fm.height(), max(1, self.width() - left - 6),
                      max(1, self.height() - top - fm.height() * 2 - 8))

    def year_rect(self, index: int) -> QRectF:
        """The column of the ``index``-th year (its bars and label)."""
        plot = self._plot()
        w = plot.width() / max(1, len(self.points))
        return QRectF(plot.left() + index * w, plot.top(), w, self.height() - plot.top())

    def _bar_rects(self, index: int, top: Decimal) -> tuple[QRectF | None, QRectF | None]:
        """(target, realisasi) bar rectangles of a year; None for a gap."""
        plot = self._plot()
        col = self.year_rect(index)
        bar_w = min(col.width() * 0.34, 28.0)
        gap = 2.0
        mid = col.center().x()
        out = []
        for value, x in ((self.points[index].target, mid - bar_w - gap / 2),
                         (self.points[index].realisasi, mid + gap / 2)):
            if value is None:
                out.append(None)
                continue
            h = float(min(value, top) / top) * plot.height() if value > 0 else 0.0
            out.append(QRectF(x, plot.bottom() - h, bar_w, h))
        return out[0], out[1]

    # ---------------------------------------------------------------- drawing
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), Qt.white)
        fm = QFontMetrics(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(TEXT)
        p.drawText(QRectF(4, 2, self.width() - 8, fm.height()), Qt.AlignLeft | Qt.AlignVCenter,
                   QFontMetrics(bold).elidedText(self.title, Qt.ElideRight, self.width() - 8))
        small = _small(self.font())
        p.setFont(small)
        self._legend(p, fm.height() + 6)
        if not self.points:
            return
        plot = self._plot()
        values = [v for pt in self.points for v in (pt.realisasi, pt.target) if v is not None]
        top = axis_top(values)
        if not values:  # nothing to scale: say so instead of an empty axis
            p.setPen(MUTED)
            p.drawText(plot, Qt.AlignCenter | Qt.TextWordWrap, EMPTY)
        for frac in (0, 0.5, 1) if values else (0,):  # value grid with its labels
            y = plot.bottom() - frac * plot.height()
            p.setPen(QPen(GRID, 1))
            p.drawLine(plot.left(), y, plot.right(), y)
            p.setPen(MUTED)
            p.drawText(QRectF(0, y - 8, plot.left() - 4, 16), Qt.AlignRight | Qt.AlignVCenter,
                       value_label(top * Decimal(str(frac))).removesuffix(",00"))
        sfm = QFontMetrics(small)
        for i, pt in enumerate(self.points):
            col = self.year_rect(i)
            target_rect, real_rect = self._bar_rects(i, top)
            both = sfm.horizontalAdvance("00,00") * 2 + 4 <= col.width()
            for rect, value, colour, centre, shown in (
                    (target_rect, pt.target, TARGET, col.center().x() - col.width() * 0.17, both),
                    (real_rect, pt.realisasi, REALISASI, col.center().x() + col.width() * 0.17,
                     True)):
                if rect is not None:
                    p.fillRect(rect, colour)
                    if shown:
                        p.setPen(TEXT if colour == REALISASI else MUTED)
                        p.drawText(QRectF(centre - col.width() / 2, rect.top() - sfm.height() - 1,
                                          col.width(), sfm.height()), Qt.AlignCenter,
                                   value_label(value))
                elif shown or colour == REALISASI:  # a gap: "–" where the bar would stand
                    p.setPen(TEXT)
                    p.setFont(self.font())
                    p.drawText(QRectF(centre - 20, plot.bottom() - fm.height() - 1, 40,
                                      fm.height()), Qt.AlignCenter, DASH)
                    p.setFont(small)
            p.setFont(self.font())
            p.setPen(TEXT)
            p.drawText(QRectF(col.left(), plot.bottom() + 2, col.width(), fm.height()),
                       Qt.AlignCenter, pt.label)
            p.setFont(small)
        p.end()

    def _legend(self, p: QPainter, y: float) -> None:
        x = 6.0
        fm = QFontMetrics(p.font())
        for colour, text in ((TARGET, "Target"), (REALISASI, "Realisasi")):
            p.fillRect(QRectF(x, y + 2, 10, 10), colour)
            p.setPen(TEXT)
            p.drawText(QRectF(x + 14, y, fm.horizontalAdvance(text) + 4, 14),
                       Qt.AlignLeft | Qt.AlignVCenter, text)
            x += 14 + fm.horizontalAdvance(text) + 14

    def mouseMoveEvent(self, event) -> None:
        for i, pt in enumerate(self.points):
            if self.year_rect(i).contains(event.position()):
                QToolTip.showText(event.globalPosition().toPoint(),
                                  f"{pt.label}: realisasi {format_figure(pt.realisasi, self.satuan)}"
                                  f", target {format_figure(pt.target, self.satuan)}", self)
                return
        QToolTip.hideText()


class KabupatenChart(QWidget):
    """A horizontal bar per kabupaten/kota, its figure at the bar's end ("–" for a gap)."""

    ROW = 17

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = ""
        self.bars: tuple[Bar, ...] = ()
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def set_bars(self, title: str, bars: tuple[Bar, ...]) -> None:
        self.title, self.bars = title, tuple(bars)
        self.setAccessibleName(f"Grafik {title}")
        self.setFixedHeight(self._row_top() + self.ROW * len(self.bars) + 4)
        self.update()

    def bar_labels(self) -> list[str]:
        return [b.label for b in self.bars]

    def sizeHint(self) -> QSize:
        return QSize(360, self._row_top() + self.ROW * len(self.bars) + 4)

    def _row_top(self) -> int:
        return QFontMetrics(self.font()).height() + 6

    def _label_width(self) -> int:
        fm = QFontMetrics(_small(self.font()))
        return min(max((fm.horizontalAdvance(b.label) for b in self.bars), default=0) + 8,
                   self.width() // 2)

    def bar_rect(self, index: int) -> QRectF | None:
        """The bar of the ``index``-th kabupaten; None for a gap."""
        value = self.bars[index].value
        if value is None:
            return None
        left = self._label_width()
        room = self.width() - left - QFontMetrics(_small(self.font())).horizontalAdvance(
            "100,00") - 10
        top = axis_top([b.value for b in self.bars])
        w = float(min(value, top) / top) * max(1, room) if value > 0 else 0.0
        return QRectF(left, self._row_top() + index * self.ROW + 3, w, self.ROW - 6)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.white)
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(TEXT)
        p.drawText(QRectF(4, 0, self.width() - 8, self._row_top()), Qt.AlignLeft | Qt.AlignVCenter,
                   QFontMetrics(bold).elidedText(self.title, Qt.ElideRight, self.width() - 8))
        small = _small(self.font())
        p.setFont(small)
        fm = QFontMetrics(small)
        left = self._label_width()
        for i, bar in enumerate(self.bars):
            y = self._row_top() + i * self.ROW
            p.setPen(TEXT)
            p.drawText(QRectF(2, y, left - 6, self.ROW), Qt.AlignRight | Qt.AlignVCenter,
                       fm.elidedText(bar.label, Qt.ElideRight, left - 6))
            rect = self.bar_rect(i)
            end = left
            if rect is not None:
                p.fillRect(rect, REALISASI)
                end = rect.right()
            p.setPen(TEXT if rect is not None else MUTED)
            p.drawText(QRectF(end + 4, y, 60, self.ROW), Qt.AlignLeft | Qt.AlignVCenter,
                       value_label(bar.value))
        p.end()
