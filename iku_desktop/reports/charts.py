"""The charts of the printouts, drawn with reportlab's own charts (reportlab.graphics):
an indikator's trend over the period (target beside realisasi, the year under each pair)
and its realisasi per kabupaten/kota — the same ``domain.charts`` data the window draws.
A gap (None) has no bar and is marked "–", never drawn as 0.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from ..domain.charts import Bar, TrendPoint, axis_top, value_label
from ..domain.formatting import DASH

REALISASI = colors.HexColor("#1f5f8b")
TARGET = colors.HexColor("#b9c9d8")
TEXT = colors.HexColor("#33414e")


def _label(value) -> str:
    return value_label(value)


def _floats(values) -> tuple:
    """reportlab computes in floats; a gap stays None (no bar)."""
    return tuple(None if v is None else float(v) for v in values)


def _axis_label(value) -> str:
    return value_label(value).removesuffix(",00")


def trend_drawing(title: str, points: tuple[TrendPoint, ...], font: str, width: float,
                  height: float = 54 * mm) -> Drawing:
    """Grouped bars per year: target (light) beside realisasi (dark), each realisasi
    labelled "18,91"; a year without a figure gets no bar and a "–"."""
    d = Drawing(width, height)
    d.add(String(0, height - 9, title, fontName=font + "-Bold", fontSize=8.5, fillColor=TEXT))
    legend_y = height - 20
    x = 0.0
    for colour, text in ((TARGET, "Target"), (REALISASI, "Realisasi")):
        d.add(Rect(x, legend_y, 7, 7, fillColor=colour, strokeColor=None))
        d.add(String(x + 10, legend_y + 1, text, fontName=font, fontSize=7, fillColor=TEXT))
        x += 14 + len(text) * 4.2
    chart = VerticalBarChart()
    chart.x, chart.y = 22, 14
    chart.width, chart.height = width - 26, height - 14 - 34
    targets = [p.target for p in points]
    realisasi = [p.realisasi for p in points]
    chart.data = [_floats(targets), _floats(realisasi)]
    top = float(axis_top(targets + realisasi))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = top / 2
    chart.valueAxis.labelTextFormat = _axis_label
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, 7
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e1e6eb")
    chart.valueAxis.strokeColor = colors.HexColor("#e1e6eb")
    chart.categoryAxis.categoryNames = [p.label for p in points]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 7.5
    chart.categoryAxis.strokeColor = colors.HexColor("#9aa5b0")
    chart.bars[0].fillColor, chart.bars[1].fillColor = TARGET, REALISASI
    chart.bars.strokeColor = None
    chart.groupSpacing, chart.barSpacing = 6, 1
    chart.barLabelFormat = _label
    chart.barLabels.fontName, chart.barLabels.fontSize = font, 6.5
    chart.barLabels.nudge = 5
    chart.barLabels[0].visible = 0  # the target's value is in the table; realisasi labelled
    d.add(chart)
    step = chart.width / max(1, len(points))
    for i, p in enumerate(points):
        if p.realisasi is None:
            d.add(String(chart.x + step * (i + 0.5) + step * 0.18, chart.y + 2, DASH,
                         fontName=font, fontSize=8, fillColor=TEXT, textAnchor="middle"))
    return d


def kabupaten_drawing(title: str, bars: tuple[Bar, ...], font: str, width: float) -> Drawing:
    """A horizontal bar per kabupaten/kota (first on top), its figure at the bar's end;
    "–" and no bar for a kabupaten without a figure."""
    row = 4.2 * mm
    height = row * len(bars) + 16
    d = Drawing(width, height)
    d.add(String(0, height - 9, title, fontName=font + "-Bold", fontSize=8.5, fillColor=TEXT))
    chart = HorizontalBarChart()
    chart.x, chart.y = 44 * mm, 2
    chart.width, chart.height = width - chart.x - 14 * mm, row * len(bars)
    chart.data = [_floats(b.value for b in bars)]
    top = float(axis_top([b.value for b in bars]))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.visible = 0
    chart.categoryAxis.categoryNames = [b.label for b in bars]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 7
    chart.categoryAxis.labels.dx = -2
    chart.categoryAxis.strokeColor = colors.HexColor("#9aa5b0")
    chart.bars[0].fillColor = REALISASI
    chart.bars.strokeColor = None
    chart.barLabelFormat = _label
    chart.barLabels.fontName, chart.barLabels.fontSize = font, 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barSpacing, chart.groupSpacing = 0, 3
    d.add(chart)
    for i, b in enumerate(bars):
        if b.value is None:  # reversed: the first kabupaten on top
            y = chart.y + chart.height - row * (i + 0.5) - 2.5
            d.add(String(chart.x + 3, y, DASH, fontName=font, fontSize=8, fillColor=TEXT))
    return d
