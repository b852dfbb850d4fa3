"""A path that is not an IKU database — another application's SQLite file, an empty file, a
device, a FIFO, a folder, a symlink loop — is refused with a message and left exactly as
it was, on every command and as a backup to restore; never a hang, an unbounded read or a
traceback. An IKU database made before the file mark existed still opens and gets it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.services.database import open_or_create
from iku_desktop.store import backup, migrate
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database
from tests.conftest import write_csv

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata"]
IKU_MARK = 0x494B5544  # "IKUD"


def run_process(*args, timeout=60):
    """The command in its own process: a FIFO or a device must not hang the tests."""
    return subprocess.run([sys.executable, "-m", "iku_desktop", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def run_any(capsys, *args):
    """(exit code, stdout, stderr): in a process when a path is a FIFO or a device (which
    could hang or read without end), else in this one (faster)."""
    if any(str(a).startswith("/dev/") or str(a).endswith("fifo.sqlite") for a in args):
        done = run_process(*args)
        return done.returncode, done.stdout, done.stderr
    code = cli([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def foreign_with_tables(path):
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE pesanan (id INTEGER PRIMARY KEY, barang TEXT);"
                       "INSERT INTO pesanan (barang) VALUES ('kopi'), ('teh');")
    conn.close()


def foreign_empty(path):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 3")  # writes the header: a valid, empty database
    conn.close()


def foreign_with_schema_migrations(path):
    """A Rails-style database: it has a table of that name, but not ours."""
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY);"
                       "INSERT INTO schema_migrations VALUES ('20240101000000');"
                       "CREATE TABLE koperasi (id INTEGER PRIMARY KEY, nama TEXT);")
    conn.close()


def foreign_mark_on_iku_shape(path, template_db):
    """An IKU-shaped file that another application has claimed with its own mark."""
    path.write_bytes(template_db.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1598903374")  # the mark of another program
    conn.commit()
    conn.close()


FOREIGN = [foreign_with_tables, foreign_empty, foreign_with_schema_migrations]


def snapshot(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.iterdir())}


COMMANDS = [["compute", "--year", "2022"], ["import", "{csv}"], ["export", "usaha-kecil",
            "-o", "{out}/u.xlsx"], ["print", "dokumen", "-o", "{out}/d.pdf"],
            ["setting", "kertas", "F4"], ["office", "set", "--kabupaten", "1505"],
            ["audit", "--verify"], ["verify", "IKU-7Q2KM-9XD3T"], ["backup", "create"],
            ["lock", "--year", "2022"], ["demo"], ["init"]]


@pytest.mark.parametrize("make", FOREIGN + [foreign_mark_on_iku_shape])
def test_another_applications_sqlite_file_is_refused_untouched(tmp_path, template_db, make,
                                                               capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "lain.sqlite"
    if make is foreign_mark_on_iku_shape:
        make(path, template_db)
    else:
        make(path)
    out_dir = tmp_path / "keluar"
    out_dir.mkdir()
    csv = write_csv(tmp_path / "u.csv", HEADER, [["Kopi", "Ali", "Muaro Jambi", "01/03/2021"]])
    before = snapshot(folder)
    for args in COMMANDS:
        args = [a.format(csv=csv, out=out_dir) for a in args]
        code = cli(["--db", str(path), *args])
        err = capsys.readouterr().err
        assert code == 2, (args, err)
        assert "Galat:" in err and "Traceback" not in err, (args, err)
        if args != ["init"]:
            assert "bukan basis data IKU Desktop" in err, (args, err)
            assert "Pulihkan" not in err  # not damaged: restoring is no advice here
        assert snapshot(folder) == before, args  # same bytes, nothing made beside it
    assert list(out_dir.iterdir()) == []


def in_a_process(kind: str):
    """A device or a FIFO: the command runs in its own process (``run_any``), a slow test."""
    return pytest.param(kind, marks=pytest.mark.slow)


SPECIAL = [in_a_process("/dev/zero"), in_a_process("/dev/null"), in_a_process("fifo"), "folder",
           "loop", "dangling", "empty", "text"]


def special(tmp_path, kind) -> Path:
    if kind.startswith("/dev/"):
        return Path(kind)
    path = tmp_path / f"{kind}.sqlite"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "loop":
        os.symlink(tmp_path / "loop2.sqlite", path)
        os.symlink(path, tmp_path / "loop2.sqlite")
    elif kind == "dangling":
        os.symlink(tmp_path / "tidak-ada" / "x.sqlite", path)
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        path.write_text("ini bukan basis data\n" * 100)
    return path


@pytest.mark.skipif(os.name != "posix", reason="devices and FIFOs")
@pytest.mark.parametrize("kind", SPECIAL)
def test_special_files_as_the_database(tmp_path, kind, capsys):
    path = special(tmp_path, kind)
    before = sorted(p.name for p in tmp_path.iterdir())
    for args in (["compute", "--year", "2022"], ["backup", "create"], ["import", "x.csv"]):
        code, out, err = run_any(capsys, "--db", path, *args)
        assert code == 2, (kind, args, out, err)
        assert "Galat:" in err and "Traceback" not in err, (kind, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    if kind == "empty":
        assert path.stat().st_size == 0  # not turned into a database


@pytest.mark.skipif(os.name != "posix", reason="devices and FIFOs")
@pytest.mark.parametrize("kind", SPECIAL)
def test_special_files_are_never_restored(tmp_path, db_path, kind, capsys):
    source = special(tmp_path, kind)
    before = db_path.read_bytes()
    code, out, err = run_any(capsys, "--db", db_path, "backup", "restore", source)
    assert code in (1, 2) and "Dipulihkan" not in out, out
    assert "Galat:" in err and "Traceback" not in err, err
    assert db_path.read_bytes() == before
    assert backup.list_backups(db_path) == []  # not even a safety copy was needed


@pytest.mark.skipif(os.name != "posix", reason="devices and FIFOs")
@pytest.mark.parametrize("kind", [in_a_process("fifo"), "folder", "loop",
                                  in_a_process("/dev/zero")])
def test_restore_onto_a_special_file_is_refused(tmp_path, db_path, kind, capsys):
    good = db_path.with_name("cadangan-baik.sqlite")
    good.write_bytes(db_path.read_bytes())
    target = special(tmp_path, kind)
    code, out, err = run_any(capsys, "--db", target, "backup", "restore", good)
    assert code in (1, 2) and "Dipulihkan" not in out
    assert "Galat:" in err and "Traceback" not in err, err


def damaged_copy(path, template_db):
    data = bytearray(template_db.read_bytes())
    for i in range(4096, min(len(data), 60000)):
        data[i] = (i * 7) % 256
    path.write_bytes(bytes(data))


def newer_schema(path, template_db):
    path.write_bytes(template_db.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'masa depan', 'x')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make", FOREIGN + [damaged_copy, newer_schema])
def test_only_a_sound_iku_database_is_restored(tmp_path, db_path, template_db, make, capsys):
    source = tmp_path / "bukan-cadangan.sqlite"
    if make in (damaged_copy, newer_schema):
        make(source, template_db)
    else:
        make(source)
    before = db_path.read_bytes()
    code = cli(["--db", str(db_path), "backup", "restore", str(source)])
    out = capsys.readouterr()
    assert code == 1 and "Dipulihkan" not in out.out
    assert "Galat:" in out.err and "Traceback" not in out.err
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("make", FOREIGN)
def test_restore_over_another_applications_file_is_refused(tmp_path, db_path, make, capsys):
    good = tmp_path / "cadangan.sqlite"
    good.write_bytes(db_path.read_bytes())
    target = tmp_path / "lain.sqlite"
    make(target)
    before = target.read_bytes()
    code = cli(["--db", str(target), "backup", "restore", str(good)])
    err = capsys.readouterr().err
    assert code == 1 and "bukan basis data IKU Desktop" in err
    assert target.read_bytes() == before


def test_an_iku_database_from_before_the_mark_opens_and_gets_it(tmp_path):
    path = tmp_path / "lama.sqlite"
    db = open_database(path, create=True, upgrade=False)
    migrate.upgrade(db, path, to_version=8)
    db.execute_sql("INSERT INTO usaha_kecil (uuid, updated_at, nama_usaha, nama_pemilik, "
                   "kabupaten_id, tanggal_terdata) VALUES ('u1', 't', 'U', 'P', 2, "
                   "'2021-01-01')")
    db.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0  # as old versions left it
    conn.close()

    db = open_database(path)
    try:
        assert db.execute_sql("PRAGMA application_id").fetchone()[0] == IKU_MARK
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == migrate.latest_version()
        assert m.UsahaKecil.get().nama_usaha == "U"
    finally:
        db.close()


def test_the_default_database_is_still_created_on_first_start(tmp_path):
    path = tmp_path / "data pengguna" / "iku.sqlite"
    db = open_or_create(path)  # the window's first start
    try:
        assert db.execute_sql("PRAGMA application_id").fetchone()[0] == IKU_MARK
    finally:
        db.close()
    db = open_or_create(path)  # and opens the next time
    db.close()


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_a_fifo_as_the_lock_file_does_not_hang(db_path):
    os.mkfifo(db_path.with_name(db_path.name + ".lock"))
    done = run_process("--db", db_path, "backup", "restore", db_path, timeout=60)
    assert "Traceback" not in done.stderr and done.returncode == 1
