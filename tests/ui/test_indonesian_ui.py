"""The window speaks Indonesian in Qt's own words too (issue 14): the standard buttons of a
question, of an input dialog and of a text field's context menu."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QPushButton

from iku_desktop.services import editing
from ui.main_window import MainWindow
from ui.usaha_panel import UsahaPanel


def _texts(widget) -> list[str]:
    return sorted(b.text().replace("&", "") for b in widget.findChildren(QPushButton)
                  if b.isVisible())


def test_a_question_of_the_window_answers_ya_or_tidak(qtbot, db_path):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.show()
    assert w.push_change(editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021"))
    panel = next(p for p in w.record_panels() if isinstance(p, UsahaPanel))
    panel.reload()
    panel.table.selectRow(0)
    delete = next(b for b in panel.findChildren(QPushButton) if b.text() == "Hapus usaha")
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        seen.append((type(box), _texts(box)))
        no = [b for b in box.findChildren(QPushButton) if b.text() == "&Tidak"]
        if no:
            qtbot.mouseClick(no[0], Qt.LeftButton)
        else:  # English buttons: close it, the assertion below says what was shown
            box.reject()

    QTimer.singleShot(0, answer)
    tab = next(i for i in range(w.tabs.count()) if w.tabs.widget(i).isAncestorOf(panel))
    w.tabs.setCurrentIndex(tab)
    qtbot.mouseClick(delete, Qt.LeftButton)
    assert seen == [(QMessageBox, ["Tidak", "Ya"])]
    assert panel.model.rowCount() == 1  # "Tidak" kept the row


def test_input_dialog_and_context_menu_are_indonesian(qtbot, db_path):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    dialog = QInputDialog(w)
    qtbot.addWidget(dialog)
    dialog.show()
    assert _texts(dialog) == ["Batal", "OK"]
    field = QLineEdit(w)
    menu = field.createStandardContextMenu()
    actions = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
    assert actions == ["Urungkan", "Ulangi", "Potong", "Salin", "Tempel", "Hapus",
                       "Pilih semua"]
    box = QMessageBox(QMessageBox.Warning, "x", "y",
                      QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel | QMessageBox.Ok,
                      w)
    assert sorted(b.text().replace("&", "") for b in box.buttons()) == [
        "Batal", "OK", "Tidak", "Ya"]


def test_the_audit_log_shows_local_time_and_names(qtbot, db_path, local_zone):
    from PySide6.QtGui import QAction

    from ui.audit_dialog import AuditDialog

    local_zone("Asia/Jayapura")
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    assert w.push_change(editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021"))
    seen = []

    def read():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AuditDialog)
        seen.append((dialog.view.horizontalHeaderItem(0).text(),
                     [dialog.view.item(r, 0).text() for r in range(dialog.view.rowCount())],
                     [dialog.view.item(r, 4).text() for r in range(dialog.view.rowCount())]))
        dialog.reject()

    QTimer.singleShot(0, read)
    next(a for a in w.findChildren(QAction) if a.text() == "&Log audit…").trigger()
    header, times, rows = seen[0]
    assert header == "Waktu" and times
    assert all(t.endswith(" WIT") for t in times), times
    assert "Usaha kecil — Kopi (pemilik Ali)" in rows  # named, not by uuid


SOURCE_FILE = re.compile(r"\b[\w-]+\.(md|py)\b", re.IGNORECASE)


def _shown_texts(root) -> list[str]:
    """Every text a user can read on ``root``: labels, buttons, group titles, tab names,
    menu actions, and their tooltips."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget

    out = []
    for w in [root, *root.findChildren(QWidget)]:
        out += [w.toolTip(), w.windowTitle(), w.whatsThis()]
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QTabWidget):
            out += [w.tabText(i) for i in range(w.count())]
            out += [w.tabToolTip(i) for i in range(w.count())]
    for a in root.findChildren(QAction):
        out += [a.text(), a.toolTip(), a.statusTip()]
    return [t for t in out if t]


def test_the_window_names_no_source_file(qtbot, db_path):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    for i in range(w.tabs.count()):  # every tab looked at: each is built when first shown
        w.tabs.setCurrentIndex(i)
    texts = _shown_texts(w)
    assert any("Keputusan perhitungan" in t for t in texts)  # the document tab was read
    assert any(t.startswith("Penyebut IKU 1") for t in texts)
    assert [t for t in texts if SOURCE_FILE.search(t)] == []
