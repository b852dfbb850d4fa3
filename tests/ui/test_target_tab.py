"""The Target tab with real key events: typing replaces a cell, Enter stores it and moves
down, Ctrl+Z undoes through the window's undo stack, a bad value is refused with its
message, and a locked year's column is read-only and marked "dikunci"."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from iku_desktop.services import editing, locking
from iku_desktop.store import models as m
from ui.main_window import MainWindow
from ui.target_tab import FIRST_YEAR


def _window(qtbot, db_path):
    w = MainWindow(db_path, year=2024)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.tabs.setCurrentWidget(w.target_tab)
    return w


@pytest.fixture
def window(qtbot, db_path):
    return _window(qtbot, db_path)


def _target(nomor: int, tahun: int):
    row = m.Target.get_or_none((m.Target.indikator == m.Indikator.get(
        m.Indikator.urutan == nomor).id) & (m.Target.tahun == tahun))
    return None if row is None or row.deleted else row.nilai


def type_text(text: str) -> None:
    """Keys as a keyboard sends them: each to the widget that has the focus then."""
    for ch in text:
        QTest.keyClick(QApplication.focusWidget(), ch)


def press(key, modifier=Qt.NoModifier) -> None:
    """A key on the focused widget; then the events it queued (an editor commits on
    Enter through a queued call) run."""
    QTest.keyClick(QApplication.focusWidget(), key, modifier)
    QTest.qWait(10)


def _go(table, row: int, year: int):
    model = table.model()
    table.setFocus()
    table.setCurrentIndex(model.index(row, FIRST_YEAR + model.years.index(year)))


def test_type_enter_and_undo(window, qtbot):
    tab = window.target_tab
    table = tab.table
    assert tab.model.rowCount() == 4 and tab.model.years == tuple(range(2021, 2027))
    _go(table, 0, 2024)
    type_text("20,5")
    press(Qt.Key_Return)
    assert _target(1, 2024) == Decimal("20.5")
    assert table.currentIndex().row() == 1  # moved down
    assert tab.model.data(tab.model.index(0, FIRST_YEAR + 3)) == "20,50"
    # the year shown: the Ringkasan and the card follow
    assert window.reports[0].target == Decimal("20.5")
    # typing replaces what was there
    _go(table, 0, 2024)
    type_text("21")
    press(Qt.Key_Return)
    assert _target(1, 2024) == Decimal("21")
    # Ctrl+Z in the grid: the window's undo
    press(Qt.Key_Z, Qt.ControlModifier)
    assert _target(1, 2024) == Decimal("20.5")
    assert tab.model.data(tab.model.index(0, FIRST_YEAR + 3)) == "20,50"
    press(Qt.Key_Z, Qt.ControlModifier)
    assert _target(1, 2024) is None
    assert tab.model.data(tab.model.index(0, FIRST_YEAR + 3)) == "–"
    assert window.reports[0].target is None


def test_tab_moves_right_and_delete_removes(window):
    table = window.target_tab.table
    _go(table, 1, 2022)
    type_text("7")
    press(Qt.Key_Tab)
    type_text("8")
    press(Qt.Key_Return)
    assert (_target(2, 2022), _target(2, 2023)) == (Decimal("7"), Decimal("8"))
    _go(table, 1, 2022)
    press(Qt.Key_Delete)
    assert _target(2, 2022) is None and _target(2, 2023) == Decimal("8")


def test_a_bad_value_is_refused_with_its_message(window):
    tab = window.target_tab
    _go(tab.table, 0, 2023)
    type_text("banyak")
    assert "Nilai harus berupa angka" in tab.message.text()
    press(Qt.Key_Return)
    assert _target(1, 2023) is None and window.undo_stack.count() == 0


def test_a_locked_year_is_read_only_and_marked(qtbot, db_path):
    from iku_desktop.store.database import open_database

    db = open_database(db_path)
    ind = m.Indikator.get(m.Indikator.urutan == 1)
    editing.prepare_year_value("target", ind.id, 2022, "15").write()
    locking.lock_year(2022)
    db.close()
    w = _window(qtbot, db_path)
    model, table = w.target_tab.model, w.target_tab.table
    col = FIRST_YEAR + 1
    assert model.headerData(col, Qt.Horizontal) == "2022\ndikunci"
    assert "dikunci" in model.data(model.index(0, col), Qt.ToolTipRole)
    assert not model.flags(model.index(0, col)) & Qt.ItemIsEditable
    assert model.flags(model.index(0, col + 1)) & Qt.ItemIsEditable
    _go(table, 0, 2022)
    type_text("99")
    press(Qt.Key_Delete)
    assert _target(1, 2022) == Decimal("15")
    assert "2022" in w.target_tab.hint.text()
