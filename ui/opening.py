"""Opening a database for the window: the questions ``services.session.open_session`` asks
(another program holds it: read-only, take over, or cancel; a damaged file: restore the
latest backup?) and its refusals shown as message boxes; the daily check and backup then
starts in the background (``daily_check``). The backup taken before a schema upgrade that
did not reach the second backup folder is said as the daily one says it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from iku_desktop.domain.formatting import format_time
from iku_desktop.services import session
from iku_desktop.services.session import DatabaseError, RestoreFailed, Session

from . import daily_check


def _ask_held(parent, held) -> str | None:
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


def _offer_restore(parent, exc: Exception, latest) -> bool:
    return QMessageBox.question(
        parent, "Basis data rusak",
        f"{exc}\n\nPulihkan dari cadangan terakhir ({format_time(latest.taken_at.astimezone())}, "
        f"{latest.label})? Berkas yang rusak disimpan di folder cadangan.",
        QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes) == QMessageBox.Yes


def open_for_window(parent, path: Path) -> Session | None:
    """Open ``path`` for the window, asking the user where needed; None: not opened. The
    daily check and backup, when due, starts in the background (``daily_check``)."""
    try:
        opened = session.open_session(
            path, ask_held=lambda held: _ask_held(parent, held),
            offer_restore=lambda exc, latest: _offer_restore(parent, exc, latest))
        if opened is not None and parent is not None:
            daily_check.start(parent, opened)
            _say_upgrade_backup(parent, opened)
        return opened
    except RestoreFailed as err:
        QMessageBox.critical(parent, "Pemulihan gagal", str(err))
    except DatabaseError as exc:
        QMessageBox.critical(parent, "Basis data tidak dapat dibuka", str(exc))
    return None


def _say_upgrade_backup(parent, opened: Session) -> None:
    """The backup taken before the open upgraded the schema, when it did not reach the
    second backup folder: said as the daily one says it, once the window is shown."""
    made = opened.upgraded
    if made is not None and made.second_problem:
        QTimer.singleShot(0, parent, lambda: daily_check.not_copied(parent, made))


def show_opening(window, path: Path) -> None:
    """What the window shows on its first paint, before its database is opened: the file
    being opened (the tabs of its document replace it)."""
    window.setWindowTitle(f"IKU Desktop — membuka {path.name}…")
    from . import window_tabs

    window.tabs.addTab(window_tabs.centered_note(f"Membuka basis data {path}…"), "Ringkasan")


def show_not_opened(window, path: Path) -> None:
    """The window without a database (the user did not open ``path``, or it was refused,
    and none is open): what to do next, where the figures would be — none of the tabs,
    years or status of a database closed before."""
    from . import window_tabs

    window.setWindowTitle("IKU Desktop")
    window_tabs.retire(window)
    window.year_switch.fill((), None)
    window.statusBar().clearMessage()
    window.tabs.addTab(window_tabs.centered_note(
        f"Basis data {path} tidak dibuka.\n\nBuka basis data lain atau buat yang baru "
        "melalui menu Berkas."), "Ringkasan")


def stop_daily_check(parent) -> None:
    """Stop the daily check running in the background before the database is closed."""
    daily_check.stop(parent)


def close_for_window(path: Path | None) -> None:
    """Release the lock of the database at ``path`` (its read-only state goes with its
    database object)."""
    session.release(path)
