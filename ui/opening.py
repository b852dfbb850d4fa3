"""Opening a database for the window: who else holds it (then read-only, or take it over),
and a damaged file (then the offer to restore the latest backup — only then: a file of
another application, a read-only folder or a full disk is said as such, and a file that
cannot be written opens read-only with the reason)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from iku_desktop.services import ownership
from iku_desktop.services.database import open_or_create, restore_backup
from iku_desktop.store import backup, lockfile
from iku_desktop.store.database import (DatabaseDamaged, DatabaseError, open_database,
                                        read_only_reason)


@dataclass
class Opened:
    db: object
    read_only: str | None  # why, when the database is open read-only


def _ask_held(parent, held: lockfile.Holder) -> str | None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Information)
    box.setWindowTitle("Basis data sedang dibuka")
    box.setText(f"Basis data ini sedang dibuka oleh {held.describe()}.")
    box.setInformativeText("Buka hanya-baca untuk melihat datanya. Ambil alih hanya bila "
                           "Anda yakin program di komputer itu sudah ditutup.")
    read = box.addButton("Buka &hanya-baca", QMessageBox.AcceptRole)
    take = box.addButton("&Ambil alih", QMessageBox.DestructiveRole)
    box.addButton("&Batal", QMessageBox.RejectRole)
    box.setDefaultButton(read)
    box.exec()
    clicked = box.clickedButton()
    return "read" if clicked is read else "take" if clicked is take else None


def _offer_restore(parent, exc: Exception, latest: backup.Backup) -> bool:
    return QMessageBox.question(
        parent, "Basis data rusak",
        f"{exc}\n\nPulihkan dari cadangan terakhir ({latest.taken_at:%d-%m-%Y %H:%M}, "
        f"{latest.label})? Berkas yang rusak disimpan di folder cadangan.",
        QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes) == QMessageBox.Yes


def open_for_window(parent, path: Path) -> Opened | None:
    """Open ``path`` for the window, asking the user where needed; None: not opened."""
    read_only = None
    if path.exists():
        held = lockfile.acquire(path)
        if held is not None:
            choice = _ask_held(parent, held)
            if choice is None:
                return None
            if choice == "take":
                lockfile.acquire(path, take_over=True)
            else:
                read_only = f"sedang dibuka oleh {held.describe()}"
    for attempt in range(2):
        try:
            db = open_database(path, read_only=True) if read_only else open_or_create(path)
            break
        except DatabaseDamaged as exc:
            latest = backup.latest_usable(path)
            if attempt == 0 and latest is not None and _offer_restore(parent, exc, latest):
                try:
                    restore_backup(path, latest.path)  # recorded in the audit log
                except (backup.BackupError, DatabaseError) as err:
                    QMessageBox.critical(parent, "Pemulihan gagal", str(err))
                    return _give_up(path, read_only)
                continue
            QMessageBox.critical(parent, "Basis data tidak dapat dibuka", str(exc))
            return _give_up(path, read_only)
        except DatabaseError as exc:
            QMessageBox.critical(parent, "Basis data tidak dapat dibuka", str(exc))
            return _give_up(path, read_only)
    if read_only is None:
        lockfile.acquire(path)  # a database just created
        read_only = read_only_reason(db)  # a read-only file system, a full disk
        if read_only is not None:
            lockfile.release(path)
    ownership.READ_ONLY[0] = read_only
    return Opened(db, read_only)


def _give_up(path: Path, read_only: str | None) -> None:
    if read_only is None:
        lockfile.release(path)
    return None


def close_for_window(path: Path | None) -> None:
    if path is not None:
        lockfile.release(path)
    ownership.READ_ONLY[0] = None
