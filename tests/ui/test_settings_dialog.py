"""Kantor › Pengaturan kantor, driven as a user would: real key presses and mouse clicks on
the dialog's widgets; OK stores every change as one edit that Ctrl+Z undoes."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from iku_desktop.services import setting_edit
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog

LOGO = Path(__file__).resolve().parents[1] / "data" / "logo.png"


@pytest.fixture
def window(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def dialog(qtbot, window):
    d = SettingsDialog(window)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.LeftButton)


def ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.Ok)


def type_line(qtbot, editor, text: str) -> None:
    """A new last line typed into a text box: click into it, Ctrl+End, Enter, the text."""
    click(qtbot, editor.viewport())
    qtbot.keyClick(editor, Qt.Key_End, Qt.ControlModifier)
    if editor.toPlainText():
        qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.keyClicks(editor, text)


def replace_text(qtbot, line_edit, text: str) -> None:
    click(qtbot, line_edit)
    qtbot.keyClick(line_edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(line_edit, text)


def test_a_kop_line_and_the_backup_count_are_stored_and_ctrl_z_restores_them(
        qtbot, window, dialog):
    type_line(qtbot, dialog.lines, "PEMERINTAH PROVINSI JAMBI")
    type_line(qtbot, dialog.lines, "DINAS KOPERASI DAN UKM")
    replace_text(qtbot, dialog.keep.lineEdit(), "25")
    assert setting_edit.current("kop_surat_baris") == []  # nothing stored before OK
    click(qtbot, ok(dialog))
    assert not dialog.isVisible()
    assert setting_edit.current("kop_surat_baris") == ["PEMERINTAH PROVINSI JAMBI",
                                                       "DINAS KOPERASI DAN UKM"]
    assert setting_edit.current("cadangan_disimpan") == 25
    assert window.undo_stack.count() == 1  # one edit for the whole dialog
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    seq = QKeySequence("Ctrl+Z")[0]
    QTest.keyClick(QApplication.focusWidget() or window, seq.key(), seq.keyboardModifiers())
    assert setting_edit.current("kop_surat_baris") == []
    assert setting_edit.current("cadangan_disimpan") == 10


def test_paper_and_font_are_chosen_from_their_lists(qtbot, dialog):
    click(qtbot, dialog.paper)
    qtbot.keyClick(dialog.paper, Qt.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    dialog.font.setFocus()
    qtbot.keyClick(dialog.font, Qt.Key_Down)  # a closed combo box steps on with the arrow
    assert (dialog.paper.currentData(), dialog.font.currentData()) == ("F4", "serif")
    click(qtbot, ok(dialog))
    assert setting_edit.current("kertas") == "F4" and setting_edit.current("huruf") == "serif"


def blue_pixels(image) -> int:
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if QColor(image.pixel(x, y)).blue() > 120 > QColor(image.pixel(x, y)).red())


def test_a_chosen_logo_shows_in_the_preview_and_is_stored(qtbot, dialog, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(LOGO), "Gambar PNG/JPEG (*.png *.jpg *.jpeg)"))
    type_line(qtbot, dialog.lines, "PEMERINTAH PROVINSI JAMBI")
    dialog.update_preview()  # the typed line drawn at once (else 200 ms after typing stops)
    without = dialog.preview_image
    assert not without.isNull() and blue_pixels(without) == 0
    click(qtbot, dialog.choose_logo_button)
    assert "logo.png" in dialog.logo_state.text()
    with_logo = dialog.preview_image
    assert with_logo.size() == without.size() or with_logo.height() >= without.height()
    assert blue_pixels(with_logo) > 20  # the logo (a blue square) is drawn
    assert dialog.preview.pixmap().toImage() == with_logo
    click(qtbot, ok(dialog))
    assert base64.b64decode(setting_edit.current("kop_surat_logo")) == LOGO.read_bytes()


def test_a_refused_logo_is_said_naming_the_field(qtbot, dialog, monkeypatch, tmp_path):
    bad = tmp_path / "bukan.png"
    bad.write_bytes(b"bukan gambar")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    click(qtbot, dialog.choose_logo_button)
    assert dialog.error.text().startswith("Kop surat: logo: Logo harus berkas PNG atau JPEG")
    assert dialog.logo == "" and "tanpa logo" in dialog.logo_state.text()


def test_a_missing_second_folder_keeps_the_dialog_open_naming_the_field(qtbot, dialog):
    replace_text(qtbot, dialog.folder, "/tidak/ada/FLASHDISK")
    click(qtbot, ok(dialog))
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Folder cadangan kedua: folder /tidak/ada/FLASHDISK "
                                          "tidak ditemukan")
    assert setting_edit.current("cadangan_folder_kedua") == ""


def test_the_second_folder_typed_is_stored(qtbot, window, dialog, tmp_path):
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    replace_text(qtbot, dialog.folder, str(stick))
    click(qtbot, ok(dialog))
    assert setting_edit.current("cadangan_folder_kedua") == str(stick)


def test_a_letterhead_too_long_to_print_is_refused(qtbot, dialog):
    for n in range(13):
        type_line(qtbot, dialog.lines, f"Baris {n}")
    click(qtbot, ok(dialog))
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Kop surat: baris teks: Kop surat terlalu panjang")
    assert "tidak dapat dicetak" in dialog.preview_note.text()
    assert setting_edit.current("kop_surat_baris") == []


def test_cancel_stores_nothing(qtbot, window, dialog):
    type_line(qtbot, dialog.lines, "PEMERINTAH PROVINSI JAMBI")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.Cancel))
    assert setting_edit.current("kop_surat_baris") == [] and window.undo_stack.count() == 0


def test_the_kantor_menu_opens_the_dialog(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: opened.append(self) or 0)
    kantor = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Kantor")
    next(a for a in kantor.actions() if a.text() == "&Pengaturan kantor…").trigger()
    assert len(opened) == 1 and opened[0].windowTitle() == "Pengaturan kantor"


def test_the_dialog_fits_a_laptop_screen(qtbot, dialog, monkeypatch):
    """The dialog filled in as an office would, whole on a 1366×768 screen; with
    IKU_SCREENSHOT=FILE.png its picture is saved there (docs/screenshots/pengaturan-kantor.png
    in the README)."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(LOGO), ""))
    dialog.lines.setPlainText("PEMERINTAH PROVINSI JAMBI\nDINAS KOPERASI DAN USAHA KECIL "
                              "MENENGAH\nJl. R.M. Nur Atmadibrata No. 1 Telanaipura, Jambi "
                              "36124 — Telp. (0741) 61234")
    click(qtbot, dialog.choose_logo_button)
    dialog.folder.setText("E:\\Cadangan IKU")
    dialog.update_preview()
    qtbot.wait(10)
    image = dialog.grab().toImage()
    assert image.width() <= 1366 and image.height() <= 728  # the title bar above it
    shot = os.environ.get("IKU_SCREENSHOT")
    if shot:
        assert image.save(shot)
