"""The window on a file it must not use — another application's SQLite file — says so and
offers no restore; on a file it cannot write, it opens read-only with the reason; a
restore it offers for a damaged file is recorded in the audit log."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from iku_desktop.services import ownership
from iku_desktop.store import audit, backup
from iku_desktop.store.database import open_database
from ui import opening


@pytest.fixture
def boxes(monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: seen.append(
        (title, text)))
    monkeypatch.setattr(opening, "_offer_restore",
                        lambda parent, exc, latest: seen.append(("restore?", str(exc))) or True)
    return seen


def test_another_applications_file_is_refused_without_a_restore_offer(tmp_path, db_path,
                                                                      boxes):
    other = db_path.with_name("lain.sqlite")
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE pesanan (x)")
    conn.commit()
    conn.close()
    folder = backup.folder_for(other)  # a usable backup lies beside it: still no offer
    folder.mkdir()
    shutil.copy(db_path, folder / "20261101-080000-000000-manual.sqlite")
    assert backup.latest_usable(other) is not None
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    assert opening.open_for_window(None, other) is None
    assert [t for t, _ in boxes] == ["Basis data tidak dapat dibuka"]
    assert "bukan basis data IKU Desktop" in boxes[0][1]
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before


def test_a_file_that_cannot_be_written_opens_read_only(db_path, monkeypatch, boxes):
    from iku_desktop.store import dbfile

    monkeypatch.setattr(dbfile, "write_problem", lambda path: "sistem berkasnya hanya-baca")
    opened = opening.open_for_window(None, db_path)
    try:
        assert opened is not None and "hanya-baca" in opened.read_only
        assert ownership.read_only() == opened.read_only and boxes == []
    finally:
        opened.db.close()
        opening.close_for_window(db_path)


def test_the_restore_offered_for_a_damaged_file_is_audited(db_path, boxes):
    db = open_database(db_path)
    backup.create(db_path, "manual", conn=db.connection())
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    db_path.write_bytes(b"bukan basis data" * 1000)
    opened = opening.open_for_window(None, db_path)
    try:
        assert boxes[0][0] == "restore?"
        rows = audit.entries(opened.db.connection(), table="basis_data")
        assert [r.aksi for r in rows] == ["pulih"]
        assert rows[0].perubahan["keadaan_diganti_jenis"].startswith("berkas rusak")
    finally:
        opened.db.close()
        opening.close_for_window(db_path)
