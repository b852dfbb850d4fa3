"""Registers load in the background as in the app (marked ``background``: the worker
threads run): the previous rows stay shown with a busy mark while a query is held, a newer
query supersedes an older one, an IKM answer shows at once, and a register on a hidden tab
loads only when it is shown. Queries are held by a gate (a threading.Event) that the test
opens; a query that runs on the GUI thread cannot be held and fails."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from iku_desktop.services import editing, printouts, registers
from iku_desktop.store import models as m
from ui.ikm_panel import FIRST_UNSUR
from ui.main_window import MainWindow
from tests.ui.showing import click_tab, show_register

pytestmark = pytest.mark.background
GUI = threading.main_thread()


class Gate:
    """Wraps a query so that its calls wait until ``open()``; a call on the GUI thread
    fails (it would freeze the window)."""

    def __init__(self, monkeypatch, module, name: str) -> None:
        self.original = getattr(module, name)
        self.event = threading.Event()
        self.calls: list[tuple] = []
        self.closed = True
        monkeypatch.setattr(module, name, self)

    def __call__(self, *args):
        assert threading.current_thread() is not GUI, "a register query on the GUI thread"
        self.calls.append(args)
        if self.closed:
            assert self.event.wait(10), "the gate was never opened"
        return self.original(*args)

    def open(self) -> None:
        self.closed = False
        self.event.set()


def _window(qtbot, db_path, year=2022) -> MainWindow:
    w = MainWindow(db_path, year=year)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    return w


def _busy(panel, name: str = "loader") -> bool:
    loader = getattr(panel, name, None)
    return loader is not None and loader.busy


def _loaded(qtbot, panel, name: str = "loader") -> None:
    qtbot.waitUntil(lambda: not _busy(panel, name), timeout=10000)


def _names(panel, n: int, column: int = 0) -> list[str]:
    return [panel.model.data(panel.model.index(r, column)) for r in range(n)]



def _answer(panel, key):
    """Click U1 of the first respondent and type ``key``; the grid and that cell."""
    grid = panel.grid
    cell = panel.responses.index(0, FIRST_UNSUR)
    QTest.mouseClick(grid.viewport(), Qt.LeftButton, Qt.NoModifier,
                     grid.visualRect(cell).center())
    QTest.keyClick(grid, key)
    return grid, cell

def _three_usaha(qtbot, db_path):
    """The window with Bakso, Apotek and Cendol in the usaha register, shown and loaded."""
    w = _window(qtbot, db_path)
    for name in ("Bakso", "Apotek", "Cendol"):
        w.push_change(editing.prepare_usaha(name, "P", "Kota Jambi", "02/02/2022"))
    usaha = show_register(w, w.sasaran_tabs[1].panels[2].records[0])
    _loaded(qtbot, usaha)
    return w, usaha


def test_sort_by_header_keeps_the_rows_marked_busy_until_the_new_order(qtbot, db_path,
                                                                       monkeypatch):
    _, usaha = _three_usaha(qtbot, db_path)
    assert _names(usaha, 3) == ["Apotek", "Bakso", "Cendol"]
    assert usaha.count.text() == "3 usaha"
    gate = Gate(monkeypatch, registers, "usaha_ids")
    header = usaha.table.horizontalHeader()
    QTest.mouseClick(header.viewport(), Qt.LeftButton, Qt.NoModifier,
                     QPoint(header.sectionViewportPosition(0) + 10, header.height() // 2))
    qtbot.waitUntil(lambda: len(gate.calls) == 1, timeout=5000)
    # the query is held: the previous rows stay, marked
    assert _names(usaha, 3) == ["Apotek", "Bakso", "Cendol"]
    assert usaha.count.text() == "3 usaha — memuat…"
    assert _busy(usaha)
    gate.open()
    _loaded(qtbot, usaha)
    assert _names(usaha, 3) == ["Cendol", "Bakso", "Apotek"]
    assert usaha.count.text() == "3 usaha"


def test_a_search_typed_twice_shows_only_the_last_result(qtbot, db_path, monkeypatch):
    db_kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    w = _window(qtbot, db_path)
    for n, name in enumerate(("KSP Maju", "KSP Makmur", "KUD Tani")):
        m.Koperasi.create(nomor_badan_hukum=f"{n}/BH", nama=name, kabupaten_id=db_kab,
                          jenis="jasa", tanggal_badan_hukum=date(2010, 1, 1))
    panel = show_register(w, w.sasaran_tabs[0].panels[1].records[0])
    _loaded(qtbot, panel)
    assert panel.count.text() == "3 koperasi"
    gate = Gate(monkeypatch, registers, "koperasi_ids")
    QTest.keyClicks(panel.search, "K")
    qtbot.waitUntil(lambda: len(gate.calls) == 1, timeout=5000)  # "K": held
    QTest.keyClicks(panel.search, "SP Mak")  # waits for the held one, then runs
    gate.open()  # the older query ends: its result is dropped
    qtbot.waitUntil(lambda: panel.count.text() == "1 koperasi", timeout=5000)
    from ui import tasks

    tasks.wait()
    assert len(gate.calls) == 2  # the held query and the last one; none in between
    assert panel.count.text() == "1 koperasi"
    assert panel.model.rowCount() == 1 and _names(panel, 1, 1) == ["KSP Makmur"]


def test_an_ikm_answer_shows_at_once_and_the_summary_follows(qtbot, db_path, monkeypatch):
    w = _window(qtbot, db_path)
    w.push_change(editing.prepare_survey("SKM 2022", 2022, "100"))
    survey = m.IkmSurvei.get().id
    for _ in range(3):
        w.push_change(editing.prepare_response(survey))
    panel = show_register(w, w.sasaran_tabs[2].panels[4].records[0])
    _loaded(qtbot, panel)
    _loaded(qtbot, panel, "summary_loader")
    assert "U1 –" in panel.summary.text()
    line = Gate(monkeypatch, printouts, "snapshot_ikm")
    grid, cell = _answer(panel, Qt.Key_3)
    qtbot.waitUntil(lambda: len(line.calls) == 1, timeout=5000)
    # the row shows the answer at once, while the NRR/IKM line is held
    assert panel.responses.data(cell) == "3"
    assert grid.currentIndex().column() == FIRST_UNSUR + 1
    assert _busy(panel, "summary_loader") and "U1 –" in panel.summary.text()
    line.open()
    _loaded(qtbot, panel)
    _loaded(qtbot, panel, "summary_loader")
    assert "U1 3,000" in panel.summary.text()
    assert panel.responses.data(cell) == "3" and grid.currentIndex().row() == 0
    assert m.IkmRespon.get_by_id(panel.responses.id_at(0)).u1 == 3


def test_a_hidden_register_loads_when_its_tab_is_shown(qtbot, db_path, monkeypatch):
    w = _window(qtbot, db_path, year=2023)
    w.show()
    QTest.qWaitForWindowExposed(w)
    panel = w.sasaran_tabs[0].panels[1].records[0]
    assert not panel.isVisible()
    calls = Gate(monkeypatch, registers, "koperasi_ids")
    calls.open()
    QTest.keyClick(w.year_box, Qt.Key_Up)  # another year while the register is hidden
    qtbot.waitUntil(lambda: w.year == 2022, timeout=10000)
    from ui import tasks

    tasks.wait()
    assert calls.calls == []  # a hidden register does not load
    click_tab(w.tabs, w.sasaran_tabs[0])
    assert panel.isVisible()
    qtbot.waitUntil(lambda: len(calls.calls) == 1 and not _busy(panel), timeout=10000)
    assert panel.model.columns[5].header == "Kualitas 2022"
    assert panel.count.text() == "0 koperasi"


def test_a_new_order_keeps_the_column_widths_and_the_chosen_koperasi(qtbot, db_path):
    w = _window(qtbot, db_path)
    db_kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    for n, name in enumerate(("KSP Maju", "KSP Makmur", "KUD Tani")):
        m.Koperasi.create(nomor_badan_hukum=f"{n}/BH", nama=name, kabupaten_id=db_kab,
                          jenis="jasa", tanggal_badan_hukum=date(2010, 1, 1))
    panel = show_register(w, w.sasaran_tabs[0].panels[1].records[0])
    _loaded(qtbot, panel)
    qtbot.wait(50)  # the columns fitted to the first rows
    table, header = panel.table, panel.table.horizontalHeader()
    QTest.mouseClick(table.viewport(), Qt.LeftButton, Qt.NoModifier,
                     table.visualRect(panel.model.index(0, 1)).center())
    assert panel.selected_id == m.Koperasi.get(m.Koperasi.nama == "KSP Maju").id
    header.resizeSection(1, 333)  # as the user drags it
    QTest.mouseClick(header.viewport(), Qt.LeftButton, Qt.NoModifier,
                     QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2))
    _loaded(qtbot, panel)
    qtbot.wait(50)  # the column fit's timer, had the rows been reset
    assert _names(panel, 3, 1) == ["KUD Tani", "KSP Makmur", "KSP Maju"]
    assert header.sectionSize(1) == 333
    assert table.currentIndex().row() == 2  # KSP Maju, still chosen, moved with its row
    assert panel.selected_id == m.Koperasi.get(m.Koperasi.nama == "KSP Maju").id
    assert panel.detail_title.text() == "Tahun buku: KSP Maju"


def test_a_failed_load_keeps_the_rows_and_says_so(qtbot, db_path, monkeypatch):
    w = _window(qtbot, db_path)
    for name in ("Bakso", "Apotek"):
        w.push_change(editing.prepare_usaha(name, "P", "Kota Jambi", "02/02/2022"))
    usaha = show_register(w, w.sasaran_tabs[1].panels[2].records[0])
    _loaded(qtbot, usaha)

    def broken(_filter):
        raise OSError("disk I/O error")

    monkeypatch.setattr(registers, "usaha_ids", broken)
    QTest.keyClicks(usaha.search, "Ba")
    qtbot.waitUntil(lambda: "Gagal memuat register" in usaha.message.text(), timeout=5000)
    assert not _busy(usaha) and usaha.count.text() == "2 usaha"
    assert _names(usaha, 2) == ["Apotek", "Bakso"]


def _click_header(table, column: int) -> None:
    header = table.horizontalHeader()
    QTest.mouseClick(header.viewport(), Qt.LeftButton, Qt.NoModifier,
                     QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2))


def test_quick_clicks_on_a_header_query_only_the_running_and_the_last_order(qtbot, db_path,
                                                                            monkeypatch):
    _, usaha = _three_usaha(qtbot, db_path)
    gate = Gate(monkeypatch, registers, "usaha_ids")
    _click_header(usaha.table, 0)  # descending: held in its worker
    qtbot.waitUntil(lambda: len(gate.calls) == 1, timeout=5000)
    for _ in range(3):  # ascending, descending, ascending: superseded but the last
        _click_header(usaha.table, 0)
    gate.open()
    _loaded(qtbot, usaha)
    from ui import tasks

    tasks.wait()
    assert len(gate.calls) == 2  # the held query and the last one
    assert _names(usaha, 3) == ["Apotek", "Bakso", "Cendol"]
    assert usaha.count.text() == "3 usaha" and not _busy(usaha)


def test_a_failed_load_says_why_in_indonesian_until_a_later_load_succeeds(qtbot, db_path,
                                                                          monkeypatch):
    w = _window(qtbot, db_path)
    for name in ("Bakso", "Apotek"):
        w.push_change(editing.prepare_usaha(name, "P", "Kota Jambi", "02/02/2022"))
    usaha = show_register(w, w.sasaran_tabs[1].panels[2].records[0])
    _loaded(qtbot, usaha)
    original, locked = registers.usaha_ids, [True]

    def sometimes_locked(f):
        if locked[0]:
            raise sqlite3.OperationalError("database is locked")
        return original(f)

    monkeypatch.setattr(registers, "usaha_ids", sometimes_locked)
    QTest.keyClick(usaha.search, Qt.Key_B)
    qtbot.waitUntil(lambda: "Gagal memuat register" in usaha.message.text(), timeout=5000)
    assert "basis data sedang dipakai program lain" in usaha.message.text()
    assert "database is locked" not in usaha.message.text()
    locked[0] = False  # the other program is done
    QTest.keyClick(usaha.search, Qt.Key_A)
    qtbot.waitUntil(lambda: usaha.count.text() == "1 usaha", timeout=5000)
    from ui import tasks

    tasks.wait()
    assert _names(usaha, 1) == ["Bakso"]
    assert usaha.message.text() == ""


def test_a_year_without_a_survey_drops_the_late_summary_of_the_year_before(qtbot, db_path,
                                                                           monkeypatch):
    w = _window(qtbot, db_path)  # 2022 has a survey, 2023 none
    w.push_change(editing.prepare_survey("SKM 2022", 2022, "100"))
    w.push_change(editing.prepare_response(m.IkmSurvei.get().id))
    panel = show_register(w, w.sasaran_tabs[2].panels[4].records[0])
    _loaded(qtbot, panel)
    _loaded(qtbot, panel, "summary_loader")
    assert "U1 –" in panel.summary.text()
    gate = Gate(monkeypatch, printouts, "snapshot_ikm")
    grid, cell = _answer(panel, Qt.Key_3)  # the NRR/IKM line of 2022 again: held
    qtbot.waitUntil(lambda: len(gate.calls) == 1, timeout=5000)
    w.year_box.setFocus()
    QTest.keyClick(w.year_box, Qt.Key_Down)
    qtbot.waitUntil(lambda: w.year == 2023, timeout=10000)
    qtbot.waitUntil(lambda: panel.grid_title.text().startswith("Pilih atau tambah survei"),
                    timeout=10000)
    assert panel.summary.text() == ""
    gate.open()  # 2022's line arrives late
    from ui import tasks

    tasks.wait()
    assert panel.summary.text() == "" and not _busy(panel, "summary_loader")
