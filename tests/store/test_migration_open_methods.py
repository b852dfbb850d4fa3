"""Migration 13 drops the CHECK on ``indikator.metode`` (the methods are registered in the
services) by rebuilding the table: an older database opens and upgrades with a backup
first, its rows, indexes and audit triggers intact, foreign keys still enforced."""

import sqlite3
from decimal import Decimal

import pytest

from iku_desktop.services.database import OFFICE_NAME, default_document_data
from iku_desktop.store import audit, backup, document_repo, migrate
from iku_desktop.store import models as m
from iku_desktop.store.database import open_database

TABLES = ("indikator", "target", "realisasi_manual", "audit", "audit_seal")


def schema_of(conn, table):
    return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? "
                               "AND type IN ('index', 'trigger')", (table,)).fetchall())


def rows(conn, table):
    return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


@pytest.fixture
def v12(tmp_path):
    """A database of version 12 holding the default document, a target and a manual
    realisasi, written through the audit."""
    path = tmp_path / "v12.sqlite"
    db = open_database(path, create=True, upgrade=False)
    migrate.upgrade(db, path, to_version=12)
    with audit.recording(db, "test"):
        m.Office.create(kind="provinsi", nama=OFFICE_NAME)
        document_repo.create_from_data(default_document_data())
    ind = m.Indikator.select().order_by(m.Indikator.id).first()
    with audit.recording(db, "test"):
        document_repo.set_target(ind.id, 2022, Decimal("12.5"))
        document_repo.set_realisasi_manual(ind.id, 2022, Decimal("7"))
    conn = db.connection()
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE indikator SET metode = 'jumlah_survei' WHERE id = ?", (ind.id,))
    before = {t: rows(conn, t) for t in TABLES}
    shape = {t: schema_of(conn, t) for t in ("indikator", "target", "realisasi_manual")}
    columns = conn.execute("PRAGMA table_info(indikator)").fetchall()
    db.close()
    return path, ind.id, before, shape, columns


def test_upgrade_keeps_rows_indexes_and_triggers_and_drops_the_check(v12):
    path, ind_id, before, shape, columns = v12
    db = open_database(path)  # upgrades
    conn = db.connection()
    assert migrate.current_version(db) == migrate.latest_version() >= 13
    assert {t: rows(conn, t) for t in TABLES} == before
    assert {t: schema_of(conn, t) for t in shape} == shape
    assert conn.execute("PRAGMA table_info(indikator)").fetchall() == columns
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # the backup taken before the upgrade holds version 12
    (old,) = [b for b in backup.list_backups(path) if b.reason == "sebelum-migrasi"]
    with sqlite3.connect(old.path) as copy:
        assert copy.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] == 12
    copy.close()

    # any method name is stored now, and the audit records the change
    with audit.recording(db, "test"):
        m.Indikator.update(metode="jumlah_survei").where(m.Indikator.id == ind_id).execute()
    assert m.Indikator.get_by_id(ind_id).metode == "jumlah_survei"
    last = conn.execute("SELECT tabel, aksi FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert last == ("indikator", "ubah")
    # the other constraints and the foreign keys stay
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE indikator SET polaritas = 'miring' WHERE id = ?", (ind_id,))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO target (uuid, updated_at, indikator_id, tahun, nilai) "
                     "VALUES ('x', 't', 99999, 2022, '1')")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM indikator WHERE id = ?", (ind_id,))
    db.close()
