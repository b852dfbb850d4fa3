"""IKM answers as typed, with the background work running as in the app (marked
``background``): an answer repaints its row and loads only the NRR/IKM line again — the
respondents' ids and the surveys stay, the grid is not grayed — quick answers are all
stored in order and shown, undone in reverse order, and a load that read the rows before
an answer does not put the old values back."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from iku_desktop.services import editing, ikm_register
from iku_desktop.store import models as m
from ui import tasks
from ui.ikm_panel import FIRST_UNSUR
from ui.main_window import MainWindow
from tests.ui.showing import show_register

pytestmark = pytest.mark.background
GUI = threading.main_thread()


def _window(qtbot, db_path, responses: int = 3):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.push_change(editing.prepare_survey("SKM 2022", 2022, "100"))
    survey = m.IkmSurvei.get().id
    for _ in range(responses):
        w.push_change(editing.prepare_response(survey))
    panel = show_register(w, w.sasaran_tabs[2].panels[4].records[0])
    tasks.wait()
    assert panel.responses.rowCount() == responses and "U1 –" in panel.summary.text()
    return w, panel


def _click(panel, row: int, column: int) -> None:
    grid = panel.grid
    QTest.mouseClick(grid.viewport(), Qt.LeftButton, Qt.NoModifier,
                     grid.visualRect(panel.responses.index(row, column)).center())


class Count:
    """Counts the calls of a query (and lets them through)."""

    def __init__(self, monkeypatch, module, name: str) -> None:
        self.original, self.calls = getattr(module, name), 0
        monkeypatch.setattr(module, name, self)

    def __call__(self, *args):
        self.calls += 1
        return self.original(*args)


def test_an_answer_loads_only_the_nrr_line_again(qtbot, db_path, monkeypatch):
    w, panel = _window(qtbot, db_path)
    queries = [Count(monkeypatch, ikm_register, name)
               for name in ("survey_ids", "survey_rows", "response_ids")]
    _click(panel, 0, FIRST_UNSUR)
    QTest.keyClick(panel.grid, Qt.Key_3)
    assert panel.responses.data(panel.responses.index(0, FIRST_UNSUR)) == "3"
    # the grid is not grayed; the NRR/IKM line is being computed again, marked
    assert not panel.loader.busy
    assert panel.grid.viewport().cursor().shape() != Qt.BusyCursor
    assert panel.summary_loader.busy and panel.summary.text().endswith("memuat…")
    tasks.wait()
    assert [q.calls for q in queries] == [0, 0, 0]
    assert "U1 3,000" in panel.summary.text() and not panel.summary_loader.busy
    assert panel.surveys.data(panel.surveys.index(0, 4)) == "3"  # Responden: unchanged


def test_quick_answers_are_all_stored_in_order_shown_and_undone(qtbot, db_path):
    w, panel = _window(qtbot, db_path)
    grid = panel.grid
    _click(panel, 0, FIRST_UNSUR)
    # U1–U9 of the first respondent and U1–U3 of the second, typed without a pause (the
    # cursor moves on by itself, to the next row after U9)
    typed = "123412341" + "432"
    for key in typed:
        QTest.keyClick(grid, key)
    assert grid.currentIndex().row() == 1 and grid.currentIndex().column() == FIRST_UNSUR + 3
    tasks.wait()
    first, second = (m.IkmRespon.get_by_id(panel.responses.id_at(r)) for r in (0, 1))
    assert [getattr(first, f"u{i}") for i in range(1, 10)] == [int(k) for k in typed[:9]]
    assert [second.u1, second.u2, second.u3, second.u4] == [4, 3, 2, None]
    shown = [[panel.responses.data(panel.responses.index(r, FIRST_UNSUR + i))
              for i in range(9)] for r in (0, 1)]
    assert shown == [list(typed[:9]), ["4", "3", "2"] + [""] * 6]
    assert "U1 2,500" in panel.summary.text()  # (1 + 4) / 2
    for _ in range(2):  # Ctrl+Z: the last answers undone, the last first
        QTest.keyClick(grid, Qt.Key_Z, Qt.ControlModifier)
    tasks.wait()
    second = m.IkmRespon.get_by_id(panel.responses.id_at(1))
    assert [second.u1, second.u2, second.u3] == [4, None, None]
    assert [panel.responses.data(panel.responses.index(1, FIRST_UNSUR + i))
            for i in range(3)] == ["4", "", ""]
    assert "U2 2,000" in panel.summary.text()  # U2 of the first respondent alone


def test_a_load_that_read_the_rows_before_an_answer_does_not_show_them(qtbot, db_path,
                                                                    monkeypatch):
    w, panel = _window(qtbot, db_path)
    _click(panel, 0, FIRST_UNSUR)
    read, go_on = threading.Event(), threading.Event()
    original = ikm_register.response_rows

    def rows_then_wait(ids):
        rows = original(ids)
        if threading.current_thread() is not GUI and not go_on.is_set():
            read.set()  # the rows as before the answer, held until the answer is stored
            assert go_on.wait(10), "never let go"
        return rows

    monkeypatch.setattr(ikm_register, "response_rows", rows_then_wait)
    w.year_box.setFocus()
    QTest.keyClick(w.year_box, Qt.Key_Up)  # 2023 …
    QTest.keyClick(w.year_box, Qt.Key_Down)  # … and back: the respondents load again
    qtbot.waitUntil(read.is_set, timeout=10000)
    assert panel.loader.busy
    _click(panel, 0, FIRST_UNSUR)
    QTest.keyClick(panel.grid, Qt.Key_4)  # while the load that read the rows is held
    assert m.IkmRespon.get_by_id(panel.responses.id_at(0)).u1 == 4
    go_on.set()
    tasks.wait()
    assert panel.responses.data(panel.responses.index(0, FIRST_UNSUR)) == "4"
    assert "U1 4,000" in panel.summary.text()
