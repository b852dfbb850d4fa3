"""Restoring a backup has one implementation: the window's Berkas › Cadangan › Pulihkan,
the restore offered for a damaged file and ``iku backup restore`` all go through
``services.backups.restore_backup``, so a guard is added once and refuses in all of them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from iku_desktop.cli import main as cli
from iku_desktop.services import backups, editing
from iku_desktop.store import models as m
from ui import opening
from ui.backup_dialog import BackupDialog
from ui.main_window import MainWindow
from tests.dbfiles import count_usaha, held_by_budi


@pytest.fixture
def boxes(monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a: seen.append((title, text)))
    monkeypatch.setattr(opening, "_ask_held", lambda parent, held: "read")
    return seen


def planted(db_path, source: Path) -> Path:
    """``source`` put among the database's backups, where the window lists it."""
    folder = backups.folder_for(db_path)
    folder.mkdir(exist_ok=True)
    target = folder / "20261101-080000-000000-manual.sqlite"
    shutil.copy(source, target)
    return target


def window_restores(qtbot, db_path, source: Path) -> bool:
    """Berkas › Cadangan… › Pulihkan yang dipilih, with ``source`` selected."""
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021").write()
    dialog = BackupDialog(w)
    qtbot.addWidget(dialog)
    rows = [i for i in range(dialog.list.count())
            if dialog.list.item(i).data(Qt.UserRole) == str(source)]
    dialog.list.setCurrentRow(rows[0])
    try:
        return dialog.restore(confirm=False)
    finally:
        w.close()


def cli_restores(capsys, db_path, source: Path) -> tuple[int, str]:
    code = cli(["--db", str(db_path), "backup", "restore", str(source)])
    return code, capsys.readouterr().err


def test_another_applications_file_is_refused_by_the_window_and_the_cli(
        qtbot, db_path, tmp_path, boxes, capsys):
    foreign = tmp_path / "lain.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE pesanan (x)")
    conn.commit()
    conn.close()
    source = planted(db_path, foreign)
    assert not window_restores(qtbot, db_path, source)
    assert boxes[-1][0] == "Pemulihan gagal"
    assert "bukan cadangan basis data IKU Desktop" in boxes[-1][1]
    assert count_usaha(db_path) == 1  # not replaced
    code, err = cli_restores(capsys, db_path, source)
    assert code == 1 and "bukan cadangan basis data IKU Desktop" in err
    assert count_usaha(db_path) == 1


def test_a_guard_added_once_refuses_in_every_front_end(qtbot, db_path, boxes, capsys,
                                                        monkeypatch):
    def guarded(path, source=None):
        raise backups.BackupError("Tidak dipulihkan: penjaga baru")

    monkeypatch.setattr(backups, "restore_backup", guarded)
    source = backups.create_backup(db_path).path
    # the window's Berkas › Cadangan › Pulihkan
    assert not window_restores(qtbot, db_path, source)
    assert boxes[-1] == ("Pemulihan gagal", "Tidak dipulihkan: penjaga baru")
    # iku backup restore
    assert cli_restores(capsys, db_path, source) == (1, "Galat: Tidak dipulihkan: penjaga "
                                                        "baru\n")
    # the restore offered when the window opens a damaged file
    db_path.write_bytes(b"bukan basis data" * 1000)
    monkeypatch.setattr(opening, "_offer_restore", lambda parent, exc, latest: True)
    assert opening.open_for_window(None, db_path) is None
    assert boxes[-1] == ("Pemulihan gagal", "Tidak dipulihkan: penjaga baru")


def test_a_database_held_by_another_program_is_not_restored_from_either(
        qtbot, db_path, boxes, capsys):
    source = backups.create_backup(db_path).path
    held_by_budi(db_path)
    w = MainWindow(db_path)  # opened read-only: budi holds it
    qtbot.addWidget(w)
    assert "budi" in w.read_only
    assert not w.restore_backup(source)
    assert boxes[-1][0] == "Pemulihan gagal" and "sedang dibuka oleh budi" in boxes[-1][1]
    assert m.Dokumen.select().count() >= 1  # opened again after the refusal
    w.close()
    code, err = cli_restores(capsys, db_path, source)
    assert code == 1 and "sedang dibuka oleh budi" in err
    assert not any(b.reason == "sebelum-pulih" for b in backups.list_backups(db_path))
