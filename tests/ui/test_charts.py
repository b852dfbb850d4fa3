"""The charts of the Ringkasan and the cards: year labels, target beside realisasi, a year
without data drawn as a gap (no bar), never as 0."""

from decimal import Decimal

from iku_desktop.domain.charts import trend_points
from ui.charts import REALISASI, TARGET, TrendChart
from ui import tasks
from ui.main_window import MainWindow
from tests.conftest import koperasi_2022_only


def colour_pixels(widget, rect, colour) -> int:
    img = widget.grab().toImage()
    return sum(1 for x in range(int(rect.left()) + 1, int(rect.right()))
               for y in range(int(rect.top()), min(img.height(), int(rect.bottom())))
               if img.pixelColor(x, y) == colour)


def test_a_gap_has_no_bar_and_a_year_with_data_has_one(qtbot):
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(360, 220)
    chart.set_trend("1. Koperasi", trend_points(
        [2021, 2022, 2023], {2021: Decimal("18.91"), 2022: None, 2023: Decimal("0")},
        {2021: Decimal("20"), 2022: Decimal("21"), 2023: Decimal("22")}), "%")
    assert chart.year_labels() == ["2021", "2022", "2023"]
    assert colour_pixels(chart, chart.year_rect(0), REALISASI) > 100
    assert colour_pixels(chart, chart.year_rect(1), REALISASI) == 0  # gap
    assert colour_pixels(chart, chart.year_rect(1), TARGET) > 100  # the target still stands
    assert colour_pixels(chart, chart.year_rect(2), REALISASI) == 0  # a real 0: no height


def test_ringkasan_draws_the_period_with_gaps(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    koperasi_2022_only()
    w.refresh()
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    tasks.wait()  # the trends are computed in the background
    chart = w.summary.trends.charts[1]
    assert chart.year_labels() == [str(y) for y in range(2021, 2027)]
    assert [p.realisasi for p in chart.points] == [None, Decimal("100.00"), None, None, None,
                                                   None]
    assert "2021–2026" in w.summary.trend_heading.text()
    assert chart.isVisible() and chart.width() >= 240
    assert colour_pixels(chart, chart.year_rect(1), REALISASI) > 100  # 2022
    assert colour_pixels(chart, chart.year_rect(2), REALISASI) == 0  # 2023: no data, no bar


def test_the_card_of_iku_1_has_a_bar_per_kabupaten(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    koperasi_2022_only()
    w.refresh()
    w.resize(1366, 740)
    w.tabs.setCurrentWidget(w.sasaran_tabs[0])
    w.show()
    qtbot.waitExposed(w)
    bars = w.sasaran_tabs[0].panels[1].card.kabupaten
    assert bars.isVisible() and len(bars.bar_labels()) == 11
    assert "Kota Jambi" in bars.bar_labels() and "Kabupaten Kerinci" in bars.bar_labels()
    jambi = bars.bar_labels().index("Kota Jambi")
    assert bars.bars[jambi].value == Decimal("100.00")
    assert bars.bar_rect(jambi) is not None
    kerinci = bars.bar_labels().index("Kabupaten Kerinci")
    assert bars.bars[kerinci].value is None and bars.bar_rect(kerinci) is None  # a gap
    sakip = next(t for t in w.sasaran_tabs if 3 in t.panels)  # SAKIP: no kabupaten breakdown
    assert not sakip.panels[3].card.kabupaten.isVisibleTo(sakip)  # so no chart
