"""The open-time ``quick_check`` (issue 14): not on every open — it reads the whole file,
≈ 1 s at ten times Jambi's size — but after an unclean shutdown (a WAL or hot journal left
that no live holder explains, a stale lock file of a window, a lock taken over), before
every backup (so daily: the first open of a day takes one), and on demand. A file cut
short is still refused at every open (SQLite compares its size with its header)."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys

import pytest

from iku_desktop.services import session
from iku_desktop.services.database import open_for_work
from iku_desktop.store import backup, dbfile, lockfile
from iku_desktop.store.database import DatabaseDamaged, open_database


@pytest.fixture
def checks(monkeypatch):
    """How many times ``PRAGMA quick_check`` ran."""
    ran = []
    real = dbfile.quick_check

    def spy(conn):
        ran.append(1)
        return real(conn)

    monkeypatch.setattr(dbfile, "quick_check", spy)
    return ran


def crash_after_a_write(path):
    """Another process writes in WAL mode and dies without closing: the WAL stays."""
    code = ("import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('PRAGMA journal_mode=WAL'); "
            "c.execute('CREATE TABLE IF NOT EXISTS crash_marker (x)'); "
            "c.execute('INSERT INTO crash_marker VALUES (1)'); c.commit(); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert dbfile.pending_wal(path)


def with_filler(path, rows=600):
    """A table of many pages whose leaves hold only its rows (``filler_leaf``)."""
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE filler (x)")
    c.executemany("INSERT INTO filler VALUES (randomblob(400))", [()] * rows)
    c.commit()
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.close()


def damage_a_filler_page(path):
    """Scramble the cells of one leaf page of the filler table: the header, the schema and
    the IKU tables still read; only a check that visits every page sees it."""
    c = sqlite3.connect(path)
    size = c.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in c.execute(
        "SELECT pageno FROM dbstat WHERE name = 'filler' AND pagetype = 'leaf'")]
    c.close()
    data = bytearray(path.read_bytes())
    start = (pages[len(pages) // 2] - 1) * size
    data[start + 8:start + 200] = b"\xab" * 192
    path.write_bytes(bytes(data))


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def lock_of(path, pid):
    lockfile.lock_path(path).write_text(json.dumps(
        {"user": "budi", "host": socket.gethostname(), "pid": pid,
         "since": "2026-12-01T08:00:00"}))


def test_a_clean_open_runs_no_quick_check(db_path, checks):
    open_database(db_path).close()
    open_database(db_path).close()
    assert checks == []


def test_an_open_after_a_crash_runs_it(db_path, checks):
    crash_after_a_write(db_path)
    db = open_database(db_path)
    db.close()
    assert checks == [1]
    open_database(db_path).close()  # closed cleanly now: the WAL is gone
    assert checks == [1]


def test_a_window_open_on_the_file_explains_its_wal(db_path, checks):
    """A live holder of the lock file (a window on this PC) keeps a WAL: not a crash."""
    crash_after_a_write(db_path)
    lock_of(db_path, os.getppid())  # alive, and not this process
    open_database(db_path).close()
    assert checks == []


def test_subtle_damage_passes_a_clean_open_and_is_found_after_a_crash(db_path, checks):
    with_filler(db_path)
    damage_a_filler_page(db_path)
    open_database(db_path).close()  # the trade-off: a clean open does not read every page
    assert checks == []
    crash_after_a_write(db_path)
    with pytest.raises(DatabaseDamaged, match="integritas"):
        open_database(db_path)


def test_a_stale_window_lock_makes_the_window_check(db_path, checks):
    with_filler(db_path)
    damage_a_filler_page(db_path)
    lock_of(db_path, dead_pid())
    with pytest.raises(DatabaseDamaged, match="integritas"):
        session.open_session(db_path)
    assert checks == [1]


def test_taking_the_lock_over_makes_the_window_check(db_path, checks):
    lock_of(db_path, os.getppid())
    s = session.open_session(db_path, ask_held=lambda held: "take")
    try:
        assert checks == [1]
    finally:
        s.close()


def test_no_backup_of_a_damaged_file_so_the_daily_open_finds_it(db_path, checks):
    with_filler(db_path)
    damage_a_filler_page(db_path)
    db = open_database(db_path)
    try:
        with pytest.raises(DatabaseDamaged, match="Cadangan tidak dibuat"):
            backup.create(db_path, "manual", conn=db.connection())
    finally:
        db.close()
    assert backup.list_backups(db_path) == []  # no damaged copy rotating the sound ones out
    with pytest.raises(DatabaseDamaged):
        open_for_work(db_path)  # the first open of the day: its backup checks first
    assert backup.list_backups(db_path) == []


def test_the_daily_backup_checks_once_a_day(db_path, checks):
    open_for_work(db_path).close()
    assert checks == [1] and len(backup.list_backups(db_path)) == 1
    open_for_work(db_path).close()
    assert checks == [1]


def test_a_file_cut_short_is_refused_at_every_open(db_path, checks):
    with_filler(db_path)
    data = db_path.read_bytes()
    db_path.write_bytes(data[:len(data) * 2 // 3 // 4096 * 4096])
    with pytest.raises(DatabaseDamaged):  # SQLite compares the size with the header
        open_database(db_path)
    assert checks == []


def test_iku_check_on_demand(db_path, capsys):
    from iku_desktop.cli import main as cli

    backup.create(db_path, "manual")
    assert cli(["--db", str(db_path), "check"]) == 0
    assert "utuh" in capsys.readouterr().out
    with_filler(db_path)
    damage_a_filler_page(db_path)
    assert cli(["--db", str(db_path), "check"]) == 2
    err = capsys.readouterr().err
    assert "Galat: Pemeriksaan integritas" in err and "Traceback" not in err
    assert "Pulihkan dengan: iku --db" in err  # the way back: the latest backup
