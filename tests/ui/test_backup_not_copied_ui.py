"""A backup the window takes before it writes — before an import, a package merge, a schema
upgrade — that could not be copied to the second backup folder (a USB stick that is not
there) is said as the daily backup says it: a warning box naming the folder and why, and a
red line in the status bar; the data is written anyway."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from iku_desktop.store import settings
from iku_desktop.store import models as m
from tests.exchange.workbooks import xlsx
from ui import daily_check, exchange_dialogs, tasks
from ui.main_window import MainWindow

KOP = ["Nomor Badan Hukum", "Nama Koperasi", "Tanggal Badan Hukum", "Kabupaten/Kota",
       "Jenis Koperasi", "Status"]


def broken_stick(tmp_path: Path) -> Path:
    """A second folder that cannot be written here, root or not: a regular file."""
    stick = tmp_path / "FLASHDISK"
    stick.write_text("bukan folder")
    return stick


def box_on(widget) -> QMessageBox | None:
    return widget.findChild(QMessageBox, "cadangan_tidak_disalin")


@pytest.fixture
def window(qtbot, db_path, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    w = MainWindow(db_path, year=2022)  # (its daily backup: no second folder set yet)
    qtbot.addWidget(w)
    return w


def test_an_import_says_its_backup_was_not_copied(window, qtbot, tmp_path):
    stick = broken_stick(tmp_path)
    settings.set_values({"cadangan_folder_kedua": str(stick)})
    data = xlsx(tmp_path / "kiriman.xlsx", {"Koperasi": [
        KOP, ["1/BH", "KSP Maju", date(2010, 1, 1), "Kota Jambi", "Jasa", "Aktif"]]})
    dialog = window.show_import(data)
    qtbot.addWidget(dialog)
    assert box_on(window) is None
    QTest.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "Impor selesai" in dialog.summary.text()
    assert [k.nama for k in m.Koperasi.select()] == ["KSP Maju"]  # imported all the same
    box = box_on(dialog)
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Cadangan dibuat, tidak disalin"
    assert f"{stick} bukan folder" in box.text()
    said = f"Cadangan sebelum impor dibuat, tetapi TIDAK disalin ke folder cadangan kedua {stick}"
    assert said in dialog.summary.text()
    status = daily_check.label(window)
    assert status.full_text == said and "bukan folder" in status.toolTip()


def test_a_package_merge_says_its_backup_was_not_copied(qtbot, tmp_path, monkeypatch):
    from tests.cli.test_backup_not_copied_cli import district_package

    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    pkg = district_package(tmp_path)
    w = MainWindow(tmp_path / "provinsi.sqlite")
    qtbot.addWidget(w)
    stick = broken_stick(tmp_path)
    settings.set_values({"cadangan_folder_kedua": str(stick)})
    dialog = exchange_dialogs.PackageImportDialog(pkg, w)
    qtbot.addWidget(dialog)
    assert box_on(dialog) is None  # the preview takes no backup
    QTest.mouseClick(dialog.go, Qt.LeftButton)
    assert "sudah digabungkan" in dialog.heading.text()
    assert [u.nama_usaha for u in m.UsahaKecil.select()] == ["Kopi"]  # merged all the same
    box = box_on(dialog)
    assert box is not None and box.isVisible() and f"{stick} bukan folder" in box.text()
    said = ("Cadangan sebelum menggabung paket dibuat, tetapi TIDAK disalin ke folder "
            f"cadangan kedua {stick}")
    assert said in dialog.heading.text()
    assert daily_check.label(w).full_text == said


def test_opening_an_older_file_says_its_upgrade_backup_was_not_copied(qtbot, tmp_path,
                                                                      monkeypatch):
    from iku_desktop.store import backup, migrate
    from tests.cli.test_backup_not_copied_cli import older_database

    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    stick = broken_stick(tmp_path)
    old = older_database(tmp_path, stick)
    w = MainWindow(old)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: box_on(w) is not None)
    box = box_on(w)
    assert box.isVisible() and f"{stick} bukan folder" in box.text()
    said = ("Cadangan sebelum pembaruan skema dibuat, tetapi TIDAK disalin ke folder "
            f"cadangan kedua {stick}")
    assert daily_check.label(w).full_text == said
    assert [b.reason for b in backup.list_backups(old)] == ["sebelum-migrasi"]
    assert migrate.current_version(w.db) == migrate.latest_version()
    assert [k.nama for k in m.Koperasi.select()] == ["KSP Lama"]


def test_a_restore_says_the_state_it_replaced_was_not_copied(window, qtbot, tmp_path,
                                                             monkeypatch):
    """Berkas › Cadangan › Pulihkan: the backup of the state the restore replaces missed
    the stick; said as the others are, the restore done all the same."""
    from iku_desktop.services import backups
    from ui.backup_dialog import BackupDialog

    stick = broken_stick(tmp_path)
    settings.set_values({"cadangan_folder_kedua": str(stick)})
    backups.create_backup(window.db_path, window.db)  # the one to restore
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
    QTest.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert [b.reason for b in backups.list_backups(window.db_path)][:2] == [
        "sebelum-pulih", "manual"]
    box = box_on(window)
    assert box is not None and box.isVisible() and f"{stick} bukan folder" in box.text()
    said = ("Cadangan sebelum pemulihan dibuat, tetapi TIDAK disalin ke folder cadangan "
            f"kedua {stick}")
    assert daily_check.label(window).full_text == said
