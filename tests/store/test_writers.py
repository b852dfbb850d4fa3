"""Writers at once: a writer waits for another (saying so) instead of dying with "database
is locked" and a traceback, and past the wait fails with a clear message leaving the
database as it was. A database file deleted or replaced while an import writes into it
fails the import loudly instead of reporting rows that are gone."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.exchange import importer
from iku_desktop.store import database as store_database
from tests.conftest import write_csv

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata"]


def usaha(path, tag, n):
    return write_csv(path, HEADER, [[f"Usaha {tag} {i}", f"Pemilik {i}", "Muaro Jambi",
                                     "01/03/2021"] for i in range(n)])


def count(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM usaha_kecil").fetchone()[0]
    finally:
        conn.close()


def dump(path):
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


class Holder:
    """Another program holding the write lock for ``seconds``."""

    def __init__(self, path, seconds):
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("BEGIN IMMEDIATE")
        self.timer = threading.Timer(seconds, self.release)
        self.timer.start()

    def release(self):
        if self.conn is not None:
            self.conn.execute("ROLLBACK")
            self.conn.close()
            self.conn = None

    def stop(self):
        self.timer.cancel()
        self.release()


@pytest.fixture
def quick_busy(monkeypatch):
    """SQLite waits 0,2 s per attempt instead of 5 s (the test stays short)."""
    monkeypatch.setattr(store_database, "BUSY_TIMEOUT_MS", 200)


def test_a_writer_waits_for_another_and_says_so(db_path, tmp_path, quick_busy, capsys):
    csv = usaha(tmp_path / "u.csv", "a", 20)
    holder = Holder(db_path, 1.5)
    try:
        code = cli(["--db", str(db_path), "import", str(csv)])
    finally:
        holder.stop()
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Menunggu basis data" in out.err and "Traceback" not in out.err
    assert count(db_path) == 20


def test_past_the_wait_a_writer_fails_clearly_and_changes_nothing(db_path, tmp_path,
                                                                  quick_busy, monkeypatch,
                                                                  capsys):
    from iku_desktop.store import writing

    monkeypatch.setattr(writing, "WAIT_SECONDS", 1.0)
    csv = usaha(tmp_path / "u.csv", "a", 20)
    before = dump(db_path)
    holder = Holder(db_path, 30)
    try:
        started = time.monotonic()
        code = cli(["--db", str(db_path), "import", str(csv)])
        took = time.monotonic() - started
        err = capsys.readouterr().err
        assert took < 15
    finally:
        holder.stop()
    assert code == 2 and "Traceback" not in err
    assert "sedang ditulis oleh proses lain" in err and "tidak disimpan" in err
    assert dump(db_path) == before


@pytest.mark.slow
def test_three_imports_at_once_all_go_in(db_path, tmp_path):
    """Three ``iku import`` processes started while a fourth program holds the write lock
    for longer than SQLite's own 5 s wait: each waits its turn."""
    files = [usaha(tmp_path / f"{t}.csv", t, 2000) for t in "abc"]
    holder = Holder(db_path, 12)
    try:
        procs = [subprocess.Popen([sys.executable, "-m", "iku_desktop", "--db", str(db_path),
                                   "import", str(f)], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for f in files]
        results = [(*p.communicate(timeout=180), p.returncode) for p in procs]
    finally:
        holder.stop()
    for out, err, code in results:
        assert "Traceback" not in err, err
        assert code == 0, err
        assert "ditambah" in out
    assert count(db_path) == 6000


def deleting(path: Path, how: str):
    """A Progress.step that takes the database file away as the rows start to go in."""
    real_step = importer.Progress.step

    def step(self, stage, done=0, total=0):
        if stage.startswith("Menyimpan") and path.exists():
            if how == "delete":
                path.unlink()
            else:  # replaced by another copy (a sync tool, a restore by hand)
                other = path.with_name("salinan.sqlite")
                shutil.copy(path, other)
                os.replace(other, path)
        return real_step(self, stage, done, total)

    return step


@pytest.mark.parametrize("how", ["delete", "replace"])
@pytest.mark.parametrize("n", [50, 6000])  # row by row, and the bulk path
def test_a_database_taken_away_during_an_import_fails_it_loudly(db_path, tmp_path,
                                                               monkeypatch, capsys, how, n):
    monkeypatch.setattr(importer.Progress, "step", deleting(db_path, how))
    code = cli(["--db", str(db_path), "import", str(usaha(tmp_path / "u.csv", "a", n))])
    out = capsys.readouterr()
    assert code == 2, out.out
    assert "ditambah" not in out.out and "Traceback" not in out.err
    assert "dihapus, dipindah atau diganti" in out.err and "TIDAK disimpan" in out.err
