"""Berkas › Periksa basis data: SQLite's ``integrity_check`` of the open database on demand
(``services.session.check_database``). It reads the whole file — seconds on a large one —
so it runs in the background; the window stays usable and the answer comes in a message
box (opened, not executed: nothing waits on it)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from iku_desktop.domain.formatting import format_number
from iku_desktop.services import session

from . import tasks

RUNNING = "Memeriksa basis data… (jendela tetap dapat dipakai)"


def check(window) -> None:
    """Check the database open in ``window`` in the background and say the outcome."""
    window.statusBar().showMessage(RUNNING)
    tasks.run(session.check_database, lambda result: _done(window, result),
              lambda exc: _failed(window, exc))


def _box(window, icon, title: str, text: str) -> QMessageBox:
    window.statusBar().clearMessage()
    box = QMessageBox(icon, title, text, parent=window)
    box.setObjectName("periksa_basis_data")
    box.addButton("Tutup", QMessageBox.AcceptRole)
    box.open()
    return box


def _done(window, result: session.Checked) -> None:
    if result.ok:
        _box(window, QMessageBox.Information, "Basis data utuh",
             f"Basis data {result.path} utuh: setiap halaman, baris dan indeks diperiksa "
             f"({format_number(result.seconds, 1)} detik).")
    else:
        damaged(window, f"Pemeriksaan basis data {result.path} menemukan kerusakan:\n"
                + "\n".join(result.problems[:5]))


def damaged(window, found: str, note: str = "") -> QMessageBox:
    """Say (a message box, not waited on) that a check found ``found`` (the damage, in
    Indonesian) and what to do, with a button to the backups (Berkas › Cadangan);
    ``note``: what was or was not done because of it."""
    box = _box(window, QMessageBox.Critical, "Basis data rusak",
               found + (f"\n\n{note}" if note else "")
               + "\n\nPulihkan dari cadangan terakhir: Berkas › Cadangan.")
    backups_button = box.addButton("Buka &Cadangan…", QMessageBox.AcceptRole)
    backups_button.setObjectName("buka_cadangan")
    box.setDefaultButton(backups_button)
    backups_button.clicked.connect(lambda: _open_backups(window))
    return box


def _open_backups(window) -> None:
    from .backup_dialog import BackupDialog

    dialog = BackupDialog(window)
    dialog.setObjectName("cadangan")
    dialog.open()


def failed(window, title: str, text: str) -> QMessageBox:
    """Say (a message box, not waited on) that a check or backup could not be made."""
    return _box(window, QMessageBox.Critical, title, text)


def _failed(window, exc: Exception) -> None:
    if not isinstance(exc, session.DatabaseError):
        raise exc
    _box(window, QMessageBox.Critical, "Basis data tidak dapat diperiksa", str(exc))
