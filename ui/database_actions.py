"""Berkas actions on the database file itself: open another, create a new one, the recent
files, save a consistent copy, restore a backup over the open one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from iku_desktop.services import backups, session

from . import daily_check, tasks

RECENT = 8  # files in Berkas › Berkas terakhir
DATABASE_FILTER = "Basis data IKU (*.sqlite)"


def choose_database(window) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Buka basis data IKU",
                                          str(window.db_path.parent),
                                          "Basis data IKU (*.sqlite *.db);;Semua berkas (*)")
    if path:
        open_other(window, Path(path))


def open_other(window, path: Path) -> None:
    """Open ``path`` in the window instead of the open database; a daily check running on
    that one is stopped first (it would hold the switch up: ``daily_check.stop``)."""
    daily_check.stop(window)
    window.open_database(path)


def remember(window, path: Path) -> None:
    """``path`` first in the recent files (kept in the window's settings) and the menu."""
    recent = [p for p in (window.settings.value("recent", [], type=list) or [])
              if p != str(path)]
    recent = [str(path)] + recent[: RECENT - 1]
    window.settings.setValue("recent", recent)
    window.recent_menu.clear()
    for p in recent:
        act = window.recent_menu.addAction(p)
        act.triggered.connect(lambda _=False, p=p: open_other(window, Path(p)))


def ask_new_database(window) -> None:
    path, _ = QFileDialog.getSaveFileName(window, "Basis data baru", str(window.db_path.parent),
                                          DATABASE_FILTER)
    if path:
        new_database(window, Path(path))


def new_database(window, path: Path) -> None:
    """Create a database holding the official document and open it."""
    if path.suffix == "":
        path = path.with_suffix(".sqlite")
    if path.exists():
        QMessageBox.warning(window, "Berkas sudah ada",
                            f"{path} sudah ada; pilih nama lain atau buka berkas itu.")
        return
    try:
        session.create_database(path).close()
    except session.DatabaseError as exc:
        QMessageBox.critical(window, "Basis data tidak dapat dibuat", str(exc))
        return
    open_other(window, path)


def ask_save_copy(window) -> None:
    default = window.db_path.with_name(window.db_path.stem + "-salinan.sqlite")
    path, _ = QFileDialog.getSaveFileName(window, "Simpan salinan basis data", str(default),
                                          DATABASE_FILTER)
    if path:
        save_copy(window, Path(path))


def save_copy(window, path: Path) -> bool:
    """A consistent copy of the open database (SQLite's online backup)."""
    if path.resolve() == window.db_path.resolve():
        QMessageBox.warning(window, "Tidak dapat menyimpan", "Pilih berkas lain.")
        return False
    try:
        backups.save_copy(window.db, path)
    except backups.BackupError as exc:
        QMessageBox.critical(window, "Salinan gagal", str(exc))
        return False
    window.statusBar().showMessage(f"Salinan disimpan: {path}", 5000)
    return True


def restore_backup(window, source: Path) -> bool:
    """Close the database, restore ``source`` over it (``backups.restore_backup``: the
    guards, the state it replaces backed up first, the audit record), and open it again;
    that backup not copied to the second backup folder is said as the daily one is."""
    daily_check.stop(window)
    tasks.wait()
    path = window.db_path
    window.close_session()
    try:
        done = backups.restore_backup(path, source)
    except (backups.BackupError, session.DatabaseError) as exc:
        QMessageBox.critical(window, "Pemulihan gagal", str(exc))
        window.open_database(path)
        return False
    window.open_database(path)
    window.statusBar().showMessage(f"Dipulihkan dari {source.name}", 8000)
    if done.safety.second_problem:  # the state it replaced: not on the stick
        daily_check.not_copied(window, done.safety)
    return True
