"""The check the open no longer runs, on demand: Berkas › Periksa basis data checks the open
database in the background and says the outcome."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from iku_desktop.store import backup
from tests.store.test_open_check import damage_a_filler_page, with_filler
from ui import tasks
from ui.main_window import MainWindow


def berkas_action(w, text):
    berkas = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Berkas")
    return next(a for a in berkas.actions() if a.text() == text)


def shown_box(w):
    box = w.findChild(QMessageBox, "periksa_basis_data")
    assert box is not None and box.isVisible()
    return box


def test_periksa_basis_data_through_the_menu(qtbot, db_path, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    action = berkas_action(w, "&Periksa basis data")
    assert action.isEnabled()
    action.trigger()
    box = shown_box(w)
    assert box.windowTitle() == "Basis data utuh" and "utuh" in box.text()
    assert [b.text() for b in box.buttons()] == ["Tutup"]
    qtbot.mouseClick(box.buttons()[0], Qt.LeftButton)
    assert not box.isVisible()


def test_periksa_finds_damage_a_clean_open_does_not_read(qtbot, db_path, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    with_filler(db_path)
    backup.create(db_path, "manual")  # today's backup: the open takes (and checks) no other
    damage_a_filler_page(db_path)
    w = MainWindow(db_path, year=2022)  # opened: a clean open reads no filler page
    qtbot.addWidget(w)
    w.show()
    berkas_action(w, "&Periksa basis data").trigger()
    box = shown_box(w)
    assert box.windowTitle() == "Basis data rusak"
    assert "Berkas › Cadangan" in box.text()
