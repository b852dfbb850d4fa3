"""An edit in the window that cannot be written (another program holds the write lock past
the wait) is said in a message; nothing goes onto the undo stack and the database is
unchanged. An undo that cannot be written leaves the stack alike."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from iku_desktop.services import editing
from iku_desktop.services.database import interactive_writes
from iku_desktop.store import database as store_database
from iku_desktop.store import models as m
from tests.conftest import table_dump
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db_path, monkeypatch):
    # SQLite's own wait per attempt 0,2 s instead of 5 s, so that the window's short wait
    # (0,3 s here) is what ends it: the refusal is tested, not the length of the wait
    monkeypatch.setattr(store_database, "BUSY_TIMEOUT_MS", 200)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    interactive_writes(0.3)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))
    w.said = said
    yield w
    interactive_writes()


def _hold_write_lock(db_path):
    other = sqlite3.connect(db_path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_an_edit_while_another_program_writes_is_refused_with_a_message(window, db_path):
    other = _hold_write_lock(db_path)
    try:
        before = table_dump(m.database)
        change = editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021")
        assert not window.push_change(change)
        assert window.undo_stack.count() == 0
        assert window.said and "sedang ditulis oleh proses lain" in window.said[-1]
    finally:
        other.rollback()
        other.close()
    assert table_dump(m.database) == before
    assert window.push_change(change) and window.undo_stack.count() == 1


def test_an_undo_that_cannot_be_written_is_dropped_with_a_message(window, db_path):
    assert window.push_change(editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi",
                                                    "01/03/2021"))
    other = _hold_write_lock(db_path)
    try:
        window.undo_stack.undo()
        assert window.said and "sedang ditulis" in window.said[-1]
        assert window.undo_stack.count() == 0
    finally:
        other.rollback()
        other.close()
    assert m.UsahaKecil.select().where(m.UsahaKecil.deleted == False).count() == 1  # noqa: E712
