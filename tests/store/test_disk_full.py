"""A full disk during an import, a package merge or a backup: a clear message and the
database exactly as it was. The disk fills up for real as far as SQLite is concerned: the
database (or the backup being written) may not grow beyond ``max_page_count`` pages, and
SQLite answers SQLITE_FULL ("database or disk is full") as it does on a full disk."""

from __future__ import annotations

import pytest

from iku_desktop.exchange import package as pkgfile
from iku_desktop.exchange.importer import import_file
from iku_desktop.services import office, packages
from iku_desktop.services.database import init_database
from iku_desktop.store import backup
from iku_desktop.store.database import open_database
from tests.conftest import table_dump, write_csv
from tests.store.disks import backup_copies_fill_the_disk

HEADER = ["Nama Usaha", "Nama Pemilik", "Kabupaten/Kota", "Tanggal Terdata"]


def rows(n):
    return [[f"Usaha dengan nama cukup panjang {i}", f"Pemilik {i}", "Muaro Jambi",
             "01/03/2021"] for i in range(n)]


def schema(db):
    return db.execute_sql("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()


def fill_the_disk(db, spare_pages=3):
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages + spare_pages}")


@pytest.mark.parametrize("n", [50, 8000])  # row by row, and the bulk path
def test_import_on_a_full_disk(db, tmp_path, n):
    csv = write_csv(tmp_path / "u.csv", HEADER, rows(n))
    before = table_dump(db), schema(db)
    fill_the_disk(db)
    r = import_file(csv)
    assert not r.written and [e.code for e in r.report.errors] == ["disk_full"]
    assert "Disk penuh" in r.report.errors[0].message
    assert (table_dump(db), schema(db)) == before  # the summary triggers are back too


def test_package_merge_on_a_full_disk(tmp_path):
    district = tmp_path / "muaro.sqlite"
    db = init_database(district)
    office.set_office("1505")
    assert import_file(write_csv(tmp_path / "u.csv", HEADER, rows(2000))).written
    packages.export_package(tmp_path / "muaro.ikupkg", unsealed=True)
    db.close()
    province = tmp_path / "provinsi.sqlite"
    init_database(province).close()
    db = open_database(province)
    try:
        before = table_dump(db)
        fill_the_disk(db)
        with pytest.raises(pkgfile.PackageError, match="Disk penuh"):
            packages.import_package(tmp_path / "muaro.ikupkg")
        assert table_dump(db) == before
    finally:
        db.close()


def test_backup_on_a_full_disk(db, db_path, monkeypatch):
    backup_copies_fill_the_disk(monkeypatch)
    before = table_dump(db)
    with pytest.raises(backup.BackupError, match="disk penuh"):
        backup.create(db_path, "manual", conn=db.connection())
    assert backup.list_backups(db_path) == []
    assert not any(backup.folder_for(db_path).glob("*.sebagian"))
    assert table_dump(db) == before
    # an import whose backup cannot be made does not start
    r = import_file(write_csv(db_path.with_name("u.csv"), HEADER, rows(3)))
    assert not r.written and "Impor dibatalkan" in r.report.errors[0].message
    assert table_dump(db) == before
