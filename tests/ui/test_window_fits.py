"""The window fits a common office laptop: 1366×768, and 1280×720 at Windows' 125 %
scaling (1024×576 logical). It opens at the screen's available area; on every tab (and
every register sub-tab) no widget lies outside the window, and what scrolls inside a
scroll area never runs off its side; a header or cell too long for its column is elided
with its full text as the tooltip, and a column empty in its rows stays narrow."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QTabWidget, QToolTip, QWidget

from iku_desktop.services import demo
from iku_desktop.store.database import open_database
from ui.main_window import MainWindow

SIZES = [(1366, 768), (1024, 576)]


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory, template_db):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copy(template_db, path)
    db = open_database(path)
    demo.fill(1, first_year=2022, last_year=2023)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def demo_path(demo_template, tmp_path):
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


def settle(qtbot) -> None:
    for _ in range(4):  # posted layout requests, the column fit's timers
        QApplication.processEvents()
        qtbot.wait(20)


def _window(qtbot, path, size) -> MainWindow:
    w = MainWindow(path, 2023)
    qtbot.addWidget(w)
    w.setGeometry(QRect(QPoint(0, 0), QSize(*size)))
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot)
    return w


def _scroll_viewport(widget, top):
    """The viewport of the nearest scroll area holding ``widget`` (None: none)."""
    p = widget.parentWidget()
    while p is not None and p is not top:
        area = p.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is p:
            return p
        p = area
    return None


def outside(window) -> list[str]:
    """The visible widgets of ``window`` lying outside it (or, inside a scroll area, off
    its viewport's sides: scrolling there is up and down only)."""
    bad = []
    frame = window.rect()
    for w in window.findChildren(QWidget):
        if w.window() is not window or not w.isVisibleTo(window) or w.size().isEmpty():
            continue
        rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
        viewport = _scroll_viewport(w, window)
        if viewport is None:
            ok = frame.contains(rect)
        else:
            port = QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
            ok = port.left() <= rect.left() and rect.right() <= port.right()
        if not ok:
            bad.append(f"{type(w).__name__} {w.objectName()} {rect} ({w.parentWidget()})")
    return bad


def test_the_window_opens_at_the_screens_available_area(qtbot, db_path):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    assert w.geometry() == w.screen().availableGeometry()


@pytest.mark.parametrize("size", SIZES)
def test_no_widget_lies_outside_the_window(qtbot, demo_path, size):
    w = _window(qtbot, demo_path, size)
    seen = []
    for _ in range(w.tabs.count()):
        page = w.tabs.currentWidget()
        inner = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(w)]
        for tabs in inner or [None]:
            for i in range(tabs.count() if tabs else 1):
                if tabs:
                    tabs.setCurrentIndex(i)
                    settle(qtbot)
                assert w.size() == QSize(*size)  # the content's minimum fits the window
                assert outside(w) == [], (w.tabs.tabText(w.tabs.currentIndex()),
                                          tabs and tabs.tabText(i))
                seen.append(w.tabs.currentIndex())
        qtbot.keyClick(w, Qt.Key_PageDown, Qt.ControlModifier)  # the next tab
        settle(qtbot)
    assert set(seen) == set(range(w.tabs.count()))
    assert w.statusBar().isVisible() and not outside(w)


def _tooltip(qtbot, viewport, pos: QPoint) -> str:
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.ToolTip, pos, viewport.mapToGlobal(pos)))
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_long_header_or_cell_has_its_full_text_in_the_tooltip(qtbot, demo_path):
    w = _window(qtbot, demo_path, (1024, 576))
    for _ in range(2):  # Target, then Sasaran 1: the koperasi
        qtbot.keyClick(w, Qt.Key_PageDown, Qt.ControlModifier)
    settle(qtbot)
    table = w.sasaran_tabs[0].record_panels()[0].table
    model, header = table.model(), table.horizontalHeader()
    nama = next(c for c in range(model.columnCount())
                if model.headerData(c, Qt.Horizontal) == "Nama koperasi")
    full = model.data(model.index(0, nama))
    assert full.startswith("[DEMO] Koperasi")
    header.resizeSection(nama, 60)  # as a user drags it narrow
    settle(qtbot)
    middle = QPoint(header.sectionViewportPosition(nama) + 30, header.height() // 2)
    assert _tooltip(qtbot, header.viewport(), middle) == "Nama koperasi"
    cell = table.visualRect(model.index(0, nama)).center()
    assert _tooltip(qtbot, table.viewport(), cell) == full
    header.resizeSection(nama, 600)  # all of it shows: no tooltip repeats it
    settle(qtbot)
    cell = table.visualRect(model.index(0, nama)).center()
    assert _tooltip(qtbot, table.viewport(), cell) == ""


def test_an_empty_column_does_not_take_the_width(qtbot, demo_path):
    w = _window(qtbot, demo_path, (1024, 576))
    for _ in range(2):  # Target, then Sasaran 1: the koperasi
        qtbot.keyClick(w, Qt.Key_PageDown, Qt.ControlModifier)
    settle(qtbot)
    table = w.sasaran_tabs[0].record_panels()[0].table
    model, header = table.model(), table.horizontalHeader()
    columns = {model.headerData(c, Qt.Horizontal): c for c in range(model.columnCount())}
    rows = range(min(model.rowCount(), 50))
    empty = [h for h, c in columns.items()
             if not any(model.data(model.index(r, c)) for r in rows)]
    assert empty  # the demo leaves tanggal bubar and NIK koperasi blank
    for h in empty:
        assert header.sectionSize(columns[h]) <= 80, h
    assert header.sectionSize(columns["Nama koperasi"]) >= 120


def test_a_dialog_is_never_larger_than_the_screen(qtbot, db_path):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    dialog = w.show_print_dialog()  # asks for 900×900; the test screen is smaller
    area = w.screen().availableGeometry()
    assert dialog.width() < area.width() and dialog.height() < area.height()
    dialog.close()
