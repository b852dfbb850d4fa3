"""The daily check and backup left to the window (``Session.daily``), taken in a worker
thread with a connection of its own (the command line still takes it at the open:
``tests/store/test_open_check.py``)."""

from __future__ import annotations

import pytest

from iku_desktop.services import backups, session
from iku_desktop.store import backup
from iku_desktop.store import database as store_database
from tests.store.disks import backup_copies_fill_the_disk
from tests.store.test_open_check import checks  # noqa: F401 — the quick_check counter


def test_the_window_open_leaves_the_daily_backup_to_the_caller(db_path, checks):
    s = session.open_session(db_path)
    try:
        assert backup.list_backups(db_path) == [] and checks == []  # the open did not wait
        assert s.daily is not None and s.daily.check and s.read_only is None
        made = s.daily.run()
        assert made.reason == "harian" and checks == [1]
        assert [b.path for b in backup.list_backups(db_path)] == [made.path]
    finally:
        s.close()
    s = session.open_session(db_path)  # taken today: not again
    try:
        assert s.daily is None
    finally:
        s.close()


def test_a_stopped_daily_backup_writes_nothing(db_path):
    s = session.open_session(db_path)
    try:
        cancel = backups.Cancel()
        cancel.request()
        with pytest.raises(backups.Cancelled):
            s.daily.run(cancel)
    finally:
        s.close()
    assert not backup.folder_for(db_path).exists() or \
        list(backup.folder_for(db_path).iterdir()) == []


def test_a_backup_that_would_not_fit_is_tried_at_the_open(db_path, monkeypatch):
    """Not left to the background: the open says at once that the disk is full (and the
    database opens read-only), as before."""
    class Usage:
        free = 1024

    monkeypatch.setattr(backup.shutil, "disk_usage", lambda path: Usage())
    backup_copies_fill_the_disk(monkeypatch)
    s = session.open_session(db_path)
    try:
        assert s.read_only is not None and "disk penuh" in s.read_only
        assert s.daily is None and backup.list_backups(db_path) == []
    finally:
        s.close()


def test_on_a_rollback_journal_it_is_taken_at_the_open(db_path, monkeypatch):
    """(A network share: a reader there would hold the user's writes up.)"""
    monkeypatch.setattr(store_database, "on_network_share", lambda path: True)
    s = session.open_session(db_path)
    try:
        assert s.daily is None
        assert [b.reason for b in backup.list_backups(db_path)] == ["harian"]
    finally:
        s.close()


def test_after_an_unclean_shutdown_the_open_checks_and_the_daily_backup_only_copies(
        db_path, checks):
    from tests.store.test_open_check import crash_after_a_write

    crash_after_a_write(db_path)
    s = session.open_session(db_path)
    try:
        assert checks == [1]  # at the open, before anything is written
        assert s.daily is not None and not s.daily.check
        s.daily.run()
        assert checks == [1]
    finally:
        s.close()


def test_a_file_gone_before_the_worker_starts_is_said_not_created(db_path):
    s = session.open_session(db_path)
    try:
        daily = s.daily
    finally:
        s.close()
    db_path.unlink()
    with pytest.raises(session.DatabaseError):
        daily.run()
    assert not db_path.exists()
