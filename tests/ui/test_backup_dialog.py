"""Berkas › Cadangan: the restore button asks before it replaces the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from iku_desktop.store import backup
from ui import tasks
from ui.backup_dialog import BackupDialog
from ui.main_window import MainWindow


def test_the_restore_button_asks_first(qtbot, db_path, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.No)
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    tasks.wait()
    dialog = BackupDialog(w)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    before = [b.path for b in backup.list_backups(db_path)]
    QTest.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert len(asked) == 1 and "Ganti isi basis data" in asked[0]
    assert [b.path for b in backup.list_backups(db_path)] == before  # nothing restored
