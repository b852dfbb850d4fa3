"""A database open in one window: the second opener is told who holds it and opens it
read-only; on a network share the rollback journal is used instead of WAL."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import peewee
import pytest

from iku_desktop.services import editing, ownership
from iku_desktop.services.editing_errors import EditError
from iku_desktop.store import database as store_db
from iku_desktop.store import lockfile
from iku_desktop.store.database import open_database
from tests.dbfiles import held_by_budi


def test_second_opener_sees_the_holder(db_path):
    assert lockfile.acquire(db_path) is None  # this process holds it
    assert lockfile.acquire(db_path) is None  # and may take it again
    # another process on this computer
    code = ("import sys; from pathlib import Path; from iku_desktop.store import lockfile; "
            "h = lockfile.acquire(Path(sys.argv[1])); print(h.user if h else 'FREE')")
    out = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True,
                         text=True, check=True, cwd=os.getcwd()).stdout.strip()
    assert out == lockfile.holder(db_path).user
    lockfile.release(db_path)
    assert lockfile.holder(db_path) is None


def test_a_lock_left_by_a_dead_process_is_taken_over(db_path):
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = int(proc.stdout)
    lockfile.lock_path(db_path).write_text(json.dumps(
        {"user": "x", "host": __import__("socket").gethostname(), "pid": dead,
         "since": "2026-01-01T00:00:00"}))
    assert lockfile.acquire(db_path) is None
    assert lockfile.holder(db_path).is_this_process
    lockfile.release(db_path)


def test_a_lock_from_another_computer_holds_until_taken_over(db_path):
    held_by_budi(db_path)
    held = lockfile.acquire(db_path)
    assert held.user == "budi" and "PC-SEKRETARIAT" in held.describe()
    assert lockfile.acquire(db_path, take_over=True) is None
    assert lockfile.holder(db_path).is_this_process
    lockfile.release(db_path)


def test_read_only_database_refuses_every_write(db_path):
    db = open_database(db_path, read_only=True)
    try:
        with pytest.raises(peewee.OperationalError, match="readonly"):
            db.execute_sql("UPDATE dokumen SET tempat = 'x'")
        ownership.set_read_only(db, "dibuka oleh budi")
        with pytest.raises(EditError, match="hanya-baca: dibuka oleh budi"):
            editing.prepare_usaha("Kopi", "Ali", "Muaro Jambi", "01/03/2021").write()
    finally:
        db.close()


def test_network_share_uses_the_rollback_journal(db_path, monkeypatch):
    monkeypatch.setattr(store_db, "on_network_share", lambda p: True)
    db = open_database(db_path)
    try:
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        db.close()
    monkeypatch.undo()
    db = open_database(db_path)
    try:
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_network_share_detection_reads_the_mount_table(tmp_path, monkeypatch):
    assert store_db.on_network_share(tmp_path / "x.sqlite") is False
    assert store_db.on_network_share(r"\\server\share\iku.sqlite") is True
    mounts = f"//srv/data {tmp_path} cifs rw 0 0\n"
    real_read = store_db.Path.read_text

    def fake(self, *a, **k):
        return mounts if str(self) == "/proc/mounts" else real_read(self, *a, **k)

    monkeypatch.setattr(store_db.Path, "read_text", fake)
    assert store_db.on_network_share(tmp_path / "iku.sqlite") is True


def test_a_lock_in_a_folder_that_cannot_be_written_is_no_error(db_path, monkeypatch):
    """A read-only file system (a write-protected stick, a CD, a read-only share) refuses
    even removing a lock file that is not there (EROFS), a read-only folder removing a
    stale lock or one taken over: nobody can write there, so there is no lock to take —
    the open goes on (read-only: ``read_only_reason``) instead of failing with the OS's
    error (the window stayed at "Membuka …")."""
    import errno
    import socket
    from pathlib import Path

    real_unlink, real_open = Path.unlink, os.open

    def refused(path):
        return OSError(errno.EROFS, "Read-only file system", str(path))

    def unlink(self, missing_ok=False):
        if self.name.endswith(".lock"):
            raise refused(self)
        return real_unlink(self, missing_ok)

    def os_open(path, flags, *args):
        if str(path).endswith(".lock") and flags & os.O_CREAT:
            raise refused(path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr(os, "open", os_open)
    lock = lockfile.lock_path(db_path)
    assert lockfile.acquire(db_path) is None and not lock.exists()  # none there
    stale = json.dumps({"user": "x", "host": socket.gethostname(), "pid": 0,
                        "since": "2026-01-01T00:00:00"})
    lock.write_text(stale)  # left by a window of this PC that no longer runs
    assert lockfile.acquire(db_path) is None and lock.read_text() == stale
    budi = held_by_budi(db_path).read_text()
    assert lockfile.acquire(db_path).user == "budi"  # still said who holds it
    assert lockfile.acquire(db_path, take_over=True) is None and lock.read_text() == budi
