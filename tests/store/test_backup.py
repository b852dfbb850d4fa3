import sqlite3
import time
from datetime import date

from iku_desktop.cli import main
from iku_desktop.exchange.importer import import_file
from iku_desktop.store import backup
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database
from tests.conftest import write_csv


def count_koperasi(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM koperasi").fetchone()[0]
    finally:
        conn.close()


def test_create_list_rotate(db, db_path):
    for _ in range(4):
        backup.create(db_path, "manual", keep=3, conn=db.connection())
        time.sleep(0.002)
    found = backup.list_backups(db_path)
    assert len(found) == 3 and found[0].taken_at > found[-1].taken_at
    assert all(b.path.parent.name == "iku-cadangan" for b in found)
    conn = sqlite3.connect(found[0].path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_an_import_takes_a_backup_first(db, db_path, tmp_path):
    csv = write_csv(tmp_path / "k.csv", ["Nomor Badan Hukum", "Nama Koperasi",
                                         "Tanggal Badan Hukum", "Kabupaten/Kota",
                                         "Jenis Koperasi", "Status"],
                    [["1/BH", "A", "2010-01-01", "Kota Jambi", "Jasa", "Aktif"]])
    assert import_file(csv).written
    before = [b for b in backup.list_backups(db_path) if b.reason == "sebelum-impor"]
    assert len(before) == 1 and count_koperasi(before[0].path) == 0
    assert m.Koperasi.select().count() == 1


def test_restore_keeps_the_state_it_replaces(db_path, capsys):
    db = open_database(db_path)
    assert main(["--db", str(db_path), "backup", "create"]) == 0
    m.Koperasi.create(nomor_badan_hukum="1/BH", nama="A", tanggal_badan_hukum=date(2010, 1, 1),
                      kabupaten_id=1, jenis="jasa")
    db.close()
    assert count_koperasi(db_path) == 1
    assert main(["--db", str(db_path), "backup", "restore"]) == 0
    assert count_koperasi(db_path) == 0
    safety = [b for b in backup.list_backups(db_path) if b.reason == "sebelum-pulih"]
    assert len(safety) == 1 and count_koperasi(safety[0].path) == 1
    assert main(["--db", str(db_path), "backup", "list"]) == 0
    assert "sebelum pemulihan" in capsys.readouterr().out


def test_restore_refuses_a_damaged_backup(db_path, tmp_path, capsys):
    bad = tmp_path / "rusak.sqlite"
    bad.write_bytes(b"SQLite format 3\0" + b"\x01" * 5000)
    assert main(["--db", str(db_path), "backup", "restore", str(bad)]) == 1
    assert "Galat" in capsys.readouterr().err
    assert open_database(db_path) is not None  # unchanged and still opens


def test_daily_backup_once_a_day(db, db_path):
    assert backup.daily(db_path, db.connection()) is not None
    assert backup.daily(db_path, db.connection()) is None


def test_a_backup_folder_that_is_a_file_is_said_in_indonesian(db, db_path):
    folder = backup.folder_for(db_path)
    folder.write_text("bukan folder")
    before = db_path.read_bytes()
    try:
        backup.create(db_path, "manual", keep=3, conn=db.connection())
    except backup.BackupError as exc:
        message = str(exc)
    else:
        raise AssertionError("a backup into a file was not refused")
    assert str(folder) in message
    assert "bukan folder" in message and "Errno" not in message and "exists" not in message
    assert folder.read_text() == "bukan folder"  # the file there is left alone
    assert db_path.read_bytes() == before
