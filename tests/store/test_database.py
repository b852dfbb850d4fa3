import sqlite3

import pytest

from iku_desktop.store import migrate
from iku_desktop.store import models as m
from iku_desktop.store.database import (
    DatabaseDamaged, DatabaseError, DatabaseMissing, open_database,
)


def test_missing_path_is_an_error_not_a_new_file(tmp_path):
    path = tmp_path / "salah-ketik.sqlite"
    with pytest.raises(DatabaseMissing, match="tidak ditemukan"):
        open_database(path)
    assert not path.exists()


def test_pragmas(db):
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_not_sqlite_is_reported(tmp_path):
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"%PDF-1.4 not a database" * 100)
    with pytest.raises(DatabaseDamaged, match="bukan"):
        open_database(path)


def test_damaged_file_is_reported(db_path):
    data = bytearray(db_path.read_bytes())
    # keep the header, overwrite the schema page and beyond with garbage
    for i in range(100, min(len(data), 20000)):
        data[i] = (i * 7) % 256
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError):
        open_database(db_path)


def test_foreign_keys_are_enforced(db):
    with pytest.raises(Exception):
        m.KoperasiTahunBuku.create(koperasi=99999, tahun=2022, volume_usaha=1, aset=1)


def test_money_columns_are_integers(db):
    cols = {r[1]: r[2] for r in db.execute_sql("PRAGMA table_info(koperasi_tahun_buku)")}
    assert all(cols[c] == "INTEGER" for c in ("volume_usaha", "aset", "modal_sendiri", "shu"))


def test_every_model_field_has_its_column(db):
    for model in m.ALL_MODELS:
        cols = {r[1] for r in db.execute_sql(f"PRAGMA table_info({model._meta.table_name})")}
        assert cols, model
        for f in model._meta.sorted_fields:
            assert f.column_name in cols, (model.__name__, f.column_name)


def test_migration_history(db):
    rows = db.execute_sql("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == list(range(1, migrate.latest_version() + 1))


def test_upgrade_from_first_migration_keeps_every_row(tmp_path):
    path = tmp_path / "old.sqlite"
    db = open_database(path, create=True, upgrade=False)
    migrate.upgrade(db, path, to_version=1)
    conn = db.connection()
    conn.execute("INSERT INTO koperasi (uuid, updated_at, nomor_badan_hukum, nama, "
                 "tanggal_badan_hukum, kabupaten_id, jenis) VALUES ('u1', 't', '1/BH/2000', "
                 "'Kop A', '2000-01-01', 1, 'jasa')")
    conn.execute("INSERT INTO koperasi_tahun_buku (uuid, updated_at, koperasi_id, tahun, "
                 "volume_usaha, aset) VALUES ('u2', 't', 1, 2022, 100, 200)")
    conn.execute("INSERT INTO usaha_kecil (uuid, updated_at, nama_usaha, nama_pemilik, "
                 "kabupaten_id, tanggal_terdata) VALUES ('u3', 't', 'U', 'P', 2, '2021-01-01')")
    before = {}
    for t in ("koperasi", "koperasi_tahun_buku", "usaha_kecil", "kabupaten"):
        cols = ", ".join(r[1] for r in conn.execute(f"PRAGMA table_info({t})"))
        before[t] = (cols, conn.execute(f"SELECT {cols} FROM {t}").fetchall())
    assert migrate.current_version(db) == 1
    db.close()

    db = open_database(path)  # upgrades to the latest
    conn = db.connection()
    assert migrate.current_version(db) == migrate.latest_version() > 1
    for t, (cols, rows) in before.items():  # later migrations may add columns
        assert conn.execute(f"SELECT {cols} FROM {t}").fetchall() == rows
    # the backup taken before the upgrade holds the old version
    from iku_desktop.store import backup

    backups = [b for b in backup.list_backups(path) if b.reason == "sebelum-migrasi"]
    assert len(backups) == 1
    old = sqlite3.connect(backups[0].path)
    assert old.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] == 1
    old.close()
    db.close()


def test_newer_schema_is_refused(db_path):
    db = open_database(db_path)
    db.execute_sql("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    db.close()
    with pytest.raises(DatabaseError, match="lebih baru"):
        open_database(db_path)
