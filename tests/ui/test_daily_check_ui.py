"""The daily check and backup in the background: the window opens usable while the first
open of the day checks (``quick_check``) and backs up the database in a worker; the status
bar says so, then the outcome. Damage found is shown and no backup rotated out; a copy that
did not reach the second backup folder is shown naming the folder; closing the window or
opening another database stops the check cleanly (no partial file, no stale lock)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from iku_desktop.store import backup, dbfile, lockfile, settings
from iku_desktop.store.database import open_database
from tests.store.test_open_check import damage_a_filler_page, with_filler
from tests.ui.test_target_tab import _go, _target, _window, press, type_text
from ui import daily_check, tasks
from ui.main_window import MainWindow

pytestmark = pytest.mark.background  # the check runs in a worker, as in the app


class HeldCheck:
    """``dbfile.quick_check`` replaced: in a worker it says it started and then ``hold``s;
    on the GUI thread (the open waiting for it) it only notes that it ran there."""

    def __init__(self, hold) -> None:
        self.hold = hold
        self.started = threading.Event()
        self.release = threading.Event()
        self.on_gui = []
        self.real = dbfile.quick_check

    def __call__(self, conn):
        if threading.current_thread() is threading.main_thread():
            self.on_gui.append(1)
        else:
            self.started.set()
            self.hold(self, conn)
        return self.real(conn)


def until_released(check, conn):
    """Held with a read transaction open, as a check reading the file is (in WAL mode the
    window's writes go on meanwhile)."""
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM target").fetchall()
    try:
        assert check.release.wait(60)
    finally:
        conn.execute("COMMIT")


def endless(check, conn):
    """A statement that runs until it is interrupted (as a long check on a large file)."""
    name = conn.execute("PRAGMA database_list").fetchone()[2]
    if name.endswith("iku.sqlite"):
        conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                     "SELECT count(*) FROM c").fetchall()


@pytest.fixture
def held(monkeypatch):
    check = HeldCheck(until_released)
    monkeypatch.setattr(dbfile, "quick_check", check)
    yield check
    check.release.set()


@pytest.fixture
def endless_check(monkeypatch):
    check = HeldCheck(endless)
    monkeypatch.setattr(dbfile, "quick_check", check)
    return check


def _check_started(qtbot, check) -> None:
    """The daily check runs in a worker once the window's event loop runs (work handed
    over while the window is built starts after its first events, ``tasks.run``)."""
    qtbot.waitUntil(check.started.is_set, timeout=20000)


def status(w) -> QLabel:
    return w.statusBar().findChild(QLabel, daily_check.LABEL)


def files_in(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_the_window_is_usable_while_the_daily_check_runs(qtbot, db_path, held):
    w = _window(qtbot, db_path)
    assert held.started.wait(20), "the daily check did not run in a worker"
    assert held.on_gui == []
    assert status(w).isVisible() and status(w).text() == "Memeriksa dan mencadangkan basis data…"
    assert backup.list_backups(db_path) == []
    # the user edits meanwhile, with the keyboard
    _go(w.target_tab.table, 0, 2024)
    type_text("20,5")
    press(Qt.Key_Return)
    assert _target(1, 2024) == Decimal("20.5")
    assert status(w).text() == daily_check.RUNNING  # the refresh does not overwrite it
    held.release.set()
    tasks.wait()
    [made] = backup.list_backups(db_path)
    assert made.reason == "harian"
    assert status(w).text().startswith("Basis data utuh; cadangan harian dibuat")
    # a consistent copy holding the edit made before the copy started
    conn = sqlite3.connect(made.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT nilai FROM target WHERE tahun = 2024 AND deleted = 0 "
                            "AND nilai = '20.5'").fetchall()
    finally:
        conn.close()
    assert not list(backup.folder_for(db_path).glob("*.sebagian"))


def yesterdays_backup(db_path, keep=1):
    """A sound backup taken yesterday; ``keep``: backups kept."""
    db = open_database(db_path)
    try:
        settings.set_values({"cadangan_disimpan": keep})
        made = backup.create(db_path, "harian", conn=db.connection())
    finally:
        db.close()
    old = made.path.with_name(f"{datetime.now() - timedelta(days=1):%Y%m%d-%H%M%S-%f}"
                              "-harian.sqlite")
    made.path.rename(old)
    return old


def test_damage_found_by_the_daily_check_is_shown_and_no_backup_rotated(qtbot, db_path,
                                                                        monkeypatch):
    from PySide6.QtTest import QTest

    from ui.backup_dialog import BackupDialog

    asked = []  # (the open refusing the file asks, and waits on, these)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or
                        QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: asked.append(a[2]))
    with_filler(db_path)
    old = yesterdays_backup(db_path, keep=1)
    damage_a_filler_page(db_path)  # not seen by a clean open, seen by quick_check
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    tasks.wait()
    box = w.findChild(QMessageBox, "periksa_basis_data")
    assert box is not None and box.isVisible() and box.windowTitle() == "Basis data rusak"
    assert str(db_path) in box.text() and "Berkas › Cadangan" in box.text()
    assert "Cadangan harian tidak dibuat" in box.text()
    assert "RUSAK" in status(w).text()
    assert files_in(backup.folder_for(db_path)) == [old.name]  # the sound one kept
    assert asked == []
    # the box leads to the backups; restoring the one kept mends the file
    QTest.mouseClick(box.findChild(QPushButton, "buka_cadangan"), Qt.LeftButton)
    dialog = w.findChild(BackupDialog, "cadangan")
    assert dialog is not None and dialog.isVisible() and dialog.list.count() == 1
    dialog.list.setCurrentRow(0)
    QTest.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert len(asked) == 1 and "Ganti isi basis data" in asked[0]
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert w.db_path == db_path and w.session is not None


def test_a_second_folder_that_cannot_be_written_is_shown(qtbot, db_path, tmp_path):
    stick = tmp_path / "FLASHDISK"
    stick.write_text("not a folder")  # (fails as root too)
    db = open_database(db_path)
    try:
        settings.set_values({"cadangan_folder_kedua": str(stick)})
    finally:
        db.close()
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    tasks.wait()
    [made] = backup.list_backups(db_path)  # the backup beside the database is made
    box = w.findChild(QMessageBox, "cadangan_tidak_disalin")
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Cadangan dibuat, tidak disalin"
    assert f"{stick} bukan folder" in box.text()
    assert str(stick) in status(w).full_text and "TIDAK disalin" in status(w).text()
    assert status(w).text().endswith(stick.name)  # the folder's own name is seen
    assert str(stick) in status(w).toolTip() and "bukan folder" in status(w).toolTip()
    # elided to its widest: the status bar's own message keeps the rest of the window
    assert status(w).sizeHint().width() <= daily_check.MAX_WIDTH + 20
    w.statusBar().showMessage("pesan lain")  # a later message does not hide the warning
    assert status(w).isVisibleTo(w) and str(stick) in status(w).full_text


def test_closing_the_window_stops_the_check_cleanly(qtbot, db_path, endless_check):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    _check_started(qtbot, endless_check)
    assert lockfile.lock_path(db_path).exists()
    w.close()  # interrupts the check: does not wait for it to end
    assert files_in(backup.folder_for(db_path)) == []  # no backup, no partial file
    assert not lockfile.lock_path(db_path).exists() and lockfile.holder(db_path) is None
    # the next open takes the daily backup
    monkey = endless_check.hold
    endless_check.hold = lambda check, conn: None
    try:
        again = MainWindow(db_path)
        qtbot.addWidget(again)
        tasks.wait()
        assert [b.reason for b in backup.list_backups(db_path)] == ["harian"]
    finally:
        endless_check.hold = monkey


def test_opening_another_database_while_the_check_runs(qtbot, db_path, endless_check):
    other = db_path.with_name("kabupaten.sqlite")
    other.write_bytes(db_path.read_bytes())
    QSettings().setValue("recent", [str(other)])
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    _check_started(qtbot, endless_check)
    [action] = [a for a in w.recent_menu.actions() if a.text() == str(other)]
    action.trigger()  # Berkas › Berkas terakhir › kabupaten.sqlite
    assert w.db_path == other
    # the first one: stopped, nothing written, its lock released
    assert files_in(backup.folder_for(db_path)) == []
    assert not lockfile.lock_path(db_path).exists()
    tasks.wait()
    # the other one: its own daily check and backup, said of it
    assert [b.reason for b in backup.list_backups(other)] == ["harian"]
    assert status(w).text().startswith("Basis data utuh; cadangan harian dibuat")
    assert lockfile.lock_path(other).exists()


def test_the_demo_or_any_other_open_stops_the_check_too(qtbot, db_path, held):
    """Not only the menus: whatever opens another database in the window (Mulai › demo
    when its file exists, ``open_database``) stops the running check instead of waiting
    for it to end and letting it write its backup."""
    other = db_path.with_name("demo.sqlite")
    other.write_bytes(db_path.read_bytes())
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    _check_started(qtbot, held)
    # the check would end by itself in a while (a long check on a large file)
    threading.Timer(3.0, held.release.set).start()
    w.open_database(other)
    assert w.db_path == other
    assert files_in(backup.folder_for(db_path)) == []  # stopped: no backup of the first
    assert not lockfile.lock_path(db_path).exists()
    held.release.set()
    tasks.wait()
