"""Another year in the year box, with real key events: its figures are computed in the
background while the year before stays on screen under a busy mark; a newer year
supersedes an older one; an edit made meanwhile is not overwritten by a stale result.

The background computation is held at a gate (a ``threading.Event``) inside
``frozen_year.as_shown``, which every computation of a year's figures goes through."""

import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from iku_desktop.services import editing, frozen_year, indicators
from tests.conftest import koperasi_2022_only
from ui import tasks, year_figures
from ui.main_window import MainWindow
from ui.summary_tab import SummaryModel
from ui.target_tab import FIRST_YEAR


class Gate:
    """Holds the first background computation of ``year`` until ``release()``."""

    def __init__(self, monkeypatch, year: int) -> None:
        self.year, self.event, self.held = year, threading.Event(), threading.Event()
        real = frozen_year.as_shown

        def as_shown(reports, y):
            if (y == self.year and threading.current_thread() is not threading.main_thread()
                    and not self.held.is_set()):
                self.held.set()
                self.event.wait(10)
            return real(reports, y)

        monkeypatch.setattr(frozen_year, "as_shown", as_shown)

    def release(self) -> None:
        self.event.set()


@pytest.fixture
def window(qtbot, db_path, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", False)
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    koperasi_2022_only()
    w.refresh()
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    tasks.wait()
    yield w


def busy_mark(w) -> QLabel | None:
    mark = w.findChild(QLabel, "year_busy")
    return mark if mark is not None and mark.isVisible() else None


def next_year(w) -> None:
    w.year_box.setFocus()
    QTest.keyClick(w.year_box, Qt.Key_Down)


def figures(w):
    """(Ringkasan's heading, IKU 1's realisasi and target on its card)."""
    card = w.sasaran_tabs[0].panels[1].card
    return w.summary.heading.text(), card.value.text(), card.target.text()


def test_the_year_before_stays_under_a_busy_mark_until_the_new_one_is_ready(window, qtbot,
                                                                            monkeypatch):
    gate = Gate(monkeypatch, 2023)
    before = figures(window)
    assert before[0].endswith("tahun 2022") and before[1] == "100,00%"
    assert busy_mark(window) is None
    next_year(window)
    assert window.year == 2023
    qtbot.waitUntil(gate.held.is_set)
    QTest.qWait(20)  # the GUI thread is free meanwhile: its events run
    assert figures(window) == before  # 2022's figures still shown
    assert busy_mark(window) is not None and busy_mark(window).text() == "Menghitung 2023…"
    gate.release()
    tasks.wait()
    heading, value, _ = figures(window)
    assert heading.endswith("tahun 2023") and value == "–"
    assert "Belum ada data tahun buku 2023" in window.sasaran_tabs[0].panels[1].card.counts.text()
    assert busy_mark(window) is None


def test_two_quick_year_changes_show_only_the_last(window, qtbot, monkeypatch):
    gate = Gate(monkeypatch, 2023)
    next_year(window)  # 2023: held
    qtbot.waitUntil(gate.held.is_set)
    next_year(window)  # 2024: computed while 2023 is still held
    assert window.year == 2024
    qtbot.waitUntil(lambda: figures(window)[0].endswith("tahun 2024"))
    assert busy_mark(window) is None
    gate.release()  # 2023's result arrives late: dropped
    tasks.wait()
    QTest.qWait(20)
    assert figures(window)[0].endswith("tahun 2024")
    assert "Belum ada data tahun buku 2024" in window.sasaran_tabs[0].panels[1].card.counts.text()


def test_an_edit_while_a_stale_computation_runs_is_kept(window, qtbot, monkeypatch):
    gate = Gate(monkeypatch, 2023)
    next_year(window)  # 2023: held, computed from the targets before the edit
    qtbot.waitUntil(gate.held.is_set)
    assert window.doc.semua_indikator[0].targets.get(2023) != 77
    # the 2023 target of IKU 1 typed in the Target tab meanwhile
    window.tabs.setCurrentWidget(window.target_tab)
    table = window.target_tab.table
    model = table.model()
    table.setFocus()
    table.setCurrentIndex(model.index(0, FIRST_YEAR + model.years.index(2023)))
    for ch in "77":
        QTest.keyClick(QApplication.focusWidget(), ch)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    QTest.qWait(10)
    assert model.data(model.index(0, FIRST_YEAR + model.years.index(2023))) == "77,00"
    # computed again from the data as written, shown while the stale one is still held
    qtbot.waitUntil(lambda: figures(window)[0].endswith("tahun 2023"))
    assert figures(window)[2] == "77,00%"
    gate.release()  # the stale result (target before the edit) arrives: dropped
    tasks.wait()
    QTest.qWait(20)
    assert figures(window)[2] == "77,00%"
    assert window.summary.model.data(window.summary.model.index(0, 3)) == "77,00%"
    assert busy_mark(window) is None


def test_years_passed_over_while_the_workers_are_busy_are_not_computed(window, qtbot,
                                                                        monkeypatch):
    """Key repeat on the year box outpaces the workers: the years it passes over, still
    waiting for a worker when a newer year is asked for, are never computed."""
    computed = []
    real = indicators.compute_indikator

    def counting(indikator, year, *args):
        if threading.current_thread() is not threading.main_thread():
            computed.append(year)
        return real(indikator, year, *args)

    monkeypatch.setattr(indicators, "compute_indikator", counting)
    gate = Gate(monkeypatch, 2023)
    next_year(window)  # 2023: computing, held
    qtbot.waitUntil(gate.held.is_set)
    for _ in range(tasks.WORKERS - 1):  # the other workers busy (another long job)
        tasks.run(lambda: gate.event.wait(10), lambda _: None, lambda _: None)
    years = list(window.doc.tahun)
    while window.year != years[-1]:
        next_year(window)  # each waits for a worker
    assert years.index(window.year) - years.index(2023) >= 2
    gate.release()
    tasks.wait()
    QTest.qWait(20)
    assert sorted(set(computed)) == [2023, years[-1]]
    assert computed.count(2023) == computed.count(years[-1]) == len(window.reports)
    assert figures(window)[0].endswith(f"tahun {years[-1]}")
    assert busy_mark(window) is None


def summary_rows(model) -> list:
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_a_failed_year_goes_back_to_the_year_shown_and_an_edit_keeps_one_year(window,
                                                                            monkeypatch):
    real = year_figures.reports_of
    fail = {2023: True}

    def flaky(doc, year, *args):
        if fail.pop(year, False):
            raise sqlite3.OperationalError("disk I/O error")
        return real(doc, year, *args)

    monkeypatch.setattr(year_figures, "reports_of", flaky)
    next_year(window)  # 2023: fails
    tasks.wait()
    QTest.qWait(20)
    assert window.year_box.currentText() == "2022" and window.year == 2022
    assert window.statusBar().currentMessage() == \
        "Angka tahun 2023 gagal dihitung: disk I/O error"
    assert busy_mark(window) is None
    assert figures(window)[0].endswith("tahun 2022")
    # an edit afterwards (a usaha kecil of 2023, IKU 2): the figures stay 2022's
    assert window.push_change(editing.prepare_usaha("Warung Uji", "Pemilik", "Kota Jambi",
                                                    "02/02/2023"))
    tasks.wait()
    QTest.qWait(20)
    fresh = SummaryModel()
    fresh.set_reports(real(window.doc, 2022))
    assert window.summary.heading.text().endswith("tahun 2022")
    assert summary_rows(window.summary.model) == summary_rows(fresh)
    # the year box works again: 2023 computed this time
    next_year(window)
    tasks.wait()
    assert figures(window)[0].endswith("tahun 2023")


def test_a_year_superseded_while_computing_stops_at_the_next_indikator(window, qtbot,
                                                                       monkeypatch):
    computed, held, event = [], threading.Event(), threading.Event()
    real = indicators.compute_indikator

    def counting(indikator, year, *args):
        if threading.current_thread() is not threading.main_thread():
            computed.append(year)
            if year == 2023 and not held.is_set():
                held.set()
                event.wait(10)  # 2023's first indikator: held
        return real(indikator, year, *args)

    monkeypatch.setattr(indicators, "compute_indikator", counting)
    next_year(window)  # 2023
    qtbot.waitUntil(held.is_set)
    next_year(window)  # 2024
    qtbot.waitUntil(lambda: figures(window)[0].endswith("tahun 2024"))
    event.set()
    tasks.wait()
    QTest.qWait(20)
    assert computed.count(2023) == 1 < len(window.reports)
    assert figures(window)[0].endswith("tahun 2024")
