"""The Ringkasan of a new database at 1366×768: the Mulai guide, then the table with every
row in full (no scrolling), and — while the period has neither a target nor a realisasi —
one line saying so instead of four empty charts; the charts come with the first target."""

import threading
from decimal import Decimal

import pytest

from iku_desktop.services import editing
from iku_desktop.store import models as m
from ui import tasks
from ui.main_window import MainWindow


def _shown(qtbot, w) -> None:
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(20)


def _rows_in_full(table) -> bool:
    rows = table.model().rowCount()
    needed = sum(table.rowHeight(r) for r in range(rows))
    return rows > 0 and table.viewport().height() >= needed and \
        not table.verticalScrollBar().isVisible()


def test_a_new_database_shows_every_row_and_no_empty_charts(qtbot, db_path):
    w = MainWindow(db_path, year=2024)
    qtbot.addWidget(w)
    _shown(qtbot, w)
    summary = w.summary
    assert summary.first_run.isVisible()
    assert _rows_in_full(summary.table)
    assert not any(c.isVisible() for c in summary.trends.charts.values())
    assert summary.no_trend.isVisible()
    # the trends come after the first paint: once computed, the line says there are none
    qtbot.waitUntil(lambda: "Belum ada target maupun realisasi" in summary.no_trend.text())
    assert summary.chart_area.height() < 80  # a line, not the rest of the window

    w.push_change(editing.prepare_year_value(
        "target", m.Indikator.get(m.Indikator.urutan == 1).id, 2024, "20"))
    qtbot.waitUntil(lambda: not summary.no_trend.isVisible())
    assert not summary.no_trend.isVisible()
    charts = summary.trends.charts
    assert all(c.isVisible() and c.height() >= 170 for c in charts.values())
    assert charts[1].points[3].target == Decimal("20")
    assert _rows_in_full(summary.table)  # the table still holds its rows


@pytest.mark.background
def test_while_the_trends_are_computed_it_says_so_not_that_there_are_none(qtbot, db_path,
                                                                          monkeypatch):
    """The trends come after the first paint, from a worker: until then the line under
    the table says they are being computed — never that the period has no figures."""
    from ui import summary_wiring

    gate, real = threading.Event(), summary_wiring.trends

    def held(doc):
        if threading.current_thread() is not threading.main_thread():
            gate.wait(10)
        return real(doc)

    monkeypatch.setattr(summary_wiring, "trends", held)
    w = MainWindow(db_path, year=2024)
    qtbot.addWidget(w)
    try:
        _shown(qtbot, w)
        summary = w.summary
        assert summary.no_trend.isVisible()
        assert "Menghitung tren" in summary.no_trend.text()
        assert "Belum ada" not in summary.no_trend.text()
    finally:
        gate.set()
    tasks.wait()
    qtbot.waitUntil(lambda: "Belum ada" in w.summary.no_trend.text())  # computed: none
    assert w.summary.no_trend.isVisible()
