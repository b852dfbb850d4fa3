"""A database on a read-only file system or a full disk is not "damaged": the message says
what it is, restoring a backup is never advised, and the file opens read-only where that
is possible (computing, exporting and printing without archiving still work). Real
read-only bind mounts and full tmpfs disks (root only), and the same through the checks
themselves (no mount needed)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from iku_desktop.cli import main as cli
from iku_desktop.store.database import open_database
from tests.store.disks import fill, read_only_view, small_disk
from tests.dbfiles import held_by_budi


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys, db, *args):
    code = cli(["--db", str(db), *map(str, args)])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    for wrong in ("rusak", "Pulihkan", "backup restore"):
        assert wrong not in out.err, out.err
    return code, out.out, out.err


def with_a_backup(db_path):
    """A backup beside the database: the old code advised restoring it."""
    db = open_database(db_path)
    from iku_desktop.store import backup

    backup.create(db_path, "manual", conn=db.connection())
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def check_read_only_use(capsys, db, out_dir, reason):
    code, out, _ = run(capsys, db, "compute", "--year", "2022")
    assert code == 0 and "Indikator Kinerja Utama" in out
    code, out, _ = run(capsys, db, "export", "sakip", "-o", out_dir / "s.xlsx")
    assert code == 0
    code, out, _ = run(capsys, db, "print", "dokumen", "-o", out_dir / "d.pdf")
    assert code == 0 and "tidak diarsipkan" in out
    code, out, _ = run(capsys, db, "audit", "--verify")
    assert code == 0
    code, _, err = run(capsys, db, "setting", "kertas", "F4")
    assert code == 2 and "hanya-baca" in err and reason in err


def test_on_a_read_only_file_system(db_path, tmp_path, capsys):
    with_a_backup(db_path)
    before = digest(db_path)
    out_dir = tmp_path / "keluar"
    out_dir.mkdir()
    with read_only_view(db_path.parent, tmp_path.parent / (tmp_path.name + "-ro")) as view:
        db = view / db_path.name
        check_read_only_use(capsys, db, out_dir, "hanya-baca")
        code, _, err = run(capsys, db, "import", out_dir / "tidak-ada.csv")
        assert code in (1, 2)
        code, _, err = run(capsys, db, "backup", "create")
        assert code == 1 and "hanya-baca" in err
        code, _, err = run(capsys, db, "backup", "restore")
        assert code == 1 and "hanya-baca" in err
    assert digest(db_path) == before


def test_on_a_full_disk(db_path, tmp_path, capsys):
    with_a_backup(db_path)
    out_dir = tmp_path / "keluar"
    out_dir.mkdir()
    with small_disk(tmp_path / "penuh", "2m") as disk:
        db = disk / "iku.sqlite"
        shutil.copy(db_path, db)
        before = digest(db)
        fill(disk)
        check_read_only_use(capsys, db, out_dir, "disk penuh")
        code, _, err = run(capsys, db, "backup", "create")
        assert code == 1 and "disk penuh" in err
        assert digest(db) == before


def test_reported_through_the_checks_without_a_mount(db_path, tmp_path, monkeypatch, capsys):
    """SQLite's "unable to open" where the folder is read-only: said as read-only, and the
    file opens read-only."""
    from iku_desktop.store import dbfile

    with_a_backup(db_path)
    monkeypatch.setattr(dbfile, "write_problem", lambda path: "sistem berkasnya hanya-baca")
    out_dir = tmp_path / "keluar"
    out_dir.mkdir()
    check_read_only_use(capsys, db_path, out_dir, "hanya-baca")
    err = sqlite3.OperationalError("unable to open database file")
    err.sqlite_errorcode = dbfile.SQLITE_CANTOPEN
    known = dbfile.explain(err, db_path, opening=True)
    assert isinstance(known, dbfile.DatabaseUnwritable) and "hanya-baca" in str(known)
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = dbfile.SQLITE_FULL
    assert "Disk penuh" in str(dbfile.explain(full, db_path))
    corrupt = sqlite3.DatabaseError("database disk image is malformed")
    corrupt.sqlite_errorcode = dbfile.SQLITE_CORRUPT
    assert isinstance(dbfile.explain(corrupt, db_path), dbfile.DatabaseDamaged)


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_read_only_database_with_its_log_is_read_whole(db_path, tmp_path, journal, capsys):
    """A read-only view of a database another program is writing (its -wal holds rows not
    yet in the file): opened read-only, those rows are seen."""
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute(f"PRAGMA journal_mode = {journal}")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO usaha_kecil (uuid, updated_at, nama_usaha, nama_pemilik, "
                   "kabupaten_id, tanggal_terdata, origin) VALUES ('u1', 't', 'Kopi', 'Ali', "
                   "2, '2021-01-01', 'provinsi')")
    try:
        with read_only_view(db_path.parent, tmp_path.parent / (tmp_path.name + "-ro")) as view:
            db = open_database(view / db_path.name)
            try:
                assert db.execute_sql("SELECT nama_usaha FROM usaha_kecil").fetchall() == \
                    [("Kopi",)]
            finally:
                db.close()
    finally:
        writer.close()


def test_init_on_a_full_disk_leaves_no_half_made_file(tmp_path, capsys):
    with small_disk(tmp_path / "penuh", "600k") as disk:
        fill(disk)
        code = cli(["--db", str(disk / "baru.sqlite"), "init"])
        err = capsys.readouterr().err
        assert code == 2 and "Disk penuh" in err and "Traceback" not in err
        assert sorted(p.name for p in disk.iterdir()) == ["pengisi"]  # "sudah ada" never


def test_held_by_another_program_on_a_read_only_file_system_opens_read_only(db_path, tmp_path):
    """Another program holds the file (its lock file beside it) and the folder is read-only
    (a share the office may only read): "Buka hanya-baca" opens it read-only, as the same
    file without the lock opens — it was refused as "tidak dapat ditulis"."""
    from iku_desktop.services import session

    held_by_budi(db_path)
    before = digest(db_path)
    with read_only_view(db_path.parent, tmp_path.parent / (tmp_path.name + "-ro")) as view:
        asked = []
        opened = session.open_session(view / db_path.name,
                                      ask_held=lambda held: asked.append(held.user) or "read")
        try:
            assert asked == ["budi"]
            assert "budi" in opened.read_only
            assert session.active_document() is not None  # its data is read
        finally:
            opened.close()
    assert digest(db_path) == before
